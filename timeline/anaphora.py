"""Anaphora: actor mentions for pronouns and descriptions standing for an actor named earlier in the article.

Classes resolved (each gives an ActorMention of form "anaphor" at the phrase, carrying the antecedent's identity):

- "he"/"she" as a subject and "his"/"her" before a noun: a person;
- "it" as a subject and "its": a state or an organisation;
- "they" as a subject and "their": two or more actors named together;
- "his guest", "her hosts", "his counterpart" (no nationality or name given): the other party of the story's pair;
- "the bloc", "the alliance", "the league", "the union", "the council"...: the last organisation of that kind named.

Salience: the subject of the pronoun's own sentence when it comes before it, else the subject of the sentences
before it in its paragraph (a sentence naming a single person counts for "he"/"she"), else, for a person, the
person the article is about (the single subject of its first sentence, or its most named person). An ambiguous
antecedent (two persons for "he", a subject the dictionary does not know, an expletive "it is") gives nothing:
the actor is left out rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from importlib import resources

import yaml

from timeline.actors import ActorMention
from timeline.anaphora_subject import Subject, subject_at, subject_start
from timeline.text import Sentence

PRONOUN = re.compile(r"\b(?=[HhSsIiTt])(?:(?P<he>[Hh]e|[Ss]he)|(?P<his>[Hh]is|[Hh]er)|(?P<it>[Ii]t)|(?P<its>[Ii]ts)|"
                     r"(?P<they>[Tt]hey)|(?P<their>[Tt]heir))\b")
OTHER_PARTY = re.compile(r"\b(?:his|her|their)\s+(?:[a-z-]+\s+)?(?:guests?|hosts?|visitors?|counterparts?|"
                         r"opposite\s+numbers?)\b(?!,?\s+(?:[A-Z]|the\s+[A-Z]))")
OTHER_PARTY_KEYS = ("guest", "host", "visitor", "counterpart", "opposite")  # words OTHER_PARTY cannot match without
ANAPHORA_DATA = yaml.safe_load(resources.files("timeline").joinpath("data/anaphora.yaml").read_text("utf-8"))
OFFICES = sorted(ANAPHORA_DATA["office_nouns"], key=len, reverse=True)  # "the president", "the emir"
OFFICE = re.compile(r"\b[Tt]he\s+(?P<office>" + "|".join(r"\s+".join(map(re.escape, o.split())) for o in OFFICES)
                    + r")\b(?![\w-]|\s+(?:of|for)\b|,?\s+[A-Z])")  # not "the president of Kenya", "the king, Abdullah"
OFFICE_KEYS = tuple(f"the {o.split()[0]}" for o in OFFICES)  # words OFFICE cannot match without
ORG_KINDS: dict[str, set[str]] = {  # "the alliance" -> the organisations it may stand for (data/anaphora.yaml)
    noun: set(ids) for noun, ids in ANAPHORA_DATA["organisation_nouns"].items()}
ORG_NOUN_KEYS = tuple(ORG_KINDS)  # words ORG_NOUN cannot match without
ORG_NOUN = re.compile(r"\b[Tt]he\s+(?:(?:\d+-(?:member|nation|country)|[a-z-]+)\s+){0,2}?(?P<noun>"
                      + "|".join(sorted(ORG_KINDS, key=len, reverse=True)) + r")\b(?!\s+(?:of|for|on)\b)")
EXPLETIVE_IT = re.compile(r"\s+(?:is|was|’s|'s|has\s+been|had\s+been|will\s+be|would\s+be|could\s+be|may\s+be|"
                          r"might\s+be|seems?|seemed|appears?|appeared|remains?|remained|becomes?|became|"
                          r"takes?|took|means?|meant|marks?|marked|came|comes)\b")
CLAUSE_OPENING = re.compile(r"(?:^|[,;:—–]\s*|\b(?:and|but|that|because|when|after|before|as|while|since|if|"
                            r"although|though|so|where|until|once|saying|said|says|then|also)\s+)$")
OBJECT_HER = re.compile(r"\s*(?:[,.;:)]|\b(?:in|at|on|to|for|with|and|that|as|after|before|during|from|by|of|"
                        r"about|into|when|while|over|back|again|up|off|out|is|was|would|will)\b)")
LOOK_BACK = 2  # sentences of the paragraph searched before the article's main person


def resolve_anaphora(text: str, sents: list[Sentence], actors: list[ActorMention]) -> list[ActorMention]:
    """Actor mentions for the anaphora of `text` (see the module docstring), given its sentences and the actor
    mentions found in it (names, aliases, group references)."""
    taken = [(a.start, a.end) for a in actors]
    subjects: list[Subject] = []
    out: list[ActorMention] = []
    every = list(actors)  # actors + out, kept up to date
    starts = [a.start for a in actors]
    ordered = all(x <= y for x, y in zip(starts, starts[1:], strict=False))
    lower = text.lower()
    nouns = (any(k in lower for k in OTHER_PARTY_KEYS), any(k in lower for k in ORG_NOUN_KEYS),
             any(k in lower for k in OFFICE_KEYS))
    for i, s in enumerate(sents):
        # the anaphora found so far lie in the sentences before: the sentence's own actors are the given ones
        local = (actors[bisect_left(starts, s.start):bisect_left(starts, s.end)] if ordered
                 else [a for a in actors if s.start <= a.start < s.end])
        pos = subject_start(text, s.start, s.end)
        subj = _subject_with_pronoun(text, pos, s, local, sents, subjects, every, i)
        subjects.append(subj)
        for a in _sentence_anaphora(text, sents, subjects, i, every, taken, nouns):
            out.append(a)
            every.append(a)
            taken.append((a.start, a.end))
    return sorted(out, key=lambda a: a.start)


def _subject_with_pronoun(text: str, pos: int, s: Sentence, local: list[ActorMention], sents: list[Sentence],
                          subjects: list[Subject], actors: list[ActorMention], i: int) -> Subject:
    """The sentence's subject; a pronoun subject ("He flew on to Seoul") stands for what it resolves to."""
    m = PRONOUN.match(text, pos)
    if m and m.group("it") and EXPLETIVE_IT.match(text, m.end()):
        return Subject((), True, -1, -1)  # "It was their third meeting": no subject to refer to
    if m and (m.group("he") or m.group("it") or m.group("they")):
        found = _resolve(m, text, sents, subjects, actors, i)
        return Subject(tuple(found), bool(found), m.start(), m.end())
    return subject_at(text, pos, s.end, local)


