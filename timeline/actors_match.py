"""Low-level helpers of the actor matcher: word boundaries, datelines, titles, name context."""

from __future__ import annotations

import re
import unicodedata

# letters NFKD does not decompose into a base letter and a mark
FOLD_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "đ": "d", "ß": "ss"})


def fold(text: str) -> str:
    """``text`` without diacritics (``Élysée`` -> ``Elysee``)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """Lower-case ASCII identifier for a person's name (``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")

# A dateline opens a paragraph: "BEIJING —", "WASHINGTON (Reuters) -", "SEOUL, South Korea —",
# "GENEVA, March 3 (AP) --".
DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.\-]*[A-Z.](?:[ ][A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    r"(?:,?[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?:—|–|--|-)[ \t]",
    re.M,
)

# Titles written before a name.  What each says about the office held is data: ``known_offices`` in
# titles.yaml, compiled into actors.json.
_TITLE_WORDS = (
    r"Prime Minister|Foreign Minister|Foreign Secretary|Secretary of State|Secretary-General|"
    r"Vice President|Vice-President|Vice Premier|Vice-Premier|Deputy Prime Minister|Deputy Premier|"
    r"Vice Chairman|Supreme Leader|Paramount Leader|General Secretary|First Secretary|Party Chief|"
    r"Crown Prince|Defen[cs]e Minister|Minister|"
    r"President|Premier|Chancellor|Secretary|Chairman|Leader|King|Queen|Emir|Prince|Sheikh|"
    r"Ayatollah|General|Marshal|Comrade|Ambassador|Envoy|Senator|Sen\.|Gen\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?"
)
TITLE_BEFORE_RE = re.compile(rf"(?:^|(?<=[^\w]))({_TITLE_WORDS})\s+$")
TITLE_WORD_SET = set(
    "President Minister Premier Chancellor Secretary State Secretary-General Chairman Leader King Queen "
    "Emir Prince Sheikh Ayatollah General Gen Marshal Comrade Ambassador Envoy Senator Sen Mr Mrs Ms Dr "
    "Adviser Advisor Vice Vice-President Vice-Premier Deputy Chief Spokesman Spokeswoman".split()
)

# "Chinese president", "Iran's foreign minister": an office named right after a state mention.
OFFICE_AFTER_RE = re.compile(
    r"(?:['’]s)?[ \t]+((?:supreme |top )?leader|president|prime minister|premier|chancellor|"
    r"foreign minister|foreign secretary|secretary of state|king|emir)\b",
    re.I,
)
OFFICE_QUERY = {"top leader": "leader", "supreme leader": "supreme leader", "leader": "leader",
                "foreign secretary": "foreign minister", "secretary of state": "foreign minister"}

# Capitalised words that open sentences or name dates, and so do not make a name longer.
COMMON_CAPITALISED = set(
    "A An The This That These Those But And Or So Yet If When While After Before Since As At In On Of For "
    "By With From To Then Now Later Earlier Meanwhile However Also Both Neither Only Even Still Last Next "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec He She "
    "It They We I His Her Their Its Our Yesterday Today Tomorrow Tonight On Under Despite During Although "
    "Though Because Until Unlike Like Asked Speaking Writing Said Says Told".split()
)
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Z][\w'’.-]*)")
_WORD_BEFORE_RE = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
SENTENCE_END_FIX = True
NORTH_SOUTH_RE = re.compile(r"\b[Tt]he (North|South)\b(?![ \t]*[-–]?[ \t]*[A-Z])")


def is_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a whole word (or words) in ``text``."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_@#":
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in "_$" or (after == "." and text[end - 1].isupper()
                                                 and end + 1 < len(text) and text[end + 1].isalpha()):
            return False
    return True


def dateline_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, place, region) of every all-caps dateline opening a paragraph."""
    out = []
    for m in DATELINE_RE.finditer(text):
        place = m.group("place")
        if sum(c.isalpha() for c in place) >= 3:
            out.append((m.start(), m.end(), place, m.group("region")))
    return out


def title_before(text: str, start: int) -> str | None:
    """The title written right before position ``start`` ("President", "Foreign Minister"), if any."""
    m = TITLE_BEFORE_RE.search(text, max(0, start - 30), start)
    return m.group(1) if m else None


def unknown_name_around(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """Whether a short name at text[start:end] is part of a longer, unknown full name.

    "Kim Yo Jong" (a capitalised word after "Kim") or "Chelsea Clinton" (one before "Clinton")
    are other people; words that open sentences, dates, titles and other actor mentions are not.
    """
    after = _WORD_AFTER_RE.match(text, end)
    if after and after.group(1).rstrip(".,’'") not in COMMON_CAPITALISED and after.start(1) not in starts:
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, start - 40), start)
    if before and SENTENCE_END_FIX and before.group(1).endswith(".") and len(before.group(1).rstrip(".")) > 1:
        before = None  # "... met in Cairo. Kessem said": the word ends the sentence before ("W. Bush": an initial)
    if before:
        word = before.group(1).rstrip(".")
        if (word not in COMMON_CAPITALISED and word not in TITLE_WORD_SET and before.end(1) not in ends
                and not word.isupper()):
            return True
    return False


def office_after(text: str, end: int) -> tuple[int, int, str] | None:
    """An office named right after a state mention, not followed by a name: (start, end, office)."""
    m = OFFICE_AFTER_RE.match(text, end)
    if not m:
        return None
    if _WORD_AFTER_RE.match(text, m.end()) and text[m.end():m.end() + 1] in " \t":
        nxt = _WORD_AFTER_RE.match(text, m.end())
        if nxt and nxt.group(1) not in COMMON_CAPITALISED:
            return None
    office = m.group(1).lower()
    return m.start(1), m.end(1), OFFICE_QUERY.get(office, office)
