"""Group references to actors named earlier: "the two sides", "both leaders", "the two Koreas".

They are resolved only when the preceding text leaves exactly one reading (two distinct states, or
two distinct persons); otherwise they are left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.actors import ActorMention

GROUP_RE = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth) (?:(?!sides\b|countries\b|leaders\b|men\b)[a-z-]+ )?"
    r"(?P<noun>sides|countries|nations|states|governments|delegations|allies|rivals|foes|adversaries|enemies|"
    r"partners|neighbou?rs|capitals|leaders|men|women|presidents|heads of state|prime ministers|ministers|"
    r"envoys|Koreas)\b"
)
NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
COUNTED_RE = re.compile(r"\b(?:[Tt]he|[Aa]ll|[Aa]ll\s+the)\s+(?P<n>three|four|five|six|seven)\s+"
                        r"(?P<noun>countries|nations|states|governments|sides|capitals|leaders|presidents|ministers)\b")
STATE_NOUNS = {"countries", "nations", "states", "governments", "capitals"}
PERSON_NOUNS = {"leaders", "men", "women", "presidents", "heads of state", "prime ministers", "ministers", "envoys"}
VENUE_BEFORE_RE = re.compile(r"\b(?:in|at|to|from|near|outside|inside|via)\s+(?:the\s+)?$")
COORDINATION_RE = re.compile(r"(?:[’']s)?\s*,?\s+and\s+(?:[\w’'.-]+\s+){0,4}")
ONLOOKERS = re.compile(r"\b(?:looked\s+on|watched|stood\s+by|witnessed|applauded)\s+as\s+$")
GOVERNMENT_RE = re.compile(r"\b[Tt]he\s+(?:(?:federal|central|national|military|interim|transitional)\s+)?"
                           r"(?:government|regime|authorities)\b(?!\s+(?:of|for)\b|\s+(?:in|at)\s+(?:the\s+)?(?!"
                           r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December)\b)[A-Z])")  # "the authorities in Kabul" name theirs; "in March" does not
OWN_GOVERNMENT = re.compile(r"(?:[’']s)?\s+(?:(?:federal|central|national|military|interim|transitional)\s+)?"
                            r"(?:government|regime|authorities)\b")  # after a state: "Ethiopia's government"
SENTENCE_END_RE = re.compile(r"[.!?][\"'’”)]?\s+(?=[A-Z\"“‘'])")


@dataclass(frozen=True)
class GroupMention:
    """A phrase standing for two actors named before it."""

    start: int
    end: int
    text: str
    actor_ids: tuple[str, ...]  # states as ISO3 (or org ids), persons as person ids
    kind: str  # "state" | "person"


def _distinct(text: str, mentions: list[ActorMention], start: int, end: int, persons: bool,
              states_only: bool = False) -> list[str]:
    """Distinct actors (persons, or states incl. the country of persons) mentioned in [start, end).

    A state named as a place ("in Hanoi", "to China") is a venue, not a side.
    """
    out: list[str] = []
    for m in mentions:
        if not start <= m.start < end:
            continue
        if m.kind == "state" and (m.form == "city" or VENUE_BEFORE_RE.search(text, max(0, m.start - 12), m.start)):
            continue  # (a city is always a place)
        if persons:
            key = m.actor_id if m.kind == "person" else None
        else:
            key = m.actor_id if m.kind != "person" else m.country
            key = None if states_only and m.kind == "organisation" else key  # "the three governments"
        if key and key not in out:
            out.append(key)
    return out


def _coordinated_pair(text: str, mentions: list[ActorMention], end: int, persons: bool,
                      start: int = 0) -> tuple[str, ...] | None:
    """The first two actors of [start, end) when they are coordinated ("X and Y", "X and North Korean leader Y")."""
    first: ActorMention | None = None
    for m in mentions:
        if m.start < start:
            continue
        if m.start >= end:
            break
        if _distinct(text, [m], 0, end, persons):
            if first is None:
                first = m
            elif COORDINATION_RE.fullmatch(text, first.end, m.start):
                return tuple(_distinct(text, [first, m], 0, end, persons)) or None
            else:
                return None
    return None


def find_groups(text: str, mentions: list[ActorMention], dateline: str | None = None) -> list[GroupMention]:
    """Group references in ``text`` resolved against ``mentions`` (the output of ``find``).

    A reference takes the two actors of this sentence and the one before when there are exactly two. With more,
    it takes the pair the article last called "the two ..." (or, before any, the pair its first sentence names)
    if both are among them: the same pair runs through a story; with fewer, that pair, or else the two actors of
    the whole text before it if there are only two."""
    out = []
    first = SENTENCE_END_RE.search(text)
    lead_end = first.end() if first else len(text)
    last_pair: dict[bool, tuple[str, ...]] = {}
    for persons in (True, False):
        lead = _distinct(text, mentions, 0, lead_end, persons)
        if len(lead) == 2:
            last_pair[persons] = tuple(lead)
        elif len(lead) > 2 and (pair := _coordinated_pair(text, mentions, lead_end, persons)):
            last_pair[persons] = pair  # "Saudi Arabia and Iran agreed ..., in a deal brokered by China"
    for m in GROUP_RE.finditer(text):
        noun = m.group("noun")
        if noun == "Koreas":
            out.append(GroupMention(m.start(), m.end(), m.group(0), ("PRK", "KOR"), "state"))
            continue
        persons = noun in PERSON_NOUNS
        # endpos one past the reference, so a sentence end just before it is seen (its lookahead needs a letter)
        starts = [0] + [s.end() for s in SENTENCE_END_RE.finditer(text, 0, m.start() + 1)]
        window_start = starts[-2] if len(starts) >= 2 else 0  # this sentence and the one before
        onlookers = ONLOOKERS.search(text, starts[-1], m.start())  # "Mubarak looked on as the two men signed"
        found = (_distinct(text, mentions, window_start, starts[-1], persons) if onlookers
                 else _distinct(text, mentions, window_start, m.start(), persons))
        for g in out:  # "watched as the two leaders shook hands": an earlier reference names its pair too
            if window_start <= g.start < m.start():
                ids = g.actor_ids if (g.kind == "person") == persons else () if persons else _countries(g, mentions)
                found += [i for i in ids if i not in found]
        pair = last_pair.get(persons, ())
        if len(found) > 2:  # ambiguous: the story's pair if both are among them ("China, Japan and Russia": no)
            found = list(pair) if pair and set(pair) <= set(found) else found
        elif len(found) < 2 and pair:
            found = list(pair)
        if len(found) != 2:
            found = _distinct(text, mentions, 0, m.start(), persons)
        here = _distinct(text, mentions, starts[-1], m.start(), persons)
        if persons and len(found) == 2 and len(set(found) & set(here)) == 1 and not onlookers:
            continue  # "Mr. Michel last hosted the two men": the two are others than the host named before them
        if len(found) == 2:
            last_pair[persons] = tuple(found)
            out.append(GroupMention(m.start(), m.end(), m.group(0), tuple(found), "person" if persons else "state"))
    out.extend(_government(text, mentions, dateline))
    out.extend(_they(text, mentions))
    out.extend(_counted(text, mentions))
    return sorted(out, key=lambda g: g.start)


def _counted(text: str, mentions: list[ActorMention]) -> list[GroupMention]:
    """"The three countries", "all four leaders": the actors of this sentence and the one before when they are
    exactly that many, else those of the whole text before it; otherwise left out."""
    out = []
    for m in COUNTED_RE.finditer(text):
        n, persons = NUMBERS[m.group("n").lower()], m.group("noun") in PERSON_NOUNS
        states = m.group("noun") in STATE_NOUNS
        starts = [0] + [s.end() for s in SENTENCE_END_RE.finditer(text, 0, m.start() + 1)]
        found = _distinct(text, mentions, starts[-2] if len(starts) >= 2 else 0, m.start(), persons, states)
        if len(found) != n:  # the last n named before this sentence ("South Africa ... Gambia ... Burundi ...
            found = []       # Senegal's minister urged the three governments"), counted back sentence by sentence
            for lo, hi in zip(reversed(starts[:-1]), reversed(starts[1:]), strict=True):
                found = list(dict.fromkeys(_distinct(text, mentions, lo, hi, persons, states) + found))
                if len(found) >= n:
                    break
        if len(found) == n:
            out.append(GroupMention(m.start(), m.end(), m.group(0), tuple(found), "person" if persons else "state"))
    return out


def _countries(g: GroupMention, mentions: list[ActorMention]) -> tuple[str, ...]:
    """The states of a group of persons."""
    country = {m.actor_id: m.country for m in mentions if m.kind == "person"}
    return tuple(dict.fromkeys(c for i in g.actor_ids if (c := country.get(i))))


def _they(text: str, mentions: list[ActorMention]) -> list[GroupMention]:
    """"They" opening a sentence whose previous sentence opens with a coordinated pair ("Israel and the UAE
    signed ... They also agreed ..."): that pair."""
    out = []
    starts = [0] + [s.end() for s in SENTENCE_END_RE.finditer(text)]
    for prev, here in zip(starts, starts[1:], strict=False):
        if not text.startswith("They ", here):
            continue
        for persons in (True, False):
            pair = _coordinated_pair(text, mentions, here, persons, prev)
            if pair and len(pair) == 2:
                out.append(GroupMention(here, here + 4, "They", pair, "person" if persons else "state"))
                break
    return out


def _government(text: str, mentions: list[ActorMention], dateline: str | None) -> list[GroupMention]:
    """"The government", "the regime", "the authorities" with no state of their own: the state whose government the
    text named before ("Ethiopia's government ... a truce declared by the government"), else the state the story is
    about: its dateline's state if no state is named more, else the state named most by at least two more mentions
    than any other; left out when that is not clear."""
    if "the government" not in text.lower() and not re.search(r"\b[Tt]he\s+(?:\w+\s+)?(?:regime|authorities)\b",
                                                              text):
        return []
    states = [m for m in mentions if m.kind == "state" and m.country]
    counts: dict[str, int] = {}
    for m in states:
        counts[m.country] = counts.get(m.country, 0) + 1  # type: ignore[index]
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    story = None
    if dateline in counts and counts[dateline] == ranked[0][1]:
        story = dateline
    elif ranked and ranked[0][1] >= (ranked[1][1] if len(ranked) > 1 else 0) + 2:
        story = ranked[0][0]
    out = []
    for g in GOVERNMENT_RE.finditer(text):
        named = list(dict.fromkeys(m.country for m in states if m.end <= g.start()
                                   and OWN_GOVERNMENT.match(text, m.end)))
        state = named[0] if len(named) == 1 else None if named else story
        if state is not None:
            out.append(GroupMention(g.start(), g.end(), g.group(0), (state,), "state"))
    return out