def _sentence_anaphora(text: str, sents: list[Sentence], subjects: list[Subject], i: int,
                       actors: list[ActorMention], taken: list[tuple[int, int]],
                       nouns: tuple[bool, bool, bool] = (True, True, True)) -> list[ActorMention]:
    """The anaphora of sentence i, resolved (`nouns`: whether the text may hold "his guest" phrases and
    organisation nouns at all)."""
    s = sents[i]
    free = lambda a, b: all(b <= x or a >= y for x, y in taken)  # noqa: E731
    out: list[ActorMention] = []
    other_spans = []
    for m in OTHER_PARTY.finditer(text, s.start, s.end) if nouns[0] else ():
        if not free(m.start(), m.end()) or any(m.start() <= a.start < m.end() for a in actors):
            continue  # "his Russian counterpart": the nationality says who
        owner = _resolve(PRONOUN.match(text, m.start()), text, sents, subjects, actors, i)
        other = _other_party(owner, sents, actors, i, m.start())
        out.extend(_as(o, m.start(), m.end(), text) for o in other)
        other_spans.append((m.start(), m.end()))
    for m in PRONOUN.finditer(text, s.start, s.end):
        if not free(m.start(), m.end()) or any(a <= m.start() < b for a, b in other_spans):
            continue
        found = _resolve(m, text, sents, subjects, actors, i)
        out.extend(_as(a, m.start(), m.end(), text) for a in found)
    for m in ORG_NOUN.finditer(text, s.start, s.end) if nouns[1] else ():
        span = (m.start(), m.end())
        if not free(*span) or any(span[0] <= a.start < span[1] for a in actors):
            continue
        kinds = ORG_KINDS.get(m.group("noun").lower(), set())
        org = next((a for a in reversed(actors) if a.end <= span[0] and a.actor_id in kinds and a.form != "anaphor"),
                   None)
        if org is not None:
            out.append(_as(org, span[0], span[1], text))
    for m in OFFICE.finditer(text, s.start, s.end) if nouns[2] else ():
        if free(m.start(), m.end()) and not any(m.start() <= a.start < m.end() for a in actors):
            out.extend(_as(a, m.start(), m.end(), text) for a in _office_holder(text, sents, actors, i, m))
    return out


