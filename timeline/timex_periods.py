"""Normalisers for named periods: quarters and halves, seasons, decades, centuries, holidays, deictic words
and frequencies."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from timeline import timex_calendar as cal
from timeline.timex_normalise import (
    POD,
    Context,
    Norm,
    _emod,
    _low,
    _year,
    direction,
    duration_value,
    month_of,
    number,
    rel_direction,
    report_period,
    unit_code,
    year_of,
)
from timeline.timex_rules import Hit, lexicon


def _dow(hit: Hit) -> int | None:
    d = hit.group("dow")
    return lexicon()["weekdays"][_low(d) + "day"] if d else None


def norm_quarter(hit: Hit, ctx: Context) -> Norm | None:
    """Quarters and halves: "the third quarter", "fiscal 1998's first half", "the latest quarter"."""
    unit = _low(hit.group("qunit"))
    qrel = _low(hit.group("qrel"))
    year = _year(hit, ctx.dct)
    qyrel = _low(hit.group("qyrel"))
    if qyrel:
        year = ctx.dct.year + {"last": -1, "next": 1, "the next": 1}.get(qyrel, 0)
    qord = _low(hit.group("qord"))
    source = "explicit" if year else "inferred"
    if not qord and year:  # "the 1988 quarter": the quarter under discussion, in that year
        period = report_period(ctx, hit.start)
        part = period[1] if period else f"-Q{cal.quarter_of(cal.add_months(ctx.dct, -3))}"
        return Norm("DATE", f"{year:04d}{part}", None, "inferred")
    if not qord:  # "the quarter", "the latest quarter", "the year-earlier quarter"
        period = report_period(ctx, hit.start)
        if qrel == "this" and period and period[1]:  # "This quarter's loss" in a report: the reported quarter
            return Norm("DATE", f"{period[0]:04d}{period[1]}", None, "inferred")
        ended = _ENDED.match(ctx.text, hit.end)
        month = lexicon()["months"].get(ended.group(1).lower()) if ended else None
        if month and not (period and period[1] == "-QX"):  # "the quarter ended July 31": mostly May-July, Q2
            y = ctx.dct.year - (1 if month > ctx.dct.month else 0)
            middle = cal.add_months(dt.date(y, month, 1), -1)
            ctx.last_quarter = (middle.year, cal.quarter_of(middle), hit.start)
            return Norm("DATE", f"{middle.year:04d}-Q{cal.quarter_of(middle)}", None, "inferred")
        if qrel in ("current", "this"):
            y, q = ctx.dct.year, cal.quarter_of(ctx.dct)
        elif ctx.last_quarter and hit.start - ctx.last_quarter[2] < 2000:
            y, q = ctx.last_quarter[0], ctx.last_quarter[1]
        else:
            cur = cal.add_months(ctx.dct, -3) if qrel not in ("current", "coming", "next", "following") \
                else ctx.dct
            y, q = cur.year, cal.quarter_of(cur)
        if qrel in ("year-earlier", "year-ago", "prior-year"):
            y -= 1
        elif q == "X":  # a fiscal quarter under discussion: its calendar quarter is unknown
            pass
        elif qrel in ("next", "coming", "following"):
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        elif qrel == "previous" or (qrel == "last" and period):  # "last quarter" alone: the DCT's previous one
            y, q = (y - 1, 4) if q == 1 else (y, q - 1)
        return Norm("DATE", f"{y:04d}-Q{q}", None, "inferred")
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4, "last": 4}[qord]
    if unit == "half":
        n = min(n, 2) if qord not in ("final", "last") else 2
    if year is None:
        if qrel in ("this year's", "this"):
            year = ctx.dct.year
        elif qrel in ("last year's",):
            year = ctx.dct.year - 1
        elif qrel in ("next year's",):
            year = ctx.dct.year + 1
        else:
            start_month = 3 * n - 2 if unit == "quarter" else 6 * n - 5
            way = "future" if ctx.tense == "future" else "past"
            year = ctx.dct.year if dt.date(ctx.dct.year, start_month, 1) <= ctx.dct or way == "future" \
                else ctx.dct.year - 1
            if qrel in ("year-earlier", "year-ago", "prior-year", "last year's"):
                year -= 1
    if unit == "quarter":
        ended = cal.add_months(dt.date(year, 3 * n - 2, 1), 3) <= ctx.dct
        # "after a flat second quarter" is a passing mention ("a strong third-quarter profit" is not)
        passing = "-" not in hit.match.group(0) and _INDEFINITE.search(ctx.text, max(0, hit.start - 20), hit.start)
        if (ended or (ctx.tense == "past" and ctx.tense_strong)) and not passing:
            # the quarter a report is about (a quarter still running or ahead, "expects a weak fourth quarter",
            # is a forecast unless a past verb reports it, "fourth-quarter profit fell"); a fiscal quarter does
            # not say which calendar quarter later mentions ("the quarter", "a year ago") mean: QX
            fiscal = hit.group("fiscal") or qrel == "fiscal"
            ctx.last_quarter = (year, "X" if fiscal else n, hit.start)
        return Norm("DATE", f"{year:04d}-Q{n}", None, source, _adjective_start(hit))
    return Norm("DATE", f"{year:04d}-H{n}", None, source, _adjective_start(hit))


def _adjective_start(hit: Hit) -> int | None:
    """Where "the third-quarter results" starts as TimeBank marks it: after "the" when the quarter is a
    hyphenated adjective ("third-quarter"), else None (the match's start)."""
    text = hit.match.group(0)
    if text[:4].lower() == "the " and "-" in text[hit.match.end("qord") - hit.start:hit.match.start("qunit")
                                                  - hit.start]:
        return hit.start + 4
    return None


_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending)\s+([A-Z][a-z]{2,8})\.?\s+\d", re.ASCII)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+[a-z]+\s+$", re.IGNORECASE)


