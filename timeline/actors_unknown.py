"""Persons the actor dictionary does not know, found by the title written with their name.

"House Speaker Nancy Pelosi", "Israeli Defence Minister Ehud Barak", "Foreign Minister Wang Yi of China",
"Jake Sullivan, the national security adviser," or "Celso Amorim, Brazil's foreign minister," name a person
even when ``timeline/data/actors/actors.json`` does not list them. Such a person gets the id
``person:unknown:<slug of the name>`` and a country only when the text says it: a state (or a person of one)
owning the title ("Israeli", "Brazil's", "Trump's"), "of <state>" after the title or the name, or an office
that belongs to one state (``titles.yaml``: "House Speaker" is American, "Secretary of State" is not only).
Later mentions of the short name alone ("Pelosi flew on") in the same text are the same person.

Guards: plural titles ("foreign ministers") and possessive ones ("the Prime Minister's Office") introduce
nobody; names that run into a place or a body ("President Street", "King Fahd Causeway") are no person;
a capitalised word before the title that is no state makes it another body's ("Apple President");
titles before a name the dictionary knows leave it to the dictionary.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import ahocorasick
import yaml

from timeline.actors_match import COMMON_CAPITALISED, slug, unknown_name_around

if TYPE_CHECKING:
    from timeline.actors import ActorMention

UNKNOWN_PREFIX = "person:unknown:"
PREPOSITIONS = {"In", "At", "From", "To", "On", "For", "By", "With", "Near", "Outside", "Inside", "Across", "Of"}
_WORD = r"[^\W\d_][^\W\d_]*(?:[-'’][^\W\d_]+)*"
_WORD_BEFORE = re.compile(r"([\w.'’&-]+)[ \t]+$")
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
_APPOSITION_END = re.compile(
    r"(?:[ \t]+(of|for|to)[ \t]+(?:the[ \t]+)?([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}))?"
    r"[ \t]*(?:[,;:)—–\n]|\.(?:\s|$)|$|[ \t]+(?:who|said|says|told|had|has|was|is|and)\b)")


@dataclass(frozen=True)
class Title:
    """What a title says about its holder: the kind of office, and the state where only one has it."""

    role: str
    country: str | None = None
    royal: bool = False  # a single name after it is a whole name ("King Hussein")
    weak: bool = False  # introduces a person only with a state named ("Chinese foreign ministry spokesman")


@dataclass(frozen=True)
class TitleData:
    """The contents of ``titles.yaml``, with the title pattern built from it."""

    titles: dict[str, Title]
    modifiers: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    surname_first: frozenset[str]
    automaton: Any  # ahocorasick.Automaton over the lower-case titles
    token_re: re.Pattern[str]
    name_before_re: re.Pattern[str]


@dataclass
class _Intro:
    """A person introduced with a title: where the name is and what is known of them."""

    start: int
    end: int
    tokens: tuple[str, ...]
    name: str
    country: str | None
    royal_title: str | None = None


@lru_cache(maxsize=1)
def title_data() -> TitleData:
    """Read ``titles.yaml`` once."""
    raw = yaml.safe_load(files("timeline").joinpath("data/actors/titles.yaml").read_text(encoding="utf-8"))
    titles = {k.lower(): Title(**v) for k, v in raw["titles"].items()}
    automaton = ahocorasick.Automaton()
    for t in titles:
        automaton.add_word(t, t)
    automaton.make_automaton()
    particles = frozenset(raw["particles"])
    part = "|".join(sorted(particles, key=len, reverse=True))
    tok = rf"(?:[A-Z]\.|(?:[Aa]l-|[Ee]l-)?{_WORD})"
    return TitleData(
        titles=titles,
        modifiers=frozenset(w.lower() for w in raw["modifiers"]),
        not_names=frozenset(raw["not_names"]),
        particles=particles,
        surname_first=frozenset(raw["surname_first"]),
        automaton=automaton,
        token_re=re.compile(rf"(?:(?:{part})[ \t]+)*({tok})"),
        name_before_re=re.compile(rf"({tok}(?:[ \t]+(?:(?:{part})[ \t]+)*{tok}){{1,4}}),[ \t]+$"),
    )


def find_unknown(text: str, mentions: list[ActorMention], dictionary_word: Callable[[str], bool],
                 named_before: Callable[[str, int], bool]) -> tuple[list[ActorMention], set[int]]:
    """Persons of ``text`` the dictionary does not know, and the indices of ``mentions`` they replace.

    ``mentions`` are the dictionary's mentions of the text. ``dictionary_word(w)`` tells whether the dictionary
    has the one-word name ``w`` (a single word after a title is then the dictionary's to resolve);
    ``named_before(short, pos)`` whether a dictionary person with that short name was named in full before
    ``pos`` (a later short mention is then theirs, not an unknown person's). Only a dictionary mention by
    short name inside an unknown person's full name ("Liu" in "Vice Premier Liu He") or one naming the
    unknown person later ("Liu said") is replaced.
    A title with no state named keeps the person's country unknown, even under a dateline ("COPENHAGEN — ...
    Prime Minister Mette Frederiksen"): guessing it did not pay on the development sets.
    """
    from timeline.actors import ActorMention

    data = title_data()
    hits = _titles(text, data)
    if not hits:
        return [], set()
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    spans = _Spans(mentions)
    intros: list[_Intro] = []
    replaced: set[int] = set()
    for ts, te, key in hits:
        title = data.titles[key]
        if intros and ts < intros[-1].end:
            continue  # "Kuwait's emir, Sheikh Sabah al-Ahmad al-Sabah": "Sheikh" is in the name found
        nxt = by_start.get(te + 1) if text[te:te + 1] == " " else None
        if nxt is not None and (nxt.kind != "person" or nxt.form != "surname"):
            continue  # "President Donald Trump", "leader Kim Jong Un": the dictionary's
        office = spans.overlapping(ts, te)  # "Brazil's foreign minister" resolved by the dictionary, by date
        if text[te:te + 1] in ("'", "’") or any(mentions[i].form != "title" for i in office):
            continue  # "the Prime Minister's Office"; a title inside a dictionary name
        phrase_start, owner, foreign = _owner(text, ts, by_end, data)
        if foreign:
            continue
        country = owner.country if owner is not None else None
        intro = None if office else _name_after(text, te, data)
        if intro is None:
            intro = _apposition(text, phrase_start, te, by_end, data)
            if intro is not None and intro.country:
                country = country or intro.country
        else:
            of = _OF_AFTER.match(text, intro.end)
            after = by_start.get(of.end()) if of else None
            if after is not None and after.kind == "state":
                country = country or after.country  # "Foreign Minister Wang Yi of China"
        if intro is None:
            continue
        country = country or title.country
        if title.weak and country is None:
            continue
        found = _check(intro, mentions, spans, data, title, dictionary_word, text[ts:te])
        if found is None:
            continue
        intro = found[0]
        replaced |= found[1] | set(office)  # "Duarte Peixoto, Brazil's foreign minister,": not the office holder
        intro.country = country
        intros.append(intro)
    if not intros:
        return [], set()
    return _mentions(text, mentions, intros, data, named_before, replaced, ActorMention)


def _titles(text: str, data: TitleData) -> list[tuple[int, int, str]]:
    """(start, end, title) of the titles written in ``text`` as whole words, longest first where they overlap
    ("Foreign Minister", not "Minister"), in text order; a plural ("foreign ministers") is none."""
    hits = []
    for end_idx, key in data.automaton.iter(text.lower()):
        start, end = end_idx + 1 - len(key), end_idx + 1
        if (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == ".")) and (
                end == len(text) or not (text[end].isalnum() or text[end] == "-")):
            hits.append((start, end, key))
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out: list[tuple[int, int, str]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


class _Spans:
    """The dictionary's mentions by position, to find those overlapping a span quickly."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        """Index ``mentions`` (any order) by start."""
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]
        self.mentions = mentions
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices (into the mentions given) of the mentions overlapping [start, end), in text order."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [self.order[k] for k in range(lo, hi) if self.mentions[self.order[k]].end > start]


def _owner(text: str, ts: int, by_end: dict[int, ActorMention], data: TitleData
           ) -> tuple[int, ActorMention | None, bool]:
    """Walk back from a title over its modifiers: (start of the title phrase, the state or person owning the
    title if named, whether a capitalised word of another body owns it)."""
    p, owner = ts, None
    for _ in range(8):
        m = _WORD_BEFORE.search(text, max(0, p - 40), p)
        if m is None:
            break
        word, end = m.group(1), m.end(1)
        own = by_end.get(end)
        if own is None and word.endswith(("'s", "’s", "'", "’")):
            own = by_end.get(end - (1 if word.endswith(("'", "’")) else 2))
        if own is not None:
            if owner is not None:
                break
            if own.kind == "organisation":
                return own.start, None, False  # "NATO Secretary-General": the body's, no state's
            owner, p = own, own.start
            continue
        if word.lower() in data.modifiers:
            p = m.start(1)
            continue
        if owner is None and word.endswith(("'s", "’s")) and word.islower():
            return p, None, True  # "the company's president"
        if (owner is None and word[:1].isupper() and word.rstrip(".") not in COMMON_CAPITALISED
                and not word.endswith(("'s", "’s"))):
            return p, None, True  # "Apple President Tim Cook", "FIFA President"
        break
    return p, owner, False


def _name_after(text: str, pos: int, data: TitleData) -> _Intro | None:
    """A capitalised name written right after a title ("Nancy Pelosi"), up to four words, else None."""
    comma = text.startswith(",", pos)
    ws = re.match(r",?[ \t]+", text[pos:pos + 4])
    if ws is None:
        return None
    p = pos + ws.end()
    tokens: list[str] = []
    start = end = p
    while True:
        m = data.token_re.match(text, p)
        if m is None or not re.sub(r"^[AaEe]l-", "", m.group(1))[:1].isupper():
            break
        word = m.group(1)
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        if tokens and word in COMMON_CAPITALISED and len(word) > 2:
            break  # "... told President Smith Monday": a date, not a name
        if not tokens:
            start = m.start(1)
        tokens.append(word)
        end = m.start(1) + len(word)
        if possessive or len(tokens) > 4:
            break
        nxt = re.match(r"[ \t]+", text[end:end + 3])
        if nxt is None:
            break
        p = end + nxt.end()
    if not tokens or len(tokens) > 4 or (comma and len(tokens) < 2):
        return None
    return _Intro(start, end, tuple(tokens), text[start:end], None)


def _apposition(text: str, phrase_start: int, te: int, by_end: dict[int, ActorMention], data: TitleData
                ) -> _Intro | None:
    """"Jake Sullivan, the national security adviser," / "Celso Amorim, Brazil's foreign minister,": the
    name before a title set off by a comma, with the country of "of <state>" after the title."""
    after = _APPOSITION_END.match(text, te)
    if after is None:
        return None
    country = None
    if after.group(1) == "of":
        of_end = te + after.end(2)
        state = next((m for e, m in by_end.items() if te < m.start and e <= of_end and m.kind == "state"), None)
        country = state.country if state else None
    b = re.search(r"(?:\b[Tt]he|\b[Aa]n?)[ \t]+$", text[max(0, phrase_start - 6):phrase_start])
    p = phrase_start - (len(b.group(0)) if b else 0)
    m = data.name_before_re.search(text, max(0, p - 80), p)
    if m is None:
        return None
    words = m.group(1).split()
    keep = 0  # the capitalised words (and particles between them) that end the match
    for w in reversed(words):
        if not (w[:1].isupper() or w in data.particles):
            break
        keep += 1
    words = words[len(words) - keep:]
    while words and (words[0] in data.particles or words[0] in COMMON_CAPITALISED):
        if words[0] in PREPOSITIONS:
            return None  # "In New York, the foreign minister said"
        words = words[1:]
    if len(words) < 2 or len(words) > 4:
        return None
    start = m.end(1) - len(" ".join(words))
    if text[start:m.end(1)] != " ".join(words):
        return None  # names spaced by tabs or double spaces: left alone
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1) in PREPOSITIONS:
        return None
    return _Intro(start, m.end(1), tuple(words), text[start:m.end(1)], country)


