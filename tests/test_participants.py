"""Participants named by anaphora: pronouns, "his guest", "the alliance", resolved by salience or left out."""

import datetime as dt

from timeline.actors import ActorDictionary
from timeline.anaphora import resolve_anaphora
from timeline.events import extract_mentions
from timeline.participants import group_actors
from timeline.sources import Article
from timeline.text import sentences

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def resolved(text: str, published: dt.date = PUBLISHED) -> dict[str, set[str]]:
    """Each anaphor's text with the actor ids it was resolved to."""
    d = ActorDictionary.load()
    actors = d.find(text, when=published)
    actors = sorted(actors + group_actors(d, text, actors), key=lambda m: m.start)
    out: dict[str, set[str]] = {}
    for a in resolve_anaphora(text, sentences(text), actors):
        out.setdefault(a.text, set()).add(a.actor_id)
    return out


def countries(text: str, trigger: str, published: dt.date = PUBLISHED) -> set[str]:
    """Countries of the mention whose trigger starts with `trigger`."""
    ms = [m for m in extract_mentions(Article(text=text, published=published, path="test"))
          if m.trigger.startswith(trigger)]
    assert ms, "no mention"
    return {p.country for p in ms[0].participants if p.country and p.role != "location"}


def test_he_is_the_subject_of_the_sentence_before() -> None:
    text = ("Indian Prime Minister Narendra Modi opened a trade fair in Delhi on Monday. "
            "He arrived in Tokyo on Tuesday for two days of talks.")
    assert resolved(text)["He"] == {"person:narendra-modi"}
    assert "IND" in countries(text, "arrived in")


def test_he_after_two_persons_is_left_out() -> None:
    text = ("Chinese President Xi Jinping and Russian President Vladimir Putin opened a forum on Monday. "
            "He arrived in Tokyo on Tuesday.")
    assert "He" not in resolved(text)


def test_he_after_a_name_nobody_can_identify_is_left_out() -> None:
    text = ("An engineer, Jonathan Whitcombe, spoke to Chinese President Xi Jinping on Monday. "
            "He arrived in Tokyo on Tuesday.")
    assert "He" not in resolved(text)


def test_he_after_a_titled_name_the_dictionary_does_not_know_is_that_person() -> None:
    text = ("Former envoy Jonathan Whitcombe spoke to Chinese President Xi Jinping on Monday. "
            "He arrived in Tokyo on Tuesday.")
    assert resolved(text)["He"] == {"person:unknown:jonathan-whitcombe"}


def test_his_in_a_later_clause_is_the_subject() -> None:
    text = "Narendra Modi held talks with Xi Jinping in Kazan on Wednesday, on his third trip to Russia this year."
    assert resolved(text)["his"] == {"person:narendra-modi"}


def test_his_guest_is_the_other_party() -> None:
    text = ("Japanese Prime Minister Shinzo Abe is making his first trip to China since 2011. "
            "Xi Jinping waited at the airport as his guest arrived in Beijing on Tuesday.")
    assert resolved(text)["his guest"] == {"person:shinzo-abe"}
    assert {"JPN", "CHN"} <= countries(text, "arrived in")


def test_counterpart_with_a_nationality_is_left_to_it() -> None:
    text = "Antony Blinken met his Chinese counterpart in Jakarta on Thursday."
    assert "his Chinese counterpart" not in resolved(text)


def test_it_is_a_state_subject_of_the_sentence_before() -> None:
    text = ("Nauru opened an embassy in Taipei in 1980. "
            "It switched its recognition to Beijing in 2002.")
    found = resolved(text)
    assert found["It"] == {"NRU"}
    assert "NRU" in countries(text, "switched")


def test_expletive_it_names_nobody() -> None:
    text = "Germany recalled its ambassador from Moscow on Friday. It was the first such step since 1990."
    assert "It" not in resolved(text)
    assert resolved(text)["its"] == {"DEU"}


def test_it_after_a_subject_that_is_no_actor_is_left_out() -> None:
    text = "The treaty was signed by Greece and Turkey in May. It entered into force on Monday."
    assert "It" not in resolved(text)


