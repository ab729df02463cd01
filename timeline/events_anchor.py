"""Anchored dates: events dated by their distance to another date of the text.

"on Monday, a day after its parliament declared independence" puts the declaration on Sunday; "Russia's parliament
approved the extension the following day" puts the approval one day after the event reported just before it.
"""

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.timex import Timex

if TYPE_CHECKING:
    from timeline.events import EventMention

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
COUNT = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>days?|weeks?|months?|years?)"
# between a day date and a later trigger: "on Monday, a day after its parliament [declared]"
OFFSET_BEFORE_TRIGGER = re.compile(
    rf"^(?:\s+(?:on|in|at|near|outside|inside)\s+[^,;]{{1,40}}?|(?P<far>[^;:.]{{1,160}}?,))?\W{{0,3}}(?:(?:just|only|some)\s+)?(?:{COUNT}\s+|(?:a\s+few\s+|several\s+|some\s+)?(?:days|weeks|months|years)\s+"
    r"|(?:(?:a\s+few|several|two|three|four|five|six|\d{1,2})\s+)?(?P<hours>hours|minutes)\s+)?"
    r"(?P<dir>after|before|since)\s+(?:[\w.’'-]+\s+){0,8}$",
    re.IGNORECASE,
)
COARSE_ANCHOR = {"month", "season", "quarter", "half", "year"}  # an uncounted "after" stays inside such a date
NO_COUNT = re.compile(r"^\s+after\s", re.IGNORECASE)  # right after the date: "in July 2010 after ..."
# "on Wednesday, their first summit since Biden [took office]": an appositive about another time
APPOSITIVE_ANCHOR = re.compile(r"^(?:\s+(?:on|in|at|near)\s+[^,;]{1,40}?)?\s*,\s+(?:[\w’'-]+\s+){1,5}?"
                               r"(?:since|after|before)\s+(?:[\w.’'-]+\s+){0,8}$", re.IGNORECASE)
# an expression of its own that only counts from the event before: "the following day", "two days later"
RELATIVE_TO_PREVIOUS = re.compile(
    rf"^(?:(?:the\s+)?(?:following|next)\s+(?P<unit1>day|week)|{COUNT}\s+later|"
    r"(?:the\s+)?(?P<unit3>day|week)\s+(?P<back>before|earlier)|the\s+previous\s+(?P<unit2>day|week))$",
    re.IGNORECASE,
)


# "The decision came a day after [Kono and Kang held talks]": the act in the after-clause is that many days before
# the news act the sentence's subject stands for
CAME_AFTER = re.compile(rf"\b(?:came|comes|followed|was\s+announced|was\s+made|took\s+place)\s+(?:just\s+|only\s+)?"
                        rf"{COUNT}\s+after\s+(?:(?!,\s+(?:and|but|while|when)\b)[^;:]){{0,160}}$", re.IGNORECASE)


def came_after(before: str) -> int | None:
    """Days from the news act to an act told in a "came two days after ..." clause (negative), or None."""
    m = CAME_AFTER.search(before)
    if m is None or m.group("unit").lower() not in UNIT_DAYS:
        return None
    return -count_days(m.group("n"), m.group("unit"))


def count_days(n: str | None, unit: str | None) -> int:
    """Days in "two weeks", "a day" (1 when no count is given; months and years count 1 a unit)."""
    if not n or not unit:
        return 1
    return (int(n) if n.isdigit() else NUMBERS[n.lower()]) * UNIT_DAYS.get(unit.lower(), 1)


def shifted(t: Timex, days: int, text: str | None = None) -> Timex:
    """A day-precise timex moved by `days` (source 'anchored')."""
    day = t.date_start + dt.timedelta(days=days)
    return replace(t, value=day.isoformat(), date_start=day, date_end=day, granularity="day", source="anchored",
                   text=text or t.text)


def months_shifted(t: Timex, months: int, granularity: str) -> Timex:
    """A timex moved by whole months, as precise as the distance ("two months after Thursday": that month)."""
    index = t.date_start.year * 12 + t.date_start.month - 1 + months
    year, month = divmod(index, 12)
    if granularity == "year":
        return replace(t, value=f"{year:04d}", date_start=dt.date(year, 1, 1), date_end=dt.date(year, 12, 31),
                       granularity="year", source="anchored")
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return replace(t, value=f"{year:04d}-{month + 1:02d}", date_start=dt.date(year, month + 1, 1),
                   date_end=dt.date(year, month + 1, last), granularity="month", source="anchored")


