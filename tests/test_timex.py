"""Regression tests for the temporal expression tagger (hand-written sentences)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from timeline.timex import Timex, find_timexes, sentence_tense, to_jsonl_records, to_timeml
from timeline.timex_calendar import dateline_day

DCT = dt.date(2018, 4, 5)  # a Thursday


def tag(text: str, dct: dt.date = DCT) -> list[Timex]:
    return find_timexes(text, dct)


def one(text: str, phrase: str, dct: dt.date = DCT) -> Timex:
    """The timex whose span is exactly phrase."""
    found = [t for t in tag(text, dct) if t.text == phrase]
    assert found, f"{phrase!r} not tagged in {text!r}: {[t.text for t in tag(text, dct)]}"
    return found[0]


def values(text: str, dct: dt.date = DCT) -> list[str]:
    return [t.value for t in tag(text, dct)]


# --- types and values -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, phrase, type_, value",
    [
        ("The treaty was signed on April 17, 2016, in Geneva.", "April 17, 2016", "DATE", "2016-04-17"),
        ("The treaty was signed on 17 April 2016.", "17 April 2016", "DATE", "2016-04-17"),
        ("Elections were held in March 2011.", "March 2011", "DATE", "2011-03"),
        ("The embassy opened in 1999.", "1999", "DATE", "1999"),
        ("Relations thawed in the 1990s.", "the 1990s", "DATE", "199"),
        ("Borders were drawn in the 20th century.", "the 20th century", "DATE", "19"),
        ("Exports rose in the third quarter of 2017.", "the third quarter of 2017", "DATE", "2017-Q3"),
        ("Talks resume this summer.", "this summer", "DATE", "2018-SU"),
        ("The ministers met at 3 p.m. on the day.", "3 p.m.", "TIME", "2018-04-05T15:00"),
        ("The blockade lasted three years.", "three years", "DURATION", "P3Y"),
        ("The hearing took two hours.", "two hours", "DURATION", "PT2H"),
        ("The council meets every week.", "every week", "SET", "P1W"),
        ("Inspectors visit each Monday.", "each Monday", "SET", "XXXX-WXX-1"),
        ("The festival is held every March.", "every March", "SET", "XXXX-03"),
        ("The two sides talk daily.", "daily", "SET", "P1D"),
        ("The minister is currently in Seoul.", "currently", "DATE", "PRESENT_REF"),
        ("Sanctions could be lifted in the near future.", "the near future", "DATE", "FUTURE_REF"),
        ("The accord was signed on 2016-04-17 in Paris.", "2016-04-17", "DATE", "2016-04-17"),
        ("The accord was signed on 17/04/2016 in Paris.", "17/04/2016", "DATE", "2016-04-17"),
        ("The summit was held in the winter of 2009.", "the winter of 2009", "DATE", "2009-WI"),
        ("Revenue fell in fiscal 2016.", "fiscal 2016", "DATE", "2016"),
        ("The tribunal sat until nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
        ("The war ended in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE",
         "1994-WI"),
        ("Bids are due by 5 p.m. EST, April 9.", "5 p.m. EST, April 9", "TIME", "2018-04-09T17:00"),
        ("The vote was held on Saturday, April 1.", "Saturday, April 1", "DATE", "2017-04-01"),
        ("The truce held for a couple of years.", "a couple of years", "DURATION", "P2Y"),
        ("The envoys waited 3 1/2 hours.", "3 1/2 hours", "DURATION", "PT3H30M"),
        ("The vote took an hour and a half.", "an hour and a half", "DURATION", "PT1H30M"),
        ("The recount took a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
        ("The blockade lasted two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
        ("The envoy left after half an hour.", "half an hour", "DURATION", "PT30M"),
        ("Border clashes have grown in recent weeks.", "recent weeks", "DURATION", "PXW"),
    ],
)
def test_types_and_values(text: str, phrase: str, type_: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == (type_, value)


# --- mods --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, phrase, value, mod",
    [
        ("A deal is expected in early 2019.", "early 2019", "2019", "START"),
        ("Troops left in mid-March.", "mid-March", "2018-03", "MID"),
        ("The talks collapsed late last year.", "late last year", "2017", "END"),
        ("The siege lasted about a year.", "about a year", "P1Y", "APPROX"),
        ("The conflict has gone on for more than two decades.", "more than two decades", "P20Y", "MORE_THAN"),
        ("The rebels fled almost two years ago.", "almost two years ago", "2016", "LESS_THAN"),
        ("Strikes resumed at the end of 2015.", "the end of 2015", "2015", "END"),
    ],
)
def test_mods(text: str, phrase: str, value: str, mod: str) -> None:
    t = one(text, phrase)
    assert (t.value, t.mod) == (value, mod)


# --- intervals, granularity and provenance --------------------------------------------------------------------

def test_interval_of_a_month_inferred() -> None:
    t = one("The envoys met in March.", "March")
    assert (t.date_start, t.date_end, t.granularity, t.source) == (
        dt.date(2018, 3, 1), dt.date(2018, 3, 31), "month", "inferred")


def test_interval_of_an_explicit_year_quarter_and_week() -> None:
    year = one("The embassy opened in 2003.", "2003")
    assert (year.date_start, year.date_end, year.granularity, year.source) == (
        dt.date(2003, 1, 1), dt.date(2003, 12, 31), "year", "explicit")
    quarter = one("Exports rose in the second quarter of 2017.", "the second quarter of 2017")
    assert (quarter.date_start, quarter.date_end, quarter.granularity) == (
        dt.date(2017, 4, 1), dt.date(2017, 6, 30), "quarter")
    week = one("The envoy arrived last week.", "last week")
    assert week.value == "2018-W13"
    assert (week.date_start, week.date_end, week.granularity) == (dt.date(2018, 3, 26), dt.date(2018, 4, 1), "week")


@pytest.mark.parametrize("text,phrase,start,end", [
    ("The envoy travelled there in late February.", "late February", dt.date(2018, 2, 21), dt.date(2018, 2, 28)),
    ("The two sides met in early March.", "early March", dt.date(2018, 3, 1), dt.date(2018, 3, 10)),
    ("The talks resumed in mid-January.", "mid-January", dt.date(2018, 1, 11), dt.date(2018, 1, 20)),
    ("The treaty was signed in early 2016.", "early 2016", dt.date(2016, 1, 1), dt.date(2016, 4, 30)),
    ("The embassy closed in late 2015.", "late 2015", dt.date(2015, 9, 1), dt.date(2015, 12, 31)),
])
def test_early_mid_and_late_narrow_the_interval(text: str, phrase: str, start: dt.date, end: dt.date) -> None:
    t = one(text, phrase)
    assert (t.date_start, t.date_end) == (start, end)
    assert t.value == str(start.year) + (f"-{start.month:02d}" if t.granularity == "month" else "")


def test_durations_and_refs_have_no_interval() -> None:
    for t in tag("The blockade lasted three years, and it is now over."):
        assert t.date_start is None and t.date_end is None and t.granularity is None


# --- bare months and weekdays resolved with tense --------------------------------------------------------------

@pytest.mark.parametrize(
    "text, phrase, value, tense",
    [
        ("The leaders met in March.", "March", "2018-03", "past"),
        ("The leaders will meet in March.", "March", "2019-03", "future"),
        ("A summit is planned for May.", "May", "2018-05", "future"),
        ("The leaders met in May.", "May", "2017-05", "past"),
        ("The summit on Friday will be held in Hanoi.", "Friday", "2018-04-06", "future"),
        ("The ministers signed the accord on Monday.", "Monday", "2018-04-02", "past"),
        ("The premier visits Washington starting April 17.", "April 17", "2018-04-17", "future"),
        ("The premier visited Washington on April 17.", "April 17", "2017-04-17", "past"),
        ("The council has set April 12 as the deadline for replies.", "April 12", "2018-04-12", "past"),
    ],
)
def test_tense_resolution(text: str, phrase: str, value: str, tense: str) -> None:
    t = one(text, phrase)
    assert (t.value, t.tense) == (value, tense)


def test_weekday_is_inferred_from_the_dct_week() -> None:
    t = one("The envoy met the king on Tuesday.", "Tuesday")
    assert (t.value, t.source) == ("2018-04-03", "inferred")
    assert one("The king said Thursday that he would stay.", "Thursday").value == "2018-04-05"


def test_possessive_and_mixed_tense_weekdays() -> None:
    """"Tuesday's vote" is reported after the fact; a clause with past and future cues takes the nearest day."""
    assert one("The opposition said it would challenge Tuesday's vote in court.", "Tuesday").value == "2018-04-03"
    text = "A rally planned in the square for Saturday was called off."
    assert one(text, "Saturday", dt.date(2018, 4, 8)).value == "2018-04-07"


def test_far_future_cue_decides_when_the_clause_has_no_past_cue() -> None:
    text = "The envoy will be named head of the monitoring mission to the border region in December."
    assert one(text, "December", dt.date(2018, 3, 4)).value == "2018-12"


def test_far_tense_cue_is_only_a_hint() -> None:
    text = "The reduced dividend is payable Jan. 2 to holders of record Dec. 15."
    assert one(text, "Dec. 15", dt.date(2018, 11, 20)).value == "2018-12-15"


def test_sentence_tense() -> None:
    assert sentence_tense("The two leaders met in Beijing.") == "past"
    assert sentence_tense("The two leaders will meet in Beijing.") == "future"
    assert sentence_tense("The minister is in Beijing.") == "present"
    assert sentence_tense("In Beijing.") is None


# --- relative and deictic ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, phrase, value",
    [
        ("The envoy arrived yesterday.", "yesterday", "2018-04-04"),
        ("The envoy arrives tomorrow.", "tomorrow", "2018-04-06"),
        ("Prices rose last month.", "last month", "2018-03"),
        ("Talks resume next month.", "next month", "2018-05"),
        ("The deal was signed this year.", "this year", "2018"),
        ("The crisis began two years ago.", "two years ago", "2016"),
        ("The visit is planned for next week.", "next week", "2018-W15"),
        ("Talks will continue in the coming days.", "the coming days", "FUTURE_REF"),
        ("The talks have recently stalled.", "recently", "PAST_REF"),
        ("The ban is now in force.", "now", "PRESENT_REF"),
        ("The dispute started decades ago.", "decades ago", "PAST_REF"),
        ("Bonds were sold at the then current price.", "then current", "PAST_REF"),
        ("The minister spoke this morning.", "this morning", "2018-04-05TMO"),
    ],
)
def test_relative(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert t.value == value
    assert t.source == "relative"


# --- ranges and lists ---------------------------------------------------------------------------------------

def test_ranges_and_lists() -> None:
    assert values("The talks ran from 2003 to 2008.") == ["2003", "2008"]
    assert [(t.text, t.value) for t in tag("The talks ran 2003-2008 in Beijing.")] == [("2003", "2003"),
                                                                                      ("2008", "2008")]
    assert values("The envoys met between January and March.") == ["2018-01", "2018-03"]
    assert values("The envoys met in March to discuss trade.") == ["2018-03"]
    assert values("Elections were held in 2000 and 2007.") == ["2000", "2007"]
    # a range keeps its order when the year of its ends is inferred from the tense
    assert values("The envoys will meet between March and May.") == ["2019-03", "2019-05"]
    assert values("The envoys met between March and May.") == ["2017-03", "2017-05"]
    assert values("The exercises ran from December to February.") == ["2017-12", "2018-02"]


# --- anchored expressions -------------------------------------------------------------------------------------

def test_anchored_to_previous_narrative_date() -> None:
    text = "The accord was signed on March 3, 2015. Two days later, the rebels withdrew."
    t = one(text, "Two days later")
    assert (t.value, t.source) == ("2015-03-05", "anchored")
    text = "The envoy arrived in June 2012. The following month, talks began."
    t = one(text, "The following month")
    assert (t.value, t.source) == ("2012-07", "anchored")


def test_anchored_to_an_event_is_a_duration() -> None:
    t = one("In 2013, about a year after Kim took power, the framework ended.", "about a year")
    assert (t.type, t.value, t.mod, t.source) == ("DURATION", "P1Y", "APPROX", "unresolved")


def test_unanchored_offset_is_unresolved() -> None:
    t = one("Two days later, the rebels withdrew.", "Two days later")
    assert t.source == "unresolved"
    assert t.date_start is None


# --- false positives ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The president may visit Seoul, officials say.",
        "May I ask a question, minister?",
        "Thousands joined a protest march through the capital.",
        "March on Washington, the organisers urged their members.",
        "The Sunday Times reported the story.",
        "The conference hosted 2,003 delegates.",
        "The six-party talks stalled.",
        "The air force bought F-16 jets.",
        "Protesters gathered outside 10 Downing Street.",
        "The figures appear on page 2018 of the report.",
        "The deal is worth $2,000 million.",
        "Support rose to 20% among voters.",
        "The ministry spent 1,500 dollars.",
        "print PRINT",
        "INTERNATIONAL > East Asia & Pacific",
        "Prime Minister Shinzo Abe spoke.",
        "The blue-chip index closed at 1987.45, off 12 points.",
        "The Nikkei settled at 2015.3 after a quiet session.",
    ],
)
def test_false_positives(text: str) -> None:
    assert tag(text) == []


# --- seed-like article ------------------------------------------------------------------------------------------

def test_news_article_with_boilerplate() -> None:
    text = (
        "print PRINT\n\nINTERNATIONAL > Asia\n\nThe two leaders met last month in Beijing. "
        "The summit in March was arranged by the North. The premier may raise it at a summit planned for May. "
        "The talks began in 2003 and were suspended in 2008."
    )
    got = [(t.text, t.value, t.source) for t in tag(text)]
    assert got == [
        ("last month", "2018-03", "relative"),
        ("March", "2018-03", "inferred"),
        ("May", "2018-05", "inferred"),
        ("2003", "2003", "explicit"),
        ("2008", "2008", "explicit"),
    ]


# --- output formats ---------------------------------------------------------------------------------------------

def test_jsonl_records_and_timeml() -> None:
    text = "The leaders met yesterday & agreed."
    tx = tag(text)
    records = to_jsonl_records(tx)
    assert json.loads(json.dumps(records[0])) == {
        "start": 16, "end": 25, "text": "yesterday", "type": "DATE", "value": "2018-04-04", "mod": None,
        "granularity": "day", "date_start": "2018-04-04", "date_end": "2018-04-04", "source": "relative",
        "tense": "past"}
    xml = to_timeml(text, DCT, tx)
    assert '<TIMEX3 tid="t0" type="DATE" value="2018-04-05"' in xml
    assert '<TIMEX3 tid="t1" type="DATE" value="2018-04-04">yesterday</TIMEX3> &amp; agreed.' in xml


def test_datetime_dct_is_accepted() -> None:
    assert values("The envoy arrived yesterday.", dt.datetime(2018, 4, 5, 14, 30)) == ["2018-04-04"]


def test_a_forecast_quarter_is_not_the_quarter_under_discussion() -> None:
    """A report on a finished quarter that mentions a coming one: "a year ago" is still the reported quarter."""
    text = ("The airline's first-quarter profit rose 8%. It expects a weaker second quarter. Fares fell in the "
            "latest quarter, while costs were flat compared with a year ago.")
    found = {t.text: t.value for t in tag(text, dt.date(2018, 4, 20))}
    assert found["the latest quarter"] == "2018-Q1"
    assert found["a year ago"] == "2017-Q1"


def test_the_week_is_an_unspecified_week() -> None:
    """Bare "the week" (no this/last/next): a week of the narrative, not the DCT's week."""
    assert one("Bond prices slipped, and for the week the index gained 2%.", "the week").value == "2018-WXX"
    assert one("Shares rose this week.", "this week").value == "2018-W14"