def test_they_is_the_coordinated_subject_before() -> None:
    text = ("Serbia and Kosovo exchanged prisoners on Monday. "
            "They agreed on Tuesday to reopen a border crossing, and their negotiators will meet next week.")
    assert resolved(text)["their"] == {"SRB", "XKX"}
    assert countries(text, "meet") == {"SRB", "XKX"}


def test_their_in_a_later_sentence_of_the_paragraph_is_the_pair() -> None:
    text = ("Greece and North Macedonia signed an accord in 2018. "
            "Their next meeting will take place in Skopje on Friday.")
    assert resolved(text)["Their"] == {"GRC", "MKD"}
    assert countries(text, "meeting") == {"GRC", "MKD"}


def test_their_after_a_subject_that_is_no_actor_is_left_out() -> None:
    text = ("Greece and North Macedonia signed an accord in 2018. "
            "Officials said their next meeting would take place in Skopje on Friday.")
    assert "their" not in resolved(text)


def test_they_after_a_single_actor_is_left_out() -> None:
    text = "Hungary blocked the statement on Monday. They said the wording was unacceptable."
    assert "They" not in resolved(text)


def test_the_alliance_and_the_league_are_the_organisations_named_before() -> None:
    text = ("NATO foreign ministers gathered in Brussels on Tuesday. The alliance agreed to send more troops. "
            "The Arab League suspended Syria in November, and the league took the same step against Libya.")
    found = resolved(text)
    assert found["The alliance"] == {"org:NATO"}
    assert found["the league"] == {"org:ARABLEAGUE"}


def test_the_bloc_without_an_organisation_before_is_left_out() -> None:
    assert "the bloc" not in resolved("Ministers said the bloc would respond on Friday.")


def test_her_as_an_object_is_left_out() -> None:
    text = "Theresa May flew to Berlin on Monday. Angela Merkel received her at the chancellery."
    assert "her" not in resolved(text, dt.date(2018, 6, 12))


def test_their_after_one_person_meeting_another_is_the_two() -> None:
    text = ("Indian Prime Minister Narendra Modi met Chinese President Xi Jinping in Kazan on Wednesday. "
            "Their previous meeting took place in Bali in 2022.")
    assert resolved(text)["Their"] == {"person:narendra-modi", "person:xi-jinping"}


def test_their_at_a_paragraph_start_is_the_last_pair_of_the_paragraph_before() -> None:
    text = ("Serbia and Kosovo signed a deal in Brussels on Monday.\n\n"
            "Their next meeting is set for July.")
    assert resolved(text)["Their"] == {"SRB", "XKX"}


def test_a_possessive_inside_a_trigger_is_its_actor() -> None:
    text = "Narendra Modi held talks with Vladimir Putin on Tuesday, on his second trip to Russia this year."
    ms = [m for m in extract_mentions(Article(text=text, published=PUBLISHED, path="test"))
          if m.event_type.family == "visit"]
    assert ms and ("person:narendra-modi", "actor") in {(p.actor_id, p.role) for p in ms[0].participants}


def test_an_elided_subject_is_the_subject_of_the_clause_before() -> None:
    text = ("Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Moscow on Monday, "
            "and then flew to Vienna on Tuesday.")
    assert countries(text, "flew to") == {"IND", "AUT"}


def test_an_expletive_it_lets_their_look_back() -> None:
    text = ("Chinese President Xi Jinping and Russian President Vladimir Putin signed a declaration on Monday. "
            "It was their second meeting this year.")
    assert resolved(text)["their"] == {"person:xi-jinping", "person:vladimir-putin"}


def test_capitals_before_a_signing_verb_are_parties() -> None:
    assert countries("Beijing and Tokyo signed the treaty on Tuesday.", "signed") == {"CHN", "JPN"}
    assert countries("Moscow's deal with Kyiv was signed on Tuesday.", "deal") >= {"RUS", "UKR"}


