"""Normalisers for relative, anchored and duration expressions: "last month", "two years ago",
"two days later", "the following month", "the past three years", "recent weeks"."""

from __future__ import annotations

import datetime as dt
import re

from timeline import timex_calendar as cal
from timeline.timex_normalise import (
    BACK,
    Context,
    Norm,
    _approx,
    _emod,
    _low,
    duration_value,
    number,
    report_period,
    unit_code,
)
from timeline.timex_rules import Hit

_PERIOD_ENDING = re.compile(  # "the year ended March 31", "the year to February": a period, not the calendar year
    r"\s+(?:ended|ending|ends|to date|through|that ended|to\s+(?:the\s+end\s+of\s+)?(?:Jan|Feb|March|April|May|June|"
    r"July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b)")
_ANCHORED_REL = {"the following", "following", "the previous", "the next", "that", "the same", "that same"}


def norm_rel_unit(hit: Hit, ctx: Context) -> Norm | None:
    """A determiner plus a calendar unit: "last year", "this week", "the following month", "that day"."""
    rel = re.sub(r"\s+", " ", _low(hit.group("rel")))
    word = _low(hit.group("unit"))
    mod = _emod(hit)
    if word in ("morning", "afternoon", "evening", "night"):
        base = ctx.dct
        if rel == "the" and ctx.anchor and ctx.anchor_gran == "day":
            base = ctx.anchor
        elif rel in _ANCHORED_REL and (day := ctx.anchor if ctx.anchor_gran == "day" else ctx.last_day):
            # "the same morning": of the narrative's last day ("four years ago ... the same morning" is not 1990's)
            base = day + dt.timedelta(days=1 if rel in ("the following", "following", "the next") else 0)
        elif rel == "last":
            base = ctx.dct - dt.timedelta(days=1)
        elif rel == "the next":
            base = ctx.dct + dt.timedelta(days=1)
        code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[word]
        return Norm("TIME", f"{base.isoformat()}T{code}", mod, "relative")
    unit = "Y" if word == "fiscal year" else unit_code(word)
    if rel in ("the past", "the coming") and unit in ("Y", "M", "W", "D", "Q", "E", "C"):
        return Norm("DURATION", duration_value(1, unit), mod, "relative")
    source = "relative"
    base = ctx.dct
    step = 0
    anchor = _narrative_anchor(ctx, unit)
    if rel in _ANCHORED_REL:
        if anchor is None:
            if rel in ("the next", "the following", "following"):
                return Norm("DURATION", duration_value(1, unit), mod, "unresolved")
            if rel == "the previous":
                step = -1
        else:
            base, source = anchor, "anchored"
            step = {"the following": 1, "following": 1, "the next": 1, "the previous": -1}.get(rel, 0)
            if step and unit in ("D", "W") and ctx.anchor_gran not in ("day", "week"):
                # "on Wednesday ... a flight in 1975. The following day": from the narrative's last day, if any
                if ctx.last_day is None:
                    return Norm("DURATION", duration_value(1, unit), mod, "unresolved")
                base = ctx.last_day
    elif rel in ("last", "past", "this past", "previous"):
        step = -1
    elif rel in ("next", "coming", "this coming"):
        step = 1
    elif rel == "the" and unit == "WE" and ctx.tense != "future" and ctx.dct.isoweekday() < 6 and not \
            _AHEAD_OF.search(ctx.text, max(0, hit.start - 12), hit.start):  # "ahead of the weekend": the coming one
        step = -1
    if rel == "the" and not mod and _PERIOD_ENDING.match(ctx.text, hit.end):
        return Norm("DURATION", duration_value(1, unit), mod, "explicit")
    if unit == "D" and rel == "the":
        return Norm("DATE", ctx.dct.isoformat(), mod, "relative")
    if unit == "W" and rel == "the":  # "for the week", "the week's gains": a week of the narrative, unspecified
        if _IN_THE_WEEK.search(ctx.text, max(0, hit.start - 12), hit.start):  # "earlier in the week": this one
            return Norm("DATE", cal.iso_week(base), mod, "relative")
        return Norm("DATE", f"{base.year:04d}-WXX", mod, "relative")
    d = cal.shift(base, unit, step)
    if source == "anchored" and step == 0 and unit == "D" and ctx.anchor_gran == "week":
        return Norm("DATE", cal.iso_week(d), mod, source)  # "last week ... the same day": a day of that week
    if source == "anchored" and step == 0 and unit in ("D", "M") and ctx.anchor_gran in ("month", "year"):
        # "that day" after "in October": a day of that month, which one unsaid
        if unit == "D":
            return Norm("DATE", f"{d.year:04d}-{d.month:02d}-XX" if ctx.anchor_gran == "month"
                        else f"{d.year:04d}-XX-XX", mod, source)
        if ctx.anchor_gran == "year" and anchor == ctx.anchor:  # not a month named in that year
            return Norm("DATE", f"{d.year:04d}-XX", mod, source)
    return Norm("DATE", cal.value_at(d, unit), mod, source)


