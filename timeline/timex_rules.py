"""Recognition of temporal expressions: rules and word lists loaded from package data (timeline/data/timex)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from timeline.timex_tense import trie_regex

_DATA = "timeline.data.timex"
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """One compiled recognition rule."""

    name: str
    kind: str
    regex: re.Pattern[str]
    priority: int
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """A rule match kept after overlap resolution: tagged span plus the regex match for its parts."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]

    def group(self, name: str) -> str | None:
        """The named group's text, or None when the rule has no such group or it did not take part."""
        try:
            return self.match.group(name)
        except IndexError:
            return None


@cache
def lexicon() -> dict[str, Any]:
    """The word lists (months, weekdays, numbers, units, deictic words...) from lexicon.yaml."""
    text = resources.files(_DATA).joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words (a prefix tree: longest first), spaces matching any whitespace."""
    return "(?:" + trie_regex(sorted({re.sub(r"\s+", " ", w.lower()) for w in words})) + ")"


def _macros(lex: dict[str, Any]) -> dict[str, str]:
    """Macros generated from the word lists, added to those written in rules.yaml."""
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    words = [w for w in lex["numbers"] if " " in w or w.isalpha()]
    num = (
        r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:" + tens + r")[\s-](?:" + units + r")|"
        + _alternation(words + list(lex["vague_numbers"]))[3:-1]
        + r")"
    )
    return {
        "MONTHS": "(?:" + "|".join(sorted(
            (m if len(m) > 4 or m in ("may", "june", "july") else m + r"\.?" for m in lex["months"]), key=len,
            reverse=True)) + ")",
        "NUM": num,
        "HOLIDAYS": _alternation(list(lex["holidays"])),
        "MHOLIDAYS": _alternation(list(lex["movable_holidays"])),
        "DEICTIC": _alternation(list(lex["deictic"])),
        "SETWORDS": _alternation(list(lex["sets"])),
    }


def _expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace {NAME} macro references (recursively) in a rule pattern."""
    for _ in range(4):
        new = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


