"""Trigger vocabulary of the event-type table: each pattern family finds its event in a sentence of its own and
stays silent on a near miss (the same words in a non-diplomatic sense)."""

import datetime as dt

import pytest

from timeline.extract import extract_reports
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def types_in(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for r in extract_reports(Article(text=text, published=PUBLISHED, path="test")):
        found.setdefault(r.event_type, []).append(r)
    return found


POSITIVE = [
    # phone calls (CAMEO 041)
    ("phone_call", "Trump telephoned Putin on Monday to congratulate him on his victory."),
    ("phone_call", "The French president phoned his German counterpart on Tuesday."),
    ("phone_call", "Biden called Xi Jinping on Friday to discuss the crisis in Ukraine."),
    ("phone_call", "Macron spoke with Vladimir Putin by phone on Monday."),
    ("phone_call", "Modi held a video call with Biden on Monday."),
    # visits (CAMEO 042)
    ("visit", "The Chinese foreign minister went to Washington in June for talks with his counterpart."),
    ("visit", "Secretary of State Antony Blinken landed in Beijing on Sunday."),
    ("visit", "Chinese President Xi Jinping embarked on a three-nation tour of Europe on Sunday."),
    # meetings and conferences (CAMEO 040/043)
    ("meeting", "The leaders of Russia and Ukraine sat down together in Paris on Monday."),
    ("meeting", "The U.N. Security Council convened on Monday to discuss North Korea's launch."),
    ("meeting", "Iran and Russia attended a conference in Geneva on Monday."),
    ("meeting", "The conference opened on Monday in Crans-Montana with the leaders of Cyprus, Greece and Turkey."),
    ("meeting", "Putin welcomed Erdogan to the Kremlin on Tuesday."),
    ("meeting", "Biden discussed trade with the leaders of China and Japan on Monday."),
    # ceasefires (CAMEO 0871)
    ("ceasefire", "A humanitarian truce declared by the Ethiopian government in March raised hopes of peace."),
    ("ceasefire", "A fragile ceasefire between Armenia and Azerbaijan took hold on Saturday."),
    # withdrawal from treaties and organisations (CAMEO 16x)
    ("withdrawal", "Donald Trump pulled the United States out of it in 2018."),
    ("withdrawal", "President Trump announced in June 2017 that the United States would pull out of the accord."),
    ("withdrawal", "The United States notified the United Nations of its withdrawal on Monday."),
    ("withdrawal", "Britain left the European Union on January 31."),
    # agreements (CAMEO 057)
    ("agreement", "The Joint Comprehensive Plan of Action was reached in Vienna in July 2015 by Iran and six powers."),
    ("agreement", "A peace plan agreed in Minsk in February 2015 by Russia and Ukraine was never implemented."),
    ("agreement", "The G20 declaration was adopted on Saturday in New Delhi by India and the other members."),
    ("agreement", "India and Pakistan agreed on Sunday that each side would give notice of missile tests."),
    ("agreement", "Israel and the United Arab Emirates hammered out a deal in August 2018."),
    ("agreement", "Finland joined NATO on April 4."),
    ("agreement", "The African Union became a permanent member of the G20 on Saturday."),
    ("treaty_extension", "The START treaty between Russia and the United States was extended in February."),
    # talks (CAMEO 046) and their suspension (164)
    ("talks", "The talks between Serbia and Kosovo ended without agreement on Monday."),
    ("talks", "Russia and Ukraine held two more rounds in Belarus on Monday."),
    ("talks", "Norway mediated talks between Israel and the Palestinians in 1993."),
    ("suspension", "The talks between Iran and the six powers were adjourned on June 2."),
    ("suspension", "China cut off military channels with the United States in August 2018."),
    # sanctions (CAMEO 163) and their easing (085)
    ("sanctions", "Donald Trump reimposed sanctions on Iran in 2018."),
    ("sanctions", "Britain targeted five Russian banks and three wealthy businessmen on Tuesday."),
    ("sanctions", "Germany was halting the approval of the Nord Stream 2 pipeline on Tuesday, Olaf Scholz said."),
    ("sanctions", "President Joe Biden announced measures against two large Russian state banks on Tuesday."),
    ("sanctions", "The European Union froze the assets of Russian President Vladimir Putin on Friday."),
    ("sanctions", "The United States hit Russia with new sanctions on Monday."),
    ("sanctions", "India suspended visa services for Canadians on Monday."),
    ("sanctions_eased", "The United States lifted tariffs on Canadian steel in May."),
    ("sanctions_eased", "Japan resumed direct flights to China in March."),
    # recognition (054), relations (161/054), expulsions (166)
    ("recognition", "Nauru switched its recognition to Beijing in 2002."),
    ("recognition", "Panama switched diplomatic ties from Taipei to Beijing in June 2017."),
    ("relations_restored", "Israel and Morocco exchanged ambassadors in 2018."),
    ("relations_restored", "Saudi Arabia opened an embassy in Baghdad in December 2015."),
    ("expulsion", "Russia closed its consulate in Yekaterinburg on Monday."),
    ("expulsion", "India responded on Monday, telling Canada's acting high commissioner, Stewart Wheeler, and "
                  "five other officials to leave within a week."),
    ("expulsion", "In October 2018, India forced Canada to withdraw 41 diplomats from the country."),
    ("expulsion", "Canada and India each expelled six of the other's diplomats on Monday."),
    ("expulsion", "The United States ordered the closure of the Chinese consulate in Houston on Wednesday."),
    # accusations and protests (11x), rejections (12x), threats (13x)
    ("accusation", "Japan protested through its embassy in Beijing on Tuesday."),
    ("accusation", "In September 2018, Justin Trudeau told parliament there were credible allegations linking Indian "
                   "agents to the killing."),
    ("accusation", "China summoned Japan's ambassador on Monday."),
    ("rejection", "Danish Prime Minister Mette Frederiksen dismissed the idea as absurd on Sunday."),
    ("threat", "The United States issued an ultimatum to Iraq on Monday."),
    # proposals (03x) and appeals (02x)
    ("proposal", "Ukraine put forward a proposal on Tuesday to adopt a neutral status."),
    ("proposal", "France tabled a draft resolution on Syria at the Security Council on Monday."),
    ("appeal", "The pope appealed for a ceasefire between Russia and Ukraine on Sunday."),
    # weapons tests (150)
    ("weapons_test", "North Korea launched a ballistic missile over Japan on Tuesday."),
    ("weapons_test", "The missile was the first launched over Japanese territory since September 2017 by North Korea."),
    ("weapons_test", "Russia tested a hypersonic missile on Monday."),
    # nominations and elections
    ("nomination", "Bush named Rice's deputy, Stephen Hadley, to succeed her on Tuesday."),
    ("nomination", "Yoshihide Suga succeeded Shinzo Abe as prime minister of Japan in September 2018."),
    ("election", "Taiwanese voters elected Lai Ching-te on January 13."),
    ("election", "The reshuffle follows Bush's re-election in the United States on November 2, 2018."),
    ("election", "Voters in Colombia voted in a referendum on Sunday."),
    ("sanctions", "Germany halted imports of Russian oil on Monday."),
    ("sanctions", "The United States suspended flights to Cuba on Monday."),
    ("meeting", "The U.N. Security Council convened on Monday after the launch by North Korea."),
    ("sanctions", "South Korea said it would announce unilateral measures against North Korea next week."),
    ("agreement", "Britain and the European Union agreed a deal on trade in February."),
    ("visit", "The Chinese foreign minister is in Moscow for talks with Sergei Lavrov this week."),
    ("talks", "Henry Kissinger's shuttle diplomacy between Egypt and Israel began in January 1974."),
    ("proposal", "Kim Jong Un invited Moon Jae-in to Pyongyang in February."),
    ("nomination", "Rishi Sunak became prime minister of Britain in October 2018."),
    ("suspension", "The African Union suspended Mali in June 2018."),
    ("suspension", "Russia was expelled from the Council of Europe in March 2018."),
    ("talks", "Qatar mediated between Israel and Hamas in November."),
    # passive and nominal forms
    ("relations_restored", "Diplomatic relations between Cuba and the United States were restored in July 2015."),
    ("relations_broken", "Relations between Iran and Saudi Arabia were severed in January 2016."),
    ("expulsion", "Twenty Russian diplomats were expelled from Germany on Monday."),
    ("expulsion", "The ambassador of Pakistan was expelled by India in August 2018."),
    ("accusation", "The Russian ambassador was summoned by the Foreign Office in London on Monday."),
    ("ceasefire", "A truce between Sudan's warring parties was brokered by Saudi Arabia and the United States in May."),
    ("agreement", "The treaty between Japan and China was signed in Beijing in August 1978."),
    ("weapons_test", "Three missiles were fired by North Korea into the sea on Thursday."),
    ("nomination", "Fumio Kishida was chosen as prime minister of Japan in October 2018."),
    ("recognition", "Kosovo's independence was recognised by the United States in February 2008."),
    ("withdrawal", "Britain's exit from the European Union took place on January 31, 2019."),
    ("withdrawal", "The withdrawal of the United States from the Paris accord took effect on November 4, 2018."),
    ("sanctions_eased", "The lifting of sanctions against Iran came in January 2016."),
    ("sanctions", "The imposition of sanctions on Russia by the EU began in 2014."),
    ("meeting", "Trump dined with Xi at Mar-a-Lago on Thursday."),
    ("meeting", "Finland played host to Trump and Putin in July 2018."),
    ("visit", "Blinken flew into Kyiv on Wednesday."),
    ("visit", "Modi arrived at the White House on Thursday."),
    ("talks", "Lavrov had talks with his Indian counterpart in New Delhi on Friday."),
    ("suspension", "Russia put the talks with Ukraine on hold in May."),
    ("election", "Iraqis cast their ballots on Sunday."),
    ("nomination", "Rishi Sunak replaced Liz Truss as prime minister of Britain in October 2018."),
    ("nomination", "Kishida took over as prime minister of Japan in October 2018."),
    ("proposal", "Macron floated the idea of a European army in November."),
    ("meeting", "Clinton brought the leaders of Israel and Egypt to Camp David in September 1978."),
    ("statement", "Ethiopia said on Monday that it would fully implement the Algiers agreement with Eritrea."),
    ("visit", "Vajpayee was greeted at the border by his Pakistani counterpart, Nawaz Sharif, on Saturday."),
    ("talks", "Russia and Ukraine kicked off talks in Istanbul on Tuesday."),
    ("meeting", "Netanyahu and Biden huddled at the White House on Monday."),
    ("agreement", "Russia and China announced a \"no limits\" partnership in February 2018."),
    ("sanctions", "Russia halted gas supplies to Poland and Bulgaria in April 2018."),
    ("recognition", "Spain, Ireland and Norway recognised a Palestinian state on Tuesday."),
    ("election", "Slovakia elected a new president on Saturday."),
    ("election", "Voters in Argentina voted on Sunday in a presidential runoff."),
    ("agreement", "The document was signed by Robert Gallucci and Kang Sok Ju of North Korea on Friday."),
    ("agreement", "Netanyahu and the foreign ministers of the UAE and Bahrain signed the documents on Tuesday."),
    ("relations_restored", "The ties between India and Israel were raised to a strategic partnership on Tuesday."),
    ("sanctions", "Japan said on Thursday that it had frozen new grants and loans to India."),
    ("talks_resumed", "North Korea returned to the negotiating table in Stockholm in October."),
    ("talks_resumed", "The talks between Iran and the United States were resumed in Vienna in April."),
    ("intent_to_meet", "Kim Jong Un expressed his willingness to meet Trump in March."),
    ("meeting", "The U.N. Security Council held an emergency session on North Korea on Monday."),
    ("meeting", "Iran held consultations with Russia in Moscow on Monday."),
    # verb templates (timeline/events_lexicon.py): phrasal travel verbs, plan forms, inflections in both spellings
    ("visit", "After Hanoi the German chancellor travelled on to Jakarta on Friday."),
    ("visit", "The Indian prime minister headed on to Canberra on Sunday."),
    ("visit", "The French foreign minister jetted to Riyadh on Monday."),
    ("visit", "The Turkish president set off for Budapest on Thursday."),
    ("visit", "The American president touched down in Vietnam on Sunday."),
    ("visit", "The British foreign secretary stopped off in Muscat on Tuesday."),
    ("visit", "The Brazilian president is expected in Lisbon on Friday."),
    ("visit", "The Japanese premier went to Canberra in 2018, officials recalled."),
    ("visit", "The German chancellor's trip to India had been scheduled to begin on Tuesday."),
    ("meeting", "Foreign ministers of Norway, Sweden and Finland assembled in Iceland on Thursday."),
    ("meeting", "The presidents of Kenya and Somalia chatted briefly in Bali on Tuesday."),
    ("meeting", "The Canadian and Indian leaders held a one-on-one meeting in Rome on Sunday."),
    ("agreement", "Serbia and Kosovo initialed an accord on energy in Ohrid on Saturday."),
    ("agreement", "Chile and Argentina thrashed out a border settlement in March."),
    ("agreement", "Vietnam and Indonesia nailed down a maritime agreement on Thursday."),
    ("agreement", "The memorandum which Norway and Sweden inked in Oslo on Monday was published."),
    ("agreement", "Ghana and Togo unveiled a road map for their border on Wednesday."),
    ("agreement", "NATO members agreed on Tuesday to admit Sweden to the alliance."),
    ("agreement", "Saudi Arabia and Egypt became full members of the bank on Monday."),
    ("nomination", "Kenya's president sacked Raphael Tuju as foreign minister on Monday."),
    ("nomination", "Peru's president dismissed his foreign minister on Tuesday."),
    ("nomination", "The Italian ambassador was removed from his post on Friday, Italy said."),
    ("election", "Voters in Chile elect a new congress on November 21."),
    ("rejection", "Russia and China voted against the resolution on Friday."),
    ("appeal", "Ukraine asked the International Court of Justice to order a halt on Sunday."),
    ("appeal", "Mali sought the help of Russia in December."),
    ("proposal", "The Armenian delegation tabled a counter-offer in Brussels on Friday."),
    ("proposal", "Qatar presented a compromise to Israel and Hamas on Monday."),
    ("relations_broken", "France called home its ambassador to Canberra on Friday."),
    ("relations_broken", "Paris recalled Philippe Etienne from Washington on Friday."),
    ("withdrawal", "Russia annulled its fisheries agreement with Norway in February."),
    ("ceasefire", "Israel and Hamas agreed on Friday to stop fighting in Gaza."),
    ("meeting", "The Japanese prime minister called on King Charles at Buckingham Palace on Tuesday."),
    ("meeting", "The Élysée cancelled a state dinner for the Chinese president planned for Friday."),
    ("talks", "Egypt held discussions with Israel on the Gaza crossing on Monday."),
    ("agreement", "Iran and the six powers hope to turn the framework into a final agreement by June 30."),
    ("sanctions", "China imposed a ban on imports of Japanese seafood on Thursday."),
    ("threat", "Russia warned Finland of consequences on Friday."),
    ("accusation", "Britain held Russia responsible for the attack on Tuesday."),
    ("demand", "Iran demanded the release of its tanker from Britain on Saturday."),
]

NEGATIVE = [
    ("phone_call", "The pope called on Russia and Ukraine on Sunday to end the war."),
    ("phone_call", "Russia called the launch a provocation on Monday."),
    ("phone_call", "Church bells rang in Paris on Monday as France mourned."),
    ("visit", "The Labour Party came to power in Britain in 1997."),
    ("visit", "The missile landed in Japan's exclusive economic zone on Tuesday."),
    ("meeting", "The Iranian foreign minister held a news conference in Tehran on Monday."),
    ("meeting", "China's foreign minister told a news conference in Beijing on Monday that China wanted peace."),
    ("withdrawal", "The United States completed its withdrawal of troops from Afghanistan on Monday."),
    ("agreement", "Analysts in Washington agreed on Monday that the talks with Iran had failed."),
    ("agreement", "Sanna Marin became a member of parliament in Finland in 2015."),
    ("sanctions", "Russian missiles targeted Ukrainian energy companies on Tuesday."),
    ("sanctions_eased", "The European Central Bank released funds to Greece in June."),
    ("talks", "The golfers from Japan and China held two more rounds of golf in Tokyo on Monday."),
    ("expulsion", "The company ordered its staff in France to leave the office early on Friday."),
    ("accusation", "Thousands protested in the streets of Paris on Saturday."),
    ("accusation", "Britain criticised Russia on Monday for its human rights record."),
    ("weapons_test", "Sony launched into Japanese markets with a new phone on Monday."),
    ("nomination", "A street in London named after Nelson Mandela was opened on Monday."),
    ("rejection", "Prime Minister Boris Johnson dismissed the health secretary on Monday."),
    ("election", "President-elect Donald Trump spoke by telephone with Taiwan's president on Friday."),
    ("meeting", "The German parliament convened on Tuesday to debate the budget."),
    ("meeting", "The festival brought together artists from France and Italy on Saturday."),
    ("accusation", "Russian police detained people who protested through the night in Moscow on Monday."),
    ("appeal", "India carried out two more nuclear tests on Wednesday, defying international appeals for restraint."),
    ("sanctions", "Brazil halted exports of beef after a mad cow case on Tuesday."),
    ("sanctions", "Airlines in India suspended flights because of fog on Monday."),
    ("visit", "The president of Germany is in favour of talks with Russia, he said on Monday."),
    ("nomination", "Barack Obama became the first sitting American president to visit Hiroshima on Friday."),
    ("suspension", "Twenty Russian diplomats were expelled from Germany on Monday."),
    ("sanctions", "The lifting of sanctions against Iran came in January 2016."),
    ("visit", "The Nobel Peace Prize went to Ethiopia's Prime Minister Abiy Ahmed in October 2018."),
    ("visit", "Trade between China and the United States stopped in March."),
    ("meeting", "The prime minister discussed the budget with the Japanese parliament on Monday."),
    ("proposal", "Israel invited foreign journalists to the Gaza border on Tuesday."),
    ("nomination", "Iran's president was confirmed as the winner of the election on Saturday."),
    ("visit", "The French president arrived at a decision about Iran on Monday."),
    ("meeting", "The war brought Russian troops to the border of Ukraine in February 2018."),
    ("relations_restored", "Israel signed agreements establishing formal relations with the United Arab Emirates on "
                           "Tuesday."),
    ("visit", "Germany recalled its ambassador to Russia for consultations on Monday."),
    ("talks", "Kuwait and the United States mediated for years between Qatar and Saudi Arabia."),
    ("talks_resumed", "The French team returned to the table in Paris after lunch on Monday."),
    ("meeting", "The Russian parliament held a session on the budget on Monday."),
    # near misses of the verb templates: the same verbs without their diplomatic complement
    ("visit", "The company flew the flag of Greece on its ships in March."),
    ("visit", "The singer went on to win three awards in Berlin on Monday."),
    ("visit", "The rebel leader came to Power in 2012 after a coup, Reuters said."),
    ("visit", "The verdict is expected in March, the court in Paris said on Monday."),
    ("visit", "The spacecraft touched down in the Pacific Ocean's waters on Sunday."),
    ("meeting", "Thousands of protesters gathered in Paris on Saturday."),
    ("meeting", "The Russian foreign minister spoke briefly to reporters in Moscow on Monday."),
    ("agreement", "Apple struck a licensing arrangement with Samsung in March."),
    ("agreement", "Germany's football team signed the new coach in March."),
    ("nomination", "A street in Nairobi was named after the former foreign minister in March."),
    ("nomination", "The missile was fired as a warning to South Korea on Monday."),
    ("nomination", "Kenya launched a website for its foreign ministry on Monday."),
    ("election", "Voters in Chile went shopping on November 21."),
    ("rejection", "Russia voted in a referendum on Sunday."),
    ("appeal", "The reporter asked the president about Gaza on Monday."),
    ("proposal", "The Japanese company presented its new phone in Tokyo on Monday."),
    ("relations_broken", "Toyota recalled 20,000 cars from the United States on Friday."),
    ("meeting", "The pope called on the president of Peru to pardon the prisoners on Sunday."),
    ("sanctions", "France imposed a ban on smoking in parks on Monday."),
    ("demand", "Voters in Germany demanded cheaper energy on Monday."),
]


@pytest.mark.parametrize("event_type,sentence", POSITIVE)
def test_vocabulary_finds_the_event(event_type: str, sentence: str) -> None:
    found = types_in(sentence)
    assert event_type in found, {t: [(r.date, r.status) for r in rs] for t, rs in found.items()}


@pytest.mark.parametrize("event_type,sentence", NEGATIVE)
def test_near_miss_is_not_the_event(event_type: str, sentence: str) -> None:
    found = types_in(sentence)
    assert event_type not in found, {t: [(r.date, r.status) for r in rs] for t, rs in found.items()}


@pytest.mark.parametrize("sentence", [
    "Germany and France pushed back the meeting of their foreign ministers to May.",
    "The May meeting of Germany and France was rescheduled.",
    "The summit between Russia and the United States was postponed on Monday.",
])
def test_postponement_is_a_status(sentence: str) -> None:
    found = [r for rs in types_in(sentence).values() for r in rs]
    assert found and all(r.status == "postponed" for r in found), [(r.event_type, r.status) for r in found]


def test_calling_for_a_ceasefire_is_no_ceasefire_called() -> None:
    found = types_in("The United Nations called for a ceasefire between Israel and Hamas on Monday.")
    assert all(r.status != "occurred" for r in found.get("ceasefire", [])), found
    assert "appeal" in found