_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|before)\s+$", re.IGNORECASE)
_IN_THE_WEEK = re.compile(r"\b(?:earlier|later|early|late)\s+in\s+$", re.IGNORECASE)


def _narrative_anchor(ctx: Context, unit: str) -> dt.date | None:
    """The date "that year" / "that month" / "the following year" counts from: for a year, the last year the
    text stated ("In 2013 ... in November ... later that year": 2013); for a month after a weekday or a
    deictic day (or a year holding it), the last month it named; otherwise the narrative's last date."""
    if unit == "Y" and ctx.year_anchor is not None:
        return dt.date(ctx.year_anchor, 1, 1)
    month = ctx.month_anchor
    if unit == "M" and month and ctx.anchor and (ctx.anchor_gran in ("day", "week") or (
            ctx.anchor_gran == "year" and month.year == ctx.anchor.year)):
        return month
    return ctx.anchor


def norm_ago(hit: Hit, ctx: Context) -> Norm | list[Norm] | None:
    """Offsets: "two years ago", "a year earlier", "three days later", "the day before"."""
    direction = re.sub(r"\s+", " ", _low(hit.group("dir")))
    unit = unit_code(hit.group("unit"))
    num = hit.group("num")
    word = _low(hit.group("unit"))
    n = number(num) if num is not None else (None if word.endswith("s") else 1.0)
    if n is not None and hit.group("half"):
        n += 0.5
    mod = _approx(hit)
    follows = hit.match.end() < len(ctx.text) and re.match(r"\s+[\w$\"“']", ctx.text[hit.match.end():])
    if direction in ("after", "before", "since") and follows and not re.match(
            r"\s+(?:that|then|this)\b", ctx.text[hit.match.end():]):
        # "a year after Kim took power": the span is the duration; the anchor is an event
        end = hit.match.start("dir")
        while end > hit.start and ctx.text[end - 1].isspace():
            end -= 1
        if num is None:
            return None
        return Norm("DURATION", duration_value(n, unit), mod, "unresolved", hit.start, end)
    if n is None and direction in ("later", "after"):
        # "Days later, rebels returned", "a few weeks later": an unknown stretch after the narrative's time (not
        # the future of the DCT); the span is the duration, as TimeBank marks "A few days later"
        end = hit.match.start("dir")
        while end > hit.start and ctx.text[end - 1].isspace():
            end -= 1
        return Norm("DURATION", duration_value(None, unit), mod, "unresolved", hit.start, end)
    if n is None:
        return Norm("DATE", "PAST_REF" if direction in BACK else "FUTURE_REF", mod, "relative")
    back = direction in BACK
    sign = -1 if back else 1
    base, source = ctx.dct, "relative"
    period = report_period(ctx, hit.start, 1500) if unit == "Y" and back and n == 1 else None
    if period:  # "a year earlier" in a report on a quarter (or on the year to date): that period a year before
        return Norm("DATE", f"{period[0] - 1:04d}{period[1]}", mod, "anchored")
    if direction in ("earlier", "before", "later", "after", "previously"):
        fine = unit not in _FINE_ANCHOR or ctx.anchor_gran in _FINE_ANCHOR[unit]
        if ctx.anchor is not None and ((not back and fine) or (back and (ctx.anchor.year != ctx.dct.year or (
                fine and unit in _FINE_ANCHOR)))):
            # "On May 2 the army entered the town. A day earlier, ...": counted from the narrative's last date
            # when it is precise enough to count the unit from ("in 2020 ... three months later" is not)
            base, source = ctx.anchor, "anchored"
        elif not back:
            return Norm("DURATION", duration_value(n, unit), mod, "unresolved")
    if unit in ("H", "MIN", "S"):
        return Norm("DURATION", duration_value(n, unit), mod, "unresolved")
    if n != int(n):
        unit, n = ("M", n * 12) if unit == "Y" else ("D", n * 30) if unit == "M" else (unit, round(n))
    if direction == "ago today" and unit in ("D", "W", "M", "Y"):  # "a week ago today": that very day
        return Norm("DATE", cal.shift(ctx.dct, unit, -int(n)).isoformat(), mod, "relative")
    if direction in ("from today", "from tomorrow") and unit in ("D", "W", "M", "Y"):
        # "a week from today": a day counted from the DCT (or the day after)
        start = ctx.dct + dt.timedelta(days=1 if direction == "from tomorrow" else 0)
        return Norm("DATE", cal.shift(start, unit, int(n)).isoformat(), mod, "relative")
    d = cal.shift(base, unit, sign * int(n))
    if unit in ("E", "C"):
        unit = "Y"
    return Norm("DATE", cal.value_at(d, unit), mod, source)


