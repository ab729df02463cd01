"""Temporal expression tagging (TIMEX3): find dates, times, durations and sets in text and normalise them
against the document creation time (DCT).

Recognition rules and word lists are package data (timeline/data/timex); see timex_rules (recognition),
timex_kinds, timex_periods and timex_relative (normalisation), timex_calendar and timex_tense for the parts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from timeline.timex_calendar import interval, narrowed
from timeline.timex_kinds import KINDS
from timeline.timex_normalise import AHEAD_OF, Context, Norm
from timeline.timex_relative import RELATIVE_KINDS
from timeline.timex_rules import recognise
from timeline.timex_tense import TenseCues, clause_around, sentence_spans, sentence_tense

__all__ = ["Timex", "find_timexes", "to_timeml", "to_jsonl_records", "sentence_tense"]

_NORMALISERS = {**KINDS, **RELATIVE_KINDS}
_ANCHOR_GRANULARITIES = {"day", "month", "year", "week"}


@dataclass(frozen=True)
class Timex:
    """A temporal expression: its span in the text and its TimeML normalisation."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    granularity: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    source: str
    tense: str | None


def _as_date(dct: dt.date | dt.datetime) -> tuple[dt.date, dt.datetime | None]:
    if isinstance(dct, dt.datetime):
        return dct.date(), dct
    return dct, None


def find_timexes(text: str, dct: dt.date | dt.datetime) -> list[Timex]:
    """Find and normalise temporal expressions in text against the document creation time."""
    day, moment = _as_date(dct)
    ctx = Context(day, moment, text)
    sents = sentence_spans(text) or [(0, len(text))]
    starts = [s for s, _ in sents]
    out: list[Timex] = []
    cues = TenseCues(text)
    for hit in recognise(text):
        sent = sents[max(0, bisect.bisect_right(starts, hit.start) - 1)]
        lo, hi = clause_around(text, sent, hit.start, hit.end)
        # "The embassy will reopen on Monday, officials said.": the speech tag after the report dates nothing in it
        tag = _SPEECH_TAG.search(text, hit.end, hi) if "," in text[hit.end:hi] else None
        report_end = tag.start() if tag else hi
        ctx.tense, ctx.tense_strong = cues.near(lo, report_end, hit.start, hit.end)
        if ctx.tense is None and tag:  # "officials, meeting in Washington on Monday, said ...": no verb of its own
            ctx.tense, ctx.tense_strong = cues.near(lo, hi, hit.start, hit.end)
        if ctx.tense is None and lo > sent[0] and (link := _TEMPORAL_CLAUSE.search(text, max(sent[0], lo - 8), lo)):
            # "the meeting could take place after the US election in November": a temporal clause without a
            # verb of its own is placed by the clause it dates; only a future is carried over (a hint), or a
            # present state's end ("the airport is closed until Monday")
            main = cues.near(sent[0], lo, lo, lo)[0]
            if main == "future" or _MAY_HAPPEN.search(text, sent[0], lo) or (
                    main == "present" and link.group(1).lower() == "until"):
                ctx.tense = "future"
        ctx.future_in_clause = cues.has(lo, report_end, "future")
        ctx.past_in_clause = cues.has(lo, report_end, "past")
        if ctx.past_in_clause and ctx.tense == "future" and ctx.tense_strong:
            # "officials said the two sides would meet on Monday": a past verb before the future one reports it
            left = cues.left_end(lo, hit.start, "future", _MODAL)
            ctx.past_in_clause = left is None or cues.has(left, report_end, "past")
        if _SINCE.search(text, max(0, hit.start - 7), hit.start):  # "on patrol since March": before the DCT
            ctx.tense, ctx.tense_strong, ctx.future_in_clause = "past", True, False
        elif _DEFERRED.search(text, max(0, hit.start - 60), hit.start) or AHEAD_OF.search(
                text, max(0, hit.start - 30), hit.start) or _CALLED_FOR.search(text, max(0, hit.start - 100),
                                                                               hit.start):
            # "postponed the vote until Tuesday", "ahead of Sunday's", "has called an emergency meeting for Monday"
            ctx.tense, ctx.tense_strong, ctx.past_in_clause = "future", True, False
        elif ctx.tense == "past" and (shift := _BACKSHIFT.search(text, max(sent[0], hit.start - 70), hit.start)) \
                and cues.near(sent[0], shift.start(), shift.start(), shift.start())[0] == "future":
            # "talks would begin as soon as the truce took hold on Monday": a past tense only backshifted after
            # the future it is subordinate to
            ctx.tense, ctx.tense_strong, ctx.past_in_clause = "future", False, False
        elif not (ctx.tense == "past" and ctx.tense_strong) and _condition(text, max(lo, hit.start - 70), hit.start):
            # "if passed on Friday", "unless a deal is reached by Sunday": a condition still to be met lies ahead
            ctx.tense, ctx.tense_strong, ctx.past_in_clause = "future", False, False
        elif ctx.tense == "past" and _INTENT.search(text, max(0, hit.start - 60), hit.start):
            # "agreed to meet again in April": a plan made in the past, the nearest April (as "was to meet")
            ctx.tense, ctx.tense_strong, ctx.past_in_clause, ctx.future_in_clause = None, False, False, False
        result = _NORMALISERS[hit.rule.kind](hit, ctx)
        if result is None:
            continue
        for norm in result if isinstance(result, list) else [result]:
            tx = _build(text, hit.start, hit.end, norm, ctx.tense)
            out.append(tx)
            if tx.type == "DATE" and tx.date_start and tx.granularity in _ANCHOR_GRANULARITIES and not (
                    tx.granularity == "year" and _modifier_year(text, tx)):
                ctx.anchor, ctx.anchor_gran = tx.date_start, tx.granularity
                ctx.last_day = tx.date_start if tx.granularity == "day" else ctx.last_day
            _note_narrative(ctx, tx)
    return _order_ranges(text, out)


