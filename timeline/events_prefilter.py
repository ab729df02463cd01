"""Required words of a pattern: literal strings one of which any match must contain, so a text holding none of
them need not be searched (a pure speed-up: the matches are the same)."""

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

# The only characters outside ASCII that an ASCII letter matches when case is ignored (found by trying every code
# point); a text holding one of them is always searched, as its lower-case form may not hold the literal.
CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")

Options = frozenset[str]


def required_literals(pattern: re.Pattern, shortest: int = 1) -> Options | None:
    """Lower-case ASCII strings, each at least `shortest` long, one of which is in (the lower-case form of) any text
    the pattern matches anything in, lookarounds included; None when no such set is known."""
    found = _best(_sequence(sre_parse.parse(pattern.pattern, pattern.flags)))
    return found if found is not None and min(len(s) for s in found) >= shortest else None


class LiteralFinder:
    """Which of many literal strings a text holds, found in one pass."""

    def __init__(self, literals: set[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for s in literals:
            self._automaton.add_word(s, s)
        self._automaton.make_automaton()
        self.empty = not literals

    def present(self, text: str) -> set[str] | None:
        """The literals in a text (compared in lower case); None when that cannot be told (CASE_TWINS)."""
        if has_case_twins(text):
            return None
        if self.empty:
            return set()
        return {s for _, s in self._automaton.iter(text.lower())}


def may_match(options: Options | None, present: set[str] | None) -> bool:
    """Whether a text holding the literals `present` (None: unknown) may hold a match of a pattern that requires
    one of `options` (None: nothing known)."""
    return options is None or present is None or not options.isdisjoint(present)


def has_case_twins(text: str) -> bool:
    """Whether a text holds a character that matches an ASCII letter only when case is ignored."""
    return any(c in text for c in CASE_TWINS)


def _best(candidates: list[Options]) -> Options | None:
    """The most selective of several sets any one of which is required: longest shortest string, then fewest."""
    candidates = [c for c in candidates if c and all(c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: Any) -> list[Options]:
    """Required sets of a parsed sequence: its runs of literal characters and what its required parts need."""
    out: list[Options] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        found = _item(op, av)
        if found is not None:
            out.append(found)
    if run:
        out.append(frozenset([run]))
    return out


def _item(op: Any, av: Any) -> Options | None:
    """What a match of one parsed non-literal item requires, if anything is known."""
    if op is sre.SUBPATTERN:
        return _best(_sequence(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _best(_sequence(av))
    if op is sre.ASSERT:  # a lookahead or lookbehind that must hold: its text is in the searched text too
        return _best(_sequence(av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _best(_sequence(av[2]))
    if op is sre.BRANCH:
        alternatives = [_best(_sequence(a)) for a in av[1]]
        if all(a is not None for a in alternatives):
            return frozenset().union(*alternatives)
    return None
