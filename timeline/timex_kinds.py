"""One normaliser per rule kind: a recognised match plus document context -> TimeML type/value/mod/source."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache

from timeline import timex_calendar as cal
from timeline.timex_normalise import (
    AHEAD_OF,
    ORD,
    POD,
    Context,
    Norm,
    _approx,
    _emod,
    _low,
    _year,
    direction,
    month_of,
    narrative_year,
    rel_direction,
    report_period,
    year_of,
)
from timeline.timex_periods import PERIOD_KINDS, _dow
from timeline.timex_rules import Hit, lexicon


def _day(hit: Hit) -> int | None:
    d = hit.group("day")
    if d:
        return int(d)
    w = _low(hit.group("dayw"))
    if not w:
        return None
    if w.startswith("twenty-"):
        return 20 + ORD[w[7:]]
    if w == "thirty-first":
        return 31
    return ORD.get(w)


def norm_date(hit: Hit, ctx: Context) -> Norm | None:
    """Calendar dates written with a month and/or year: "April 17, 2018", "in March", "2003", "mid-1990"."""
    year = _year(hit, ctx.dct) if not hit.group("yearw") else _year_words(hit.group("yearw"))
    month = month_of(hit.group("month")) if hit.group("month") else None
    day = _day(hit)
    mod = _emod(hit)
    week_of = _low(hit.group("wk"))
    if week_of:  # "the first week of December": that month, its start ("the second week of": no mod)
        mod = "START" if "first" in week_of else "END" if ("last" in week_of or "final" in week_of) else None
    if hit.group("prepost"):
        mod = "BEFORE" if _low(hit.group("prepost")) == "pre" else "AFTER"
    later = _low(hit.group("orlater"))
    if later:
        mod = "ON_OR_BEFORE" if any(w in later for w in ("earlier", "before")) else "ON_OR_AFTER"
        if "so" in later.split():
            mod = "APPROX"
    rel = _low(hit.group("rel"))
    source = "explicit"
    yrel = _low(hit.group("yrel"))
    if yrel:
        year, source = year_of(yrel, ctx)
    if hit.group("season"):
        return Norm("DATE", f"{year:04d}-{lexicon()['seasons'][_low(hit.group('season'))]}", mod, source)
    if month is None:
        return Norm("DATE", f"{year:04d}", mod, source)
    if year is None:
        source = "relative" if rel else "inferred"
        way = rel_direction(rel) if rel else direction(ctx)
        that = rel in ("that", "that same")
        if that and day is None and narrative_year(ctx) is not None:
            year, source = narrative_year(ctx), "anchored"  # "in April 1994 ... that September": 1994-09
        elif rel == "this":
            year = ctx.dct.year
        elif rel and not that and day is None:
            key = (month, 0) if day is None else (month, day)
            now = (ctx.dct.month, 0) if day is None else (ctx.dct.month, ctx.dct.day)
            if way == "past":
                year = ctx.dct.year if key < now else ctx.dct.year - 1
            else:
                year = ctx.dct.year if key > now else ctx.dct.year + 1
        elif day is None and ctx.month_anchor is not None and ctx.month_anchor.month == month and \
                ctx.tense != "future" and ctx.month_anchor <= ctx.dct:
            year = ctx.month_anchor.year  # "In September of that year ... later in September": the month just named
        elif day is None and ctx.tense != "future" and (stated := _year_of_sentence(ctx, hit.start)) is not None:
            year = stated  # "That year's accord, signed in Belfast in April": that April
        elif day is None:
            year = cal.nearest_year(month, 15, ctx.dct.replace(day=15), way)
        else:
            year = cal.nearest_year(month, day, ctx.dct, way, ctx.future_in_clause)
    if day is None:
        return Norm("DATE", f"{year:04d}-{month:02d}", mod, source)
    dow = _dow(hit)
    if dow and not hit.group("year"):  # "Saturday, April 25": the year in which that day is a Saturday
        for y in (year, year - 1, year + 1):
            if day <= calendar.monthrange(y, month)[1] and dt.date(y, month, day).isoweekday() == dow:
                year = y
                break
    if day > calendar.monthrange(year, month)[1]:
        return None
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod, source)


def _year_of_sentence(ctx: Context, pos: int) -> int | None:
    """The year stated earlier in the sentence of ``pos`` ("In 1998 ... in April", "That year's accord, signed in
    April") when it lies more than a year before the DCT (a past narrative, not this year's news); else None."""
    if ctx.year_anchor is None or ctx.year_anchor_at < 0 or ctx.year_anchor >= ctx.dct.year - 1:
        return None
    between = ctx.text[ctx.year_anchor_at:pos]
    return None if _SENTENCE_END.search(between) else ctx.year_anchor


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?-i:[A-Z])|\n")