def _office_holder(text: str, sents: list[Sentence], actors: list[ActorMention], i: int,
                   m: re.Match) -> list[ActorMention]:
    """"The president" for a person the article named with that title before ("Kenyan President William Ruto"):
    the one such person of the article, else the last of its paragraph; [] when there is none."""
    office = " ".join(m.group("office").lower().split())
    para = next(s.start for s in sents if s.paragraph == sents[i].paragraph)
    found: list[ActorMention] = []
    prev_end = 0
    for a in actors:
        if a.start >= m.start():
            break
        title = text[max(prev_end, a.start - 40):a.end].lower()
        prev_end = max(prev_end, a.end)
        if a.kind == "person" and a.form != "anaphor" and office in " ".join(title.split()):
            found.append(a)
    if len({a.actor_id for a in found}) == 1:
        return found[-1:]
    here = [a for a in found if a.start >= para]
    return here[-1:]


def _resolve(m: re.Match | None, text: str, sents: list[Sentence], subjects: list[Subject],
             actors: list[ActorMention], i: int) -> list[ActorMention]:
    """What the pronoun matched by m stands for ([] when unresolved or ambiguous)."""
    if m is None:
        return []
    s, p = sents[i], m.start()
    at_subject = subjects[i].start in (p, -1) if len(subjects) > i else True
    subj = subjects[i] if not at_subject else None  # none of its own before p: look in the sentences before
    kind = next(k for k, v in m.groupdict().items() if v)
    if kind in ("he", "it", "they") and p > subject_start(text, s.start, s.end) and not CLAUSE_OPENING.search(
            text[s.start:p]):
        return []  # an object or an inverted clause: not handled
    if kind == "his" and m.group(0).lower() == "her" and OBJECT_HER.match(text, m.end()):
        return []  # "met her in Beijing": an object
    if kind == "it" and EXPLETIVE_IT.match(text, m.end()):
        return []  # "it was the first ...": no actor
    if kind in ("he", "his"):
        return _person(text, sents, subjects, actors, i, p, subj)
    if kind in ("it", "its"):
        return _state(subjects, sents, i, subj)
    return _group(subjects, sents, actors, i, subj, kind == "they")


def _person(text: str, sents: list[Sentence], subjects: list[Subject], actors: list[ActorMention], i: int,
            p: int, subj: Subject | None) -> list[ActorMention]:
    """A singular person pronoun at p: the salient person, or [] when ambiguous."""
    if subj is not None and subj.start < p:
        if not subj.known or subj.group:
            return []
        if subj.single is not None and subj.single.kind == "person":
            return [subj.single]
        found = _persons(actors, sents[i].start, p)
        if len(found) > 1:
            return []
        if found:
            return found
    j = i
    while j > 0 and i - j < LOOK_BACK and sents[j - 1].paragraph == sents[i].paragraph:
        j -= 1
        prev = subjects[j]
        if not prev.known or any(a.kind == "person" for a in prev.group):
            return []
        if prev.single is not None and prev.single.kind == "person":
            return [prev.single]
        found = _persons(actors, sents[j].start, sents[j].end)
        if len(found) > 1:
            return []
        if found:
            return found
    return _main_person(subjects, actors, p)


