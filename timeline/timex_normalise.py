"""Normalisation of recognised temporal expressions to TimeML type, value, mod and provenance."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.timex_rules import Hit, lexicon

EMOD = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID", "late": "END",
        "end": "END", "close": "END", "turn": "END", "first": "START", "second": "END", "latter": "END",
        "last": "END", "earlier": "START", "later": "END", "mid-to-late": "END"}
APPROX = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
          "nearly": "LESS_THAN", "almost": "LESS_THAN", "close to": "APPROX", "more than": "MORE_THAN",
          "over": "MORE_THAN", "well over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
          "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
          "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
          "at most": "EQUAL_OR_LESS"}
ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
       "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
       "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
       "twentieth": 20, "thirtieth": 30}
POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI",
       "midday": "MI"}
BACK = {"ago", "earlier", "before", "back", "previously"}
# "ahead of Sunday's vote", "in the run-up to the election in May": a date the narrative still looks forward to
AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+the\s+(?:run|lead)[\s-]up\s+to|in\s+advance\s+of)\s+(?:the\s+)?$",
                      re.IGNORECASE)


@dataclass
class Norm:
    """A normalised expression (before offsets and intervals are attached)."""

    type: str
    value: str
    mod: str | None = None
    source: str = "explicit"
    start: int | None = None
    end: int | None = None


@dataclass
class Context:
    """Document state the normalisers read: DCT, the clause tense, and the narrative's previous dates."""

    dct: dt.date
    dct_time: dt.datetime | None
    text: str
    tense: str | None = None
    tense_strong: bool = False
    past_in_clause: bool = False  # a past cue (not a mere -ed form) anywhere in the clause
    future_in_clause: bool = False  # a future cue anywhere in the clause ("has set Nov. 10 as the deadline")
    anchor: dt.date | None = None
    anchor_gran: str | None = None
    year_anchor: int | None = None  # the narrative's last year stated (not guessed from the DCT): "that year"
    year_anchor_at: int = -1  # end offset of the expression that stated it
    month_anchor: dt.date | None = None  # its last month named or stated (not a weekday's): "that month"
    day_anchor_at: int = -1  # end offset of the last calendar day written with its month ("Nov. 3"), if any
    last_day: dt.date | None = None  # the narrative's last day-precise date ("on Wednesday"), for "the following day"
    last_quarter: tuple[int, int | str, int] | None = None  # (year, quarter or "X" if fiscal, offset in text)
    year_to_date_at: int = -1  # offset of the last "the (first) nine months" of a report


def report_period(ctx: Context, pos: int, window: int = 2000) -> tuple[int, str] | None:
    """The period a financial report discusses at offset pos: (year, "-Q3" / "-QX"), or (year, "") when the
    text has moved on from the quarter to the year to date ("In the nine months, ... a year earlier")."""
    if not ctx.last_quarter or pos - ctx.last_quarter[2] >= window:
        return None
    year, quarter, at = ctx.last_quarter
    return (year, "") if ctx.year_to_date_at > at else (year, f"-Q{quarter}")


def _low(s: str | None) -> str:
    return (s or "").lower().strip()


def _emod(hit: Hit) -> str | None:
    e = _low(hit.group("emod")) or _low(hit.group("early"))
    if not e:
        return None
    for key in ("mid-to-late", "beginning", "start", "middle", "close", "turn", "first", "second", "latter",
                "early", "mid", "late", "end", "last", "earlier", "later"):
        if key in e:
            return EMOD[key]
    return None


def _approx(hit: Hit) -> str | None:
    return APPROX.get(re.sub(r"\s+", " ", _low(hit.group("approx"))))


def _year(hit: Hit, dct: dt.date, name: str = "year") -> int | None:
    y = hit.group(name)
    if not y:
        return None
    if y.startswith("'"):
        y2 = int(y[1:])
        century = dct.year // 100 * 100
        return century + y2 if century + y2 <= dct.year + 10 else century - 100 + y2
    return int(y)