def test_a_capital_naming_a_document_is_not_a_party() -> None:
    assert "FRA" not in countries("Brazil and India signed the Paris climate agreement on Tuesday.", "signed")


def test_the_two_sides_among_onlookers_are_the_story_pair() -> None:
    text = ("Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti signed a deal in Brussels "
            "on Monday.\n\nGerman Chancellor Olaf Scholz and French President Emmanuel Macron watched as the two "
            "leaders shook hands. The accord builds on a process begun in 2013, when the two sides signed a "
            "declaration.")
    for trigger in ("shook hands", "signed a declaration"):
        assert countries(text, trigger) >= {"SRB", "XKX"}
        assert not countries(text, trigger) & {"DEU", "FRA"}


def test_the_three_countries_are_the_three_named_before() -> None:
    text = ("Egypt and Sudan agreed on Monday to resume talks on the dam, in a meeting hosted in Addis Ababa by "
            "Ethiopia's prime minister. The three countries issued a joint statement on Tuesday.")
    assert countries(text, "issued") == {"EGY", "SDN", "ETH"}


def test_the_three_governments_are_the_last_three_states_named_before_the_sentence() -> None:
    text = ("South Africa notified the UN of its own withdrawal last week, and Gambia announced its own withdrawal "
            "on Tuesday. On Monday Burundi suspended its cooperation with the UN human rights office. Senegal's "
            "justice minister urged the three governments on Wednesday to reconsider.")
    assert countries(text, "urged") == {"SEN", "ZAF", "GMB", "BDI"}


def test_a_capital_naming_a_treaty_is_no_party() -> None:
    text = "Burundi will cease to be a party to the Rome Statute, the court's founding treaty, on October 27 next year."
    assert countries(text, "cease to be a party to") == {"BDI"}


def test_a_capital_naming_a_group_is_no_party() -> None:
    text = "Armenia and Azerbaijan asked the OSCE on Friday to wind up the Minsk Group, which has mediated since 1992."
    assert "BLR" not in countries(text, "asked")


def test_a_big_city_is_a_place_not_a_party() -> None:
    text = ("The United States and North Korea began talks on the nuclear programme in May. A new round of "
            "negotiations opened in Geneva on July 8, but it was suspended the next day.")
    ms = [m for m in extract_mentions(Article(text=text, published=PUBLISHED, path="test"))
          if m.trigger.startswith("negotiations")]
    assert {(p.country, p.role) for p in ms[0].participants} >= {("CHE", "location"), ("USA", "participant")}


def test_a_capital_naming_a_summit_is_its_venue() -> None:
    text = ("Relations between Tokyo and Seoul have barely improved since the Hanoi summit in February. "
            "Talks between Ankara and Athens resumed after the Helsinki summit last year.")
    assert countries(text, "summit") == {"JPN", "KOR"}
    ms = [m for m in extract_mentions(Article(text=text, published=PUBLISHED, path="test")) if m.trigger == "summit"]
    assert ("VNM", "location") in {(p.country, p.role) for p in ms[0].participants}


def test_the_trip_naming_only_its_host_has_the_visitor_told_before() -> None:
    text = ("Indian Prime Minister Narendra Modi landed in Tokyo on Tuesday for a two-day visit.\n\n"
            "The trip had been due to begin on Monday but was delayed at Japan's request.")
    assert "IND" in countries(text, "trip")


def test_the_president_is_the_person_named_with_that_title_before() -> None:
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Monday.\n\n"
            "On Tuesday the president met Ethiopian officials and signed a trade accord.")
    assert resolved(text)["the president"] == {"person:william-ruto"}
    assert "KEN" in countries(text, "signed")


def test_the_president_of_a_named_state_is_left_to_it() -> None:
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Monday. He was received by the president of "
            "Ethiopia.")
    assert "the president" not in resolved(text)


def test_talks_naming_only_their_chair_take_the_parties_of_the_story() -> None:
    text = ("Cyprus and Turkey signed a framework deal on Friday.\n\n"
            "Reporters waited outside for hours.\n\n"
            "The talks, chaired by the Norwegian diplomat Kai Eide, began in March 2008.")
    assert countries(text, "talks") >= {"CYP", "TUR", "NOR"}