def norm_date_list(hit: Hit, ctx: Context) -> list[Norm] | None:
    """"April 24 and 25": the first day as written, the second in the same month and year."""
    first = norm_date(hit, ctx)
    day2 = int(hit.group("day2"))
    if first is None or len(first.value) != 10:
        return None
    year, month = int(first.value[:4]), int(first.value[5:7])
    if not int(first.value[8:]) < day2 <= calendar.monthrange(year, month)[1]:
        return None
    end1 = hit.match.end("day")
    return [Norm("DATE", first.value, first.mod, first.source, hit.start, end1),
            Norm("DATE", f"{year:04d}-{month:02d}-{day2:02d}", None, first.source, hit.match.start("day2"), hit.end)]


def _year_words(words: str) -> int:
    """1996 from "nineteen ninety-six", 2001 from "two thousand and one"."""
    parts = [p for p in re.split(r"[\s-]+", _low(words)) if p != "and"]
    nums = lexicon()["numbers"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(int(nums[p]) for p in parts[2:])
    rest = parts[1:]
    if rest == ["hundred"]:
        return 1900
    return 1900 + sum(int(nums[p]) for p in rest)


def norm_year_ago(hit: Hit, ctx: Context) -> Norm | None:
    """"year-earlier", "the year-ago period": the reporting period (a quarter, usually) one year back."""
    unit = _low(hit.group("qunit"))
    period = report_period(ctx, hit.start)
    start = None if unit or not hit.group("yago") else hit.match.start("yago")  # "the year-ago results"
    if period and unit not in ("nine months", "six months"):
        return Norm("DATE", f"{period[0] - 1:04d}{period[1]}", None, "anchored", start)
    if unit in ("nine months", "six months"):
        ctx.year_to_date_at = hit.start
        return Norm("DURATION", "P9M" if unit.startswith("nine") else "P6M", None, "explicit")
    return Norm("DATE", f"{ctx.dct.year - 1:04d}", None, "relative", start)


def norm_year_range(hit: Hit, ctx: Context) -> list[Norm] | None:
    """"2003-2008" / "1998-99": two year expressions."""
    y1 = int(hit.group("year"))
    y2s = hit.group("year2")
    y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
    if y2 <= y1 or y2 - y1 > 60:
        return None
    s1, e1 = hit.match.span("year")
    s2, e2 = hit.match.span("year2")
    return [Norm("DATE", f"{y1:04d}", None, "explicit", s1, e1), Norm("DATE", f"{y2:04d}", None, "explicit", s2, e2)]


def norm_numeric(hit: Hit, ctx: Context) -> Norm | None:
    """Numeric dates ("2018-04-17", "17/04/2018") parsed with dateparser on the span alone."""
    span = hit.group("numeric") or ""
    prefer = {"past": "past", "future": "future"}.get((direction(ctx) or "").rstrip("?"), "current_period")
    d = _parse_numeric(span, prefer)
    if d is None:
        return None
    value = d.isoformat()
    if hit.group("hour"):
        return Norm("TIME", f"{value}T{hit.group('hour')}:{hit.group('minute')}")
    return Norm("DATE", value)


@lru_cache(maxsize=4096)
def _parse_numeric(span: str, prefer: str) -> dt.date | None:
    """The date dateparser reads in a numeric span, or None."""
    data = _parser(prefer).get_date_data(span)
    return data.date_obj.date() if data and data.date_obj else None


@cache
def _parser(prefer: str) -> object:
    """A cached English-only dateparser parser preferring past, future or current-period dates."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first",
        "RETURN_AS_TIMEZONE_AWARE": False})


def _day_for(hit: Hit, ctx: Context) -> tuple[dt.date, str]:
    """The day a weekday / today-yesterday word in hit refers to, and the provenance."""
    dday = _low(hit.group("dday"))
    if dday:
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[dday]
        return ctx.dct + dt.timedelta(days=off), "relative"
    dow = _dow(hit)
    if dow is None:
        return ctx.dct, "relative"
    rel = _low(hit.group("rel"))
    wrel = _low(hit.group("wrel"))
    if wrel and not rel:  # "Thursday last week", "Monday of next week": that day of the week named
        week = {"last": -1, "this": 0, "next": 1}[wrel]
        return ctx.dct + dt.timedelta(days=7 * week + dow - ctx.dct.isoweekday()), "relative"
    if rel in ("last", "past", "this past"):
        d = cal.weekday_date(dow, ctx.dct - dt.timedelta(days=1), "past")
        return d, "relative"
    if rel in ("next", "coming", "this coming"):
        return cal.weekday_date(dow, ctx.dct, "future"), "relative"
    if rel in ("the previous", "the preceding", "the following"):  # the one before / after the narrative's day
        later = rel == "the following"
        base, source = (ctx.anchor, "anchored") if ctx.anchor and ctx.anchor_gran == "day" else (ctx.dct, "relative")
        step = dt.timedelta(days=1 if later else -1)
        return cal.weekday_date(dow, base + step, "future" if later else "past"), source
    if _POSSESSIVE.match(ctx.text, hit.end) and not _POSSESSIVE_AHEAD.match(ctx.text, hit.end) and not \
            AHEAD_OF.search(ctx.text, max(0, hit.start - 30), hit.start):
        # "Wednesday's ruling": news reports it after the fact (not "Sunday's vote is expected to be close")
        return cal.weekday_date(dow, ctx.dct, "past"), "inferred"
    if ctx.past_in_clause and ctx.future_in_clause:  # "a service planned for Saturday was cancelled": the nearest
        return cal.weekday_date(dow, ctx.dct, None), "inferred"
    return cal.weekday_date(dow, ctx.dct, direction(ctx)), "inferred"


_POSSESSIVE = re.compile(r"['’]s\b")
_POSSESSIVE_AHEAD = re.compile(r"['’]s\s+(?:[\w-]+\s+){1,3}?(?:will|(?:is|are)\s+(?:expected|scheduled|due|set|slated|"
                               r"likely|to)|could|may|might)\b", re.IGNORECASE)


def norm_weekday(hit: Hit, ctx: Context) -> Norm | None:
    """Weekdays, today/yesterday with a part of day or early/late, "this morning", "last night"."""
    if hit.group("month"):
        n = norm_date(hit, ctx)
        if n:
            return n
    rel = _low(hit.group("rel"))
    pod = _low(hit.group("pod"))
    if pod and (hit.group("dow") or hit.group("dday")) and hit.match.start("pod") < hit.match.start(
            "dow" if hit.group("dow") else "dday"):  # "mid-afternoon yesterday"
        d, source = _day_for(hit, ctx)
        return Norm("TIME", f"{d.isoformat()}T{POD[pod]}", _emod(hit) or _pod_mod(rel), source)
    if not hit.group("dow") and not hit.group("dday"):
        if rel in ("yesterday", "last"):
            d = ctx.dct - dt.timedelta(days=1)
        elif rel == "tomorrow":
            d = ctx.dct + dt.timedelta(days=1)
        else:
            d = ctx.dct
        if rel == "last" and pod != "night":
            return None
        mod = _emod(hit) if rel not in ("this", "last", "yesterday", "tomorrow") else None
        return Norm("TIME", f"{d.isoformat()}T{POD[pod]}", mod, "relative")
    d, source = _day_for(hit, ctx)
    if pod:
        return Norm("TIME", f"{d.isoformat()}T{POD[pod]}", None, source)
    return Norm("DATE", d.isoformat(), _emod(hit), source)


def _pod_mod(rel: str) -> str | None:
    return {"early": "START", "late": "END", "mid": "MID", "mid-": "MID"}.get(rel)


def _written_day(hit: Hit, ctx: Context) -> tuple[dt.date, str] | None:
    """The day a hit writes (a month and day, or a weekday / today-like word) and its provenance; None when the
    written date is not a valid day."""
    if hit.group("month"):
        date = norm_date(hit, ctx)
        return None if date is None else (dt.date.fromisoformat(date.value), date.source)
    return _day_for(hit, ctx)


def norm_time(hit: Hit, ctx: Context) -> Norm | None:
    """Clock times: "3 p.m.", "15:30 GMT", "noon Thursday"."""
    if hit.group("month") or hit.group("dow") or hit.group("dday"):
        day = _written_day(hit, ctx)
        if day is None:
            return None
        d, source = day
    elif (later := _CONVERSION_THEN_DAY.match(ctx.text, hit.end)) is not None:
        # "9.45 p.m. local time (1845 GMT) on Monday": the day after the time restated in another zone
        d, source = cal.weekday_date(_DOWS.index(later.group(1).lower()) + 1, ctx.dct, direction(ctx)), "inferred"
    elif ctx.anchor is not None and ctx.anchor_gran == "day":
        d, source = ctx.anchor, "anchored"  # "Slepian was shot on Friday at about 10 p.m."
    else:
        d, source = ctx.dct, "inferred"
    noon = _low(hit.group("noon"))
    if noon and re.search(r"\bhigh\s+$", ctx.text[max(0, hit.start - 6):hit.start], re.IGNORECASE):
        return None  # "high noon": a showdown, not a clock time
    if noon:
        hh, mm = (24, 0) if noon == "midnight" else (12, 0)
    elif hit.group("hour2"):
        hh, mm = int(hit.group("hour2")), int(hit.group("minute2"))
    else:
        hh, mm = int(hit.group("hour")), int(hit.group("minute") or 0)
        ampm = _low(hit.group("ampm"))  # "4 in the morning", "9 in the evening", "11 at night"
        pm = ampm.startswith("p") or any(w in ampm for w in ("afternoon", "evening")) or (
            "night" in ampm and hh >= 6)
        if hh > 12:
            return None
        hh = (hh % 12) + (12 if pm else 0)
    return Norm("TIME", f"{d.isoformat()}T{hh:02d}:{mm:02d}", _approx(hit), source)


_CONVERSION_THEN_DAY = re.compile(r"\s*\([^()]{2,24}\)\s*,?\s*(?:on\s+)?(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_DOWS = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"]


def norm_day_offset(hit: Hit, ctx: Context) -> Norm | None:
    """"the day before Tuesday's vote", "the day after May 3": the day next to a date written with it."""
    day = _written_day(hit, ctx)
    if day is None:
        return None
    d, source = day
    d += dt.timedelta(days=-1 if _low(hit.group("dir")) == "before" else 1)
    return Norm("DATE", d.isoformat(), None, source)


def norm_week_of(hit: Hit, ctx: Context) -> Norm | None:
    """"the week of March 6": the ISO week holding that day."""
    date = norm_date(hit, ctx)
    if date is None:
        return None
    return Norm("DATE", cal.iso_week(dt.date.fromisoformat(date.value)), None, date.source)


def norm_ordinal_day(hit: Hit, ctx: Context) -> Norm | None:
    """"on the 15th", "by the 3rd of next month", "Friday the 13th": that day of the DCT's month, or of the month
    before (in the past) or after (ahead) when the tense says the day is on the other side of the DCT."""
    day = int(hit.group("day"))
    first = ctx.dct.replace(day=1)
    mrel = _low(hit.group("mrel"))
    dow = _dow(hit) if "dow" in hit.rule.regex.groupindex else None
    if mrel in ("next", "last"):
        months = [cal.add_months(first, 1 if mrel == "next" else -1)]
    elif mrel:
        months = [first]
    elif dow:  # "Friday the 13th": the nearest month in which that day is that weekday
        months = sorted((cal.add_months(first, k) for k in (-1, 0, 1)), key=lambda m: abs(
            (m.replace(day=min(day, 28)) - ctx.dct).days))
    else:
        way = (direction(ctx) or "").rstrip("?")
        ref = ctx.month_anchor
        if ref and ctx.day_anchor_at >= 0 and 0 <= hit.start - ctx.day_anchor_at < _NEAR_DAY:
            # "said on Nov. 3 that talks would begin on the 10th", "began on Aug. 28 and ended on the 4th": the
            # occurrence nearest the day just written (not after the DCT in a past clause)
            near = [m for m in (cal.add_months(ref.replace(day=1), k) for k in (-1, 0, 1))
                    if day <= calendar.monthrange(m.year, m.month)[1]
                    and not (way == "past" and m.replace(day=day) > ctx.dct)]
            months = sorted(near, key=lambda m: abs((m.replace(day=day) - ref).days))[:1]
        elif way == "past" and day > ctx.dct.day:
            months = [cal.add_months(first, -1)]
        elif way == "future" and day < ctx.dct.day:
            months = [cal.add_months(first, 1)]
        else:
            months = [first]
    for m in months:
        if day > calendar.monthrange(m.year, m.month)[1]:
            continue
        d = m.replace(day=day)
        if dow and d.isoweekday() != dow:
            continue
        return Norm("DATE", d.isoformat(), None, "relative" if mrel else "inferred")
    return None


_NEAR_DAY = 200  # characters after a written day within which "the 10th" is counted from it


def norm_nth_day(hit: Hit, ctx: Context) -> Norm | None:
    """"today is the eighth day of the strike", "the protest, now in its third day": the day of the DCT."""
    start = hit.start + 4 if ctx.text[hit.start:hit.start + 4].lower() == "its " else None
    return Norm("DATE", ctx.dct.isoformat(), None, "relative", start)


KINDS: dict[str, Callable[[Hit, Context], Norm | list[Norm] | None]] = {
    "date": norm_date, "date_list": norm_date_list, "year_range": norm_year_range, "numeric": norm_numeric,
    "weekday": norm_weekday, "time": norm_time, "year_ago": norm_year_ago, "day_offset": norm_day_offset,
    "week_of": norm_week_of, "ordinal_day": norm_ordinal_day, "nth_day": norm_nth_day, **PERIOD_KINDS,
}