def number(word: str | None) -> float | None:
    """The number a numeral or number word denotes; None for vague quantities ("several")."""
    w = re.sub(r"\s+", " ", _low(word))
    if not w:
        return 1
    lex = lexicon()
    if w in lex["vague_numbers"]:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", w)
    if m:
        return float(m.group(1)) + (0.5 if "1/2" in w else 0)
    if w in lex["numbers"]:
        return float(lex["numbers"][w])
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in lex["numbers"] and parts[1] in lex["numbers"]:
        return float(lex["numbers"][parts[0]] + lex["numbers"][parts[1]])
    return None


def unit_code(word: str | None) -> str:
    """Lexicon unit code (Y, M, W, D, H, MIN, S, Q, E, C, L, WE, H2, W2) of a unit word, plural or not."""
    w = re.sub(r"\s+", " ", _low(word))
    units = lexicon()["units"]
    for cand in (w, w[:-1] if w.endswith("s") else w, w.replace("ies", "y"), w.replace("ia", "ium")):
        if cand in units:
            return units[cand]
    return "D"


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration value: P3Y, PT2H, PXM..."""
    if unit in ("H", "MIN", "S"):
        letter = {"H": "H", "MIN": "M", "S": "S"}[unit]
        if n is None:
            return f"PTX{letter}"
        if n != int(n) and unit == "H":  # "5 1/2 hours": PT5H30M
            minutes = round((n - int(n)) * 60)
            return f"PT{int(n)}H{minutes}M" if n >= 1 else f"PT{minutes}M"
        if n != int(n) and unit == "MIN":  # "a minute and a half": PT1M30S
            seconds = round((n - int(n)) * 60)
            return f"PT{int(n)}M{seconds}S" if n >= 1 else f"PT{seconds}S"
        return f"PT{int(n)}{letter}"
    scale = {"E": ("Y", 10), "C": ("Y", 100), "L": ("Y", 1000), "W2": ("W", 2), "WE": ("D", 2), "H2": ("M", 6)}
    letter, mult = scale.get(unit, (unit, 1))
    if n is None:
        return "PX" + {"E": "E", "C": "C", "L": "L"}.get(unit, letter)
    n *= mult
    if n != int(n):
        if letter == "Y":
            return f"P{int(n * 12)}M" if n < 2 else f"P{int(n)}Y6M"
        if letter == "M":
            return f"P{int(n * 30)}D"
        if letter == "D":
            return f"PT{int(n * 24)}H"
    return f"P{int(n)}{letter}"


def month_of(word: str) -> int:
    """Month number of a month name or abbreviation."""
    return lexicon()["months"][_low(word).rstrip(".")]


def direction(ctx: Context) -> str | None:
    """How a bare month or weekday is resolved: "past", "future", "past?" / "future?" (tense cue far away:
    a preference only) or None (the nearest)."""
    if ctx.tense == "future" and not ctx.past_in_clause:  # "will be named ... for a mission in December"
        return "future"
    if ctx.tense in ("past", "future"):
        return ctx.tense if ctx.tense_strong else ctx.tense + "?"
    return None


def narrative_year(ctx: Context) -> int | None:
    """The year "that year" / "the same year" refers to: the last year the text stated, else the year of its
    last date, else None (the DCT's)."""
    if ctx.year_anchor is not None:
        return ctx.year_anchor
    return ctx.anchor.year if ctx.anchor else None


def year_of(yrel: str, ctx: Context) -> tuple[int, str]:
    """Year and provenance of "this / last / next year" (from the DCT) and "that / the same / the following
    year" (from the narrative, else the DCT) after a month or season: "November of that year"."""
    yrel = re.sub(r"\s+", " ", yrel)
    if yrel in ("this", "last", "next"):
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[yrel], "relative"
    base = narrative_year(ctx)
    step = {"the previous": -1, "the following": 1, "the next": 1}.get(yrel, 0)
    return (ctx.dct.year if base is None else base) + step, "relative" if base is None else "anchored"


def rel_direction(rel: str) -> str | None:
    """Direction from a determiner: last/past -> past, next/coming -> future, this -> None."""
    if rel in ("last", "past", "this past", "previous", "the previous"):
        return "past"
    if rel in ("next", "coming", "this coming", "following", "the following", "the next"):
        return "future"
    return None
