"""Status of event mentions (timeline.status): scheduled present, reported future, participles, temporal clauses."""

import datetime as dt

import pytest

from timeline.extract import extract_reports
from timeline.sources import Article
from timeline.status import mention_status

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def reports(text: str, published: dt.date = PUBLISHED):
    return extract_reports(Article(text=text, published=published, path="test"))


def one(text: str, event_type: str, published: dt.date = PUBLISHED):
    found = [r for r in reports(text, published) if r.event_type == event_type]
    assert len(found) == 1, [(r.event_type, r.date, r.status) for r in reports(text, published)]
    return found[0]


# --- the present simple or progressive of a schedule -----------------------------------------------------------

@pytest.mark.parametrize("sentence,date", [
    # a weekday ahead, today, a weekday the tagger put behind (the next one is meant), "next month"
    ("Indian Prime Minister Narendra Modi visits Japan on Friday.", "2019-06-14"),
    ("Indian Prime Minister Narendra Modi arrives in Tokyo on Wednesday for a two-day visit.", "2019-06-12"),
    ("Indian Prime Minister Narendra Modi travels on to Japan on Monday.", "2019-06-17"),
    ("Indian Prime Minister Narendra Modi is visiting Japan next month.", "2019-07"),
    ("The leaders of India and Japan meet in Tokyo on Monday.", "2019-06-17"),  # plural subject, plain form
    ("Indian Prime Minister Narendra Modi visits Japan in April.", "2020-04"),  # a bare month behind: the next one
    ("Indian Prime Minister Narendra Modi, who visits Japan on Monday, is expected to sign a rail deal.",
     "2019-06-17"),
])
def test_present_with_a_date_ahead_is_a_plan(sentence: str, date: str) -> None:
    r = one(sentence, "meeting" if " meet " in sentence else "visit")
    assert (r.status, r.date) == ("planned", date)


@pytest.mark.parametrize("sentence", [
    "Indian Prime Minister Narendra Modi visits Japan every year.",  # habitual: no date of its own
    "Indian Prime Minister Narendra Modi visits Japan in April every year.",  # habitual, with a month
    "In 2009 Indian Prime Minister Narendra Modi visits Japan.",  # the historic present of a story
    "Indian Prime Minister Narendra Modi visited Japan on Monday.",
    "On Monday Indian Prime Minister Narendra Modi flew to Japan.",  # an irregular past, not a plain form
    "Indian Prime Minister Narendra Modi cut short a two-day visit to Japan on Monday.",  # a noun, not a verb
])
def test_present_without_a_date_ahead_is_no_plan(sentence: str) -> None:
    assert one(sentence, "visit").status == "occurred"


def test_scheduled_present_needs_a_present_verb() -> None:
    kw = {"kind": "verb", "event_start": dt.date(2019, 6, 9), "published": PUBLISHED, "tense": "present",
          "event_end": dt.date(2019, 6, 9), "when": "Sunday"}
    assert mention_status("The opposition ", " on Sunday", trigger="holds its primary", **kw) == "planned"
    assert mention_status("The opposition ", " on Sunday", trigger="held its primary", **kw) == "occurred"
    assert mention_status("The opposition, which ", " on Sunday", trigger="holds its primary", **kw) == "planned"
    assert mention_status("The opposition did not ", " on Sunday", trigger="hold its primary", **kw) == "negated"
    past = {**kw, "when": "last Sunday"}
    assert mention_status("The opposition ", " last Sunday", trigger="holds its primary", **past) == "occurred"


# --- a nominal event that dates a plan --------------------------------------------------------------------------

def test_event_after_which_a_plan_lies_is_ahead_too() -> None:
    # a bare month in a sentence with a past verb is put behind by the tagger; the election is the next November
    r = one("He said the two leaders could meet again after the US election in November.", "election")
    assert (r.status, r.date) == ("planned", "2019-11")


def test_event_in_a_past_temporal_clause_stays_past() -> None:
    kw = {"kind": "noun", "event_start": dt.date(2018, 11, 1), "published": PUBLISHED, "tense": "past",
          "event_end": dt.date(2018, 11, 30)}
    assert mention_status("The two leaders met again after the US ", " in November 2018", when="November 2018",
                          **kw) == "occurred"
    assert mention_status("The two leaders will meet again after last year's US ", "", when="last year",
                          **kw) == "occurred"


# --- a future elsewhere in the clause ---------------------------------------------------------------------------

def test_participle_with_a_past_year_is_not_the_future_of_the_main_verb() -> None:
    r = one("The new treaty will replace the agreement signed by Germany and France in 1963.", "agreement")
    assert (r.status, r.date) == ("occurred", "1963")


def test_reported_future_with_a_long_saying_date_has_happened() -> None:
    assert mention_status("North Korea announced in March of last year that it would ", " the treaty", "verb",
                          dt.date(2018, 3, 1), PUBLISHED, "past", dt.date(2018, 3, 31)) == "occurred"