def test_a_truce_brokered_by_a_third_state_keeps_its_own_parties() -> None:
    text = "Israel and Hamas agreed on Tuesday to a truce brokered by Egypt."
    assert countries(text, "agreed") == {"ISR", "EGY"}


def test_the_government_is_the_state_whose_government_was_named_before() -> None:
    text = ("ADDIS ABABA — Sudan's government and rebel leaders met in Juba on Monday, with Kenyan and Ugandan "
            "envoys present.\n\nA ceasefire declared by the government in May had collapsed.")
    assert countries(text, "ceasefire") == {"SDN"}


def test_the_government_is_the_dateline_state_the_story_names_most() -> None:
    text = ("MANILA — The Philippines protested to China on Monday over a collision near a disputed reef. Philippine "
            "officials said Chinese vessels had rammed a supply boat.\n\nA truce declared by the government in "
            "April had held.")
    assert countries(text, "truce") == {"PHL"}


def test_the_government_of_an_unclear_story_state_is_left_out() -> None:
    text = ("Chile and Peru signed a fisheries accord on Monday.\n\n"
            "A truce declared by the government in April had held.")
    d = ActorDictionary.load()
    assert not [g for g in group_actors(d, text, d.find(text, when=PUBLISHED)) if g.text == "the government"]


def test_they_after_an_organisation_subject_is_the_organisation() -> None:
    text = "NATO defence ministers gathered in Vilnius on Tuesday. They agreed to impose sanctions on Belarus."
    assert resolved(text)["They"] == {"org:NATO"}


def test_their_after_an_organisation_subject_is_left_out() -> None:
    assert "their" not in resolved("Leaders of the Group of Seven ended their summit in Bari on Saturday.")


def test_talks_brokered_by_third_states_carry_the_signatories_to_later_mentions() -> None:
    text = ("DOHA, Qatar — Colombia signed a truce with rebel commanders on Sunday after a month of talks brokered "
            "by Norway and Cuba.\n\nThe talks began on May 2 in a hotel outside the city.")
    assert countries(text, "talks began") >= {"COL", "NOR", "CUB"}


def test_a_trigger_ending_in_a_preposition_takes_the_actor_after_it() -> None:
    text = "Australian Foreign Minister Penny Wong cancelled a trip to Jakarta on Monday after a storm."
    assert countries(text, "a trip") == {"AUS", "IDN"}


def test_a_capital_names_the_state_of_the_events_own_date() -> None:
    text = "Historians recalled that Moscow and Washington signed the INF treaty in December 1987 after years of talks."
    assert countries(text, "signed", dt.date(2019, 3, 7)) == {"SUN", "USA"}
    text = "Moscow and Washington signed a new arms accord in Geneva on Tuesday, officials said."
    assert countries(text, "signed", dt.date(2019, 3, 7)) == {"RUS", "USA"}


def test_a_capital_a_venue_lies_north_of_is_a_place_not_a_party() -> None:
    text = "Yemen's government and the Houthis ended a week of talks at a castle north of Stockholm on Thursday."
    talks = extract_mentions(Article(text=text, published=dt.date(2018, 12, 14)))
    assert talks and ("SWE", "location") in [(p.actor_id, p.role) for p in talks[0].participants]
    assert ("SWE", "participant") not in [(p.actor_id, p.role) for p in talks[0].participants]


def test_the_two_men_hosted_by_a_person_are_not_that_person() -> None:
    text = ("French President Emmanuel Macron and European Council President Charles Michel met the leaders of "
            "Armenia and Azerbaijan in Prague on Thursday. Mr. Michel last hosted the two men in Brussels on "
            "August 31.")
    hosted = [m for m in extract_mentions(Article(text=text, published=dt.date(2022, 10, 7)))
              if m.trigger.startswith("hosted")]
    assert hosted and "person:emmanuel-macron" not in [p.actor_id for p in hosted[0].participants]
