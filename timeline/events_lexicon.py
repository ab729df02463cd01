"""Verb templates of the event-type table: lemma lists expanded into regex alternations of all their inflections.

A trigger pattern in data/event_types.yaml may write ``{V:fly,travel,head}`` instead of hand-listing
``flew|flies|fly|flying|flown|travelled|traveled|...``. The template expands (at load time) to a bare alternation
of every form of every lemma, so it belongs inside a group: ``\\b(?:{V:fly,travel})\\s+on\\s+to\\b`` keeps the
``\\b(?:word|word...)`` shape the first-letter guard and the literal-prefix index of events_rules rely on.

- ``{V:...}`` gives base, -s, past, past participle and -ing forms; ``{VD:...}`` only past and past participle
  (passives and reduced relatives: "an accord initialled in Taba"); ``{VS:...}`` base, -s, past and participle
  without -ing (where "-ing" would read as a noun: "the signing").
- An item in capitals names a lemma class of the table's ``verbs:`` section (``{V:SIGN,initial}``).
- A multi-word lemma inflects its first word (``hammer out`` -> ``hammered\\s+out``).
- British and American spellings come out together: ``travel`` -> travelled/traveled, ``finalize`` -> finalise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources

import yaml


def _morphology() -> dict:
    """English verb morphology shipped as data (data/verbs.yaml): irregular forms, past forms, doubling verbs."""
    return yaml.safe_load(resources.files("timeline").joinpath("data/verbs.yaml").read_text("utf-8"))


_DATA = _morphology()
# base -> its forms that are not regular (third person singular, past, past participle, -ing)
IRREGULAR: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["irregular"].items()}
# past forms of the irregular verbs (for {VD:...})
IRREGULAR_PAST: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["irregular_past"].items()}
# verbs of two or more syllables stressed on the last one: the final consonant doubles (admitted, expelled)
DOUBLING = frozenset(_DATA["doubling"])
VOWELS = "aeiou"
LONG_VOWELS = frozenset({"ea", "ee", "oo", "ai", "oi", "ei", "ou", "au", "ui", "ie"})
TEMPLATE = re.compile(r"\{(V|VD|VS):([^{}]+)\}")


def doubles(word: str) -> bool:
    """Whether the final consonant doubles before -ed/-ing (stop -> stopped, admit -> admitted)."""
    if len(word) < 3 or word[-1] in VOWELS + "wxy" or word[-2] not in VOWELS or word[-3] in VOWELS:
        return False
    syllables = len(re.findall(r"[aeiouy]+", word))
    return syllables == 1 or word in DOUBLING


def l_variants(word: str) -> bool:
    """Whether British spelling doubles a final l that American spelling keeps single (travelled/traveled,
    initialled/initialed, dialled/dialed; not appealed, sealed)."""
    return len(word) >= 4 and word[-1] == "l" and word[-2] in VOWELS and word[-3:-1] not in LONG_VOWELS \
        and not doubles(word)


def suffixed(word: str, suffix: str) -> list[str]:
    """The word with -ed or -ing added by the spelling rules (both spellings where British and American differ)."""
    if suffix == "ed" and word.endswith("e"):
        return [word + "d"]
    if suffix == "ing" and word.endswith("ie"):
        return [word[:-2] + "ying"]
    if suffix == "ing" and word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return [word[:-1] + "ing"]
    if suffix == "ed" and word.endswith("y") and word[-2:-1] not in tuple(VOWELS):
        return [word[:-1] + "ied"]
    if doubles(word):
        return [word + word[-1] + suffix]
    if l_variants(word):
        return [word + "l" + suffix, word + suffix]
    return [word + suffix]


def third_person(word: str) -> str:
    """The -s form (flies, pushes, goes)."""
    if word.endswith("y") and word[-2:-1] not in tuple(VOWELS):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    return word + "s"


def word_forms(word: str, forms: str = "V") -> list[str]:
    """Inflections of one verb: all (V), past and past participle (VD), or all but -ing (VS)."""
    if forms == "VD":
        return list(IRREGULAR_PAST.get(word) or suffixed(word, "ed"))
    if word in IRREGULAR:
        out = [word, *IRREGULAR[word]]
    else:
        out = [word, third_person(word), *suffixed(word, "ed"), *suffixed(word, "ing")]
    if forms == "VS":
        out = [w for w in out if not w.endswith("ing") or w == word]
    return out


def spellings(lemma: str) -> list[str]:
    """A lemma in both spellings where British -ise answers American -ize (finalize -> finalise)."""
    head = lemma.split()[0]
    if head.endswith("ize") and len(head) >= 6 and head not in {"capsize", "seize"}:
        return [lemma, head[:-3] + "ise" + lemma[len(head):]]
    return [lemma]


def inflect(lemma: str, forms: str = "V") -> list[str]:
    """Regex-ready forms of a (possibly multi-word) lemma: 'hammer out' -> ['hammer\\s+out', 'hammers\\s+out', ...]."""
    out: list[str] = []
    for spelled in spellings(lemma.strip().lower()):
        head, *rest = spelled.split()
        tail = "".join(r"\s+" + re.escape(w) for w in rest)
        out.extend(re.escape(f) + tail for f in word_forms(head, forms))
    return out


def alternation(items: Iterable[str], classes: Mapping[str, list[str]], forms: str = "V") -> str:
    """A bare alternation (no group) of all forms of the lemmas and lemma classes listed, longest first."""
    forms_seen: set[str] = set()
    for item in items:
        item = item.strip()
        if not item:
            continue
        lemmas = classes[item] if item.isupper() else [item]
        for lemma in lemmas:
            forms_seen.update(inflect(lemma, forms))
    return "|".join(sorted(forms_seen, key=lambda f: (-len(f), f)))


def expand_templates(source: str, classes: Mapping[str, list[str]]) -> str:
    """A trigger pattern with every {V:...}, {VD:...} and {VS:...} template replaced by its alternation."""
    return TEMPLATE.sub(lambda m: alternation(m.group(2).split(","), classes, m.group(1)), source)