def norm_season(hit: Hit, ctx: Context) -> Norm | None:
    """Seasons: "this summer", "last fall", "the winter of 2003"."""
    code = lexicon()["seasons"][_low(hit.group("season"))]
    year = _year(hit, ctx.dct)
    mod = _emod(hit)
    if year:
        return Norm("DATE", f"{year:04d}-{code}", mod, "explicit")
    if hit.group("yrel"):  # "the spring of last year", "the winter of that year"
        year, source = year_of(_low(hit.group("yrel")), ctx)
        return Norm("DATE", f"{year:04d}-{code}", mod, source)
    rel = _low(hit.group("rel"))
    start_m = cal.SEASON_START[code]
    spans = [(y, dt.date(y, start_m, 1), cal.add_months(dt.date(y, start_m, 1), 3) - dt.timedelta(days=1))
             for y in range(ctx.dct.year - 2, ctx.dct.year + 2)]
    way = rel_direction(rel) if rel and rel != "the" else (direction(ctx) or "").rstrip("?")
    if rel in ("that", "that same", "the same", "the following", "the next") and ctx.anchor:
        # "in May 2010 ... that autumn": the season of the narrative's year; "the following winter": the next one
        a = ctx.anchor
        y = a.year - 1 if code == "WI" and a.month < 3 else a.year
        if rel in ("the following", "the next") and dt.date(y, start_m, 1) <= a:
            y += 1
        return Norm("DATE", f"{y:04d}-{code}", mod, "anchored")
    if rel == "this":
        y = ctx.dct.year - 1 if code == "WI" and ctx.dct.month < 3 else ctx.dct.year
    elif rel in ("last", "past", "this past"):
        y = max(y for y, _, end in spans if end < ctx.dct)
    elif rel in ("next", "coming", "this coming"):
        y = min(y for y, start, _ in spans if start > ctx.dct)
    elif way == "future":
        y = min(y for y, _, end in spans if end >= ctx.dct)
    else:
        y = max(y for y, start, _ in spans if start <= ctx.dct)
    return Norm("DATE", f"{y:04d}-{code}", mod, "relative" if rel and rel != "the" else "inferred")