def test_previous_and_following_weekday() -> None:
    """"the previous Friday" is the one before the narrative's day (or the DCT), "the following Monday" after."""
    text = "Shares fell on Tuesday, April 3, and were down 2% from the previous Friday."
    assert one(text, "the previous Friday").value == "2018-03-30"
    text = "The envoy arrived on Friday, March 16, and left the following Monday."
    assert one(text, "the following Monday").value == "2018-03-19"
    assert one("Stocks recovered from the previous Thursday.", "the previous Thursday").value == "2018-03-29"


def test_a_reported_quarter_not_yet_over_is_the_quarter_under_discussion() -> None:
    """A past verb reports a quarter whose calendar span has not ended (a fiscal fourth quarter reported in
    November): later "a year earlier" and "the latest period" refer to it."""
    text = ("The brewer said its fourth-quarter profit fell 10% to $45 million from $50 million a year earlier. "
            "Sales in the latest period were $1.2 billion.")
    found = {t.text: t.value for t in tag(text, dt.date(2018, 11, 2))}
    assert found["a year earlier"] == "2017-Q4"
    assert found["the latest period"] == "2018-Q4"


def test_the_day_before_or_after_a_date() -> None:
    """"the day before Tuesday's vote" is the Monday; "the day after March 3" the 4th."""
    t = one("The day before Tuesday's vote, the envoy flew to Geneva.", "The day before Tuesday")
    assert (t.type, t.value) == ("DATE", "2018-04-02")
    assert one("Talks resumed the day after March 3, 2016.", "the day after March 3, 2016").value == "2016-03-04"


