"""Constructions that used to lose an event although its words were known: two events sharing one noun, a
predicate whose subject another trigger already reports, reduced relatives and fronted objects, declarative
acts. Each positive sentence must give every listed event type; each near miss must not give the type."""


import datetime as dt

import pytest
from event_helpers import types_in

from timeline.events_rules import find_triggers


def trigger_types(text: str) -> list[str]:
    return [rule.event_type.type for rule, _, _ in find_triggers(text)]


POSITIVE = [
    # one noun, two events: a breakdown and a resumption of the same talks
    (("suspension", "talks_resumed"),
     "The negotiations between Serbia and Kosovo, which collapsed in May, will resume in Brussels in September."),
    (("suspension", "talks_resumed"),
     "Peace talks between Colombia and the ELN, which stalled in January, are expected to resume in Havana on July 8."),
    (("talks_resumed",), "Negotiations between Armenia and Azerbaijan are to resume in Almaty next week."),
    # one noun, two events: sanctions imposed long ago and lifted now
    (("sanctions", "sanctions_eased"), "Washington lifted the sanctions that Congress imposed on Belarus in 2006."),
    # a coordinated predicate whose subject another trigger reports
    (("talks", "suspension"),
     "Talks between the Sudanese army and the rebels opened in Jeddah on May 6 but were adjourned on May 21."),
    (("talks", "suspension"),
     "A second round of negotiations between Israel and Hamas began in Doha on Monday, but it was suspended "
     "the next day."),
    # reduced relative and the signing still to come
    (("agreement",),
     "The accord, initialled by Serbian and Kosovar negotiators in Ohrid on Saturday, will be signed in Paris "
     "next month."),
    # a reduced relative and the main clause's predicate: two events of one noun
    (("relations_broken", "relations_restored"),
     "Relations between Qatar and Bahrain, severed in 2017, were restored in January."),
    (("sanctions", "sanctions_eased"), "The sanctions on Sudan, imposed in 1997, were lifted on Friday."),
    (("sanctions", "sanctions_eased"), "The embargo that Washington imposed on Cuba in 1962 was eased in March."),
    (("agreement", "withdrawal"),
     "The nuclear deal between Iran and the powers, signed in Vienna in 2015, was abandoned by Washington in 2018."),
    (("agreement", "suspension"),
     "The treaty with the United States, which Russia ratified in 2000, was suspended by Moscow in February."),
    # a request whose addressee is a long name
    (("appeal",), "Georgia and Moldova asked the Organization for Security and Cooperation in Europe to close its "
                  "office in Tbilisi on Friday."),
    # an agreement told by what the negotiators are to do
    (("agreement",), "Lavrov and Kerry agreed on Friday that negotiators should start work on a new treaty."),
    # a reply in kind, a verbless leg of a journey, an elliptical visit, a participial accusation
    (("weapons_test",),
     "India tested a bomb in May, and Pakistan answered with tests of its own at the end of that month."),
    (("visit",), "The trip would have been the first by a French foreign minister since Le Drian went in 2017."),
    (("relations_broken", "accusation"),
     "Egypt cut ties with Qatar on Monday, accusing the emirate of backing terrorism."),
    (("threat",), "The Arab League threatened Syria with sanctions on Saturday."),
    (("nomination",),
     "Two days after his inauguration in January, Biden named John Kerry, the former secretary of state, as his "
     "special envoy for climate."),
    # an elliptical accession, an invitation to a summit, an agreement on what was just named, a second caller
    (("agreement",), "The queue is long: Montenegro and Albania are expected to join in 2028."),
    (("summit",), "Macron said he would invite the leaders of the five Central Asian states to the Elysee in June."),
    (("agreement", "meeting"), "Putin and Erdogan agreed on it when they met in Sochi in September."),
    # a coordinated switch back, a widening of sanctions in a second predicate
    (("recognition",), "Kiribati switched its recognition to Taipei in 2003 and returned to Beijing in 2019."),
    (("meeting", "sanctions"), "EU leaders meet in Brussels on Thursday and could widen the sanctions against Iran."),
    (("weapons_test",), "Its missile tests in May 2019 alarmed Japan and South Korea."),
    # an envoy sent, named in an apposition
    (("visit",), "Guterres will send his personal envoy, Staffan de Mistura, to Rabat on Monday."),
    # fronted object
    (("agreement",), "A memorandum the three countries signed in Madrid last June bound Turkey, Finland and Sweden."),
]