def test_superlative_before_an_infinitive_reports_a_fact() -> None:
    assert mention_status("Pelosi became the highest-ranking American official to ", " Taiwan in 25 years",
                          "verb", None, PUBLISHED, "past") == "occurred"
    assert mention_status("Pelosi made a request to ", " Taiwan", "verb", None, PUBLISHED, "past") == "possible"


# --- a plan undone later in the sentence ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,status", [
    ("German Chancellor Angela Merkel had planned to visit Russia in May but called off the trip.", "cancelled"),
    ("German Chancellor Angela Merkel was due to visit Russia on Monday, but the trip was postponed.", "postponed"),
    ("German Chancellor Angela Merkel was due to visit Russia on Monday, but the weather was bad.", "planned"),
    ("German Chancellor Angela Merkel has yet to visit Russia.", "negated"),
])
def test_plan_undone_later_in_the_sentence(sentence: str, status: str) -> None:
    assert one(sentence, "visit").status == status


def test_a_past_fact_followed_by_a_calling_off_stays_a_fact() -> None:
    kw = {"kind": "verb", "event_start": dt.date(2019, 5, 1), "published": PUBLISHED, "tense": "past",
          "event_end": dt.date(2019, 5, 31)}
    assert mention_status("Merkel ", " Putin in May but called off the talks", trigger="met", **kw) == "occurred"


def test_reported_present_and_plural_noun_subjects() -> None:
    kw = {"kind": "verb", "event_start": dt.date(2019, 6, 7), "published": PUBLISHED, "event_end": dt.date(2019, 6, 7),
          "when": "Friday"}
    # "said the two sides sign ...": a plain form in a past clause says nothing; "-s" forms and "talks resume" do
    assert mention_status("Officials said the two sides ", " in Paris on Friday", trigger="sign the deal",
                          tense="past", **kw) == "occurred"
    assert mention_status("Officials said Modi ", " Paris on Friday", trigger="visits", tense="past", **kw) == "planned"
    assert mention_status("The ", " on Friday", trigger="talks resume", tense=None, **kw) == "planned"
    assert mention_status("Two weeks of ", " on Friday", trigger="talks ended", tense="past", **kw) == "occurred"


def test_noun_in_a_scheduled_present_clause_on_the_day() -> None:
    r = reports("Indian Prime Minister Narendra Modi arrives in Tokyo on Wednesday for a two-day visit.")
    assert {(x.status, x.date) for x in r if x.event_type == "visit"} == {("planned", "2019-06-12")}


# --- the noun's own verb after an aside; doubt --------------------------------------------------------------------

@pytest.mark.parametrize("sentence,status", [
    ("The summit between France and Russia, which was planned for June, was cancelled.", "cancelled"),
    ("The summit between France and Russia, which had been scheduled for Monday, has been postponed.", "postponed"),
    ("A summit between France and Russia looks unlikely this year.", "possible"),
])
def test_summit_status_from_its_own_verb(sentence: str, status: str) -> None:
    assert one(sentence, "summit").status == status


def test_plan_in_doubt_is_possible() -> None:
    r = one("A visit by French President Emmanuel Macron to Russia, planned for next month, is in doubt.", "visit")
    assert (r.status, r.date) == ("possible", "2019-07")


def test_doubt_about_an_aspect_leaves_the_event() -> None:
    kw = {"kind": "noun", "event_start": dt.date(2019, 6, 11), "published": PUBLISHED, "tense": "past",
          "event_end": dt.date(2019, 6, 11)}
    assert mention_status("even as the outcome of Tuesday's ", " remained uncertain", **kw) == "occurred"
    assert mention_status("The ", " between France and Russia, which took place in May, was a success", **kw,
                          rest="") == "occurred"


def test_proposal_for_talks_is_proposed() -> None:
    assert mention_status("Iran rejected a proposal for ", " with the United States", "noun", None, PUBLISHED,
                          "past") == "proposed"


def test_cues_before_a_temporal_preposition_belong_to_the_event_it_dates() -> None:
    # "postponed the summit until after the election": the summit is postponed, the election is not
    kw = {"kind": "noun", "event_start": None, "published": PUBLISHED, "tense": "past"}
    assert mention_status("Trump said the summit was postponed until after the US ", " in November", **kw,
                          when="November") == "planned"
    assert mention_status("Trump said the summit was postponed until after the US ", "", **kw) == "planned"
    r = one("Indian Prime Minister Narendra Modi wants to visit Japan before the general election in November.",
            "election")
    assert (r.status, r.date) == ("planned", "2019-11")


# --- asides, coordinated verbs, negated nouns, agreed futures -----------------------------------------------------

