"""Trigger rules: the event-type table (data/event_types.yaml) compiled into patterns, and their matches in a text."""

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from timeline.events_lexicon import expand_templates
from timeline.events_prefilter import LiteralFinder, Options, may_match, required_literals
from timeline.text import Sentence

WORD_GAPS = (r"(?:\w+\s+)", r"(?:[\w’'-]+\s+)")  # how event_types.yaml writes "any word" in a gap
GAP_WORD = r"(?:(?:[A-Za-z]\.){2,}\s+|(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Adm|Sen|Gov|Prof|Jr|St)\.\s+|[\w’'-]+\s+)"
LETTERS = re.compile(r"[^\W\d_]+")
SHARED_NOUN = 14  # longest noun two verbal triggers may share ("negotiations")
PREFILTER_SHORTEST = 4  # shortest required word worth looking for before a rule is tried (shorter ones are common)
MIN_PREFIX = 1  # shortest literal word start that selects a trigger pattern ("is", "go", "a" too: cached per word)


@dataclass(frozen=True)
class EventType:
    """One kind of diplomatic event with its codes."""

    type: str
    label: str
    family: str
    cameo: str | None
    plover_category: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class TriggerRule:
    """A pattern that signals an event of one type."""

    event_type: EventType
    kind: str
    label: str
    pattern: re.Pattern
    rank: int
    retype: tuple[tuple[re.Pattern, str, str | None], ...] = ()  # (text before, type, status it sets)
    prefixes: tuple[str, ...] = ()  # one of these (lower case) is in any text the pattern matches; () = unknown
    nested: bool = False  # may lie inside another trigger's match ("tearing up a [2016 deal]": the deal is an event)


@lru_cache(maxsize=1)
def trigger_rules() -> tuple[TriggerRule, ...]:
    """Trigger patterns from the event-type table shipped with the package (data/event_types.yaml)."""
    data = yaml.safe_load(resources.files("timeline").joinpath("data/event_types.yaml").read_text("utf-8"))
    macros = {k: v for k, v in data.items() if k.isupper()}
    verb_classes = data.get("verbs") or {}
    out = []
    for spec in data["types"]:
        plover = spec.get("plover") or {}
        et = EventType(spec["type"], spec["label"], spec.get("family", spec["type"]), spec.get("cameo"),
                       plover.get("category"), plover.get("mode"))
        for trig in spec["triggers"]:
            source = trig["re"]
            for _ in range(2):  # a macro may use another one (PLACE uses MONTHDAY)
                for name, value in macros.items():
                    source = source.replace("{" + name + "}", value)
            source = expand_templates(source, verb_classes)
            for gap in WORD_GAPS:  # a skipped word may be "U.S." or "Russia's" too
                source = source.replace(gap, GAP_WORD)
            retypes = tuple((re.compile(x["before"] + r"[^.;:]{0,40}$", re.IGNORECASE), x["type"], x.get("status"))
                            for x in spec.get("retype", []))
            out.append(TriggerRule(et, trig["kind"], trig.get("label", et.label),
                                   re.compile(first_letter_guard(source) + source, re.IGNORECASE), len(out),
                                   retypes, literal_prefixes(source),
                                   bool(trig.get("nested"))))
    return tuple(out)


