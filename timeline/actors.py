"""Actor dictionary and matcher: states, international organisations and office holders in text.

The dictionary is package data (``timeline/data/actors/actors.json``) built once by
``scripts/build_actors.py``; nothing is fetched at run time.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import ahocorasick

from timeline.actors_match import (
    NORTH_SOUTH_RE,
    dateline_spans,
    is_boundary,
    office_after,
    title_before,
    unknown_name_around,
)
from timeline.actors_unknown import find_unknown

if TYPE_CHECKING:
    from timeline.actors_groups import GroupMention

UNKNOWN_KEPT = 50_000  # persons outside the dictionary remembered for get() (then forgotten, oldest first)
ROLE_RANK = {"head": 1, "state": 2, "gov": 2, "fm": 3, "other": 4}
FORMER_BEFORE = re.compile(r"\bformer\s+$", re.IGNORECASE)
REPUBLIC_AFTER = re.compile(r"\s+(?:republics?|states?|satellites?|colon(?:y|ies)|territor(?:y|ies))\b", re.IGNORECASE)
NEAR_YEARS_BEFORE, NEAR_YEARS_AFTER = 5, 10  # surname alone: only this close to a person's terms
FM_QUERIES = {"foreign minister", "secretary of state", "foreign secretary", "foreign affairs minister"}


@dataclass(frozen=True)
class Term:
    """One term in one office: "president [head] of USA from 2017-01-20 to 2021-01-20"."""

    office: str
    role: str  # head | state | gov | fm | other
    country: str  # ISO3, or "org:UN" for offices of organisations
    start: datetime.date
    end: datetime.date | None  # None: in office

    def covers(self, when: datetime.date) -> bool:
        """Whether the term includes ``when`` (the day of handover belongs to the successor)."""
        return self.start <= when and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Actor:
    """A state, an international organisation or a person."""

    id: str  # "PRK", "org:UN", "person:kim-jong-un"
    name: str
    kind: str  # state | organisation | person
    country: str | None  # ISO3 for states and persons, None for organisations
    status: str | None = None  # states: member | observer | disputed | territory
    terms: tuple[Term, ...] = ()
    surname: str | None = None
    title_only: bool = False

    @property
    def office(self) -> str | None:
        """Office of the latest term (persons)."""
        return self.terms[-1].office if self.terms else None

    @property
    def start(self) -> datetime.date | None:
        """Start of the latest term (persons)."""
        return self.terms[-1].start if self.terms else None

    @property
    def end(self) -> datetime.date | None:
        """End of the latest term; None when in office or not a person."""
        return self.terms[-1].end if self.terms else None

    def term_at(self, when: datetime.date) -> Term | None:
        """The highest-ranking term held on ``when``, if any."""
        held = [t for t in self.terms if t.covers(when)]
        return min(held, key=lambda t: ROLE_RANK[t.role]) if held else None


@dataclass(frozen=True)
class ActorMention:
    """One actor named in a text, with its character offsets."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str
    kind: str
    country: str | None
    form: str  # name | alias | demonym | capital | surname | title


@dataclass
class _Scan:
    """Per-call state of :meth:`ActorDictionary.find`."""

    text: str
    when: datetime.date | None
    mentions: list[ActorMention] = field(default_factory=list)
    named: dict[str, int] = field(default_factory=dict)  # person id -> first offset of full name
    unknown: dict[str, int] = field(default_factory=dict)  # short name -> first offset of unknown full name


def _term_matches(term: Term, office: str) -> bool:
    """Whether ``term`` answers a query for ``office`` ("leader", "foreign minister", "@fm", ...)."""
    if office in ("leader", "head"):
        return term.role == "head"
    if office in FM_QUERIES or office == "@fm":
        return term.role == "fm"
    if office in ("prime minister", "premier"):
        return term.office in ("prime minister", "premier")
    return term.office == office


