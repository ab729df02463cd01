"""Text: the prose of an article (page boilerplate left out) split into sentences with character offsets."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pysbd

SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
BULLET = re.compile(r"^\s*[•·▪◦‣∙*\-–—>]\s")
BREADCRUMB = re.compile(r"\s[>»›|/]\s")
MIN_WORDS = 6
CLOCK_END = re.compile(r"\d\s*[ap]\.m\.\s*$", re.IGNORECASE)
TIME_GOES_ON = re.compile(r"(?:(?:[A-Z][\w-]+\s+){1,2}time\b|local\s+time\b|(?:GMT|UTC|[ECMP][SD]T|CET|BST)\b)")
ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Cmdr|Adm|Sgt|Maj|St|Jr|Sr|Prof|Rev|Hon|No|Nos|Vol|Fig|Inc|Corp|Ltd|"
    "Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Pres|Sec|Dept|Ave|Blvd|Amb|Atty|Supt|Msgr|"
    "etc|vs|approx|incl|est|cf|al|ca|op|pp|viz"
)
AMBIGUOUS = re.compile(
    rf"(?:\b(?:{ABBREVIATIONS})|\b[A-Z]|\b[A-Za-z]\.[A-Za-z](?:\.[A-Za-z])*)\.(?=[\s,;:)\]\"”’'])"
    r"|\.\.|…|[.!?][\"”’')\]]*\s+[a-z(\d]"
)
PLAIN_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose and where it stands in the article text."""

    start: int
    end: int
    text: str
    paragraph: int


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-empty lines of text (a news page puts one paragraph on a line)."""
    for m in re.finditer(r"[^\r\n]+", text):
        if m.group().strip():
            yield m.start(), m.end()


def is_prose(line: str) -> bool:
    """Whether a line reads as a paragraph of prose rather than page furniture (menus, bullets, headlines)."""
    s = line.strip()
    if BULLET.match(s) or len(s.split()) < MIN_WORDS:
        return False
    if len(BREADCRUMB.findall(s)) >= 1 and not SENTENCE_END.search(s):
        return False
    return bool(SENTENCE_END.search(s)) or len(s.split()) >= 25


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # pysbd builds several hundred regular expressions from its abbreviation list on every call, more than the
    # re module caches by default (512): without a larger cache it recompiles them for every paragraph.
    if getattr(re, "_MAXCACHE", 4096) < 4096:
        re._MAXCACHE = 4096  # type: ignore[attr-defined]
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, offsets shifted by `offset`, surrounding whitespace trimmed.

    A paragraph whose full stops are all unambiguous (no abbreviation, initial or ellipsis before a space) is split
    at its sentence ends directly; any other goes through pysbd, which knows the abbreviations."""
    spans = []
    if AMBIGUOUS.search(text):
        pieces = [(s.start, s.end) for s in _segmenter().segment(text)]
    else:
        pieces, start = [], 0
        for m in PLAIN_BOUNDARY.finditer(text):
            pieces.append((start, m.start(1)))
            start = m.end(1)
        pieces.append((start, len(text)))
    pieces = _rejoin_clock_times(text, pieces)
    for a, b in pieces:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if b - trail > a + lead:
            spans.append((offset + a + lead, offset + b - trail))
    return spans


def _rejoin_clock_times(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces split after "a.m."/"p.m." rejoined when the next one goes on with the time ("9.45 p.m. Khartoum time",
    "8 a.m. local time", "10 p.m. GMT on Monday"); "talks ended at 9 p.m. Officials said ..." stays two sentences."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and CLOCK_END.search(text, out[-1][0], out[-1][1]) and TIME_GOES_ON.match(text[a:b].lstrip()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def sentences(text: str) -> list[Sentence]:
    """The sentences of the article's prose, in order; boilerplate lines are skipped."""
    out = []
    for number, (a, b) in enumerate(paragraphs(text)):
        line = text[a:b]
        if not is_prose(line):
            continue
        for s, e in split_sentences(line, a):
            out.append(Sentence(s, e, text[s:e], number))
    return out