@pytest.mark.parametrize(("event_types", "sentence"), POSITIVE)
def test_construction_keeps_every_event(event_types: tuple[str, ...], sentence: str) -> None:
    found = types_in(sentence)
    for t in event_types:
        assert t in found, (t, sentence, {k: [r.trigger for r in v] for k, v in found.items()})


def test_resumption_and_breakdown_have_their_own_dates() -> None:
    found = types_in("The talks between Japan and North Korea, which collapsed in March, will resume in October.")
    assert [(r.date_start, r.status) for r in found["suspension"]] == [("2019-03-01", "occurred")]
    assert [(r.date_start, r.status) for r in found["talks_resumed"]] == [("2019-10-01", "planned")]


def test_broken_down_talks_are_a_past_breakdown() -> None:
    found = types_in("The talks between Japan and North Korea, which broke down in March, will resume in October.")
    assert [(r.date_start, r.status) for r in found["suspension"]] == [("2019-03-01", "occurred")]


def test_initialled_and_to_be_signed_are_two_reports() -> None:
    found = types_in("The treaty, initialled by Greek and Macedonian negotiators in Prespa on Sunday, will be signed "
                     "in Athens next month.")
    assert sorted((r.date_start, r.status) for r in found["agreement"]) == [
        ("2019-06-09", "occurred"), ("2019-07-01", "planned")]


def test_then_on_to_is_a_leg_of_the_journey() -> None:
    assert trigger_types("Macron flew to Moscow on Tuesday for talks with Putin and then on to Tbilisi.").count(
        "visit") == 2


def test_threatened_sanctions_is_a_threat_trigger() -> None:
    assert "threat" in trigger_types("The league threatened economic and political sanctions on Saturday.")


def test_a_second_party_of_a_call_is_a_call_trigger() -> None:
    text = ("Obama spoke by phone with Israeli Prime Minister Benjamin Netanyahu, who warned against the deal, and "
            "with King Salman of Saudi Arabia.")
    assert trigger_types(text).count("phone_call") == 2


def test_the_switch_back_has_its_own_date() -> None:
    found = types_in("Nauru switched its recognition to Beijing in 2002 and returned to Taipei three years later.")
    assert sorted(r.date_start for r in found["recognition"]) == ["2002-01-01", "2005-01-01"]


def test_a_return_to_something_else_is_no_switch_back() -> None:
    text = "Kiribati switched its recognition to Taipei in 2003 and returned to football in 2019."
    assert trigger_types(text).count("recognition") == 1


def test_trip_began_is_a_visit_trigger() -> None:
    assert "visit" in trigger_types("The trip began on Wednesday in Jordan, where King Abdullah received Macron.")


