"""Tense of a sentence or clause, and sentence boundaries, for resolving bare months and weekdays."""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from importlib import resources

import yaml


def trie_regex(words: list[str]) -> str:
    """An alternation of words as a prefix tree ("is(?:\\s+expected|\\s+to)?"), far faster for re to try at every
    word start than a flat list; longer continuations are tried first, a space matches any run of whitespace."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if end:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(tree)


@cache
def _cues() -> re.Pattern[str]:
    """One pattern for all tense cues of tense.yaml; the named group that matched is the tense ("weak" =
    regular past forms, a hint only; "plan" = a plan reported in the past, neither past nor future)."""
    text = resources.files("timeline.data.timex").joinpath("tense.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    parts = []
    for tense in ("future", "plan", "past", "present", "scheduled", "scheduled_plural"):
        alt = trie_regex([w.lower() for w in spec.get(tense, [])])
        extra = spec.get(f"{tense}_regex", "")
        parts.append(f"(?P<{tense}>" + "|".join(p for p in (extra, alt) if p) + ")")
    parts.append("(?P<weak>(?-i:" + spec["weak_regex"] + "))")
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


@cache
def _aux_before() -> re.Pattern[str]:
    """The words after which a plural present ("meet") is no finite verb ("to meet", "did not meet")."""
    text = resources.files("timeline.data.timex").joinpath("tense.yaml").read_text(encoding="utf-8")
    words = [re.escape(w) for w in yaml.safe_load(text)["not_scheduled_after"]]
    return re.compile(r"(?<![\w'])(?:" + "|".join(words) + r")\s+$", re.IGNORECASE)


def _tense_of(m: re.Match[str], text: str) -> str | None:
    """The tense group of a cue match; a plural present is a scheduled act unless an auxiliary comes before."""
    if m.lastgroup != "scheduled_plural":
        return m.lastgroup
    return None if _aux_before().search(text, max(0, m.start() - 8), m.start()) else "scheduled"


@lru_cache(maxsize=8192)
def sentence_tense(sentence: str) -> str | None:
    """"past", "present" or "future" for a sentence or clause, None when it has no finite verb cue."""
    found = {_SENTENCE_TENSE.get(t, t) for m in _cues().finditer(sentence) if (t := _tense_of(m, sentence))}
    for tense in ("future", "past", "present"):
        if tense in found or (tense == "past" and "weak" in found):
            return tense
    return None


_SENTENCE_TENSE = {"plan": "future", "scheduled": "present"}


class TenseCues:
    """The tense cues of a whole document, found once, queried per expression."""

    def __init__(self, text: str) -> None:
        self.text = text
        rank = {"future": 0, "plan": 0, "past": 1, "present": 2, "scheduled": 2, "weak": 3}
        rank_of_past = rank["past"]
        cues = [(m.start(), m.end(), rank[t], t) for m in _cues().finditer(text) if (t := _tense_of(m, text))]
        # "were planning to", "was expected to": the auxiliary's past tense belongs to the future cue after it
        cues = [c for c, nxt in zip(cues, [*cues[1:], None][:len(cues)], strict=True) if not (
            nxt and c[3] == "past" and nxt[3] == "future" and not text[c[1]:nxt[0]].strip()
            and text[c[0]:c[1]].lower() in ("was", "were"))
            and not (c[3] == "past" and _VERB_LAST.match(text, max(0, c[0] - 7), c[1]))]  # "expected to last"
        # "will stay closed until Tuesday", "the border is closed until": a regular past form right after another
        # cue or a linking verb is a participle or adjective, not a finite verb
        cues = [c for c, prev in zip(cues, [None, *cues][:len(cues)], strict=True) if not (c[3] == "weak" and (
            (prev is not None and prev[3] != "weak" and not text[prev[1]:c[0]].strip())
            or _LINKING_BEFORE.search(text, max(0, c[0] - 12), c[0])))]
        # "He postponed a trip in February": a regular past form right after a subject pronoun is a finite verb,
        # not an adjective or participle, so a strong past cue
        cues = [(s, e, rank_of_past, "past") if t == "weak" and (
            _PRONOUN_BEFORE.search(text, max(0, s - 24), s) or _NAME_BEFORE.search(text, max(0, s - 40), s))
                else (s, e, r, t) for s, e, r, t in cues]  # (or a named subject: "Blinken postponed a trip")
        self.cues = cues
        self.starts = [c[0] for c in cues]
        self.asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]

    def has(self, lo: int, hi: int, tense: str) -> bool:
        """Whether text[lo:hi] holds a cue of that tense."""
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.cues) and self.cues[i][0] < hi:
            if self.cues[i][3] == tense or (self.cues[i][3] == "plan" and tense in ("past", "future")):
                return True  # a plan reported in the past ("had been due to") is both
            i += 1
        return False

    def left_end(self, lo: int, start: int, tense: str, form: re.Pattern[str] | None = None) -> int | None:
        """End offset of the nearest cue of that tense in text[lo:start] (if form is given: when it begins that
        way, else None), or None."""
        i = bisect.bisect_left(self.starts, start) - 1
        while i >= 0 and self.cues[i][0] >= lo:
            s, e, _, t = self.cues[i]
            if t == tense and e <= start:
                return e if form is None or form.match(self.text, s) else None
            i -= 1
        return None

    def near(self, lo: int, hi: int, start: int, end: int) -> tuple[str | None, bool]:
        """Tense of the cue nearest to text[start:end] within text[lo:hi] (its governing verb, usually): the
        nearest cue on the left, or failing that the nearest on the right; and whether the cue is strong (a
        listed word, close by) rather than a hint."""
        i = bisect.bisect_left(self.starts, start)
        best: tuple[int, int] | None = None
        found: tuple[str | None, bool] = (None, False)
        j = i - 1
        while j >= 0 and self.cues[j][0] >= lo:  # cues starting left of the expression, nearest first
            s, e, rank, tense = self.cues[j]
            if any(a0 < s and a1 <= start and not _LIST_GOES_ON.search(self.text, a1, start)
                   for a0, a1 in self.asides if a0 <= s < a1):
                j -= 1  # "The minister, who flew to Oslo in December, returns in March": the aside's verb
                continue  # governs only the aside's dates
            if e <= start and (best is None or (start - e, rank) < best):
                best = (start - e, rank)
                found = ("past" if tense == "weak" else tense, tense != "weak" and start - e <= FAR_CUE)
            if best is not None and s < start - best[0] - 40:
                break
            j -= 1
        if best is None:
            j = bisect.bisect_left(self.starts, end)
            while j < len(self.cues) and self.cues[j][0] < hi:
                s, e, rank, tense = self.cues[j]
                if e <= hi and (best is None or (s - end, rank) < best):
                    best = (s - end, rank)
                    found = ("past" if tense == "weak" else tense, tense != "weak" and s - end <= FAR_CUE)
                if best is not None and s > end + best[0]:
                    break
                j += 1
        if found[1] and found[0] == "past" and _END_POINT.search(self.text, max(lo, start - 9), start) and not \
                _PERIOD_TO.search(self.text, max(lo, start - 20), start):
            found = ("past", False)  # "extended to Nov. 16": the date may lie ahead (not "the year to June")
        if found[0] == "plan":  # "had been planned for February 10": no direction, the nearest date
            found = (None, found[1])
        elif found[0] == "scheduled":  # "the summit opens on Thursday": ahead, as a hint
            found = ("future", False)
        return found


_PRONOUN_BEFORE = re.compile(r"(?<![\w'])(?:he|she|they|we|I)\s+(?:(?:also|then|later|first|had|[a-z]+ly)\s+)?$",
                             re.IGNORECASE)
# a name as the subject right before a regular past form ("Moscow briefly suspended"); not a determiner, a
# preposition or a possessive ("Xi's proposed visit"), nor a nationality before a participle ("German armed forces")
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|In|On|At|For|By|"
                          r"With|From|After|Before|When|If|As|Last|Next|Early|Late)\b)[A-Z][\w.-]*(?<![’']s)\s+"
                          r"(?:[a-z]+ly\s+)?$")
_LINKING_BEFORE = re.compile(r"\b(?:stays?|stayed|remain|remains|remained|seems?|seemed|gets?|got|becomes?|became|"
                             r"is|are|be|been|being|was|were|keeps?|kept)\s+$", re.IGNORECASE)
_VERB_LAST = re.compile(r".*\b(?:to|will|would|could|may|might|can)\s+last$", re.IGNORECASE | re.DOTALL)
_ASIDE = re.compile(r",\s+(?:who|which|whose)\s[^,;.]{1,120},")
_LIST_GOES_ON = re.compile(r",|\band\b|\bor\b")  # "who stepped down as chairman, president and treasurer in"
FAR_CUE = 40  # characters between a tense cue and the expression beyond which the cue is only a hint
_END_POINT = re.compile(r"\b(?:until|till|through|by|to)\s+$", re.IGNORECASE)
_PERIOD_TO = re.compile(r"\b(?:months|year|quarter|weeks|period|half)\s+to\s+$", re.IGNORECASE)


_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Rev|Prof|Inc|Corp|Co|Ltd|"
                     r"No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Mt|Ft|U\.S|U\.N|a\.m|p\.m)\.)$")
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z•\-*])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text (a fast regex splitter aware of common abbreviations)."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start() + 1 if text[m.start()] in ".!?" else m.start()
        if text[m.start()] == "." and _ABBREV.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        if cut > start:
            spans.append((start, cut))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|,\s+(?:but|while|although|though|whereas|and)\s|\b(?:when|after|before|"
                           r"because|since|until|who|which|where)\s")


def clause_around(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """(start, end) of the clause of the sentence that holds text[start:end] (cut at semicolons, dashes and
    conjunctions)."""
    s, e = sent
    left = s
    aside = False
    for m in _CLAUSE_BREAK.finditer(text, s, start):
        left = m.end()
        aside = m.group().startswith(("who", "which")) and text[max(s, m.start() - 2):m.start()].startswith(",")
    if aside:  # "The law, which takes effect in October, was signed on Monday": past the aside's closing comma
        close = text.rfind(", ", left, start)
        if close >= 0 and sentence_tense(text[close + 2:start]) is not None:  # a verb after it: not a list comma
            left = close + 2
    right = e
    m = _CLAUSE_BREAK.search(text, end, e)
    if m:
        right = m.start()
    return left, right