def test_weekday_part_of_day_plurals_are_sets() -> None:
    """"on Monday and Thursday evenings": every Monday evening and every Thursday evening."""
    found = [(t.text, t.type, t.value) for t in tag("Ferries will sail on Monday and Thursday evenings.")]
    assert found == [("Monday", "SET", "XXXX-WXX-1TEV"), ("Thursday evenings", "SET", "XXXX-WXX-4TEV")]


def test_modal_one_day_is_the_future() -> None:
    """"will one day" is an indefinite future, not a one-day duration."""
    assert one("The two Koreas could one day share a flag.", "one day").value == "FUTURE_REF"
    assert one("The strike lasted one day.", "one day").value == "P1D"


def test_set_to_is_a_future_cue() -> None:
    """"talks set to resume Monday" (a participle, no auxiliary): the coming Monday."""
    assert one("Ceasefire talks set to resume Monday in Oslo.", "Monday").value == "2018-04-09"


def test_a_fiscal_quarter_under_discussion_leaves_later_quarters_unknown() -> None:
    """After "the fiscal first quarter", "the quarter" and "a year ago" are quarters whose calendar position
    the text does not give: QX."""
    text = ("The airline's profit rose 20% in the fiscal first quarter. For the quarter ended Sept. 30, sales "
            "reached $2 billion, up from $1.8 billion a year ago.")
    found = {t.text: t.value for t in tag(text, dt.date(2018, 10, 26))}
    assert found["the fiscal first quarter"] == "2018-Q1"
    assert found["the quarter"] == "2018-QX"
    assert found["a year ago"] == "2017-QX"


def test_a_report_moving_on_to_the_year_to_date() -> None:
    """After the quarter, "In the first nine months, ... a year earlier": the same months a year back (a year
    value, not the quarter); a later quarter mention brings the quarter back."""
    text = ("Third-quarter profit rose 5% from a year earlier. In the first nine months, profit was $90 million, "
            "compared with $80 million a year earlier. Third-quarter sales were flat with the year-ago quarter.")
    found = [(t.text, t.value) for t in tag(text, dt.date(2018, 10, 26))]
    assert found == [("Third-quarter", "2018-Q3"), ("a year earlier", "2017-Q3"), ("the first nine months", "P9M"),
                     ("a year earlier", "2017"), ("Third-quarter", "2018-Q3"), ("the year-ago quarter", "2017-Q3")]


def test_period_a_year_back_and_this_quarter_in_a_report() -> None:
    """"the corresponding period last year", "last year's quarter", "the quarter a year ago" are the reported
    quarter a year back; "this quarter" in a report is the reported quarter; a passing "after a weak second
    quarter" does not change which quarter is reported."""
    text = ("Third-quarter profit fell 5%, compared with the corresponding period last year. After a weak second "
            "quarter, sales recovered. This quarter's results include a charge. Sales were below last year's "
            "quarter and the quarter a year ago.")
    found = {t.text: t.value for t in tag(text, dt.date(2018, 11, 2))}
    assert found["the corresponding period last year"] == "2017-Q3"
    assert found["This quarter"] == "2018-Q3"
    assert found["last year's quarter"] == "2017-Q3"
    assert found["the quarter a year ago"] == "2017-Q3"


def test_last_and_next_quarter_without_a_report() -> None:
    """"last quarter" alone is the quarter before the DCT's (not the fourth quarter)."""
    assert values("Exports rose last quarter and may fall next quarter.", dt.date(2018, 11, 2)) == [
        "2018-Q3", "2019-Q1"]
    assert values("Exports rose in the last quarter of 2017.") == ["2017-Q4"]


def test_the_week_of_a_date() -> None:
    assert one("A hearing is set for the week of March 6, 2017.", "the week of March 6, 2017").value == "2017-W10"


def test_clock_hours_with_a_part_of_day() -> None:
    """"4 in the morning", "9 in the evening", "11 at night" are clock times."""
    assert values("The convoy left at 4 in the morning and returned at 9 in the evening.") == [
        "2018-04-05T04:00", "2018-04-05T21:00"]
    assert one("Polls closed at 11 at night.", "11 at night").value == "2018-04-05T23:00"


