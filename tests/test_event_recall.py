"""Recall on unseen phrasing: general classes of event wording (rounds of talks opening and breaking for a recess,
walking out of treaties, applying to join, announcing an agreement, tit-for-tat expulsions, "X followed suit"),
each tested with sentences of its own, and near misses that must stay silent."""

import datetime as dt

import pytest

from timeline.extract import extract_reports
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def reports(text: str) -> list:
    return extract_reports(Article(text=text, published=PUBLISHED, path="test"))


def dated(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [(r.event_type, r.date, r.countries) for r in reports(text) if r.date_start]


FOUND = [
    # rounds of talks open, break for a recess, reconvene
    ("talks", "2019-05-06", "The latest round of talks between Iran and the United States opened on May 6 in Oman."),
    ("talks", "2019-03-04", "The second round began on March 4 in Hanoi, with North Korea and the United States."),
    ("suspension", "2019-05-20", "Talks between Serbia and Kosovo broke for a recess on May 20."),
    ("talks_resumed", "2019-06-03", "Talks between Sudan and South Sudan stalled in May. Negotiators returned to "
                                    "Addis Ababa on June 3."),
    ("talks_resumed", "2018-11", "Talks between Colombia and the ELN collapsed in 2017. They resumed in Havana in "
                                 "November last year."),
    ("talks", "2017-08", "Japan and China held the first round of their maritime talks since they began in "
                         "August 2017."),
    # walking out of treaties, organisations and talks; tearing up deals
    ("withdrawal", "2003-01", "North Korea walked out of the NPT in January 2003."),
    ("withdrawal", "2018-05", "In May 2018 the United States stormed out of the nuclear deal with Iran."),
    ("withdrawal", "2019-06-10", "On Monday Canberra tore up a deal with France."),
    ("agreement", "2016", "Canberra is tearing up a 2016 deal with France's Naval Group."),
    # an agreement announced; agreeing to a concrete step; a deal with its year
    ("agreement", "2019-06-10", "Qatar and Egypt announced the agreement on Monday."),
    ("agreement", "2019-06-10", "Iran agreed on Monday to give up its stockpile of enriched uranium."),
    ("agreement", "2016", "Australia scrapped a 2016 deal with France for submarines."),
    ("agreement", "2019-06-10", "The partnership, called AUKUS, was unveiled on Monday by Britain and Australia."),
    ("agreement", "2019-06-10", "Serbia and Kosovo agreed on Monday on the outlines of a deal on trade."),
    # applying to join an organisation
    ("agreement", "2019-05", "Ukraine and Georgia applied to join NATO in May."),
    ("agreement", "2019-05", "Finland and Sweden applied together in May."),
    # tit-for-tat expulsions, membership expulsions, closed links
    ("expulsion", "2019-03", "In March, Russia ordered out the same number of American diplomats."),
    ("suspension", "2019-06-10", "The Arab coalition said on Monday it had expelled Qatar from its ranks."),
    ("sanctions", "2019-06-10", "On Monday Saudi Arabia closed its land, sea and air links with Qatar."),
    ("sanctions", "1992", "Washington kept restrictions on aid to Azerbaijan that Congress imposed in 1992."),
    ("relations_restored", "2014-11", "In March 2014 Saudi Arabia and Bahrain withdrew their ambassadors from "
                                      "Doha; they sent them back eight months later."),
    # reactions in their own words: rejections, threats; licences that ease sanctions
    ("rejection", "2019-06-10", "Qatar's foreign ministry on Monday called the measures \"unjustified\"."),
    ("threat", "2019-06-11", "The Kremlin said on Tuesday that Russia would take counter-measures against Finland."),
    ("threat", "2019-06-11", "Blinken warned on Tuesday that the relief for Venezuela would be reversed."),
    ("sanctions_eased", "2019-06-11", "On Tuesday the United States issued a licence authorising oil deals with "
                                      "Venezuela."),
    ("rejection", "2019-06-09", "Ghani said on Sunday that his government had made no such commitment."),
    ("statement", "2019-03", "In March, Libya accepted responsibility for the 1988 bombing over Lockerbie."),
    # mediation, visits, primaries
    ("talks", "1992", "Norway has mediated since 1992 between Israel and the Palestinians."),
    ("visit", "2019", "Secretary of State Mike Pompeo has made eight trips to Syria this year."),
    ("sanctions_eased", "2019-06-10", "Trump signed a waiver of sanctions on Turkey on Monday."),
    ("relations_broken", "1967", "The Soviet Union restored relations with Israel in 1991, 24 years after "
                                 "breaking them off in 1967."),
]


@pytest.mark.parametrize("event_type,date,text", FOUND)
def test_general_phrasing_is_found_with_its_date(event_type: str, date: str, text: str) -> None:
    found = [d for t, d, _ in dated(text) if t == event_type or event_type == "agreement"]
    assert any(d == date for d in found), dated(text)


SILENT = [
    "The first round of golf opened on Thursday in Augusta.",
    "The parliament broke for its summer recess, officials in Germany said on Monday.",
    "Workers at the French plant walked out on Monday.",
    "The president applied sunscreen before visiting Japan's beaches.",
    "He agreed on Monday to the terms of the loan from the bank.",
    "Tokyo's schools held the primary school exams on Monday.",
]


@pytest.mark.parametrize("text", SILENT)
def test_near_misses_stay_silent(text: str) -> None:
    types = {t for t, _, _ in dated(text)}
    assert not types & {"talks", "suspension", "agreement", "withdrawal", "election"}, dated(text)


def test_two_acts_of_one_family_in_one_sentence_are_two_events() -> None:
    text = ("The leaders of Armenia and Azerbaijan signed a joint declaration at the White House on Monday, and their "
            "foreign ministers initialled the text of a treaty.")
    found = [(t, d) for t, d, _ in dated(text)]
    assert [d for t, d in found if t == "agreement"] == ["2019-06-10", "2019-06-10"], found


def test_an_order_to_end_operations_hours_after_a_dated_event_is_that_day() -> None:
    text = ("France brokered a peace plan on Tuesday, hours after President Dmitry Medvedev ordered an end to "
            "military operations in Georgia.")
    assert ("ceasefire", "2019-06-11") in [(t, d) for t, d, _ in dated(text)], dated(text)


def test_a_vague_time_word_yields_to_a_date_of_the_clause() -> None:
    text = "The foreign ministers of France and Australia had met as recently as late August."
    assert any(t == "meeting" and d == "2018-08" for t, d, _ in dated(text)), dated(text)


def test_a_modal_inside_a_long_trigger_sets_the_status() -> None:
    text = "Direct negotiations between Israel and Syria could begin in Madrid on Sunday."
    found = [(r.event_type, r.status, r.date) for r in reports(text)]
    assert ("talks", "possible", "2019-06-16") in found, found


def test_a_where_clause_takes_the_time_of_the_clause_before() -> None:
    text = "The tour began on Monday in Saudi Arabia, where King Salman received Narendra Modi at his palace."
    assert ("meeting", "2019-06-10") in [(t, d) for t, d, _ in dated(text)], dated(text)