def _check(intro: _Intro, mentions: list[ActorMention], spans: _Spans, data: TitleData, title: Title,
           dictionary_word: Callable[[str], bool], title_text: str) -> tuple[_Intro, set[int]] | None:
    """The intro cut before a state or body named inside it, with the dictionary's short-name mentions it
    replaces; None when it is no person the dictionary does not know."""
    replaced: set[int] = set()
    for i in spans.overlapping(intro.start, intro.end):
        m = mentions[i]
        if not (m.start < intro.end and intro.start < m.end):
            continue  # (the intro was cut before it)
        if m.kind == "person" and m.form == "surname" and len(intro.tokens) > 1 and (
                m.start > intro.start or m.end < intro.end):
            replaced.add(i)  # "Vice Premier Liu He": not the dictionary's Liu
            continue
        if m.kind == "person" or m.start <= intro.start:
            return None  # a name the dictionary knows, or a state ("President Georgia ...")
        cut = intro.name[:m.start - intro.start].rstrip()  # "told President Smith Iran would ..."
        intro = _Intro(intro.start, intro.start + len(cut), tuple(cut.split()), cut, intro.country)
    tokens = intro.tokens
    if not tokens or any(t in data.not_names or t.rstrip(".") in data.not_names for t in tokens):
        return None
    if tokens[0] in COMMON_CAPITALISED or tokens[0] in data.particles or len(tokens[-1].rstrip(".")) < 2:
        return None
    if len(tokens) == 1:
        if title.weak or dictionary_word(tokens[0]) or len(tokens[0]) < 3:
            return None
        if title.royal:
            intro.royal_title = " ".join(w.capitalize() for w in title_text.split())
    return intro, replaced