def test_the_quarter_ended_a_date() -> None:
    """"the quarter ended July 31" covers May to July: mostly the second calendar quarter."""
    found = {t.text: t.value for t in tag("In the quarter ended July 31, sales fell 4% from a year earlier.",
                                          dt.date(2018, 10, 30))}
    assert found["the quarter"] == "2018-Q2"
    assert found["a year earlier"] == "2017-Q2"
    assert one("In the quarter ended Jan. 31, sales fell.", "the quarter", dt.date(2018, 3, 2)).value == "2017-Q4"


def test_soon_is_the_future_unless_it_links_or_reports_the_past() -> None:
    """"will soon", "may soon" are FUTURE_REF; "as soon as", "soon after", "was soon freed", "soon became" are
    not expressions."""
    assert one("The envoy may soon return to Pyongyang.", "soon").value == "FUTURE_REF"
    assert one("Officials expect the border to soon reopen.", "soon").value == "FUTURE_REF"
    for text in ("Talks resume as soon as the ceasefire holds.", "He resigned soon after the vote.",
                 "The hostage was soon freed by the militia.", "The dispute soon became a crisis.",
                 "The rebels soon seized the airport."):
        assert "soon" not in [t.text for t in tag(text)], text


def test_year_end() -> None:
    """"by year end", "around year end", "by year's end": this year, mod END; the accounts' noun "year-end" is
    Dec. 31 ("since year-end" last year's)."""
    t = one("The merger should close by year end.", "year end")
    assert (t.value, t.mod) == ("2018", "END")
    t = one("The merger should close by year-end.", "year-end")
    assert (t.value, t.mod) == ("2018-12-31", None)
    assert one("The ministers hope to sign around year end.", "around year end").value == "2018"
    assert one("The ministers hope to sign around year-end.", "around year-end").value == "2018"
    assert one("Troops will leave by year's end.", "year's end").value == "2018"
    assert one("The index has risen 4% since year-end.", "year-end").value == "2017-12-31"
    assert "year-end" not in [t.text for t in tag("The year-end bonus was paid by Friday.")]


def test_generic_today_and_tomorrow() -> None:
    """"today's youth", "the leaders of tomorrow": nowadays and the future, not the DCT's day."""
    assert one("Sport matters to today's youth.", "today").value == "PRESENT_REF"
    assert one("The academy trains the diplomats of tomorrow.", "tomorrow").value == "FUTURE_REF"
    assert one("Today's vote was delayed.", "Today").value == "2018-04-05"
    assert one("The vote is due at the end of tomorrow.", "the end of tomorrow").value == "2018-04-06"


def test_planning_to_and_since_set_the_direction() -> None:
    """"were planning to ... on Monday" is the coming Monday (the past auxiliary belongs to the future cue);
    "since March" lies before the DCT whatever the rest of the clause says."""
    assert one("Protesters were planning to march to the embassy on Monday.", "Monday").value == "2018-04-09"
    text = "The ship has been at sea since March and was scheduled to return next week."
    assert one(text, "March", dt.date(2018, 2, 10)).value == "2017-03"


def test_two_days_of_one_month() -> None:
    """"on April 24 and 25": two dates, the second in the first one's month and year."""
    found = [(t.text, t.value) for t in tag("Leaders will gather on May 14 and 15, 2019 in Riga.")]
    assert found == [("May 14", "2019-05-14"), ("15, 2019", "2019-05-15")]
    assert [t.text for t in tag("Turnout fell on May 3 and 4 others left.")] == ["May 3"]


def test_fractions_and_idioms_are_not_times() -> None:
    """"a quarter of the seats" is a fraction, "high noon" a showdown."""
    assert tag("The party won more than a quarter of the seats.") == []
    assert tag("For the coalition, high noon has arrived.") == []
    assert one("Exports fell in the first quarter of this year.", "the first quarter of this year").value == "2018-Q1"


def test_over_the_years_and_that_same_day() -> None:
    """"over the years" is a vague duration; "that same day" after a month is a day of that month."""
    assert one("Over the years the two states drifted apart.", "the years").value == "PXY"
    text = "The envoy arrived in October. The embassy was closed that same day."
    assert one(text, "that same day").value == "2017-10-XX"


def test_deferred_until_a_day_is_ahead() -> None:
    """"postponed ... until Tuesday" is the coming Tuesday, though the verb is past."""
    text = "The court postponed its ruling until Tuesday morning."
    assert one(text, "Tuesday morning").value == "2018-04-10TMO"
    assert one("The talks were adjourned until Monday.", "Monday").value == "2018-04-09"


def test_month_names_in_names_and_that_quarter() -> None:
    """"the March of the Living" is a name; "that quarter" is the quarter just discussed."""
    assert tag("Thousands joined the March of the Living.") == []
    text = "Profit rose in the third quarter of 2017. Results for that quarter included a gain."
    assert one(text, "that quarter").value == "2017-Q3"


def test_years_and_today_inside_names() -> None:
    """"a venture called Vega 1990", "USA Today" are names; a year or "Today" opening a sentence is not."""
    assert tag("She founded a firm called Vega 1990 in Budapest.") == []
    assert tag("The minister told USA Today that talks would go on.") == []
    assert values("Since 1993, trade has doubled. Today the border opened.") == ["1993", "2018-04-05"]


def test_sentence_final_full_month_keeps_no_period() -> None:
    """A full month name ending a sentence does not take the full stop ("Sept." does)."""
    assert [t.text for t in tag("The vote was delayed until June. Then it was held.")] == ["June"]
    assert [t.text for t in tag("He left last July.")] == ["last July"]


def test_that_season_and_the_following_season() -> None:
    """"that autumn" is the season of the narrative's year; "the following winter" the next winter after it."""
    found = {t.text: t.value for t in tag("Rebels took the city in June 2011 and lost it that autumn.")}
    assert found["that autumn"] == "2011-FA"
    found = {t.text: t.value for t in tag("Floods hit in May 2010; the following winter was dry.")}
    assert found["the following winter"] == "2010-WI"


def test_period_to_a_month_and_the_end_of_the_month() -> None:
    """"the year to February" is a year-long period; "the end of the month" keeps its modifier."""
    assert one("Exports rose 4% in the year to February.", "the year").value == "P1Y"
    t = one("The talks should end by the end of the month.", "the end of the month")
    assert (t.value, t.mod) == ("2018-04", "END")


def test_a_week_after_a_date_is_no_frequency() -> None:
    """"March 31, a week from Sunday": the digit belongs to a date, so "a week" is not a rate."""
    assert "SET" not in [t.type for t in tag("The vote is on April 15, a week from Sunday.")]


def test_day_month_keeps_no_full_stop_and_local_time() -> None:
    """"on 3 March." ends before the full stop; "10 a.m. local time on Monday" is one clock time."""
    assert [t.text for t in tag("The first round was held on 3 March.")] == ["3 March"]
    t = one("The sides will meet at 10 a.m. local time on Monday.", "10 a.m. local time on Monday")
    assert t.value == "2018-04-09T10:00"


def test_reported_future_looks_ahead() -> None:
    """"said the two sides would meet on Monday": the reporting verb does not pull the day into the past; a
    plan already overtaken ("had been due to expire Friday") stays in the past."""
    assert one("Officials said the envoys would meet on Monday.", "Monday").value == "2018-04-09"
    assert one("The offer had been due to expire Tuesday.", "Tuesday").value == "2018-04-03"