@cache
def rules() -> tuple[Rule, ...]:
    """All recognition rules, compiled, in priority order."""
    text = resources.files(_DATA).joinpath("rules.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    lex = lexicon()
    macros = {**spec["macros"], **_macros(lex)}
    out = []
    for i, r in enumerate(spec["rules"]):
        body = _expand(r["pattern"], macros)
        regex = re.compile(r"(?<![\w$£€#/.-])(?:" + body + r")(?![\w%$]|-old)", _FLAGS)
        out.append(Rule(r["name"], r["kind"], regex, i, tuple(r["triggers"])))
    return tuple(out)


_STOP = {"the", "a", "an", "at", "in", "of", "as", "day", "s"}


@cache
def trigger_classes() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One regex for every trigger word, and the word classes (each rule lists the classes it needs) of each
    word it can match."""
    lex = lexicon()

    def words(phrases: list[str]) -> list[str]:
        return [w for p in phrases for w in re.findall(r"[a-z]+", p.lower()) if w not in _STOP]

    classes: dict[str, list[str]] = {
        "month": [m for m in lex["months"]],
        "weekday": [d + "day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")],
        "unit": ["year", "yr", "month", "week", "day", "decade", "century", "centuries", "quarter", "hour",
                 "minute", "second", "fortnight", "night", "session", "millennium", "millennia", "half"],
        "pod": ["morning", "afternoon", "evening", "night", "overnight", "noon", "midnight", "midday", "tonight"],
        "numword": ["nineteen", "thousand"],
        "decade": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
        "century": ["century"],
        "period": ["period"],
        "quarter": ["quarter", "half"],
        "dir": ["ago", "earlier", "later", "before", "after", "back"],
        "refw": ["recent", "coming", "past", "future", "few", "several"],
        "yearadj": ["year-earlier", "year-ago", "prior-year", "year-before"],
        "season": ["spring", "summer", "fall", "autumn", "winter"],
        "deictic": [words([p])[-1] for p in lex["deictic"]],
        "set": list(lex["sets"]) + ["every", "each", "per", "once", "twice", "times"],
        "holiday": sorted(set(words(list(lex["holidays"]) + list(lex["movable_holidays"])))
                          - {"new", "year", "eve", "martin", "luther", "king"}) + ["new year"],
        "dday": ["today", "yesterday", "tomorrow", "tonight"],
        "qcode": ["q1", "q2", "q3", "q4", "h1", "h2"],
    }
    index: dict[str, set[str]] = {}
    for name, ws in classes.items():
        for w in ws:
            index.setdefault(w, set()).add(name)
    # units also match their plurals and compounds ("years", "year-earlier", "weekend")
    regex = re.compile(r"\d+|(?<![^\W\d_])" + _alternation(list(index)), _FLAGS)
    return regex, {w: frozenset(c) for w, c in index.items()}


_NUMBER_SHAPES = (  # what may follow a number for it to trigger each class
    ("clock", re.compile(r"\s*(?:[ap]\.?\s?m\b|:\d)", re.IGNORECASE)),
    ("numdate", re.compile(r"[/-]\d")),
    ("decadenum", re.compile(r"'?s\b")),
    ("ordday", re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)),
    ("qcode", re.compile(r"Q\b")),
    ("milclock", re.compile(r"\s+(?:GMT|UTC|local\s+time)\b")),
)
_LEFT, _RIGHT = 45, 35  # characters a match may extend before / after its trigger word


def _windows(positions: list[int], size: int) -> list[tuple[int, int]]:
    """Merged [p - left, p + right] windows around sorted trigger positions."""
    out: list[tuple[int, int]] = []
    for p in positions:
        lo, hi = max(0, p - _LEFT), min(size, p + _RIGHT)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_WORD_AFTER = re.compile(r"[\s,]*([A-Za-z][\w'-]*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[\s]*$")
_MONEY_BEFORE = re.compile(r"(?:[$£€¥]|\b(?:No|no|page|p|pp|Page|number|Nos|Room|Flight|flight|Route|route|"
                           r"Highway|Resolution|resolution|article|Article|section|Section|chapter|"
                           r"Chapter)\.?)\s*$")


def _next_word(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text, pos)
    return m.group(1) if m else ""


def _prev_word(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


_MAY_PREV = {"in", "for", "by", "until", "till", "since", "during", "of", "from", "to", "through", "last",
             "next", "this", "early", "late", "mid", "before", "after", "and", "or", "between", "late-", "on"}
_MARCH_VERB_NEXT = {"on", "to", "through", "into", "across", "toward", "towards", "against", "with", "down", "up",
                    "along", "past", "around", "for", "in", "from"}
_PRONOUNS = {"i", "you", "we", "they", "he", "she", "it", "who", "which", "that"}


_CAP_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+) $")
_NOT_NAMES = frozenset({"spring", "summer", "fall", "autumn", "winter", "fiscal", "christmas", "easter", "year",
                        "calendar", "model", "since", "in", "for", "by", "until", "that", "the", "of", "from"})


def _name_before(text: str, start: int) -> bool:
    """Whether a capitalised word that does not open a sentence (nor is a month, season or preposition) stands
    right before start: "a venture called Orion 1980", "USA Today"."""
    m = _CAP_BEFORE.search(text, max(0, start - 30), start)
    if not m or m.group(1).lower() in _NOT_NAMES or m.group(1).lower().rstrip(".") in lexicon()["months"]:
        return False
    before = text[max(0, m.start() - 4):m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?\"'`(_:;-"


_NAME_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][a-z]")
_WORD_NEXT = re.compile(r"[ \t]+([A-Za-z]+)\b")
_SEASON_NAMES = frozenset({"olympics", "olympic", "paralympics", "paralympic", "games", "universiade"})


def _season_in_name(text: str, season: str, end: int, rel: bool) -> bool:
    """Whether a season word is part of a name: capitalised and followed by a capitalised noun ("Winter
    Olympics", "Summer Palace", "Spring Festival"; not after last / this / next: "last Winter Putin ..."), or
    followed by "Olympics" / "Games" in any case."""
    m = _WORD_NEXT.match(text, end)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in _SEASON_NAMES:
        return True
    lex = lexicon()
    low = word.lower()
    return (not rel and _capitalised(season) and _capitalised(word) and len(word) > 1 and low not in lex["months"]
            and low not in lex["weekdays"] and low not in _NOT_NAMES)


_SHORT_MONTHS = {"mar", "jun", "jul", "dec", "jan", "aug", "sep", "oct", "nov", "apr", "feb"}


@cache
def _filters() -> tuple[frozenset[str], re.Pattern[str]]:
    """Name words that follow a weekday or month in titles, and the quantity words that follow a number that
    is not a year (lexicon.yaml)."""
    lex = lexicon()
    nouns = _alternation(lex["quantity_nouns"])
    return frozenset(lex["name_blockers"]), re.compile(r"\s*(?:%|" + nouns[3:-1] + r")\b", re.IGNORECASE)


_CODE_PREV = frozenset({"in", "for", "during", "of", "by", "since", "from", "and", "to", "through", "until", "its",
                        "a", "the", "than", "over", "vs", "versus"})
_PREV_WORD_NEEDED = {  # rules whose match must follow one of these words ("over the years")
    "vague_the_years": frozenset({"over", "in"}),
}


def acceptable(text: str, hit: Hit) -> bool:
    """False for matches that are names, verbs, quantities or references rather than time expressions."""
    blockers, quantity_after = _filters()
    nxt = _next_word(text, hit.end)
    month = hit.group("month")
    if month is not None:
        if not _capitalised(month):
            return False
        if month.lower() == "may" and hit.end - hit.start == len(month):
            prev = _prev_word(text, hit.start).lower()
            punct_after = text[hit.end:hit.end + 1] in (",", ".", ";", ":", ")", "")
            if not (prev in _MAY_PREV or (punct_after and prev not in _PRONOUNS)):
                return False
        if month.lower() == "march" and hit.end - hit.start == len(month) and nxt[:1].islower() \
                and nxt in _MARCH_VERB_NEXT and not text[max(0, hit.start - 12):hit.start].rstrip().endswith(
                    ("in", "of", "since", "until", "by", "last", "next", "this", "early", "late", "mid", "and")):
            return False  # "March on Washington", "they march to the border"
        if hit.end - hit.start == len(month) and _NAME_OF.match(text, hit.end):
            return False  # "the March of the Living": a name
        if month.lower() in _SHORT_MONTHS and hit.end - hit.start <= 4:
            return False  # "Mar" or "Dec" alone: names and abbreviations of other words
    season = hit.group("season")
    if season is not None and hit.match.end("season") == hit.end and _season_in_name(
            text, season, hit.end, bool(hit.group("rel"))):
        return False  # "the Winter Olympics", "the Summer Palace": part of a name
    dow = hit.group("dow")
    if dow is not None and not _capitalised(dow):
        return False
    bare = not any(c.isdigit() for c in text[hit.start:hit.end])
    if (dow is not None or month is not None) and bare and nxt.lower() in blockers and _capitalised(nxt):
        return False
    year = hit.group("year")
    if year is not None and hit.rule.kind in ("date", "year_range") and hit.group("month") is None:
        if _MONEY_BEFORE.search(text, max(0, hit.start - 12), hit.start):
            return False
        if hit.end - hit.start == 4 and _name_before(text, hit.start):
            return False  # "a venture called Orion 1980": part of a name
        if quantity_after.match(text, hit.end) or _ZONE_AFTER.match(text, hit.end):
            return False  # "2003 delegates", "1500 percent", "(1845 GMT)"
        if year.startswith("'") and _capitalised(nxt) and text[hit.end:hit.end + 1] == " ":
            return False  # "'60 Minutes"
        if hit.start > 0 and text[hit.start - 1] in ",.:" and hit.start > 1 and text[hit.start - 2].isdigit():
            return False
        if text[hit.end:hit.end + 1] in (".", ",") and text[hit.end + 1:hit.end + 2].isdigit():
            return False  # a decimal or a thousands group: "closed at 2082.1", "1990,000"
    if hit.rule.name == "quarter_code" and year is None and _prev_word(text, hit.start).lower() not in _CODE_PREV:
        return False  # "Q3" alone only after a preposition or article ("in Q3"), not "the Audi Q3"
    if hit.rule.name == "military_time" and text[max(0, hit.start - 1):hit.start] == "(":
        return False  # "10:35 a.m. (0735 GMT)": the same time restated in another zone
    if hit.rule.kind == "date_list" and not 0 < int(hit.group("day2")) - int(hit.group("day")) <= 20:
        return False  # "won 3-1 May 3", "rose 3 to 40 May": not the two ends of a few days, leave the date alone
    after = _PREV_WORD_NEEDED.get(hit.rule.name)
    if after and _prev_word(text, hit.start).lower() not in after:
        return False
    if hit.group("deictic") == "Today" and _name_before(text, hit.start):
        return False  # "USA Today", "VOA Today": a title
    unit = hit.group("unit")
    if unit and unit[0].isupper() and hit.match.start("unit") > hit.start and not hit.match.group(0).isupper():
        return False  # a title: "60 Minutes", "This Week"
    if hit.rule.kind == "duration" and re.match(r"-?\s*old\b", text[hit.end:hit.end + 6]):
        return False  # ages: "a 6-year-old boy"
    if hit.rule.kind == "duration" and re.search(r"\w-quarters?$", hit.match.group(0), re.IGNORECASE):
        return False  # fractions: "three-quarters"
    if hit.rule.kind == "duration" and unit and unit.lower().startswith("quarter") and (
            hit.group("num") or "").lower() in ("a", "an", "one", "three") and re.match(
            r"\s+of\s+(?!a\s+century|\d|this\b|last\b|next\b|fiscal\b|the\s+(?:year|fiscal)\b)",
            text[hit.end:hit.end + 24], re.IGNORECASE):
        return False  # fractions: "a quarter of the market", not "a quarter of a century"
    if hit.rule.kind == "duration":
        # "a year" etc. only with an explicit quantity or phrase around it; bare "the second" is not a duration
        if hit.group("unit") and hit.group("unit").lower() == "second" and not hit.group("num").isdigit():
            return False
    return True


_ZONE_AFTER = re.compile(r"\s*(?:GMT|UTC|Zulu|hrs\b|hours\s+(?:GMT|local))")
_WORD_REST = re.compile(r"\w*")


def _word_end(text: str, pos: int) -> int:
    """pos moved to the end of the word it falls in, so a window never cuts a word."""
    return _WORD_REST.match(text, pos).end()


@cache
def _rules_of_class() -> dict[str, tuple[int, ...]]:
    """The rules (by position in rules()) that list each trigger word class."""
    out: dict[str, list[int]] = {}
    for i, rule in enumerate(rules()):
        for t in dict.fromkeys(rule.triggers):
            out.setdefault(t, []).append(i)
    return {t: tuple(v) for t, v in out.items()}


def recognise(text: str) -> list[Hit]:
    """All acceptable rule matches in text, overlaps resolved (longest first, then rule order), in text order."""
    cands: list[Hit] = []
    regex, index = trigger_classes()
    found: dict[str, list[int]] = {}
    for m in regex.finditer(text):
        word = m.group().lower()
        if word[0].isdigit():
            names = [name for name, shape in _NUMBER_SHAPES if shape.match(text, m.end())]
            if len(word) == 4 or (len(word) == 2 and text[m.start() - 1:m.start()] == "'"):
                names.append("year4")
        elif word[-1] == "s":
            names = index.get(word, frozenset()) | index.get(word[:-1], frozenset())
        else:
            names = index.get(re.sub(r"\s+", " ", word), frozenset())
        for name in names:
            found.setdefault(name, []).append(m.start())
    all_rules = rules()
    for i in sorted({i for name in found for i in _rules_of_class().get(name, ())}):
        rule = all_rules[i]
        positions = sorted({p for t in rule.triggers for p in found.get(t, ())})
        for lo, hi in _windows(positions, len(text)):
            hi = _word_end(text, hi)
            for m in rule.regex.finditer(text, lo, hi):
                cands.append(Hit(m.start(), m.end(), rule, m))
    cands.sort(key=lambda h: (-(h.end - h.start), h.rule.priority, h.start))
    taken: list[Hit] = []
    occupied = bytearray(len(text) + 1)
    for h in cands:
        if any(occupied[h.start:h.end]):
            continue
        if not acceptable(text, h):
            continue
        occupied[h.start:h.end] = b"\x01" * (h.end - h.start)
        taken.append(h)
    taken.sort(key=lambda h: h.start)
    return taken
