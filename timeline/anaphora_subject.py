"""Sentence subjects: which actors a sentence opens with as its grammatical subject ("Indian Prime Minister Narendra
Modi and Chinese President Xi Jinping spoke ...", "Japan's foreign minister said ..."), the base of the salience
order that anaphora (timeline.anaphora) are resolved with.

A subject is read from the sentence's start, past a dateline ("SEOUL, June 15 — ") and an opening adverbial ("On
Tuesday, "), as a run of actor mentions, title words ("Prime Minister", "the") and coordinators ("and", ","). A
capitalised word that is neither an actor nor a title ("Former President Jimmy Carter") means a subject the
dictionary does not know: anaphora after it are left unresolved rather than given to someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from timeline.actors import ActorMention

DATELINE = re.compile(r"[A-Z][A-Z .,'’/-]*(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?(?:\s+\([A-Z][\w ]*\))?\s+[—–-]+\s+")
INTRO = re.compile(
    r"(?:(?:On|In|At|After|Before|Earlier|Later|Last|Meanwhile|However|Separately|Since|During|Until|By|Under|"
    r"Also|But|Then|Now|Yet|Still|Instead|Already|Following|Despite|Amid|Within|Over|Speaking|Hours|Days|Weeks|"
    r"Months|Years|Two|Three|Four|Five|A|An)\b[^,;:]{0,140},\s+|(?:But|And|Yet|So|Then|Meanwhile|Later|Earlier)\s+)"
)
INTRO_BARE = re.compile(r"(?:On|Last|Early|Late|Earlier|Later|By|Since|Until)\s+(?:[A-Z][a-z]+day|(?:Jan|Feb|Mar|Apr|"
                        r"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?:\s+\d{1,2})?|(?:this|last|next)\s+\w+|week|month|"
                        r"year|\d{4})\s+(?=the\s|[A-Z])")  # "On Thursday the two leaders ..."
FUNCTION_START = re.compile(r"(?:On|In|At|After|Before|When|While|As|Under|With|For|From|Despite|Amid|Since|Until|"
                            r"During|Following|Asked|If|Although|Though|Because|Once|To|By|Over|Of|Among|Like)\b")
WORD = re.compile(r"[\w’'.-]+|,")
PERSON_ROLE = (r"leaders?|presidents?|ministers?|secretar(?:y|ies)|negotiators?|envoys?|ambassadors?|spokes(?:man|"
               r"woman|person)|spokesmen|chancellors?|premiers?|kings?|queens?|emirs?|princes?|officials?|diplomats?|"
               r"chiefs?|commanders?|generals?|senators?|speakers?|advis[eo]rs?|counterparts?|delegates?|heads?|"
               r"secretary-general|vice-president|president-elect|monarchs?|sultans?|sheikhs?|ayatollahs?|men|women")
PERSON_ROLE_RE = re.compile(rf"(?:{PERSON_ROLE})", re.IGNORECASE)
PLURAL_ROLE = re.compile(r"(?:[^s]s|ies|men)$", re.IGNORECASE)  # "ministers", "secretaries", "spokesmen"
TITLE_WORDS = re.compile(
    rf"(?:{PERSON_ROLE}|the|of|for|and|prime|foreign|defen[cs]e|vice|deputy|state|former|chief|top|special|affairs|"
    r"interior|trade|finance|national|security|supreme|crown|high|representative|commissioner|mr|mrs|ms|dr|two|"
    r"both|three|acting|new|incoming|outgoing|then|’s|'s|s|u\.s\.|delegations?|governments?|sides?|countries|"
    r"nations|states|team|foreign-policy|economy|energy|military|army|navy|general|lieutenant|colonel|admiral|"
    r"marshal|pope|cardinal|archbishop|junta|regime|administration|cabinet|parliament|council)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Subject:
    """What a sentence opens with: its subject actors (several when coordinated), or `known=False` when the
    subject is a name the dictionary does not know; `start` and `end` bound the subject phrase."""

    actors: tuple[ActorMention, ...]
    known: bool
    start: int
    end: int

    @property
    def single(self) -> ActorMention | None:
        """The one actor of a subject naming one actor, else None."""
        ids = {a.actor_id for a in self.actors}
        return self.actors[0] if self.known and len(ids) == 1 else None

    @property
    def group(self) -> tuple[ActorMention, ...]:
        """The actors of a subject naming two or more, else ()."""
        ids = {a.actor_id for a in self.actors}
        return self.actors if self.known and len(ids) >= 2 else ()


def subject_start(text: str, start: int, end: int) -> int:
    """Where the subject of the sentence [start, end) begins: past a dateline and an opening adverbial."""
    pos = start
    m = DATELINE.match(text, pos, end)
    place = re.sub(r"\([^)]*\)", "", text[pos:m.end()]) if m else ""  # "BEIJING (Reuters) —": the agency apart
    if m and place.split("—")[0].split("–")[0].split(",")[0].strip().isupper():
        pos = m.end()
    m = INTRO.match(text, pos, end) or INTRO_BARE.match(text, pos, end)
    if m:
        pos = m.end()
    return pos


def subject_at(text: str, pos: int, end: int, actors: list[ActorMention]) -> Subject:
    """The subject phrase starting at `pos` (before `end`): each run of actor mentions and title words ends with
    its head (its last person, else its first state or organisation); runs are joined by "and" or commas."""
    heads: list[ActorMention] = []
    run: list[ActorMention] = []
    role_last = False  # the run ends on a person role ("Iran's chief negotiator") with no person named after it
    known = True
    start = pos
    by_start: dict[int, list[ActorMention]] = {}
    for a in actors:
        if pos <= a.start < end:
            by_start.setdefault(a.start, []).append(a)

    def close() -> None:
        nonlocal run, role_last, known
        if not run:
            return
        persons = [a for a in run if a.kind == "person"]
        group = [a for a in run if a.form == "group"]
        if group:
            heads.extend(group)
        elif persons:
            heads.append(persons[-1])
        elif role_last:
            known = False  # a person of that state the dictionary does not name
        else:
            heads.append(run[0])
        run, role_last = [], False

    while pos < end:
        while pos < end and text[pos] == " ":
            pos += 1
        if pos in by_start:
            ms = by_start[pos]
            run.extend(ms)
            role_last = False
            pos = max(a.end for a in ms)
            continue
        m = WORD.match(text, pos)
        if not m or m.start() >= end:
            break
        word = m.group()
        if word == "," and not _list_goes_on(text, m.end(), end, by_start):
            break  # an appositive ("Kim Il Sung, the North's founder, ...") or the end of the subject
        if word in (",", "and"):
            close()
        elif TITLE_WORDS.fullmatch(word.rstrip(",")):
            role_last = bool(PERSON_ROLE_RE.fullmatch(word)) and bool(run) and not PLURAL_ROLE.search(word)
        elif pos == start and FUNCTION_START.fullmatch(word):
            break  # "After meeting Putin, ...": a subject that is no actor, read no further
        elif word[:1].isupper() and not (pos == start and word in ("The", "A", "An")):
            known = False  # a name the dictionary does not know
            break
        else:
            break
        pos = m.end()
    close()
    return Subject(tuple(heads), known, start, pos)


def sentence_subject(text: str, offset: int, actors: list[ActorMention]) -> tuple[ActorMention, ...]:
    """The subject actors of a sentence (`text`, starting at `offset` in the article; `actors` with article
    offsets), or () when its subject is no actor or one the dictionary does not know."""
    local = [replace(a, start=a.start - offset, end=a.end - offset) for a in actors
             if 0 <= a.start - offset < len(text)]
    subj = subject_at(text, subject_start(text, 0, len(text)), len(text), local)
    if not subj.known:
        return ()
    return tuple(replace(a, start=a.start + offset, end=a.end + offset) for a in subj.actors)


LIST_ITEM_END = re.compile(r"\s*(?:,|and\b)")


def _list_goes_on(text: str, pos: int, end: int, by_start: dict[int, list[ActorMention]]) -> bool:
    """Whether a comma at `pos` continues a list of actors ("Saudi Arabia, the United Arab Emirates, Bahrain and
    Egypt"): the next item is an actor followed by another comma or "and"."""
    m = re.compile(r"\s*(?:the\s+)?").match(text, pos)
    at = m.end() if m else pos
    if at not in by_start or at >= end:
        return False
    after = max(a.end for a in by_start[at])
    return bool(LIST_ITEM_END.match(text, after))