_FINE_ANCHOR = {"D": ("day",), "W": ("day", "week"), "M": ("day", "month")}


def norm_duration(hit: Hit, ctx: Context) -> Norm | None:
    """Durations: "three years", "the past two months", "a 10-year plan", "about an hour"; offsets when a
    direction word follows ("two years ago")."""
    if hit.group("dir"):
        return norm_ago(hit, ctx)
    num = hit.group("num")
    if num is None:  # "for years"; "a day-long meeting" (a singular unit: one)
        word = _low(hit.group("unit"))
        one = 1 if not word.endswith("s") and not word.endswith("ies") else None
        return Norm("DURATION", duration_value(one, unit_code(word)), None, "explicit")
    n = number(num)
    if n is not None and hit.group("half"):  # "an hour and a half"
        n += 0.5
    unit = unit_code(hit.group("unit"))
    if hit.group("unit")[0].isupper():
        return None  # a title: "60 Minutes"
    lnum = _low(num)
    before = ctx.text[max(0, hit.start - 25):hit.start]
    if lnum in ("a", "an") and not hit.group("drel") and not hit.group("approx") and re.search(
            r"(?:\d|percent|cents?|dollars?|times|twice|once|%)\s*$", before):
        return Norm("SET", duration_value(1, unit), None, "explicit")
    if lnum in ("some", "many") and unit in ("D", "W") and not hit.group("drel"):
        return None
    if lnum == "one" and unit == "D" and not hit.group("drel") and _MODAL_BEFORE.search(before):
        return Norm("DATE", "FUTURE_REF", None, "relative")  # "the city will one day host the Games"
    if unit == "WE":
        return None
    if unit == "M" and n in (6, 9) and hit.group("drel") and ctx.last_quarter:
        ctx.year_to_date_at = hit.start  # "In the first nine months, ...": the report moves to the year to date
    start, mod = None, _approx(hit)
    if _low(hit.group("drel")) == "the" and "-" in ctx.text[hit.match.end("num"):hit.match.start("unit")]:
        start = hit.match.start("num")  # "the 30-day period": the adjective alone, as TimeBank marks it
    elif lnum in ("a", "an") and hit.group("adj") and not hit.group("drel") and not hit.group("approx"):
        start = hit.match.start("unit")  # "a day-long meeting": the adjective, not the article
    elif _low(hit.group("approx")) == "within" or (_low(hit.group("approx")) == "over" and hit.group("drel")):
        # "within a week", "over the past two years": the preposition is a signal, not part of the expression
        start, mod = hit.match.start("drel") if hit.group("drel") else hit.match.start("num"), None
    return Norm("DURATION", duration_value(n, unit), mod, "explicit", start)


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|'ll)\s+$", re.IGNORECASE)


def norm_ref(hit: Hit, ctx: Context) -> Norm | None:
    """Vague plural references: "recent years" (PXY), "coming months" (FUTURE_REF), "the past few weeks" (PXW)."""
    ref = re.sub(r"\s+", " ", _low(hit.group("dref")))
    unit = unit_code(hit.group("unit"))
    if "few" in ref or "several" in ref or ref == "recent":  # TimeML: "recent weeks" is a vague duration
        return Norm("DURATION", duration_value(None, unit), None, "relative")
    if ref == "past":
        return Norm("DATE", "PAST_REF", None, "relative")
    return Norm("DATE", "FUTURE_REF", None, "relative")


RELATIVE_KINDS = {"rel_unit": norm_rel_unit, "ago": norm_ago, "duration": norm_duration, "ref": norm_ref}