def test_participle_aside_has_its_own_status() -> None:
    r = reports("The nuclear agreement between Iran and Germany, signed in 2015, was abandoned by Germany in 2018.")
    assert ("agreement", "2015", "occurred") in {(x.event_type, x.date, x.status) for x in r}
    kw = {"kind": "verb", "event_start": dt.date(2018, 1, 1), "published": PUBLISHED, "tense": "past",
          "event_end": dt.date(2018, 12, 31), "when": "2018"}
    # the main verb after a participle aside does not take the aside's cues
    assert mention_status("The trade talks, postponed twice in May, ", " in Rome in 2018", trigger="resumed",
                          **kw) == "occurred"
    assert mention_status("The trade talks, postponed twice in May, were ", " in 2018", trigger="held",
                          **kw) == "occurred"


def test_coordinated_past_verb_has_its_own_status() -> None:
    r = reports("German Chancellor Angela Merkel postponed the trip to Russia in February and finally went in June.")
    assert ("2019-06", "occurred") in {(x.date, x.status) for x in r if x.event_type == "visit"}
    kw = {"kind": "verb", "event_start": None, "published": PUBLISHED, "tense": "past"}
    # a plain form after "and" still shares the first verb's cue
    assert mention_status("Merkel planned to fly and ", " Putin", trigger="meet", **kw) == "planned"


@pytest.mark.parametrize("sentence", [
    "No deal was reached between Iran and Germany at the talks in Vienna on Monday.",
    "No new agreement was signed between Iran and Germany on Monday.",
])
def test_no_before_a_passive_event_noun_negates(sentence: str) -> None:
    assert one(sentence, "agreement").status == "negated"


@pytest.mark.parametrize("sentence,event_type", [
    ("Iran and Germany agreed on Monday that their foreign ministers would meet in Vienna next month.", "meeting"),
    ("Iran and Germany agreed on Monday that each side would reopen its embassy in July.", "relations_restored"),
])
def test_what_parties_agreed_would_happen_is_planned(sentence: str, event_type: str) -> None:
    statuses = {(r.event_type, r.status) for r in reports(sentence)}
    assert ("agreement", "occurred") in statuses and (event_type, "planned") in statuses


def test_reported_future_after_and_that_is_planned() -> None:
    assert mention_status("Lula said the truce in force since May would hold and that he would ", " his envoy to Quito",
                          "verb", None, PUBLISHED, "past", trigger="send") == "planned"
    assert mention_status("Lula said the truce would hold and that he might ", " his envoy to Quito",
                          "verb", None, PUBLISHED, "past", trigger="send") == "possible"


def test_an_agreement_about_the_future_took_place() -> None:
    r = one("In a separate memorandum, the foreign secretaries of India and Pakistan agreed on Sunday that each side "
            "would give advance notice of ballistic missile tests.", "agreement")
    assert (r.status, r.date) == ("occurred", "2019-06-09")
    r = one("The foreign secretaries of India and Pakistan will agree on Sunday that each side gives notice of "
            "tests.", "agreement")
    assert r.status == "planned"


@pytest.mark.parametrize("sentence,event_type", [
    ("Mali's junta had promised to hold elections on February 27 but has since abandoned that date.", "election"),
    ("The leaders of Australia and Papua New Guinea had hoped to sign the treaty in Port Moresby last month.",
     "agreement"),
])
def test_a_plan_told_as_given_up_is_cancelled(sentence: str, event_type: str) -> None:
    found = [r for r in reports(sentence, dt.date(2022, 2, 1)) if r.event_type == event_type]
    assert [r.status for r in found] == ["cancelled"]


def test_not_until_a_date_is_done_at_that_date() -> None:
    found = [r for r in reports("Morocco broke off relations with Algeria in 1976, and ties were not restored until "
                                "1988.", dt.date(2021, 8, 25)) if r.event_type == "relations_restored"]
    assert [(r.status, r.date) for r in found] == [("occurred", "1988")]


@pytest.mark.parametrize("sentence,event_type,date", [
    ("The State Department said on Wednesday that about 50 Russian diplomats would be sent home.", "expulsion",
     "2001-03-21"),
    ("Denmark announced on Thursday that it would bring its troops home from Mali.", "withdrawal", "2001-03-22"),
])
def test_an_act_done_by_deciding_it_is_done_when_announced(sentence: str, event_type: str, date: str) -> None:
    found = [r for r in reports(sentence, dt.date(2001, 3, 24)) if r.event_type == event_type]
    assert [(r.status, r.date) for r in found] == [("occurred", date)]


def test_a_meeting_announced_is_still_a_plan() -> None:
    found = [r for r in reports("Russia said on Monday it would meet the Americans in Geneva.", dt.date(2001, 3, 24))
             if r.event_type == "meeting"]
    assert [(r.status, r.date) for r in found] == [("planned", None)]
