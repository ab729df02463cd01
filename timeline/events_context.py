"""Context passes over an article's event mentions: what a mention takes from the mentions around it — parties of
"the talks" or of an event naming none, the type of a follow-up ("Germany followed"), a date anchored to the
event before ("the following day"), the members of an organisation."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.actors import ActorDictionary
from timeline.events_anchor import shifted
from timeline.events_orgs import members
from timeline.participants import Participant
from timeline.text import Sentence

if TYPE_CHECKING:
    from timeline.events import EventMention

FOLLOW_UP = "follow_up"  # an event type standing for "the same as the event before"
COARSE_FOLLOW_UP = {"year", "half", "quarter", "season", "month", "decade", "century"}  # a follow-up stays in it
TALKS_WORDS = re.compile(r"\b(?:talks|negotiations|dialogue|framework|process|consultations)\b", re.IGNORECASE)


def resolve_context(mentions: list[EventMention], sents: list[Sentence], dictionary: ActorDictionary,
                    published: dt.date) -> list[EventMention]:
    """All context passes, in order."""
    anchor_to_previous(mentions)
    organisation_members(mentions, dictionary, published)
    out = resolve_follow_ups(mentions, sents)
    inherit_talks_parties(out)
    inherit_previous_parties(out, sents)
    return out


def anchor_to_previous(mentions: list[EventMention]) -> None:
    """"Parliament approved it the following day": a day after the last day-precise event before it."""
    last: EventMention | None = None
    for m in mentions:
        if m.anchor_days is not None and not m.dated and last is not None:
            m.timex = shifted(last.timex, m.anchor_days)
        if m.dated and m.timex.granularity == "day":
            last = m


def organisation_members(mentions: list[EventMention], dictionary: ActorDictionary, published: dt.date) -> None:
    """An event whose only party is a small fixed-membership organisation ("the Group of Seven summit") involves
    its member states (see events_orgs)."""
    for m in mentions:
        if any(p.kind in ("state", "person") and p.role != "location" for p in m.participants):
            continue
        when = m.timex.date_start if m.dated else published
        for p in [p for p in m.participants if p.kind == "organisation"]:
            for code in members(p.actor_id, m.sentence.text, when):
                if not any(q.country == code and q.role != "location" for q in m.participants):
                    m.participants.append(Participant(code, dictionary.get(code).name, "state", code, "participant"))


def inherit_talks_parties(mentions: list[EventMention]) -> None:
    """Give mentions about 'the talks' with no states of their own the parties of the talks named earlier."""
    last: list[Participant] = []
    for m in mentions:
        if m.event_type.family in ("talks", "talks_resumed") and m.countries:
            last = [Participant(p.actor_id, p.name, p.kind, p.country, "participant") for p in m.participants]
        elif not m.countries and last and TALKS_WORDS.search(m.sentence.text[: m.trigger_end - m.sentence.start]):
            m.participants = list(last)


def resolve_follow_ups(mentions: list[EventMention], sents: list[Sentence]) -> list[EventMention]:
    """"Germany followed on Wednesday": the event just before, done by the new subject to the same other side."""
    index = {s.start: i for i, s in enumerate(sents)}
    out: list[EventMention] = []
    for m in mentions:
        if m.event_type.type != FOLLOW_UP:
            out.append(m)
            continue
        prev = next((p for p in reversed(out) if index[m.sentence.start] - index[p.sentence.start] <= 1), None)
        subjects = [p for p in m.participants if p.role in ("actor", "participant")]
        if prev is not None and not subjects and prev.sentence.start == m.sentence.start:
            subjects = [p for p in prev.participants if p.role in ("actor", "participant")]  # "... and followed"
        if prev is None or not subjects:
            continue
        mine = {p.actor_id for p in subjects}
        others = [Participant(p.actor_id, p.name, p.kind, p.country, "target" if p.role == "target" else p.role)
                  for p in prev.participants if p.actor_id in prev.objects or p.role in ("target", "host")]
        if not [p for p in others if p.actor_id not in mine]:  # "Russia responded in kind": to the doer before
            theirs = {q.country for q in subjects}
            others = [Participant(p.actor_id, p.name, p.kind, p.country, "target")
                      for p in prev.participants if p.role == "actor" and p.country not in theirs]
        if not m.dated and prev.dated and prev.timex.granularity in COARSE_FOLLOW_UP:
            m.timex = prev.timex  # "responded in kind a few days later" after "earlier this month": that month
        m.event_type, m.label, m.follow_up = prev.event_type, prev.label, True
        m.participants = [Participant(p.actor_id, p.name, p.kind, p.country, "actor") for p in subjects] + [
            p for p in others if p.actor_id not in {q.actor_id for q in subjects}]
        out.append(m)
    return out


def inherit_previous_parties(mentions: list[EventMention], sents: list[Sentence]) -> None:
    """A mention naming no party ("it took effect", "the truce", "their encounter in Singapore": a venue is no
    party) takes the parties of the mention just before it, in the same or the previous sentence, or else those
    of the last event of its family in the article ("a first ceasefire agreed in Minsk" after "the truce")."""
    index = {s.start: i for i, s in enumerate(sents)}
    previous: EventMention | None = None
    by_family: dict[str, EventMention] = {}
    for m in mentions:
        if not any(p.kind in ("state", "person") and p.role != "location" for p in m.participants):
            source = previous if (previous is not None and previous.countries
                                  and index[m.sentence.start] - index[previous.sentence.start] <= 1) else None
            source = source or by_family.get(m.event_type.family)  # "a peace agreement was signed in Algiers"
            if source is not None:
                m.participants = [Participant(p.actor_id, p.name, p.kind, p.country, "participant")
                                  for p in source.participants if p.role != "location"] + m.participants
        if any(p.role != "location" for p in m.participants if p.country):
            previous = m
            by_family[m.event_type.family] = m
