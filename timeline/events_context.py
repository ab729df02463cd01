"""Context passes over an article's event mentions: what a mention takes from the mentions around it — parties of
"the talks" or of an event naming none, the type of a follow-up ("Germany followed"), a date anchored to the
event before ("the following day"), the members of an organisation."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING

from timeline.actors import ActorDictionary, ActorMention
from timeline.actors_unknown import UNKNOWN_PREFIX
from timeline.events_anchor import shifted
from timeline.events_orgs import members
from timeline.participants import Participant
from timeline.text import Sentence

if TYPE_CHECKING:
    from timeline.events import EventMention

FOLLOW_UP = "follow_up"  # an event type standing for "the same as the event before"
COARSE_FOLLOW_UP = {"year", "half", "quarter", "season", "month", "decade", "century"}  # a follow-up stays in it
# families whose unattributed events are about an earlier event of another family ("the treaty will enter into
# force next month" after "Israel and Jordan signed a peace treaty")
RELATED = {"treaty_in_force": ("agreement",), "treaty_extension": ("agreement", "treaty_in_force"),
           "withdrawal": ("agreement",), "suspension": ("talks", "meeting", "talks_resumed"),
           "talks_resumed": ("talks", "suspension"), "talks": ("meeting", "talks_resumed")}
BACKGROUND = re.compile(r"\b(?:when|while|since|after|before|until|once)\s+(?:[\w’'.-]+\s+){0,6}$", re.IGNORECASE)
VENUE_BEFORE = re.compile(r"\b(?:in|at|to|from|near)\s+(?:the\s+)?$", re.IGNORECASE)
THE_TRIP = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# "talks, chaired by the former U.S. senator George Mitchell,", "a truce brokered by Qatar": a third party's phrase
MEDIATED_BY = re.compile(r"\b(?:chaired|mediated|brokered|facilitated|sponsored|overseen|convened)\s+"
                         r"(?:jointly\s+)?by\s+[^,;:()]{0,80}", re.IGNORECASE)
WHERE_BEFORE = re.compile(r",\s+where\s+(?:[\w’'.-]+\s+){0,6}$", re.IGNORECASE)  # the place of the clause before
MEDIATED_FAMILIES = ("talks", "talks_resumed", "ceasefire", "agreement")
MAIN_STATE_MIN, MAIN_STATE_LEAD = 3, 1.5  # the article's state: named this often, this much more than the next
TALKS_WORDS = re.compile(r"\b(?:talks|negotiations|dialogue|framework|process|consultations)\b", re.IGNORECASE)


def resolve_context(mentions: list[EventMention], sents: list[Sentence], dictionary: ActorDictionary,
                    published: dt.date, actors: list[ActorMention], text: str,
                    in_title: list[ActorMention] = ()) -> list[EventMention]:
    """All context passes, in order (``in_title``: the actors the article's title names)."""
    anchor_to_previous(mentions)
    organisation_members(mentions, dictionary, published)
    out = resolve_follow_ups(mentions, sents)
    inherit_talks_parties(out, actors, text)
    inherited = inherit_previous_parties(out, sents, actors, text)
    article_state(out, main_states(actors, list(in_title)), inherited)
    return out


def anchor_to_previous(mentions: list[EventMention]) -> None:
    """"Parliament approved it the following day": a day after the last day-precise event before it."""
    last: EventMention | None = None
    news: EventMention | None = None  # the last day-precise act that took place: what "the decision" stands for
    done: dict[tuple[int, int], EventMention] = {}  # (sentence, days) -> the mention anchored so
    for m in mentions:
        base = news if m.came_after else last
        if m.anchor_days is not None and not m.dated and base is not None:
            same = done.get((m.sentence.start, m.anchor_days))  # "a day after X and Y held talks at a meeting"
            m.timex = same.timex if same is not None else shifted(base.timex, m.anchor_days)
            done[(m.sentence.start, m.anchor_days)] = m
            continue
        if m.dated and m.timex.granularity == "day":
            last = m
            news = m if m.status == "occurred" else news


def organisation_members(mentions: list[EventMention], dictionary: ActorDictionary, published: dt.date) -> None:
    """An event whose only party on its side is a small fixed-membership organisation ("the Group of Seven
    summit", "the G7 leaders agreed to tighten sanctions on Russia") involves its member states, in the
    organisation's role (see events_orgs)."""
    for m in mentions:
        side = [p for p in m.participants if p.role in ("actor", "participant")]
        if any(p.kind in ("state", "person") for p in side):
            continue
        when = m.timex.date_start if m.dated else published
        orgs = [p for p in side if p.kind == "organisation"]
        for p in orgs if len(orgs) == 1 else []:  # "a NATO summit ... and a G7 summit": neither stands alone
            for code in members(p.actor_id, m.sentence.text, when):
                if not any(q.country == code and q.role != "location" for q in m.participants):
                    m.participants.append(Participant(code, dictionary.get(code).name, "state", code, p.role))


def inherit_talks_parties(mentions: list[EventMention], actors: list[ActorMention], text: str) -> None:
    """Give mentions about 'the talks' with no states of their own the parties of the talks named earlier. Talks
    naming only their mediators take the parties of the other events of their sentence first (else they are left
    to inherit_previous_parties)."""
    last: list[Participant] = []
    for m in mentions:
        third = mediators(m, actors, text) if m.event_type.family in ("talks", "talks_resumed") else set()
        if third and all(p.actor_id in third for p in m.participants if p.role != "location"):
            # "signed a ceasefire after talks brokered by Saudi Arabia and the United States": the signatories
            own = {p.actor_id: p for x in mentions if x is not m and x.sentence.start == m.sentence.start
                   for p in x.participants if p.role != "location" and p.actor_id not in third}
            if not own:
                continue
            m.participants = [Participant(p.actor_id, p.name, p.kind, p.country, "participant")
                              for p in own.values()] + m.participants
        parties = any(p.country and p.role != "location" for p in m.participants)  # (a venue is no party)
        if m.event_type.family in ("talks", "talks_resumed") and parties:
            last = [Participant(p.actor_id, p.name, p.kind, p.country, "participant") for p in m.participants
                    if p.role != "location"]
        elif not parties and last and TALKS_WORDS.search(m.sentence.text[: m.trigger_end - m.sentence.start]):
            m.participants = list(last) + [p for p in m.participants if p.role == "location"]


def resolve_follow_ups(mentions: list[EventMention], sents: list[Sentence]) -> list[EventMention]:
    """"Germany followed on Wednesday": the event just before, done by the new subject to the same other side."""
    index = {s.start: i for i, s in enumerate(sents)}
    out: list[EventMention] = []
    for m in mentions:
        if m.event_type.type != FOLLOW_UP:
            out.append(m)
            continue
        near = [p for p in reversed(out) if index[m.sentence.start] - index[p.sentence.start] <= 1]
        # the main event before, not one told as its background ("a day after its parliament declared ...")
        prev = next((p for p in near if not p.undatable and not (p.dated and p.timex.source == "anchored")),
                    near[0] if near else None)
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


def inherit_previous_parties(mentions: list[EventMention], sents: list[Sentence], actors: list[ActorMention],
                             text: str) -> set[int]:
    """A mention naming no party ("it took effect", "the truce", "their encounter in Singapore": a venue is no
    party) takes the parties of the mention just before it, in the same or the previous sentence, or else those
    of the last event of its family in the article ("a first ceasefire agreed in Minsk" after "the truce"), or
    else the states named by the sentence before it in its paragraph ("Kosovo has been run by the UN since 1999,
    when NATO drove Serbian forces out. Talks on its final status ended in December"). An organisation is a
    party: "the UN Security Council was to hold an emergency meeting" does not take Japan, named just before."""
    index = {s.start: i for i, s in enumerate(sents)}
    previous: EventMention | None = None
    by_family: dict[str, EventMention] = {}
    visitors: list[Participant] = []
    latest: EventMention | None = None
    prior: EventMention | None = None  # the mention just before, whatever its parties
    inherited: set[int] = set()
    for i_m, m in enumerate(mentions):
        prior = mentions[i_m - 1] if i_m else None
        third = mediators(m, actors, text)
        if not any(_party(p) and p.actor_id not in third for p in m.participants):
            inherited.add(id(m))
            source = previous if (previous is not None and previous.countries
                                  and index[m.sentence.start] - index[previous.sentence.start] <= 1) else None
            source = source or next((by_family[f] for f in (m.event_type.family, *RELATED.get(m.event_type.family, ()))
                                     if f in by_family), None)  # "a peace agreement was signed in Algiers"
            source = source or (latest if third else None)  # "The talks, chaired by Mitchell,": the story's parties
            if source is not None:
                m.participants = [Participant(p.actor_id, p.name, p.kind, p.country, "participant")
                                  for p in source.participants if p.role != "location"
                                  and p.actor_id not in third] + m.participants
            else:
                i = index[m.sentence.start]
                before = sents[i - 1] if i > 0 and sents[i - 1].paragraph == m.sentence.paragraph else None
                m.participants = [p for p in (states_named(before, actors, text) if before else [])
                                  if p.actor_id not in third] + m.participants
            if prior is not None and prior.sentence.start == m.sentence.start and WHERE_BEFORE.search(
                    m.sentence.text, 0, m.trigger_start - m.sentence.start) and not any(
                    p.role == "location" for p in m.participants):  # "in Esquipulas, where the five first met"
                m.participants += [p for p in prior.participants if p.role == "location"]
                m.place = m.place or prior.place
        elif (m.event_type.family == "visit" and visitors and not any(
                p.role in ("actor", "participant") for p in m.participants)
              and THE_TRIP.search(m.sentence.text, 0, m.trigger_start - m.sentence.start)):
            # "The trip had been due to begin on Monday" (to the North): the visitor of the visit told before
            m.participants = visitors + m.participants
        if m.event_type.family == "visit" and any(p.role == "actor" for p in m.participants):
            visitors = [p for p in m.participants if p.role == "actor"]
        if any(p.role != "location" for p in m.participants if p.country) and not background(m):
            latest = m if not third else latest
            previous = m  # a background event ("since Biden took office") is not what the next clause continues
            by_family[m.event_type.family] = m
    return inherited


def main_states(actors: list[ActorMention], in_title: list[ActorMention]) -> list[ActorMention]:
    """The states an article is about. With a title naming states: those of them its text names most (a second
    one only when named more than half as often as the first: "Guyana and Venezuela pledge ..."). Without: the
    state the text names most, at least MAIN_STATE_MIN times and clearly more often than any other. Persons
    count for their state; venues ("in Geneva") do not count."""
    counts: Counter[str] = Counter()
    first: dict[str, ActorMention] = {}
    for a in actors:
        if a.country and a.kind in ("state", "person") and a.form != "city":
            counts[a.country] += 1
            if a.kind == "state":
                first.setdefault(a.country, a)
    titled = list(dict.fromkeys(a.country for a in in_title if a.country and a.kind in ("state", "person")
                                and a.country in first))
    if titled:
        ranked = sorted(titled, key=lambda c: -counts[c])
        return [first[c] for c in ranked[:2] if c == ranked[0] or 2 * counts[c] > counts[ranked[0]]]
    top = counts.most_common(2)
    if not top or top[0][1] < MAIN_STATE_MIN or top[0][0] not in first:
        return []
    if len(top) > 1 and top[0][1] < MAIN_STATE_LEAD * top[1][1]:
        return []
    return [first[top[0][0]]]


def article_state(mentions: list[EventMention], states: list[ActorMention], inherited: set[int]) -> None:
    """A mention naming no state of its own ("a general ceasefire is to take effect on Tuesday", "the Security
    Council imposed an embargo on the rebels") is about the states the article is about: it takes them, role
    "context", beside any parties it took from the mentions before it (``inherited``: their ids)."""
    for m in mentions:
        if states and (id(m) in inherited or not any(p.country and p.role != "location" for p in m.participants)):
            m.participants = [*m.participants, *(Participant(a.actor_id, a.name, a.kind, a.country, "context")
                                                 for a in states if a.country not in m.countries)]


def mediators(m: EventMention, actors: list[ActorMention], text: str) -> set[str]:
    """The actors of a mention's sentence named only as the third party chairing, mediating or brokering talks, a
    truce or a deal ("the talks, chaired by the former U.S. senator George Mitchell, began"): they take part, but
    do not say who the parties are."""
    if m.event_type.family not in MEDIATED_FAMILIES or "by" not in m.sentence.text:
        return set()
    spans = [x.span() for x in MEDIATED_BY.finditer(text, m.sentence.start, m.sentence.end)]
    if not spans:
        return set()
    inside = {a.actor_id for a in actors if m.sentence.start <= a.start < m.sentence.end
              and any(s <= a.start < e for s, e in spans)}
    outside = {a.actor_id for a in actors if m.sentence.start <= a.start < m.sentence.end
               and not any(s <= a.start < e for s, e in spans)}
    return inside - outside


def _party(p: Participant) -> bool:
    """Whether a participant makes its mention's parties known: a state, an organisation, or a person of a known
    state or the dictionary (a person found by title only, with no state, "Mitchell returns to the region", leaves
    the parties to the mentions before)."""
    if p.role == "location" or p.kind not in ("state", "person", "organisation"):
        return False
    return p.kind != "person" or bool(p.country) or not p.actor_id.startswith(UNKNOWN_PREFIX)


def states_named(sentence: Sentence, actors: list[ActorMention], text: str) -> list[Participant]:
    """The states (and persons standing for one) a sentence names, venues ("in Geneva") left out."""
    out: list[Participant] = []
    for a in actors:
        if not sentence.start <= a.start < sentence.end or not a.country or a.kind not in ("state", "person"):
            continue
        if a.kind == "state" and (a.form == "city" or VENUE_BEFORE.search(text, max(0, a.start - 12), a.start)):
            continue
        if not any(p.actor_id == a.actor_id for p in out):
            out.append(Participant(a.actor_id, a.name, a.kind, a.country, "participant"))
    return out


def background(m: EventMention) -> bool:
    """Whether a mention is told as the background of another: in a since/after/before clause, or dated only
    relative to another event."""
    if m.undatable or (m.dated and m.timex.source == "anchored" and m.timex.granularity != "day"):
        return True
    return bool(BACKGROUND.search(m.sentence.text, 0, m.trigger_start - m.sentence.start))