def _note_narrative(ctx: Context, tx: Timex) -> None:
    """Remember the last year the text states ("in 2013", "last year", "May 2010"; not a bare month's year,
    guessed from the DCT) and the last month it names ("in November", "May 3"; not a weekday's)."""
    if tx.type not in ("DATE", "TIME") or tx.date_start is None or tx.mod in ("BEFORE", "AFTER"):
        return
    if tx.source in ("explicit", "anchored") and tx.granularity not in ("decade", "century") or (
            tx.source == "relative" and tx.granularity in _STATED_YEAR):
        ctx.year_anchor, ctx.year_anchor_at = tx.date_start.year, tx.end
    if tx.type == "DATE" and (tx.source in ("explicit", "anchored") and tx.granularity in ("day", "month")
                              or _calendar_date(tx)):
        ctx.month_anchor = tx.date_start
        ctx.day_anchor_at = tx.end if tx.granularity == "day" and _calendar_date(tx) else -1


def _modifier_year(text: str, tx: Timex) -> bool:
    """A bare year used as a noun modifier ("the 1988 bombing", "Russia's 2014 annexation"): it names an event,
    not the narrative's time, so it does not anchor "the following month" or "two days later"."""
    return bool(re.fullmatch(r"\d{4}", tx.text) and _DET_BEFORE.search(text, max(0, tx.start - 12), tx.start)
                and _NOUN_AFTER.match(text, tx.end))


_DET_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|\w's|s')\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|until|when|as|in|on|at|for|of|with|by|was|were|is|are|had|has|"
                         r"have|saw|and)\b)[A-Za-z]")


_STATED_YEAR = {"year", "month", "season", "quarter", "half"}


_BACKSHIFT = re.compile(r"\b(?:as\s+soon\s+as|once|when|after|before|until)\s+(?:[\w'’-]+\s+){0,6}?$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless)\s+(?:[\w'’-]+\s+){0,7}?$", re.IGNORECASE)


def _condition(text: str, lo: int, start: int) -> bool:
    """Whether text[lo:start] ends in an "if" / "unless" clause ("if passed on", not "as if")."""
    m = _CONDITION.search(text, lo, start) if ("if " in text[lo:start] or "nless " in text[lo:start]) else None
    return m is not None and not text[max(0, m.start() - 3):m.start()].lower() == "as "
_SPEECH_TAG = re.compile(r",\s+(?:[\w.'’-]+\s+){0,6}?(?:said|told|added|announced|reported|confirmed|stated|wrote|"
                         r"declared|insisted|warned)\b[^,;:]*$", re.IGNORECASE)
_MAY_HAPPEN = re.compile(r"\b(?:could|might|should|(?-i:may))\s+(?:(?:still|also|now|soon|even|[a-z]+ly)\s+)?"
                         r"(?:take\s+place|go\s+ahead|happen|resume)\b", re.IGNORECASE)