def norm_decade(hit: Hit, ctx: Context) -> Norm | None:
    """Decades: "the 1990s", "the '80s", "the nineties"."""
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    if hit.group("decade"):
        d = hit.group("decade")
        if len(d) == 2:
            d = str(ctx.dct.year // 100) + d
        value = d[:3]
    else:
        short = hit.group("decade2")
        tens = int(short[0]) if short else words[_low(hit.group("decadew"))]
        century = ctx.dct.year // 100 if tens * 10 <= ctx.dct.year % 100 else ctx.dct.year // 100 - 1
        value = f"{century}{tens}"
    return Norm("DATE", value, _emod(hit), "explicit" if hit.group("decade") else "inferred")


def norm_century(hit: Hit, ctx: Context) -> Norm | None:
    """Centuries: "the 20th century", "this century"."""
    c = _low(hit.group("cent"))
    rel = {"this": 0, "last": -1, "past": -1, "next": 1}
    if c in rel:
        n = ctx.dct.year // 100 + rel[c]
        return Norm("DATE", f"{n:02d}", _emod(hit), "relative")
    m = re.match(r"\d+", c)
    n = int(m.group()) if m else {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18,
                                   "seventeenth": 17, "sixteenth": 16, "fifteenth": 15}[c]
    return Norm("DATE", f"{n - 1:02d}", _emod(hit), "explicit")


def norm_holiday(hit: Hit, ctx: Context) -> Norm | None:
    """Fixed-date holidays: "Christmas", "New Year's Day 2001"."""
    year = _year(hit, ctx.dct)
    rel = _low(hit.group("rel"))
    if hit.group("holiday"):
        month, day = lexicon()["holidays"][re.sub(r"\s+", " ", _low(hit.group("holiday")))]
    else:
        month, dow, nth = lexicon()["movable_holidays"][re.sub(r"\s+", " ", _low(hit.group("mholiday")))]
        day = _nth_weekday(year or ctx.dct.year, month, dow, nth)
    if year is None:
        year = ctx.dct.year if rel == "this" else cal.nearest_year(month, day, ctx.dct,
                                                                   rel_direction(rel) or direction(ctx))
        if hit.group("mholiday"):
            day = _nth_weekday(year, month, dow, nth)
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}", None, "explicit" if hit.group("year") else "inferred")


