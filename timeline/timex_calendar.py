"""Calendar arithmetic for TimeML values: shifting by units, and the interval a DATE value covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(d: dt.date, n: int) -> dt.date:
    """d shifted by n calendar months (day clipped to the month's length)."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def quarter_of(d: dt.date) -> int:
    """Quarter number 1-4 of a date."""
    return (d.month - 1) // 3 + 1


def iso_week(d: dt.date) -> str:
    """TimeML week value, e.g. 2018-W15."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """d moved by n units (Y, M, W, D, Q, E decade, C century, WE weekend = week)."""
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "H2":
        return add_months(d, 6 * n)
    if unit == "E":
        return add_months(d, 120 * n)
    if unit == "C":
        return add_months(d, 1200 * n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    if unit == "W2":
        return d + dt.timedelta(weeks=2 * n)
    return d + dt.timedelta(days=n)


def value_at(d: dt.date, unit: str) -> str:
    """The TimeML value of the unit-sized period holding d ("2018", "2018-04", "2018-W15", "2018-Q2"...)."""
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit in ("W", "W2"):
        return iso_week(d)
    if unit == "WE":
        return iso_week(d) + "-WE"
    if unit == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if unit == "H2":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "E":
        return f"{d.year // 10:03d}"
    if unit == "C":
        return f"{d.year // 100:02d}"
    return d.isoformat()


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>.*))?)?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])|"
    r"H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?$"
)


# the part of a month or year that "early", "mid-" and "late" name: (first, last) day of month or month of year
PART_OF_MONTH = {"START": (1, 10), "MID": (11, 20), "END": (21, 31)}
PART_OF_YEAR = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}


def narrowed(first: dt.date | None, last: dt.date | None, granularity: str | None,
             mod: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The days of a month or year that "early", "mid-" or "late" leave ("late May": 21-31 May; "early 2019":
    January to April); the whole period for other mods and granularities."""
    if first is None or last is None or mod not in PART_OF_MONTH:
        return first, last
    if granularity == "month":
        lo, hi = PART_OF_MONTH[mod]
        return first.replace(day=lo), last.replace(day=min(hi, last.day))
    if granularity == "year":
        lo, hi = PART_OF_YEAR[mod]
        return first.replace(month=lo), add_months(first.replace(month=hi), 1) - dt.timedelta(days=1)
    return first, last


def interval(value: str) -> tuple[dt.date | None, dt.date | None, str | None]:
    """(first day, last day, granularity) of the period a DATE/TIME value denotes; Nones when undated."""
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade"
    if re.fullmatch(r"\d\d", value):
        y = int(value) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century"
    m = _VALUE.match(value)
    if not m:
        return None, None, None
    y = int(m["y"])
    try:
        if m["d"]:
            d = dt.date(y, int(m["m"]), int(m["d"]))
            return d, d, "time" if m["t"] else "day"
        if m["m"]:
            mo = int(m["m"])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        if m["w"]:
            first = dt.date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return first + dt.timedelta(days=5), first + dt.timedelta(days=6), "week"
            return first, first + dt.timedelta(days=6), "week"
        if m["q"]:
            q = int(m["q"])
            start = dt.date(y, 3 * q - 2, 1)
            return start, add_months(start, 3) - dt.timedelta(days=1), "quarter"
        if m["h"]:
            start = dt.date(y, 1 if m["h"] == "1" else 7, 1)
            return start, add_months(start, 6) - dt.timedelta(days=1), "half"
        if m["s"]:
            start = dt.date(y, SEASON_START[m["s"]], 1)
            return start, add_months(start, 3) - dt.timedelta(days=1), "season"
    except ValueError:
        return None, None, None
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


SOON = 14  # days: a day date this close ahead of the DCT, in a clause with past and future cues, is not a year back


def nearest_year(month: int, day: int, dct: dt.date, direction: str | None, mixed: bool = False) -> int:
    """Year for a (month, day) written without one: "past" = on or before the DCT, "future" = on or after,
    "past?"/"future?" = the same unless the other side is much nearer, otherwise the nearest occurrence (with a
    bias to the past). mixed: the clause also has a future cue, so a past one does not push a date a few days
    ahead back a year."""
    def make(y: int) -> dt.date:
        return dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))

    this = make(dct.year)
    past = this if this <= dct else make(dct.year - 1)
    future = this if this >= dct else make(dct.year + 1)
    gap_past, gap_future = (dct - past).days, (future - dct).days
    if mixed and direction == "past" and 0 < gap_future <= SOON and gap_past > 300:
        return future.year  # "has set Nov. 10 as the deadline" a week before: a date days ahead, not a year back
    if direction == "past" or (direction == "past?" and not (gap_past > 200 and gap_future < 100)):
        return past.year
    if direction == "future" or (direction == "future?" and not (gap_future > 200 and gap_past < 100)):
        return future.year
    return past.year if gap_past <= 2 * gap_future else future.year  # news mostly reports the past


def weekday_date(dow: int, dct: dt.date, direction: str | None) -> dt.date:
    """The date of ISO weekday dow: "past" = on or before the DCT, "future" = after it, else the nearest."""
    delta = dow - dct.isoweekday()
    if delta == 0:
        return dct
    if direction in ("past", "past?"):
        return dct + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if direction in ("future", "future?"):
        return dct + dt.timedelta(days=delta if delta > 0 else delta + 7)
    if delta > 2:
        delta -= 7
    elif delta < -4:
        delta += 7
    return dct + dt.timedelta(days=delta)


# "PARIS, Dec. 14 —", "WASHINGTON, Feb. 3 (AP) —", "KIEV, June 1, 1997 —": a dateline that dates the report
DATELINE_DAY = re.compile(
    r"^[ \t]*[A-Z][A-Z.’'-]+(?:[ \t]+[A-Z][A-Z.’'-]+)*(?:,[ \t]+[A-Z][\w.]+(?:[ \t]+[A-Z][\w.]+)*)?,[ \t]+"
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<day>\d{1,2})"
    r"(?:,[ \t]+(?P<year>\d{4}))?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[—–-]", re.MULTILINE)
DATELINE_LINES = 600  # a dateline stands within the first characters of the text
DATELINE_DAYS = 7  # ... and dates the report at most this long before its publication
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dateline_day(text: str, published: dt.date) -> dt.date | None:
    """The day a dated dateline gives its report ("PARIS, Dec. 14 —" in a paper of Dec. 15), when it lies in the
    week before the publication date; None for no such dateline."""
    m = DATELINE_DAY.search(text, 0, DATELINE_LINES)
    if m is None:
        return None
    month = _MONTHS.index(m["month"][:3].lower()) + 1
    for year in ([int(m["year"])] if m["year"] else [published.year, published.year - 1]):
        try:
            day = dt.date(year, month, int(m["day"]))
        except ValueError:
            continue
        if 0 <= (published - day).days <= DATELINE_DAYS:
            return day
    return None
