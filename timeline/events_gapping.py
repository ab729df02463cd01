"""Gapped coordination: one verb, two objects, two dates ("received Netanyahu in May and Abbas on May 28", "visited
Japan on Monday and China on Wednesday"). The verb is said once but tells two acts, each with its own object and
date: the second is a mention of its own, and the first loses the second's object."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from timeline.actors import ActorMention
from timeline.participants import participants_of
from timeline.status import PAST_FORMS
from timeline.timex import Timex

if TYPE_CHECKING:
    from timeline.events import EventMention

# what stands between the first date and the second object's date: "and" (after a comma or not), the object, and
# the second date's preposition
GAP = re.compile(r"\s*(?P<sep>,\s*(?:and\s+)?|\s+and\s+)(?:then\s+)?(?P<obj>[^,;:()]{2,80}?)\s+(?:on|in|at|during)\s+$")
# a second time of the same act with no object of its own: "extended by 120 days in November, then by 60 days in
# March and again on May 17"
AGAIN = re.compile(r"(?:then\s+)?(?:(?:by|for)\s+(?:another\s+|a\s+further\s+)?[\w-]+\s+(?:days|weeks|months|years)|"
                   r"again|once\s+more|once\s+again)(?:\s+(?:again|then))?", re.IGNORECASE)
PLURAL_ACTS = re.compile(r"\b(?:summits|meetings|visits|trips|calls|conversations|rounds)\b", re.IGNORECASE)
BARE_AND = re.compile(r"\s*,?\s*and\s+(?:in\s+)?")
MODAL_OR_VERB = re.compile(r"\b(?:\w+ed|said|says|is|are|will|would|can|could|may|might|must|to)\b")


def has_verb(words: str) -> bool:
    """Whether the words between the two dates hold a verb: a clause of its own, not a gapped object."""
    return bool(MODAL_OR_VERB.search(words)) or any(w in PAST_FORMS for w in words.lower().split())


def split_gapped(mentions: list[EventMention], timexes: list[Timex], actors: list[ActorMention]) -> list[EventMention]:
    """The mentions of one sentence with each gapped second act added right after the act it shares a verb with."""
    out: list[EventMention] = []
    triggers = [x.trigger_start for x in mentions]
    for m in mentions:
        out.append(m)
        while (second := gapped(out[-1], timexes, actors, triggers)) is not None:  # "..., then ... and again ..."
            out[-1], new = second
            out.append(new)
    return out


def gapped(m: EventMention, timexes: list[Timex], actors: list[ActorMention],
           triggers: list[int]) -> tuple[EventMention, EventMention] | None:
    """The act told once and the gapped second one, or None when m has no gapped second object."""
    if m.timex is None or m.timex.start < m.trigger_end or m.timex.date_start is None:
        return None
    s = m.sentence
    nxt = next((t for t in timexes if t.start >= m.timex.end and t.end <= s.end and t.type in ("DATE", "TIME")), None)
    if nxt is None or nxt.date_start is None:
        return None
    if (PLURAL_ACTS.search(m.trigger) and m.timex.granularity in ("month", "year")
            and nxt.granularity == m.timex.granularity and BARE_AND.fullmatch(s.text, m.timex.end - s.start,
                                                                               nxt.start - s.start)):
        return m, dataclasses.replace(m, participants=list(m.participants), timex=nxt)  # "two summits in April
        # and May": one each
    gap = GAP.fullmatch(s.text, m.timex.end - s.start, nxt.start - s.start)
    if gap is None or has_verb(gap.group("obj")) or any(m.timex.end <= t < nxt.start for t in triggers):
        return None
    lo, hi = s.start + gap.start("obj"), s.start + gap.end("obj")
    objects = [a for a in actors if lo <= a.start and a.end <= hi]
    if not objects and AGAIN.fullmatch(gap.group("obj")):  # (a noun too: "two meetings, on Sunday and again on Monday")
        return m, dataclasses.replace(m, participants=list(m.participants), timex=nxt)
    if m.kind != "verb" or not objects or any(a.kind not in ("person", "state", "organisation") for a in objects):
        return None
    if "and" not in gap.group("sep"):
        return None  # ", Abbas on Tuesday" without "and" or "then" is an aside, not a second act
    subject = [a for a in actors if s.start <= a.start and a.end <= m.trigger_start]
    first = [a for a in actors if m.trigger_start < a.start and a.end <= m.timex.start and a not in subject]
    clause = s.text
    trigger = (m.trigger_start, m.trigger_end)
    told, place = participants_of(m.event_type.type, trigger, subject + first, clause, s.start)
    again, _ = participants_of(m.event_type.type, trigger, subject + objects, clause, s.start)
    if not first or not any(p.role != "location" for p in again):
        return None
    return (dataclasses.replace(m, participants=told, place=place or m.place),
            dataclasses.replace(m, participants=again, timex=nxt, place=None))