def test_possessive_weekday_ahead_of_a_future_verb() -> None:
    """"Sunday's election is expected to be close" is the coming Sunday; "Wednesday's ruling" is past."""
    assert one("Sunday's election is expected to be close.", "Sunday").value == "2018-04-08"
    assert one("They will appeal Wednesday's ruling.", "Wednesday").value == "2018-04-04"


def test_adjectival_periods_leave_out_the_article() -> None:
    """TimeBank marks the adjective alone: "the 30-day period" -> "30-day", "the third-quarter results" ->
    "third-quarter", "the year-ago results" -> "year-ago"."""
    assert [t.text for t in tag("The 30-day truce expired.")] == ["30-day"]
    texts = [t.text for t in tag("The third-quarter results beat the year-ago results.", dt.date(2018, 11, 2))]
    assert texts == ["third-quarter", "year-ago"]


def test_prepositions_stay_outside_durations() -> None:
    """"within a week", "over the past two years": the preposition is a signal, not part of the expression;
    "over a week" (more than a week) keeps its modifier."""
    assert [t.text for t in tag("Troops will leave within a week.")] == ["a week"]
    assert [t.text for t in tag("Trade doubled over the past two years.")] == ["the past two years"]
    t = one("The inspection lasted over a week.", "over a week")
    assert (t.value, t.mod) == ("P1W", "MORE_THAN")


def test_last_as_a_verb_is_no_past_cue() -> None:
    """"talks expected to last three days": "last" is a verb there, so "arrived on Sunday" stays in the past."""
    text = "Delegates arrived on Sunday for talks that are expected to last three days."
    assert one(text, "Sunday").value == "2018-04-01"


# --- month or season "of last / that year"; anaphoric years and months (DCT 2019-06-12) -----------------------

DCT_JUNE = dt.date(2019, 6, 12)  # a Wednesday


@pytest.mark.parametrize(
    "text, phrase, value, mod",
    [
        ("The envoys last met in February of last year.", "February of last year", "2018-02", None),
        ("A new round opens in October of this year.", "October of this year", "2019-10", None),
        ("The accord takes effect in January of next year.", "January of next year", "2020-01", None),
        ("Elections were held in April of 2016.", "April of 2016", "2016-04", None),
        ("The ceasefire collapsed in the autumn of last year.", "the autumn of last year", "2018-FA", None),
        ("The treaty was signed on May 9 of last year.", "May 9 of last year", "2018-05-09", None),
        ("The embassy closed in late March of last year.", "late March of last year", "2018-03", "END"),
        ("Troops withdrew in early July of last year.", "early July of last year", "2018-07", "START"),
    ],
)
def test_month_of_a_relative_year_is_one_expression(text: str, phrase: str, value: str, mod: str | None) -> None:
    t = one(text, phrase, DCT_JUNE)
    assert (t.value, t.mod) == (value, mod)
    assert len(tag(text, DCT_JUNE)) == 1


def test_that_year_is_the_last_year_stated() -> None:
    """"that year", "the same year", "later that year" refer back to the last year the text states, not to the
    year a bare month was guessed in, nor to the DCT's."""
    text = ("Negotiations opened in Vienna in 2011. In September of that year the delegations walked out. "
            "They came back in December, and later that year a draft was agreed. The same year, sanctions eased.")
    assert one(text, "September of that year", DCT_JUNE).value == "2011-09"
    assert one(text, "later that year", DCT_JUNE).value == "2011"
    assert one(text, "The same year", DCT_JUNE).value == "2011"
    text = "The minister resigned last year. In August of that year, her successor was named."
    assert one(text, "August of that year", DCT_JUNE).value == "2018-08"
    text = "Parliament was dissolved in 2007; in March of the following year new elections were held."
    assert one(text, "March of the following year", DCT_JUNE).value == "2008-03"
    # no year stated before: the DCT's
    assert one("In May of that year the border reopened.", "May of that year", DCT_JUNE).value == "2019-05"


def test_that_month_is_the_last_month_named() -> None:
    text = "The blockade began in October 2014. On Monday, officials recalled that that month was the hardest."
    assert one(text, "that month", DCT_JUNE).value == "2014-10"
    text = "Fighting resumed in 2016. In June of that year a truce was signed, and later that year talks resumed."
    assert one(text, "later that year", DCT_JUNE).value == "2016"


@pytest.mark.parametrize(
    "text, tagged",
    [
        ("The two leaders met during the Winter Olympics.", []),
        ("The Summer Olympics of 2012 were held in London.", ["2012"]),
        ("Delegates toured the Summer Palace after the talks.", []),
        ("Millions travel home for the Spring Festival.", []),
        ("She won gold at the winter games.", []),
        ("Talks resume in the Spring, officials said.", ["the Spring"]),
        ("Last Winter Putin visited Beijing.", ["Last Winter"]),
    ],
)
def test_season_word_in_a_name_is_no_timex(text: str, tagged: list[str]) -> None:
    assert [t.text for t in tag(text, DCT_JUNE)] == tagged


@pytest.mark.parametrize(
    "text, phrase, value",
    [
        # a plan told in the past perfect or with "was / were to": the occurrence nearest the DCT
        ("The signing had been planned for February 10 but was postponed.", "February 10", "2019-02-10"),
        ("The vote had been scheduled for July 2, officials said.", "July 2", "2019-07-02"),
        ("The ceremony was to be held on March 28.", "March 28", "2019-03-28"),
        ("The envoys were due to meet on Friday.", "Friday", "2019-06-14"),
        ("The envoys were due to meet on Monday.", "Monday", "2019-06-10"),
        # a plan told in the present or future still looks ahead
        ("The signing is planned for February 10.", "February 10", "2020-02-10"),
        ("Officials said the signing would take place on February 10.", "February 10", "2020-02-10"),
        ("Protesters were planning to rally outside parliament on Monday.", "Monday", "2019-06-17"),
        # possible events: "could be held" lies ahead; a bare "could" verb takes the nearest
        ("The summit could be held in March.", "March", "2020-03"),
        ("A second round may be held in April.", "April", "2020-04"),
        ("The meeting could take place in September.", "September", "2019-09"),
        ("The inspectors could not be reached on Monday.", "Monday", "2019-06-10"),
        ("On Friday the minister is scheduled to meet his Chinese counterpart.", "Friday", "2019-06-14"),
    ],
)
def test_plans_told_in_the_past_and_possible_events(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase, DCT_JUNE).value == value