def anchor_before_trigger(between: str, t: Timex) -> Timex | None:
    """The event's date when a date before its trigger is only an anchor ("on Monday, a day after X declared"):
    shifted by the distance given, or None (no date of its own) when the text gives no distance or the anchor
    is not a day; `t` itself when the text between is no anchor."""
    m = OFFSET_BEFORE_TRIGGER.match(between)
    if m is None:
        return None if APPOSITIVE_ANCHOR.match(between) else t
    if m.group("far") and not m.group("n"):
        return t  # "on Monday, including their envoys, after police accused ...": no distance to go by
    if m.group("hours") and t.granularity == "day" and m.group("dir").lower() != "since":
        return t  # "on Tuesday, hours after Medvedev ordered": the same day
    if (m.group("dir").lower() == "after" and not m.group("n") and not m.group("unit") and not m.group("hours")
            and t.granularity in COARSE_ANCHOR and NO_COUNT.match(between)):
        return t  # "cut ties in July 2010 after Colombia accused his government": that month too
    if not m.group("n") or t.date_start is None or m.group("dir").lower() == "since":
        return None  # "their first summit since Biden took office": not that day
    sign = -1 if m.group("dir").lower() == "after" else 1
    unit = m.group("unit").lower().rstrip("s")
    if unit in ("month", "year") and t.granularity in ("day", "month", "year"):
        n = count_days(m.group("n"), "day") * (12 if unit == "year" else 1)
        return months_shifted(t, sign * n, "year" if unit == "year" or t.granularity == "year" else "month")
    if t.granularity != "day":
        return None
    return shifted(t, sign * count_days(m.group("n"), m.group("unit")))


def offset_from_previous(t: Timex) -> int | None:
    """Days from the event reported before, for expressions like "the following day" (None for others)."""
    if t.date_start is not None:
        return None
    m = RELATIVE_TO_PREVIOUS.match(t.text.strip())
    if m is None:
        return None
    if m.group("n"):
        return count_days(m.group("n"), m.group("unit"))
    unit = (m.group("unit1") or m.group("unit2") or m.group("unit3") or "day").lower()
    days = UNIT_DAYS[unit]
    return -days if (m.group("back") or m.group("unit2")) else days


WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
PAST_PLAN = re.compile(r"\b(?:had|was|were)\b", re.IGNORECASE)


def next_occurrence(t: Timex, published: dt.date, clause: str) -> Timex:
    """A plan's bare weekday, month, season or day-of-month name that the tagger put in the past ("he is scheduled
    to visit on Friday", "could take place in September") means the next one; a past plan ("had been planned for
    February 10", "was to meet on Friday") means the nearest one, past or future."""
    if t.source != "inferred" or t.date_start is None or t.date_end is None:
        return t
    if PAST_PLAN.search(clause):  # "had been planned for February 10": the nearest February 10
        if t.granularity in ("day", "month") and not WEEKDAY.search(t.text) and t.date_start > published:
            start = _year_before(t.date_start)
            if (published - start) < (t.date_start - published):
                end = _year_before(t.date_end)
                return replace(t, value=f"{start.year:04d}{t.value[4:]}", date_start=start, date_end=end,
                               source="anchored")
        return t
    if t.date_end >= published:
        return t
    if t.granularity == "day" and WEEKDAY.search(t.text):
        return shifted(t, 7) if t.date_end >= published - dt.timedelta(days=7) else t
    if t.granularity in ("day", "month", "season") and t.date_end >= published - dt.timedelta(days=366):
        start, end = _next_year(t.date_start), _next_year(t.date_end)
        value = f"{start.year:04d}{t.value[4:]}" if t.value[:4].isdigit() else t.value
        return replace(t, value=value, date_start=start, date_end=end, source="anchored")
    return t