def _main_person(subjects: list[Subject], actors: list[ActorMention], p: int) -> list[ActorMention]:
    """The person the article is about: its first sentence's single person subject, else its most named person
    before p (named at least twice, and more than any other)."""
    lead = subjects[0].single if subjects else None
    if lead is not None and lead.kind == "person":
        return [lead]
    counts = Counter(a.actor_id for a in actors if a.kind == "person" and a.end <= p and a.form != "anaphor")
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return [next(a for a in actors if a.actor_id == top[0][0])]
    return []


def _state(subjects: list[Subject], sents: list[Sentence], i: int, subj: Subject | None) -> list[ActorMention]:
    """"It"/"its": the single state or organisation subject of its sentence, or of the sentence before it."""
    if subj is not None:
        one = subj.single
        return [one] if one is not None and one.kind in ("state", "organisation") else []
    if i > 0 and sents[i - 1].paragraph == sents[i].paragraph:
        one = subjects[i - 1].single
        return [one] if one is not None and one.kind in ("state", "organisation") else []
    return []


def _group(subjects: list[Subject], sents: list[Sentence], actors: list[ActorMention], i: int,
           subj: Subject | None, they: bool = False) -> list[ActorMention]:
    """"They"/"their": the actors a subject names together, in its sentence or the one before ("Kim met Moon. Their
    talks ..." counts as naming the two); at a paragraph's start, the last such subject of the paragraph before.
    "They" (`they`, not "their") also stands for an organisation subject ("EU leaders met. They agreed")."""
    if subj is not None:
        return list(_distinct(subj.group)) or (_members(subj) if they else [])
    if i > 0 and sents[i - 1].paragraph == sents[i].paragraph:
        prev = subjects[i - 1]
        if they and not prev.group and _members(prev):
            return _members(prev)  # "EU leaders met in Brussels. They agreed ...": the organisation
        if prev.group or prev.single is None or prev.single.kind not in ("person", "state"):
            return list(_distinct(prev.group))
        pair = _distinct(tuple(a for a in actors if sents[i - 1].start <= a.start < sents[i - 1].end
                               and a.kind == prev.single.kind))
        return list(pair) if len(pair) == 2 else []
    for j in range(i - 1, -1, -1):
        if sents[j].paragraph != sents[i - 1].paragraph:
            break
        if subjects[j].group:
            return list(_distinct(subjects[j].group))
    return []


def _members(subj: Subject) -> list[ActorMention]:
    """An organisation that is a sentence's single subject, standing for its members ("EU leaders met"): "they"."""
    return [subj.single] if subj.single is not None and subj.single.kind == "organisation" else []


def _other_party(owner: list[ActorMention], sents: list[Sentence], actors: list[ActorMention], i: int,
                 p: int) -> list[ActorMention]:
    """The other side of "his guest" or "her counterpart": the one person of another state than the owner's that
    the paragraph names before p, else the article's most named one."""
    if len(owner) != 1 or owner[0].kind != "person":
        return []
    me = owner[0]
    para = next(s.start for s in sents if s.paragraph == sents[i].paragraph)
    for lo in (para, 0):
        cands = [a for a in actors if lo <= a.start and a.end <= p and a.kind == "person" and a.form != "anaphor"
                 and a.country and a.country != me.country]
        counts = Counter(a.actor_id for a in cands).most_common(2)
        if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]):
            return [next(a for a in cands if a.actor_id == counts[0][0])]
        if counts:
            return []
    return []


def _persons(actors: list[ActorMention], start: int, end: int) -> list[ActorMention]:
    """The distinct persons named in [start, end)."""
    return list(_distinct(tuple(a for a in actors if start <= a.start < end and a.kind == "person")))


def _distinct(found: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
    out: list[ActorMention] = []
    for a in found:
        if not any(b.actor_id == a.actor_id for b in out):
            out.append(a)
    return tuple(out)


def _as(a: ActorMention, start: int, end: int, text: str) -> ActorMention:
    """A mention of a's actor at [start, end)."""
    return ActorMention(start, end, text[start:end], a.actor_id, a.name, a.kind, a.country, "anaphor")