def leading_alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a pattern of the form \\b(?:word|word...)..., None for other patterns."""
    if not source.startswith("\\b(?:"):
        return None
    depth, alternatives, current = 0, [], ""
    for ch in source[5:]:
        if ch == ")" and depth == 0:
            break
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += ch
    alternatives.append(current)
    return alternatives


def literal_prefixes(source: str) -> tuple[str, ...]:
    """Lower-case words one of which any match of a \\b(?:word|word...) pattern contains (the literal letters each
    alternative starts with, at least MIN_PREFIX of them): a rule none of whose words is in a text cannot match it
    and is not run (a pure speed-up). () when some alternative has no such literal start."""
    alternatives = leading_alternatives(source)
    if alternatives is None:
        if not (source.startswith("\\b") and source[2:3].isalpha()):
            return ()
        alternatives = [source[2:]]  # "\\bsummits?\\b"
    out = []
    for a in alternatives:
        letters = ""
        for i, ch in enumerate(a):
            if not ch.isalpha():
                break
            if i + 1 < len(a) and a[i + 1] in "?*{":
                break  # "agreements?": the s is optional
            letters += ch.lower()
        if len(letters) < MIN_PREFIX:
            return ()
        out.append(letters)
    return tuple(sorted(set(out)))


def first_letter_guard(source: str) -> str:
    """A lookahead on the letters a pattern of the form \\b(?:word|word...) can start with, so the regex engine
    skips other positions quickly (a pure speed-up: the matches are the same); '' for other patterns."""
    alternatives = leading_alternatives(source)
    if alternatives is None or not all(a and a[0].isalpha() for a in alternatives):
        return ""
    letters = sorted({c for a in alternatives for c in (a[0].lower(), a[0].upper())})
    return f"(?=[{''.join(letters)}])"


@lru_cache(maxsize=1)
def referable_families() -> frozenset[str]:
    """Families whose undated nominal references may join a dated event of the same article."""
    data = yaml.safe_load(resources.files("timeline").joinpath("data/event_types.yaml").read_text("utf-8"))
    return frozenset(data.get("referable_families", []))


@lru_cache(maxsize=1)
def types_by_name() -> dict[str, EventType]:
    """All event types by name (cached)."""
    return event_types()


def event_types() -> dict[str, EventType]:
    """All event types by name."""
    return {r.event_type.type: r.event_type for r in trigger_rules()}


def find_triggers(text: str) -> list[tuple[TriggerRule, int, int]]:
    """Non-overlapping trigger matches in a sentence: verbal patterns first, then earlier rules."""
    return non_overlapping([(rule, *trigger_span(m)) for rule, m in all_rule_matches(text)])


def trigger_span(m: re.Match) -> tuple[int, int]:
    """Where a match's trigger lies: the whole match, or its group named v when the pattern has one (the words
    before it are context, e.g. a subject another trigger already reports: "the talks, which broke down in March,
    [will resume] in October"); only the trigger's span counts against overlaps."""
    return m.span("v") if "v" in m.re.groupindex and m.start("v") >= 0 else m.span()


def word_starts(text: str) -> set[str]:
    """The beginnings (MIN_PREFIX letters or more, lower case) of the words of a text."""
    return set(word_start_positions(text))


def word_start_positions(text: str) -> dict[str, list[int]]:
    """Where the words of a text start, by each of their beginnings (MIN_PREFIX letters or more, lower case)."""
    index: dict[str, list[int]] = defaultdict(list)
    for m in LETTERS.finditer(text):
        w = m.group().lower()
        for k in range(MIN_PREFIX, len(w) + 1):
            index[w[:k]].append(m.start())
    return index


def rule_matches(rule: TriggerRule, text: str, index: dict[str, list[int]]) -> list[re.Match]:
    """The matches finditer would give, tried only where a word starts with one of the rule's literal prefixes (a
    \\b(?:word|...) pattern can start nowhere else); rules without prefixes scan the whole text."""
    if not rule.prefixes:
        return list(rule.pattern.finditer(text))
    return _matches_at(rule, text, sorted({pos for p in rule.prefixes for pos in index.get(p, ())}))