def _year_before(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def _next_year(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


# a date counted from the event reported before: "the following month", "two days earlier", "a year later"
COUNTED = re.compile(
    rf"^(?:(?:the\s+(?:following|next)|following)\s+(?P<unit1>day|month|year)|{COUNT}\s+(?P<dir>later|earlier|before)"
    r"|the\s+(?:previous|preceding)\s+(?P<unit2>day|month|year)|the\s+(?P<unit3>day|month|year)\s+before)$",
    re.IGNORECASE,
)


def counted_offset(text: str) -> tuple[int, str] | None:
    """Signed distance and unit (day, month, year) of an expression that counts from another date."""
    m = COUNTED.match(text.strip())
    if m is None or (m.group("unit") and m.group("unit").lower().startswith("week")):
        return None
    if m.group("unit1"):
        return 1, m.group("unit1").lower()
    if m.group("unit2") or m.group("unit3"):
        return -1, (m.group("unit2") or m.group("unit3")).lower()
    n = count_days(m.group("n"), "day")
    return (n if m.group("dir").lower() == "later" else -n), m.group("unit").lower().rstrip("s")


def counted_from(t: Timex, base: Timex, offset: tuple[int, str]) -> Timex | None:
    """`t` ("two days earlier") counted from `base` instead, or None when base is too coarse for the unit."""
    n, unit = offset
    if base.date_start is None:
        return None
    if unit == "day":
        return shifted(base, n, t.text) if base.granularity == "day" else None
    if base.granularity not in ("day", "month", "year") or (unit == "month" and base.granularity == "year"):
        return None
    gran = "year" if unit == "year" or base.granularity == "year" else "month"
    return replace(months_shifted(base, n * (12 if unit == "year" else 1), gran), text=t.text, start=t.start,
                   end=t.end)


def reanchor_counted(mentions: list["EventMention"], timexes: list[Timex]) -> None:
    """Dates that count from another ("the following month", "two days earlier") taken from the event reported
    before when the tagger counted from something else: from the DCT ("had won the election two days earlier"
    after "adjourned on June 20": from the last date the text gave, as precise as the unit), or from a date
    other than the event just before it in the same sentence ("In August, Libya accepted responsibility for the
    1988 bombing, and the UN lifted sanctions the following month": from August, not 1988)."""
    history: list[tuple[Timex, Timex]] = []  # (the tagger's timex, the date given) of dated mentions so far
    for m in mentions:
        t = m.timex
        if t is not None and t.date_start is not None and (offset := counted_offset(t.text)) is not None:
            before = next(((orig, given) for orig, given in reversed(history) if orig is not t), None)
            same_sentence = before is not None and m.sentence.start <= before[0].start < t.start
            if t.source == "relative":  # the tagger counted from the publication date
                base = next((x for x in reversed(timexes) if x.end <= t.start and x.type == "DATE"
                             and x.source != "relative" and x.date_start is not None
                             and x.granularity == ("day" if offset[1] == "day" else x.granularity)), None)
                m.timex = (counted_from(t, base, offset) if base is not None else None) or t
            elif before is not None and same_sentence:
                m.timex = counted_from(t, before[1], offset) or t
        if m.timex is not None and m.timex.date_start is not None:
            history.append((t, m.timex))  # type: ignore[arg-type]


def nearest_weekday(t: Timex, published: dt.date) -> Timex:
    """A called-off event's weekday is the nearest one, past or ahead ("cancelled a gala planned for Friday evening":
    the Friday just past when published on Saturday, the coming one when published on Tuesday)."""
    if t.source != "inferred" or t.date_start is None or t.granularity not in ("day", "time"):
        return t
    if not WEEKDAY.search(t.text) or t.date_start == published:
        return t
    step = -7 if t.date_start > published else 7
    other = t.date_start + dt.timedelta(days=step)
    if abs((other - published).days) < abs((t.date_start - published).days):
        return replace(shifted(t, step), type="DATE")
    return t


LATER_THIS = re.compile(r"\blater\s+(?:this|in\s+the)\s+(?:week|month|year)\b", re.IGNORECASE)


def from_publication(t: Timex, published: dt.date, deadline: bool = False) -> Timex:
    """A plan "later this week" (or with a deadline: "before the end of the year") lies between the publication
    date and the end of the period."""
    if t.date_start is None or t.date_end is None or not (LATER_THIS.search(t.text) or (deadline and t.mod == "END")):
        return t
    if t.date_start < published <= t.date_end or (deadline and published <= t.date_end):
        return replace(t, date_start=published)  # (a deadline's "end of the year" is its last months only)
    return t