def _as_date(when: datetime.date) -> datetime.date:
    """``when`` as a plain date (a datetime is cut to its day)."""
    return when.date() if isinstance(when, datetime.datetime) else when


def _near(person: Actor, when: datetime.date) -> bool:
    """Whether ``when`` is close enough to the person's time in office to name them by surname alone."""
    if not person.terms:
        return True
    first = min(t.start for t in person.terms)
    last = max(t.end or datetime.date.max for t in person.terms)
    return first.year - NEAR_YEARS_BEFORE <= when.year <= min(last.year, 9000) + NEAR_YEARS_AFTER


class ActorDictionary:
    """States, organisations and persons with their surface forms, and a fast matcher."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Index the dictionary ``data`` (the parsed actors.json) and build the automaton."""
        self._actors: dict[str, Actor] = {}
        for a in data["actors"]:
            terms = tuple(
                Term(o, r, c, datetime.date.fromisoformat(s), datetime.date.fromisoformat(e) if e else None)
                for o, r, c, s, e in a.get("terms", ())
            )
            self._actors[a["id"]] = Actor(a["id"], a["name"], a["kind"], a["country"], a.get("status"),
                                          terms, a.get("surname"), bool(a.get("title_only")))
        self._terms_by_country: dict[str, list[tuple[Term, Actor]]] = {}  # office terms of persons, by state
        for actor in self._actors.values():
            for t in actor.terms if actor.kind == "person" else ():
                self._terms_by_country.setdefault(t.country, []).append((t, actor))
        self._forms: dict[str, tuple[str | None, str]] = {k: (v[0], v[1]) for k, v in data["forms"].items()}
        self._surnames: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in data["surnames"].items()}
        self._datelines: dict[str, str] = data["datelines"]
        self._dated: dict[str, tuple[tuple[str | None, str, datetime.date | None], ...]] = {
            k: tuple((aid, form, datetime.date.fromisoformat(u) if u else None) for aid, form, u in v)
            for k, v in data.get("dated", {}).items()}
        self._title_offices: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in data.get("title_offices", {}).items()}
        self._automaton = ahocorasick.Automaton()
        for text in (*self._forms, *self._surnames):
            self._automaton.add_word(text, text)
        self._automaton.make_automaton()
        self._unknown: dict[str, Actor] = {}  # persons found by title only (see timeline.actors_unknown)

    @classmethod
    def load(cls) -> ActorDictionary:
        """The dictionary shipped with the package (loaded once, then cached)."""
        return _load_default()

    def get(self, actor_id: str) -> Actor:
        """The actor with this id (a person found by title only once found); KeyError if unknown."""
        found = self._actors.get(actor_id) or self._unknown.get(actor_id)
        if found is None:
            raise KeyError(actor_id)
        return found

    def find_groups(self, text: str, when: datetime.date | None = None) -> list[GroupMention]:
        """Group references ("the two sides", "both leaders", "the two Koreas") resolved from ``text``."""
        from timeline.actors_groups import find_groups

        return find_groups(text, self.find(text, when))

    def countries(self) -> list[Actor]:
        """All states and territories, by id."""
        return sorted((a for a in self._actors.values() if a.kind == "state"), key=lambda a: a.id)

    def persons(self) -> list[Actor]:
        """All persons, by id."""
        return sorted((a for a in self._actors.values() if a.kind == "person"), key=lambda a: a.id)

    def organisations(self) -> list[Actor]:
        """All international organisations, by id."""
        return sorted((a for a in self._actors.values() if a.kind == "organisation"), key=lambda a: a.id)

    def leader(self, country: str, office: str, when: datetime.date) -> Actor | None:
        """Who held ``office`` in ``country`` on ``when``.

        ``office`` is an office name ("president", "prime minister", "supreme leader", "king") or
        "leader" (the chief executive), "head of state", "head of government", "foreign minister"
        (any foreign minister or secretary of state).
        """
        when = _as_date(when)
        office = office.lower().strip()
        if office == "head of state":
            return self.leader(country, "@state", when) or self.leader(country, "leader", when)
        if office == "head of government":
            return self.leader(country, "@gov", when) or self.leader(country, "leader", when)
        holders = [(t.start, actor) for t, actor in self._terms_by_country.get(country, ())
                   if t.covers(when) and (_term_matches(t, office) or office == "@" + t.role)]
        return max(holders, key=lambda h: h[0])[1] if holders else None

    def depends_on_date(self, form: str) -> bool:
        """Whether a surface form's state depends on the date ("Moscow": SUN until 1991, then RUS).

        Such mentions, like short names and titles, are worth resolving again as of an event's own date.
        """
        return form in self._dated

    def find_dateline(self, text: str, when: datetime.date | None = None) -> str | None:
        """The place of an all-caps dateline opening ``text`` or a paragraph: ISO3 if known, else its name.

        With ``when``, a place whose state depends on the date ("MOSCOW" in 1987) resolves as of then.
        """
        for _, _, place, region in self._dateline_spans(text):
            dated = self._dated_form(place.title(), _as_date(when))[0] \
                if when is not None and place.title() in self._dated else None
            iso = dated or self._datelines.get(place.upper())
            if iso is None and region:
                iso = self._datelines.get(region.strip().upper())
            return iso or place.title()
        return None

    def _dateline_spans(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """Datelines of ``text``, except an organisation's acronym opening a paragraph ("NATO - ...")."""
        out = []
        for span in dateline_spans(text):
            aid = self._forms.get(span[2], (None, ""))[0]
            if aid is None or len(aid) == 3:
                out.append(span)
        return out

    def find(self, text: str, when: datetime.date | None = None) -> list[ActorMention]:
        """All actor mentions in text, non-overlapping, longest match first, in text order.

        ``when`` is the event date, used to resolve short names ("Kim") and offices named after a
        state ("the Chinese president") to who held office then.
        """
        when = _as_date(when) if when is not None else None
        blocked = [(s, e) for s, e, _, _ in self._dateline_spans(text)]
        cands: list[tuple[int, int, str]] = []
        for end_idx, key in self._automaton.iter(text):
            start, end = end_idx + 1 - len(key), end_idx + 1
            if is_boundary(text, start, end) and not any(s <= start < e for s, e in blocked):
                cands.append((start, end, key))
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, str]] = []
        for c in cands:
            if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
                taken.append(c)
        taken.sort()
        scan = _Scan(text, when)
        for start, end, key in taken:
            if key in self._forms:
                aid, form = self._dated_form(key, when) if when is not None and key in self._dated \
                    else self._forms[key]
                if aid is not None:
                    self._add(scan, start, end, aid, form)
                    if aid.startswith("person:"):
                        scan.named.setdefault(aid, start)
        starts = {c[0] for c in taken}
        ends = {c[1] for c in taken}
        for start, end, key in taken:
            if key in self._surnames and key not in self._forms:
                pid = self._resolve_surname(scan, start, end, key, starts, ends)
                if pid:
                    self._add(scan, start, end, pid, "surname")
        self._contextual(scan)
        self._unknown_persons(scan)
        scan.mentions = [m for m in scan.mentions if not (
            m.form == "demonym" and FORMER_BEFORE.search(text, max(0, m.start - 12), m.start)
            and REPUBLIC_AFTER.match(text, m.end))]  # "the former Soviet republic": the state, not the Soviet Union
        return sorted(scan.mentions, key=lambda m: m.start)

    def _dated_form(self, key: str, when: datetime.date) -> tuple[str | None, str]:
        """What a form whose state depends on the date ("Moscow": SUN, then RUS) means on ``when``."""
        for aid, form, until in self._dated[key]:
            if until is None or when < until:
                return aid, form
        return self._forms[key]

    def _unknown_persons(self, scan: _Scan) -> None:
        """Add persons the dictionary does not know, named with a title (see timeline.actors_unknown)."""
        def named_before(short: str, pos: int) -> bool:
            return any(scan.named.get(p, pos) < pos for p in self._surnames.get(short, ()))

        found, replaced = find_unknown(scan.text, scan.mentions, lambda w: w in self._surnames or w in self._forms,
                                       named_before)
        if replaced:
            scan.mentions = [m for i, m in enumerate(scan.mentions) if i not in replaced]
        for m in found:
            if m.actor_id not in self._unknown:
                if len(self._unknown) >= UNKNOWN_KEPT:
                    del self._unknown[next(iter(self._unknown))]
                self._unknown[m.actor_id] = Actor(m.actor_id, m.name, "person", m.country)
        scan.mentions += found

    def _add(self, scan: _Scan, start: int, end: int, actor_id: str, form: str) -> None:
        """Append one mention of ``actor_id`` to the scan."""
        a = self._actors[actor_id]
        scan.mentions.append(
            ActorMention(start, end, scan.text[start:end], a.id, a.name, a.kind, a.country, form))

    def _resolve_surname(self, scan: _Scan, start: int, end: int, key: str, starts: set[int],
                         ends: set[int]) -> str | None:
        """The person a short name ("Kim", "Xi") refers to here, or None when unknown or ambiguous."""
        text = scan.text
        if unknown_name_around(text, start, end, starts, ends):
            scan.unknown.setdefault(key, start)
            return None
        title = title_before(text, start)
        cands = [p for p in self._surnames[key] if title or not self._actors[p].title_only]
        earlier = [p for p in cands if scan.named.get(p, len(text)) < start]
        if earlier or key in scan.unknown:
            return earlier[0] if len(earlier) == 1 and key not in scan.unknown else None
        offices = self._title_offices.get(title.lower()) if title else None
        if offices:
            cands = [p for p in cands
                     if any(_term_matches(t, o) for t in self._actors[p].terms for o in offices)]
        if scan.when is not None:
            ranked = []
            for p in cands:
                term = self._actors[p].term_at(scan.when)
                if term is not None:
                    ranked.append((ROLE_RANK[term.role], p))
            if ranked:
                best = min(r for r, _ in ranked)
                top = [p for r, p in ranked if r == best]
                return top[0] if len(top) == 1 else None
            cands = [p for p in cands if _near(self._actors[p], scan.when)]
        return cands[0] if len(cands) == 1 else None

    def _contextual(self, scan: _Scan) -> None:
        """Mentions that need the rest of the text: "the North"/"the South", "the Chinese president"."""
        text = scan.text
        spans = [(m.start, m.end) for m in scan.mentions]
        free = lambda s, e: all(e <= a or s >= b for a, b in spans)  # noqa: E731
        if any(m.country in ("PRK", "KOR") and m.kind == "state" for m in scan.mentions):
            for m in NORTH_SOUTH_RE.finditer(text):
                if free(m.start(1), m.end(1)):
                    self._add(scan, m.start(1), m.end(1), "PRK" if m.group(1) == "North" else "KOR", "alias")
        if scan.when is None:
            return
        for m in list(scan.mentions):
            if m.kind != "state" or m.form not in ("name", "alias", "demonym"):
                continue
            found = office_after(text, m.end)
            if found and free(found[0], found[1]):
                holder = self.leader(m.actor_id, found[2], scan.when)
                if holder is not None:
                    self._add(scan, found[0], found[1], holder.id, "title")


@lru_cache(maxsize=1)
def _load_default() -> ActorDictionary:
    """Read the packaged actors.json once."""
    raw = files("timeline").joinpath("data/actors/actors.json").read_text(encoding="utf-8")
    return ActorDictionary(json.loads(raw))


def find_dateline(text: str, when: datetime.date | None = None) -> str | None:
    """ISO3 (or place name) of the all-caps dateline opening ``text`` or one of its paragraphs."""
    return ActorDictionary.load().find_dateline(text, when)