@pytest.mark.parametrize(
    "text, phrase, value",
    [
        ("The committee will meet again on the 20th.", "the 20th", "2018-04-20"),
        ("The committee met on the 2nd and adjourned.", "the 2nd", "2018-04-02"),
        ("The committee met on the 28th.", "the 28th", "2018-03-28"),  # past, after the DCT's day: last month
        ("The committee will meet on the 3rd.", "the 3rd", "2018-05-03"),  # ahead, before the DCT's day
        ("Payments are due by the 30th of next month.", "the 30th of next month", "2018-05-30"),
        ("The fair opens on Friday the 13th.", "Friday the 13th", "2018-04-13"),
    ],
)
def test_ordinal_day_of_the_month(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_ordinals_that_are_not_days() -> None:
    assert tag("The regiment joined the 3rd Division on the 5th floor.") == []
    assert tag("She finished the race in the 12th position.") == []


def test_nth_day_of_an_event_in_the_present_is_the_dct() -> None:
    assert one("Today is the sixth day of the blockade.", "the sixth day").value == "2018-04-05"
    assert one("The walkout, now in its fourth day, has closed ports.", "fourth day").value == "2018-04-05"
    assert [t.text for t in tag("The walkout entered its fourth day on Monday.")] == ["Monday"]


def test_vague_hours_and_days_and_unit_long_adjectives() -> None:
    assert one("Residents queued for hours outside the bank.", "hours").value == "PTXH"
    assert one("The ceasefire could collapse within days.", "days").value == "PXD"
    assert one("A day-long meeting of ministers ended.", "day-long").value == "P1D"
    assert one("The week-long fair drew crowds.", "week-long").value == "P1W"
    assert one("The years-long feud ended in a handshake.", "years-long").value == "PXY"
    assert tag("Their 4-year-old daughter was unharmed.") == []


def test_every_season_time_zones_and_days_from_today() -> None:
    assert one("The herders move north every spring.", "every spring").value == "XXXX-SP"
    t = one("Shares closed at 4 p.m. ET on a quiet day.", "4 p.m. ET")
    assert (t.type, t.value) == ("TIME", "2018-04-05T16:00")
    assert one("The verdict is due a week from today.", "a week from today").value == "2018-04-12"


def test_half_of_a_decade_or_century_is_one_expression() -> None:
    t = one("Wages stagnated in the last half of the '70s.", "the last half of the '70s")
    assert (t.value, t.mod) == ("197", "END")
    t = one("Railways spread in the first half of the 19th century.", "the first half of the 19th century")
    assert (t.value, t.mod) == ("18", "START")
    assert one("Exports grew in the first half of 2016.", "the first half of 2016").value == "2016-H1"


def test_a_period_to_a_month_keeps_the_past_tense() -> None:
    assert one("Exports fell in the three months to August.", "August").value == "2017-08"
    assert one("The mandate was extended to August.", "August").value == "2018-08"


def test_quarter_codes_military_times_and_end_dash() -> None:
    assert one("Revenue rose 4 percent in Q1 2017.", "Q1 2017").value == "2017-Q1"
    assert one("Margins narrowed in Q3.", "Q3").value == "2017-Q3"  # not begun in 2018 by April: last year's
    assert one("The bank will post a loss in H2.", "H2").value == "2018-H2"
    assert tag("He drives an Audi Q3 to work.") == []
    t = one("The shelling resumed at 1430 GMT on Tuesday.", "1430 GMT on Tuesday")
    assert (t.type, t.value) == ("TIME", "2018-04-03T14:30")
    assert [t.text for t in tag("The blast came at 9:10 a.m. (0610 GMT).")] == ["9:10 a.m."]
    t = one("Public debt will peak at end-2019.", "end-2019")
    assert (t.value, t.mod) == ("2019", "END")


def test_by_the_end_of_the_day_but_not_the_idiom() -> None:
    t = one("A ruling is expected by the end of the day.", "the end of the day")
    assert (t.value, t.mod) == ("2018-04-05", "END")
    assert tag("At the end of the day, voters want jobs.") == []


def test_earlier_counts_from_the_narratives_last_date() -> None:
    text = "Troops crossed the river on March 28. Two days earlier, the villagers had left."
    assert one(text, "Two days earlier").value == "2018-03-26"
    text = "The convoy reached the border on Sunday. A day earlier, its drivers had been stopped."
    assert one(text, "A day earlier").value == "2018-03-31"
    assert one("The dam burst three days earlier, engineers said.", "three days earlier").value == "2018-04-02"
    text = "Talks opened in Oslo on May 9, 2014. Three weeks later, they collapsed."
    assert one(text, "Three weeks later").value == "2014-W22"
    text = "The election was held in 2016. Three months later, the parliament was stormed."
    assert one(text, "Three months later").type == "DURATION"  # a year is too coarse to count months from
    # an anchor too coarse for the unit (a year) does not count days: the DCT does
    assert one("The mine opened in 2018. Five days earlier, a strike ended.", "Five days earlier").value == \
        "2018-03-31"


def test_a_year_modifying_a_noun_is_no_month_anchor() -> None:
    text = "The 2011 uprising toppled the ruler. The following month, a council took over."
    assert one(text, "The following month").type == "DURATION"
    text = "Parliament was dissolved in 2011. The following month, a council took over."
    assert one(text, "The following month").value == "2011-02"
    text = "Russia's 2014 annexation of the peninsula drew sanctions. Later that year, talks began."
    assert one(text, "Later that year").value == "2014"


def test_bare_months_in_past_narration_and_past_plans() -> None:
    dct = dt.date(2022, 10, 20)
    assert one("She cancelled a visit to Lagos in January.", "January", dct).value == "2022-01"
    assert one("They postponed the ceremony in February.", "February", dct).value == "2022-02"
    dct = dt.date(2021, 7, 8)
    text = "The congress, originally scheduled for June, has been moved to November."
    assert one(text, "June", dct).value == "2021-06"
    assert one(text, "November", dct).value == "2021-11"
    text = "The talks, initially planned for March, were delayed."
    assert one(text, "March", dct).value == "2021-03"
    dct = dt.date(2020, 5, 14)
    text = "The minister said the vote could take place after the party congress in October."
    assert one(text, "October", dct).value == "2020-10"
    text = "The minister said the strike may go ahead before the holiday in December."
    assert one(text, "December", dct).value == "2020-12"


def test_the_same_day_is_the_last_date_or_the_dct() -> None:
    assert one("The governor resigned the same day.", "the same day").value == "2018-04-05"
    text = "Rebels seized the airport on March 12. The president fled the same day."
    assert one(text, "the same day").value == "2018-03-12"


def test_clock_time_with_a_city_time_zone() -> None:
    t = one("Shelling began at 8.30 p.m. Kabul time on Tuesday, residents said.", "8.30 p.m. Kabul time on Tuesday")
    assert (t.type, t.value) == ("TIME", "2018-04-03T20:30")
    t = one("The launch is at 6 a.m. Moscow time.", "6 a.m. Moscow time")
    assert t.value == "2018-04-05T06:00"
    assert [t.text for t in tag("The strike began at 5 p.m. This time the union held firm.")] == ["5 p.m."]


def test_weekday_with_last_or_next_week() -> None:
    assert one("Envoys met on Tuesday last week in Doha.", "Tuesday last week").value == "2018-03-27"
    assert one("Envoys will meet on Friday of next week.", "Friday of next week").value == "2018-04-13"
    assert [t.text for t in tag("On Monday last week's figures were revised.")] == ["Monday", "last week"]


def test_day_ranges_give_both_days() -> None:
    assert [(t.text, t.value) for t in tag("The summit runs from 16 to 18 April in Lima.")] == [
        ("16", "2018-04-16"), ("18 April", "2018-04-18")]
    assert [(t.text, t.value) for t in tag("Envoys met in Vienna on Feb. 12-14.")] == [
        ("Feb. 12", "2018-02-12"), ("14", "2018-02-14")]
    assert [t.value for t in tag("The fair was held from June 3 to 6, 2015.")] == ["2015-06-03", "2015-06-06"]
    assert [t.text for t in tag("United won 3-1 May 3 at home.")] == ["May 3"]


def test_died_is_a_past_cue() -> None:
    assert one("On 3 July, 12 people died in the floods.", "3 July").value == "2017-07-03"


def test_half_of_a_month() -> None:
    t = one("The envoys are due to meet in the second half of May.", "the second half of May")
    assert (t.value, t.mod) == ("2018-05", "END")
    t = one("Prices fell in the first half of March 2016.", "the first half of March 2016")
    assert (t.value, t.mod) == ("2016-03", "START")
    assert one("Output rose in the first half of 2016.", "the first half of 2016").value == "2016-H1"
    t = one("The summit is slated for the first week of June.", "the first week of June")
    assert (t.value, t.mod) == ("2018-06", "START")
    t = one("Talks were held in the last week of March 2015.", "the last week of March 2015")
    assert (t.value, t.mod) == ("2015-03", "END")


def test_an_ordinal_day_counts_from_the_day_just_written() -> None:
    text = "The ministry said on March 20 that the ballot would be held on the 28th."
    assert one(text, "the 28th").value == "2018-03-28"
    assert one("The siege began on Jan. 27 and was lifted on the 3rd.", "the 3rd").value == "2018-02-03"
    assert one("The court, which sat on Feb. 5, ruled on the 12th.", "the 12th").value == "2018-02-12"
    assert one("The hearing resumes on the 20th.", "the 20th").value == "2018-04-20"


def test_vague_later_is_a_duration_not_the_future() -> None:
    t = one("Troops took the port on March 9. Days later, the rebels returned.", "Days")
    assert (t.type, t.value) == ("DURATION", "PXD")
    t = one("A few weeks later, the minister resigned.", "A few weeks")
    assert (t.type, t.value) == ("DURATION", "PXW")
    assert one("Weeks earlier, the rebels had fled.", "Weeks earlier").value == "PAST_REF"


def test_time_restated_in_another_zone_before_its_day() -> None:
    found = [(t.text, t.value) for t in tag("The blast came at 11.20 p.m. local time (2020 GMT) on Tuesday.")]
    assert found == [("11.20 p.m. local time", "2018-04-03T23:20"), ("Tuesday", "2018-04-03")]


def test_the_same_day_after_a_week_is_a_day_of_that_week() -> None:
    text = "The accord was signed last week. On the same day, the embargo was lifted."
    assert one(text, "the same day").value == "2018-W13"


def test_entry_into_force_relative_asides_and_agreed_plans() -> None:
    dct = dt.date(2024, 2, 10)  # a Saturday
    text = "The decree, which takes effect in October, was signed on Monday."
    assert [t.value for t in tag(text, dct)] == ["2024-10", "2024-02-05"]
    text = "The minister, who flew to Oslo in December, returns in March."
    assert [t.value for t in tag(text, dct)] == ["2023-12", "2024-03"]
    assert one("They met in September and agreed to meet again in April.", "April", dct).value == "2024-04"
    text = "He replaced the director, who stepped down as chairman, president and treasurer in March."
    assert one(text, "March", dt.date(2024, 11, 2)).value == "2024-03"


def test_a_scheduled_present_looks_ahead() -> None:
    dct = dt.date(2024, 6, 10)  # a Monday
    assert one("The summit opens in Rome on Thursday.", "Thursday", dct).value == "2024-06-13"
    assert one("Blinken travels to Cairo on Friday.", "Friday", dct).value == "2024-06-14"
    assert one("The summit opened in Rome on Thursday.", "Thursday", dct).value == "2024-06-06"
    assert sentence_tense("The summit opens in Rome on Thursday.") == "present"


def test_a_relative_asides_past_verb_does_not_govern_the_main_clause() -> None:
    dct = dt.date(2024, 2, 10)
    text = "The envoy, who broke off the talks in December, goes back to Geneva in March."
    assert [t.value for t in tag(text, dct)] == ["2023-12", "2024-03"]
    text = "The talks, which broke down in March, will resume in October."
    assert [t.value for t in tag(text, dct)] == ["2023-03", "2024-10"]


def test_a_plural_scheduled_present_looks_ahead() -> None:
    dct = dt.date(2024, 6, 12)  # a Wednesday
    assert one("The two prime ministers meet in Oslo on Monday.", "Monday", dct).value == "2024-06-17"
    assert one("Coalition talks resume Tuesday, a party spokesman said.", "Tuesday", dct).value == "2024-06-18"
    assert one("Farmers go to the polls on Sunday in the regional vote.", "Sunday", dct).value == "2024-06-16"
    assert one("The new governor takes office on Monday.", "Monday", dct).value == "2024-06-17"
    # not after an auxiliary or "to", nor a noun
    assert one("The two prime ministers did not meet on Monday.", "Monday", dct).value == "2024-06-10"
    assert one("Her visit on Monday was cut short by the storm.", "Monday", dct).value == "2024-06-10"


def test_expects_to_looks_ahead() -> None:
    dct = dt.date(2024, 2, 14)  # in the first quarter
    text = "The brewer said on Tuesday that it expects to complete the sale in the third quarter."
    assert one(text, "the third quarter", dct).value == "2024-Q3"
    assert one("The ministry expects to open the bridge in January.", "January", dct).value == "2025-01"
    assert sentence_tense("Analysts expect to see a rebound.") == "future"


def test_a_speech_tag_after_the_report_does_not_date_it() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    text = "The consulate will reopen on Monday, a foreign ministry spokeswoman said."
    assert one(text, "Monday", dct).value == "2024-06-17"
    text = "Border crossings would stay shut until Tuesday, the interior minister told reporters."
    assert one(text, "Tuesday", dct).value == "2024-06-18"
    # the report's own past verb still places it
    assert one("Rebels shelled the port on Monday, the army said.", "Monday", dct).value == "2024-06-10"


def test_a_participle_after_another_verb_is_no_past_cue() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    assert one("The schools will remain closed until Tuesday.", "Tuesday", dct).value == "2024-06-18"
    assert one("The airport is closed until Monday.", "Monday", dct).value == "2024-06-17"
    assert one("The airport was closed on Monday.", "Monday", dct).value == "2024-06-10"


def test_has_until_is_a_deadline_ahead() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    assert one("The committee has until Monday to file its report.", "Monday", dct).value == "2024-06-17"
    assert one("Creditors have until Tuesday to accept the offer.", "Tuesday", dct).value == "2024-06-18"
    assert sentence_tense("He has until now refused to comment.") == "past"


def test_a_condition_still_to_be_met_lies_ahead() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    assert one("The budget, if approved on Monday, would cut spending.", "Monday", dct).value == "2024-06-17"
    text = "Unless the loan is signed by Tuesday, the utility will run out of cash."
    assert one(text, "Tuesday", dct).value == "2024-06-18"
    # not "as if", nor a condition in the past
    assert one("He acted as if nothing happened on Monday.", "Monday", dct).value == "2024-06-10"
    assert one("It was unclear if the convoy had left on Monday.", "Monday", dct).value == "2024-06-10"


def test_a_scheduled_end_looks_ahead() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    assert one("Early voting ends at 6 p.m. on Monday.", "6 p.m. on Monday", dct).value == "2024-06-17T18:00"
    assert one("The consultation closes on Tuesday.", "Tuesday", dct).value == "2024-06-18"


def test_a_past_backshifted_under_a_future_looks_ahead() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    text = "Diplomats said the envoys would return as soon as the truce took hold on Monday."
    assert one(text, "Monday", dct).value == "2024-06-17"
    text = "Traders were likely to sell once the market opened Tuesday."
    assert one(text, "Tuesday", dct).value == "2024-06-18"
    # no future before it: the past stands
    assert one("The envoys returned as soon as the truce took hold on Monday.", "Monday", dct).value == "2024-06-10"


def test_earlier_in_the_week_is_this_week() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday, ISO week 24
    assert one("Police detained two men earlier in the week.", "the week", dct).value == "2024-W24"
    assert one("A ruling is expected later in the week.", "the week", dct).value == "2024-W24"
    assert one("For the week, the index lost 2 percent.", "the week", dct).value == "2024-WXX"


def test_ahead_of_the_weekend_is_the_coming_one() -> None:
    dct = dt.date(2024, 6, 11)  # a Tuesday, ISO week 24
    assert one("Investors cut their bets ahead of the weekend.", "the weekend", dct).value == "2024-W24-WE"
    assert one("Shelling went on over the weekend.", "the weekend", dct).value == "2024-W23-WE"


def test_ahead_of_a_day_looks_forward() -> None:
    dct = dt.date(2024, 6, 13)  # a Thursday
    text = "Troops were deployed in the capital ahead of Sunday's referendum."
    assert one(text, "Sunday", dct).value == "2024-06-16"
    text = "In the run-up to Saturday's rally, police closed the main square."
    assert one(text, "Saturday", dct).value == "2024-06-15"
    # a possessive weekday alone is still the one reported
    assert one("Sunday's referendum drew a low turnout.", "Sunday", dct).value == "2024-06-09"


def test_the_following_day_after_a_year_counts_from_the_last_day_named() -> None:
    text = "On Wednesday they approved a joint space flight in 1975. The following day the navies signed an accord."
    assert one(text, "The following day", dt.date(1972, 5, 27)).value == "1972-05-25"
    t = one("They approved a joint space flight in 1975. The following day the navies signed an accord.",
            "The following day", dt.date(1972, 5, 27))
    assert t.date_start is None and t.source == "unresolved"  # no day to count from: left to the event before it
    t = one("They met on Wednesday. The following day they signed an accord.", "The following day",
            dt.date(1972, 5, 27))
    assert t.value == "1972-05-25"


def test_a_regular_past_after_a_named_subject_is_a_past_verb() -> None:
    dct = dt.date(2023, 11, 16)
    assert one("Blinken postponed a trip to Beijing in February.", "February", dct).value == "2023-02"
    assert one("Moscow briefly suspended its part at the end of October.", "the end of October",
               dt.date(2023, 7, 18)).value == "2022-10"
    # a possessive before a participle is no subject: "Xi's proposed visit in February" is still ahead
    assert one("Xi's proposed visit in February is off.", "February", dct).value == "2024-02"


def test_a_participial_aside_takes_the_tense_of_the_speech_verb_after_it() -> None:
    dct = dt.date(2003, 1, 11)  # a Saturday
    text = ("Senior officials of the United States and Japan, meeting in Washington on Monday and Tuesday, said "
            "Washington was willing to talk but would not offer inducements.")
    assert [one(text, d, dct).value for d in ("Monday", "Tuesday")] == ["2003-01-06", "2003-01-07"]
    # the report before a trailing speech tag keeps its own tense
    assert one("The embassy will reopen on Monday, officials said.", "Monday", dct).value == "2003-01-13"


def test_a_bare_month_the_narrative_just_named_is_that_month() -> None:
    text = ("The activist was shot dead in June 2023. In September of that year the prime minister spoke out. "
            "India rejected the claim and, later in September, suspended visa services.")
    assert one(text, "September", dt.date(2024, 10, 15)).value == "2023-09"
    # a month the narrative did not name keeps its own reading
    assert one("India rejected the claim in March 2023. Canada answered in September.", "September",
               dt.date(2024, 10, 15)).value == "2024-09"


def test_a_day_with_its_year_relative_and_an_offset_from_today() -> None:
    dct = dt.date(2023, 7, 18)
    assert one("It was signed in Istanbul on July 22 last year.", "July 22 last year", dct).value == "2022-07-22"
    assert one("They met on March 3 last year.", "March 3 last year", dct).value == "2022-03-03"
    assert one("They will meet on 5 May next year.", "5 May next year", dct).value == "2024-05-05"
    assert one("The invitation was conveyed a week ago today.", "a week ago today", dct).value == "2023-07-11"


def test_a_bare_month_takes_the_past_year_its_sentence_stated() -> None:
    # "That year's accord, signed in Belfast in April": the April of that year, not the DCT's
    text = "In November 1998 the two leaders met at Messines. That year's accord, signed in Belfast in April, held."
    assert one(text, "April").value == "1998-04"
    # ... but not across a sentence boundary, nor a year of the news itself
    assert one("The talks ended in 1998. The envoys met again in April.", "April").value == "2018-04"
    assert one("Trade grew in 2017, and the envoys met in March.", "March").value == "2018-03"


def test_that_month_is_the_month_of_the_narratives_year() -> None:
    text = "The negotiations opened in Moscow in April 1994. A ceasefire was agreed in Tehran that September."
    t = one(text, "that September")
    assert (t.value, t.source) == ("1994-09", "anchored")


def test_a_weekday_a_meeting_is_called_for_lies_ahead() -> None:
    # "has called an emergency meeting of the bloc for Monday", said on a Thursday: the coming Monday
    assert one("Honduras has called an emergency meeting of the bloc for Monday.", "Monday").value == "2018-04-09"


@pytest.mark.parametrize("text,published,day", [
    ("PARIS, Dec. 14 — The treaty was signed.", dt.date(1995, 12, 15), dt.date(1995, 12, 14)),
    ("WASHINGTON, Feb. 3 (AP) — The pact was extended.", dt.date(2021, 2, 4), dt.date(2021, 2, 3)),
    ("NEW YORK, Dec. 31 — The year ended.", dt.date(2001, 1, 2), dt.date(2000, 12, 31)),
    ("PRAGUE (CW) — The leaders met.", dt.date(2022, 10, 7), None),
    ("PARIS, Dec. 1 — A dateline weeks older than the paper is not its day.", dt.date(1995, 12, 15), None),
])
def test_a_dated_dateline_gives_the_day_of_the_report(text: str, published: dt.date, day: dt.date | None) -> None:
    assert dateline_day(text, published) == day


def test_the_same_morning_is_of_the_narratives_last_day_not_a_year_named_since() -> None:
    text = ("Iraq recognised Kuwait on Thursday, which it invaded four years ago. Russia's minister, who had flown "
            "in the same morning, looked on.")
    assert one(text, "the same morning", dt.date(1994, 11, 11)).value == "1994-11-10TMO"