def _short(intro: _Intro, data: TitleData) -> str | None:
    """The one word a later mention uses for the person: the family name."""
    words = [w for w in intro.tokens if w not in data.particles and not re.fullmatch(r"[A-Z]\.|Jr\.?|Sr\.?|I+", w)]
    if not words or re.search(r"\b(?:bin|ibn|bint)\b", intro.name):
        return None
    return words[0] if intro.country in data.surname_first and len(words) > 1 else words[-1]


def _mentions(text: str, mentions: list[ActorMention], intros: list[_Intro], data: TitleData,
              named_before: Callable[[str, int], bool], replaced: set[int], mention_type: type
              ) -> tuple[list[ActorMention], set[int]]:
    """Mentions of the introduced persons and of their short names later in the text."""
    full = {_short(i, data): i for i in intros if len(i.tokens) > 1}
    people: dict[str, tuple[str, str, str | None]] = {}  # slug -> (id, name, country)
    keyed: list[tuple[_Intro, str]] = []
    shorts: dict[str, set[str]] = {}
    for i in intros:
        head = full.get(i.tokens[0]) if len(i.tokens) == 1 and not i.royal_title else None
        name = i.royal_title + " " + i.name if i.royal_title else (head.name if head else i.name)
        key = slug(name)
        pid, _, country = people.get(key, (UNKNOWN_PREFIX + key, name, None))
        people[key] = (pid, name, country or i.country or (head.country if head else None))
        keyed.append((i, key))
        short = i.tokens[0] if len(i.tokens) == 1 else _short(i, data)
        if short:
            shorts.setdefault(short, set()).add(key)
    out = [mention_type(i.start, i.end, text[i.start:i.end], people[k][0], people[k][1], "person", people[k][2],
                        "name") for i, k in keyed]
    spans = [(i.start, i.end) for i in intros] + [(m.start, m.end) for j, m in enumerate(mentions)
                                                  if j not in replaced]
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    by_start = {m.start: j for j, m in enumerate(mentions)}
    for short, keys in shorts.items():
        if len(keys) != 1:
            continue  # two unknown persons with one short name: neither
        key = next(iter(keys))
        first = min(i.end for i, k in keyed if k == key)
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[first:]):
            s, e = first + m.start(), first + m.end()
            j = by_start.get(s)
            if named_before(short, s) or unknown_name_around(text, s, e, starts, ends):
                continue
            if j is not None and mentions[j].end == e and mentions[j].form == "surname":
                replaced.add(j)  # "Liu said" after "Vice Premier Liu He": not the dictionary's Liu
            elif any(a < e and s < b for a, b in spans):
                continue
            pid, name, country = people[key]
            out.append(mention_type(s, e, text[s:e], pid, name, "person", country, "surname"))
    return out, replaced