@lru_cache(maxsize=1)
def _rules_by_prefix() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Rule numbers by literal prefix, and the numbers of rules without prefixes (tried on every text)."""
    by: dict[str, list[int]] = defaultdict(list)
    always = []
    for i, rule in enumerate(trigger_rules()):
        for p in dict.fromkeys(rule.prefixes):
            by[p].append(i)
        if not rule.prefixes:
            always.append(i)
    return {p: tuple(v) for p, v in by.items()}, tuple(always)


def all_rule_matches(text: str) -> list[tuple[TriggerRule, re.Match]]:
    """Every rule's matches in a text, in rule order: rule_matches for each rule, but only rules one of whose
    prefixes starts a word of the text are tried (one pass over the text's word beginnings, not over all rules)."""
    rules = trigger_rules()
    always = _rules_by_prefix()[1]
    positions: dict[int, list[int]] = defaultdict(list)  # rule -> word starts, ascending (one entry per word)
    for m in LETTERS.finditer(text):
        for i in _rules_of_word(m.group().lower()):
            positions[i].append(m.start())
    out: list[tuple[TriggerRule, re.Match]] = []
    required, finder = _required()
    present = finder.present(text)
    for i in sorted(positions.keys() | set(always)):
        rule = rules[i]
        if not may_match(required[i], present):
            continue  # no word the rule needs is in the text
        found = rule.pattern.finditer(text) if not rule.prefixes else _matches_at(rule, text, positions[i])
        out.extend((rule, m) for m in found)
    return out


@lru_cache(maxsize=1)
def _required() -> tuple[tuple[Options | None, ...], LiteralFinder]:
    """Each rule's required words (timeline.events_prefilter), by rule number, and a finder of them all."""
    required = tuple(required_literals(rule.pattern, PREFILTER_SHORTEST) for rule in trigger_rules())
    return required, LiteralFinder({s for options in required if options for s in options})


@lru_cache(maxsize=1 << 16)
def _rules_of_word(word: str) -> tuple[int, ...]:
    """The rules one of whose literal prefixes begins this (lower-case) word, each once."""
    by_prefix = _rules_by_prefix()[0]
    found: dict[int, None] = {}
    for k in range(MIN_PREFIX, len(word) + 1):
        for i in by_prefix.get(word[:k], ()):
            found[i] = None
    return tuple(found)


def _matches_at(rule: TriggerRule, text: str, positions: list[int]) -> list[re.Match]:
    """Non-overlapping matches of a rule anchored at the given sorted positions (as finditer would find them)."""
    out: list[re.Match] = []
    end = 0
    for pos in positions:
        if pos < end:
            continue
        m = rule.pattern.match(text, pos)
        if m is not None:
            out.append(m)
            end = max(m.end(), pos + 1)
    return out


def triggers_by_sentence(text: str, sents: list[Sentence]) -> dict[int, list[tuple[TriggerRule, int, int]]]:
    """Trigger matches of a whole article, per sentence (offsets relative to the sentence), each rule run once."""
    starts = [s.start for s in sents]
    found: dict[int, list[tuple[TriggerRule, int, int]]] = defaultdict(list)
    for rule, m in all_rule_matches(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.end() <= sents[i].end:
            a, b = trigger_span(m)
            found[i].append((rule, a - starts[i], b - starts[i]))
    return {i: non_overlapping(matches) for i, matches in found.items()}


def non_overlapping(found: list[tuple[TriggerRule, int, int]]) -> list[tuple[TriggerRule, int, int]]:
    """Keep verbal patterns first, then earlier rules, dropping matches that overlap a kept one; in text order."""
    found.sort(key=lambda f: (f[0].kind != "verb", f[0].rank, f[1]))
    kept: list[tuple[TriggerRule, int, int]] = []
    for rule, a, b in found:
        if all(b <= ka or a >= kb or (rule.nested and not kr.nested and ka <= a and b <= kb)
               or shares_a_word(rule, a, b, kr, ka, kb) for kr, ka, kb in kept):
            kept.append((rule, a, b))
    return sorted(kept, key=lambda f: f[1])


def shares_a_word(rule: TriggerRule, a: int, b: int, kept: TriggerRule, ka: int, kb: int) -> bool:
    """Whether two verbal triggers of different types only share the noun where one ends and the other begins
    ("[lifted the sanctions] that Congress imposed" and "lifted the [sanctions that Congress imposed]"): each
    reports its own event of the noun."""
    if rule.kind != "verb" or kept.kind != "verb" or rule.event_type.type == kept.event_type.type:
        return False
    overlap = min(b, kb) - max(a, ka)
    if rule.event_type.family == "proposal" and a < ka and kb <= b and kb - ka <= SHARED_NOUN:
        return True  # "[invited each other to [visit]]": the invitation and the visit it offers
    return 0 < overlap <= SHARED_NOUN and (a < ka < b < kb or ka < a < kb < b)