def _nth_weekday(year: int, month: int, dow: int, nth: int) -> int:
    """Day of the month of the nth ISO weekday dow (nth -1 = last; 0 = the one after the first Monday)."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).isoweekday() == dow]
    if nth == 0:
        first_monday = next(d for d in range(1, 8) if dt.date(year, month, d).isoweekday() == 1)
        return next(d for d in days if d > first_monday)
    return days[nth - 1] if nth > 0 else days[-1]


_YEAR_END_BEFORE = re.compile(r"(?:\b(?P<prep>by|at|until|till|before|after|since|through|from|for)\s+|"
                              r"\b(?P<approx>around|about|near)\s+)(?:(?P<rel>this|last|next)\s+)?$", re.IGNORECASE)


def norm_year_end(hit: Hit, ctx: Context) -> Norm | None:
    """"by year end", "around year end": this year with mod END; the hyphenated noun of the accounts, "by
    year-end", is the books' closing day (Dec. 31). "since year-end" and "last year-end" are the end of the year
    before, as is "at year-end" in a past clause (the last closing of the books). Only after a preposition
    ("year-end results" is no expression); "around" and this/last/next join the span."""
    m = _YEAR_END_BEFORE.search(ctx.text, max(0, hit.start - 24), hit.start)
    if not m:
        return None
    rel, prep = _low(m.group("rel")), _low(m.group("prep"))
    back = rel == "last" or prep == "since" or (prep == "at" and ctx.tense == "past" and ctx.tense_strong and not rel)
    year = ctx.dct.year + (1 if rel == "next" else -1 if back else 0)
    start = m.start("approx") if m.group("approx") else m.start("rel") if rel else hit.start
    if "-" in hit.match.group(0) and not m.group("approx"):  # "since year-end": the books' closing day
        return Norm("DATE", f"{year:04d}-12-31", None, "relative", start, hit.end)
    mod = "APPROX" if m.group("approx") else "END"
    return Norm("DATE", f"{year:04d}", mod, "relative", start, hit.end)


def norm_deictic(hit: Hit, ctx: Context) -> Norm | None:
    """Fixed deictic words: now, today, yesterday, recently, the future."""
    word = re.sub(r"\s+", " ", _low(hit.group("deictic")))
    val = str(lexicon()["deictic"][word])
    mod = _emod(hit)
    if word == "soon" and (_SOON_NOT_BEFORE.search(ctx.text, max(0, hit.start - 12), hit.start)
                           or _SOON_NOT_AFTER.match(ctx.text, hit.end)):
        return None  # "as soon as", "soon after the vote", "was soon released", "soon became"
    if word in ("today", "tomorrow") and _generic_day(ctx.text, hit.start, hit.end):
        val = "PRESENT_REF" if word == "today" else "FUTURE_REF"  # "today's youth", "the people of tomorrow"
    if val.endswith("_REF"):
        return Norm("DATE", val, mod, "relative")
    m = re.fullmatch(r"([+-]\d+)(\w\w)?", val)
    d = ctx.dct + dt.timedelta(days=int(m.group(1)))
    if m.group(2):
        return Norm("TIME", f"{d.isoformat()}T{m.group(2)}", mod, "relative")
    return Norm("DATE", d.isoformat(), mod, "relative")


_SOON_NOT_BEFORE = re.compile(r"\b(?:as|was|were|had|how|too)\s+$", re.IGNORECASE)
_SOON_NOT_AFTER = re.compile(r"[\s,]+(?:after|afterwards?|thereafter|as|enough\s+to|became|came|went|began|"
                             r"found|got|took|made|gave|left|[a-z]+ed)\b", re.IGNORECASE)
_OF_DAY = re.compile(r"(?<!end )(?<!close )(?<!morning )(?<!evening )(?<!night )\bof\s+$", re.IGNORECASE)


def _generic_day(text: str, start: int, end: int) -> bool:
    """"today's world", "today's young people", "the leaders of tomorrow": nowadays / the future, not a day."""
    if text[end:end + 2] in ("'s", "’s"):
        nxt = re.match(r"\s+([A-Za-z]+)", text[end + 2:end + 30])
        return bool(nxt) and nxt.group(1).lower() in lexicon()["generic_today"]
    return bool(_OF_DAY.search(text, max(0, start - 16), start)) and not re.match(r"\s*['’]s", text[end:])


def norm_set(hit: Hit, ctx: Context) -> Norm | None:
    """Frequencies: "every week", "each Thursday", "annually", "twice a year"."""
    word = _low(hit.group("setword"))
    if word:
        return Norm("SET", lexicon()["sets"][word], None, "explicit")
    pods = _low(hit.group("pods"))
    if pods:  # "on Tuesday nights", "Monday and Tuesday nights"
        code = POD[pods[:-1]]
        out = [Norm("SET", f"XXXX-WXX-{_dow(hit)}T{code}", None, "explicit", hit.match.start("dow"), hit.end)]
        if hit.group("dow1"):
            first = lexicon()["weekdays"][_low(hit.group("dow1")) + "day"]
            out.insert(0, Norm("SET", f"XXXX-WXX-{first}T{code}", None, "explicit", hit.start,
                               hit.match.end("dow1") + 3))
        return out
    if hit.group("dow"):
        return Norm("SET", f"XXXX-WXX-{_dow(hit)}", None, "explicit")
    if hit.group("month"):
        return Norm("SET", f"XXXX-{month_of(hit.group('month')):02d}", None, "explicit")
    if hit.group("season"):  # "every spring"
        return Norm("SET", f"XXXX-{lexicon()['seasons'][_low(hit.group('season'))]}", None, "explicit")
    num = _low(hit.group("num"))
    n = 2 if num in ("other", "second") else number(num) if num else 1
    return Norm("SET", duration_value(n, unit_code(hit.group("unit"))), None, "explicit")


def norm_quarter_code(hit: Hit, ctx: Context) -> Norm | None:
    """"Q3", "H1 2013", "3Q 2012": that quarter or half of the year written, else of the DCT's year (the year
    before when it has not begun yet and the clause does not look ahead)."""
    code = hit.group("qc") or f"Q{hit.group('qc2')}"
    letter, n = code[0].upper(), int(code[1])
    year = _year(hit, ctx.dct)
    source = "explicit"
    if year is None:
        source = "inferred"
        start = dt.date(ctx.dct.year, 3 * n - 2 if letter == "Q" else 6 * n - 5, 1)
        year = ctx.dct.year if start <= ctx.dct or ctx.tense == "future" else ctx.dct.year - 1
    return Norm("DATE", f"{year:04d}-{letter}{n}", None, source)


PERIOD_KINDS: dict[str, Callable[[Hit, Context], Norm | list[Norm] | None]] = {
    "quarter": norm_quarter, "season": norm_season, "decade": norm_decade, "century": norm_century,
    "holiday": norm_holiday, "deictic": norm_deictic, "set": norm_set,
    "year_end": norm_year_end, "quarter_code": norm_quarter_code,
}
