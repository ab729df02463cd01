"""Required words of trigger patterns: a rule is skipped only where it cannot match."""

import re

from timeline.events_prefilter import LiteralFinder, may_match, required_literals
from timeline.events_rules import all_rule_matches, trigger_rules


def test_required_literals_of_alternatives_and_repeats() -> None:
    pattern = re.compile(r"\b(?:his|her)(?:\s+\w+)?\s+(?:visit|trip)\s+to\b", re.IGNORECASE)
    assert required_literals(pattern) == frozenset({"visit", "trip"})
    assert required_literals(re.compile(r"(?:a|b)?\d+")) is None
    assert required_literals(re.compile(r"\bto\b"), shortest=4) is None


def test_case_twins_disable_the_filter() -> None:
    finder = LiteralFinder({"signed"})
    assert finder.present("They SIGNED it") == {"signed"}
    assert finder.present("They \u017figned it") is None
    assert may_match(frozenset({"signed"}), None)
    assert not may_match(frozenset({"signed"}), set())


def test_rule_matches_are_those_of_every_rule() -> None:
    text = ("Signed in Paris in 1998, the treaty was denounced. The two sides agreed on Monday to resume talks, "
            "and Japan did the same. Her visit to Seoul was postponed; they urged \u017fanctions.")
    expected = sorted((r.rank, m.span()) for r in trigger_rules() for m in r.pattern.finditer(text))
    found = sorted((r.rank, m.span()) for r, m in all_rule_matches(text))
    assert found == expected