_TEMPORAL_CLAUSE = re.compile(r"\b(after|before|until)\s+$", re.IGNORECASE)
_MODAL = re.compile(r"(?:would|will|'ll|shall)\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_CALLED_FOR = re.compile(r"\b(?:called|calls|convened|convenes|summoned|summons|requested|requests|set|sets)\s+"
                         r"(?:(?:an?|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:meeting|summit|session|conference|talks|"
                         r"vote|referendum|debate)\s+(?:[\w’'.-]+\s+){0,8}?for\s+$", re.IGNORECASE)
_DEFERRED = re.compile(r"\b(?:postponed|delayed|adjourned|deferred|put\s+off|pushed\s+back|extended|rescheduled|"
                       r"moved|shifted|brought\s+forward)\s+(?:[\w'$.,-]+\s+){0,5}?(?:until|till|to)\s+$",
                       re.IGNORECASE)
_INTENT = re.compile(r"\b(?:agreed|decided|promised|pledged|vowed|undertook|resolved)\s+to\s+"
                     r"(?!(?:an?|the|its|their)\s)[a-z]+\s+"  # (not "agreed to a ceasefire on Monday": a past act)
                     r"(?:[\w'$.-]+\s+){0,5}?(?:in|on|by|before|for|from|next)?\s*$", re.IGNORECASE)
_RANGE_LINK = re.compile(r"\s*(?:and|to|through|until|till|-|–|—)\s*$", re.IGNORECASE)


def _shift_year(t: Timex, years: int) -> Timex:
    value = f"{int(t.value[:4]) + years:04d}{t.value[4:]}"
    first, last, gran = interval(value)
    first, last = narrowed(first, last, gran, t.mod)
    return replace(t, value=value, date_start=first, date_end=last, granularity=gran)


def _calendar_date(t: Timex) -> bool:
    """A month, or a day written with its month ("March", "May 3"), rather than a weekday or a deictic day."""
    return t.type == "DATE" and t.date_start is not None and (
        t.granularity == "month" or (t.granularity == "day" and any(c.isdigit() for c in t.text)))


def _order_ranges(text: str, found: list[Timex]) -> list[Timex]:
    """Ranges and lists of dates whose year was inferred ("between March and May") are kept in order: the
    earlier end moves back a year in past clauses, the later end forward otherwise."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if not (_calendar_date(a) and _calendar_date(b) and b.date_start < a.date_start
                and "inferred" in (a.source, b.source) and _RANGE_LINK.fullmatch(text, a.end, b.start)):
            continue
        if a.source == "inferred" and (a.tense == "past" or b.source != "inferred"):
            found[i] = _shift_year(a, -1)
        elif b.source == "inferred":
            found[i + 1] = _shift_year(b, 1)
    return found


def _build(text: str, start: int, end: int, norm: Norm, tense: str | None) -> Timex:
    s = norm.start if norm.start is not None else start
    e = norm.end if norm.end is not None else end
    first = last = gran = None
    if norm.type in ("DATE", "TIME"):
        first, last, gran = interval(norm.value)
        first, last = narrowed(first, last, gran, norm.mod)
    return Timex(s, e, text[s:e], norm.type, norm.value, norm.mod, gran, first, last, norm.source, tense)


def to_jsonl_records(timexes: list[Timex]) -> list[dict[str, Any]]:
    """JSON-ready dicts (dates as ISO strings), one per expression, in the CLI's jsonl field order."""
    return [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
         "granularity": t.granularity, "date_start": t.date_start.isoformat() if t.date_start else None,
         "date_end": t.date_end.isoformat() if t.date_end else None, "source": t.source, "tense": t.tense}
        for t in timexes
    ]


def to_timeml(text: str, dct: dt.date | dt.datetime, timexes: list[Timex]) -> str:
    """A TimeML document: the text with TIMEX3 tags (tid t1...), the DCT as t0."""
    dct_value = dct.isoformat() if isinstance(dct, dt.date) else str(dct)
    parts = [
        '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value=',
        quoteattr(dct_value[:10] if not isinstance(dct, dt.datetime) else dct_value),
        ' temporalFunction="false" functionInDocument="CREATION_TIME">', escape(dct_value),
        "</TIMEX3></DCT>\n<TEXT>",
    ]
    pos = 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < pos:
            continue
        parts.append(escape(text[pos:t.start]))
        attrs = f'tid="t{i}" type="{t.type}" value={quoteattr(t.value)}'
        if t.mod:
            attrs += f' mod="{t.mod}"'
        parts.append(f"<TIMEX3 {attrs}>{escape(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    parts.append(escape(text[pos:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