NEAR_MISS = [
    # the predicate belongs to another subject, not to the talks
    ("talks_resumed", "The talks on trade failed in May and the factories will resume production in June."),
    ("suspension", "The talks focused on trade, and tariffs were suspended on Monday."),
    ("talks_resumed", "After the talks, the airline said flights to Tehran would resume their normal schedule."),
    # trips that are not visits
    ("visit", "The school trip began on Monday in Bavaria."),
    ("visit", "Her business trip ended in Lagos on Friday."),
    # a fronted object of something other than an agreement's parties
    ("agreement", "The deal the two companies signed in March gave Airbus the contract."),
    # the passive predicate of something else than the ties, sanctions or treaty
    ("relations_restored", "Relations between the two firms, strained by the merger, were tested in March."),
    ("sanctions_eased", "The tariffs on steel, imposed in 2018, hurt carmakers that were restored to profit later."),
    ("withdrawal", "The treaty was signed in 1990 and the building where it was signed was abandoned in 2005."),
    ("agreement", "Analysts agreed on Friday that the economy would slow."),
    ("agreement", "The ministers agreed that the experts were right."),
    ("appeal", "Lawyers asked the Supreme Court of India in March to read the file."),
    ("weapons_test", "Hospitals in Italy responded with tests of their own in March."),
    ("visit", "Half the jobs at the French plant went in 2018."),
    ("accusation", "The French coach was accusing."),
    ("nomination", "She named her dog, a poodle from Paris, as her best friend."),
    ("agreement", "The Brazilian striker is expected to join in July."),
    ("summit", "The Brazilian coach will invite the players of the national team to a training camp in June."),
    ("sanctions", "The French club will extend the contract of its coach in June."),
    ("visit", "The Spanish club sent its youth team to Madrid on Friday."),
    # a ban or moratorium on tests is no test
    ("weapons_test", "North Korea said it would extend its moratorium on missile tests beyond 2020."),
    ("weapons_test", "India has refused since 1996 to join the nuclear test ban."),
    # not the same noun shared: one trigger inside the other stays one event
    ("sanctions_eased", "Congress imposed sanctions on Belarus in 2006."),
]


@pytest.mark.parametrize(("event_type", "sentence"), NEAR_MISS)
def test_near_miss_is_not_the_event(event_type: str, sentence: str) -> None:
    assert event_type not in types_in(sentence) and event_type not in trigger_types(sentence), sentence


def test_an_invitation_to_visit_is_an_invitation_and_the_visit_it_offers() -> None:
    found = types_in("Putin and Bush met in Slovenia on Saturday. The two leaders invited each other to visit.")
    assert "proposal" in found and "visit" in found
    assert found["visit"][0].status != "occurred"


def test_a_gerund_after_after_has_the_subject_of_its_sentence() -> None:
    found = types_in("Honduras established diplomatic relations with China on Sunday, a day after ending more than "
                     "eight decades of official ties with Taiwan.")
    broken = found["relations_broken"][0]
    assert set(broken.countries) == {"HND", "TWN"} and broken.date == "2019-06-08"


def test_the_subject_after_a_dateline_with_its_agency_is_found() -> None:
    found = types_in("BEIJING (Reuters) — Honduras established diplomatic relations with China on Sunday, a day after "
                     "ending more than eight decades of official ties with Taiwan.")
    assert set(found["relations_broken"][0].countries) == {"HND", "TWN"}


ABOUT_ANGOLA = (
    "LUSAKA — Angola's government and the UNITA rebels signed a peace protocol on Sunday. Angola's president "
    "welcomed the accord, and Angolan officials said the army would stay in its barracks. The rains have been "
    "heavy this year.\n\nUnder the protocol, a general ceasefire is to take effect on Tuesday, officials said."
)


def test_an_event_naming_no_state_takes_the_state_the_article_is_about() -> None:
    ceasefire = types_in(ABOUT_ANGOLA)["ceasefire"][0]
    assert ceasefire.countries == ["AGO"]
    assert ("AGO", "context") in [(p[0], p[4]) for p in ceasefire.participants]


def test_no_state_is_given_when_none_stands_out() -> None:
    text = ("Angola and Zambia signed a trade protocol on Sunday, and Zambia and Angola also agreed on a border "
            "commission. The rains have been heavy this year.\n\nUnder a separate accord, a general ceasefire in the "
            "region is to take effect on Tuesday, officials said.")
    assert [r.countries for r in types_in(text).get("ceasefire", [])] in ([], [[]])


def test_an_event_taking_the_parties_before_it_also_takes_the_state_the_article_is_about() -> None:
    text = ("Rhodesia's leaders and the guerrillas signed a peace accord on Friday. Rhodesia's bishop welcomed it, "
            "and Rhodesian officials said the army would stay in its barracks.\n\n"
            "Lord Carrington of Britain chaired the talks. The truce takes effect on December 28.")
    truce = [r for r in types_in(text, dt.date(1979, 12, 22))["ceasefire"] if r.date == "1979-12-28"][0]
    assert "GBR" in truce.countries and "ZWE" in truce.countries
