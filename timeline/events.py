"""Events: diplomatic event mentions in an article — type, status, date, actors and place — sentence by sentence."""

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from timeline.actors import ActorDictionary, ActorMention
from timeline.anaphora import resolve_anaphora
from timeline.anaphora_subject import sentence_subject
from timeline.events_anchor import (
    anchor_before_trigger,
    came_after,
    from_publication,
    nearest_weekday,
    next_occurrence,
    offset_from_previous,
    reanchor_counted,
)
from timeline.events_clauses import antecedents, relative_clause, without
from timeline.events_context import resolve_context
from timeline.events_dates import DEADLINE_BEFORE, link_date
from timeline.events_gapping import split_gapped
from timeline.events_rules import EventType, TriggerRule, find_triggers, triggers_by_sentence, types_by_name
from timeline.participants import (
    Participant,
    as_official,
    group_actors,
    noun_phrase_actors,
    participants_of,
    resolve_as_of,
)
from timeline.sources import Article
from timeline.status import PAST_FORMS, mention_status
from timeline.text import Sentence, sentences
from timeline.timex import Timex, find_timexes, sentence_tense

CLAUSE_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas|although|though|yet)\s+|;\s+|:\s+(?=[A-Z])"

    r"|,\s+(?=(?:citing|according\s+to|saying|adding|who|which|whose|where|one\s+of\s+the\b"
    r"|(?:[\w.’'-]+\s+){0,4}?(?:said|says|told|added|reported|announced|confirmed)\b))"
    # "... agreed to resume talks and Secretary of State Antony Blinken will travel to China": a new subject
    r"|(?P<and_subject>\s+and\s+)(?=(?:(?:[A-Z][\w.’'-]*|of|the|for|de|al)\s+){1,7}(?:will|would|is|are|was|were|has|have|had)\s)"
)
NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]*[.,]?$")
SHARED_SUBJECT = re.compile(r"[^.;:]*,\s+and\s+(?:also\s+)?")  # "..., and signed"
HELD_TALKS = re.compile(r"(?:held|hold|holds|holding)\s+(?:(?:bilateral|direct|private|separate|lengthy|brief|"
                        r"closed-door|face-to-face|one-on-one|further|more|informal|cordial)\s+)?talks", re.IGNORECASE)
AS_CLAUSE = re.compile(r",\s+as\s+(?!well\b|much\b|many\b|part\b|a\s+result\b|expected\b|planned\b|scheduled\b)")
ANCHOR_CLAUSE = (r",\s+(?=(?:(?:a|an|one|two|three|four|five|six|\d+|several|a\s+few)\s+)?"
                 r"(?:days?|weeks?|months?|years?)\s+(?:after|before)\b)")  # ", two months after X met Y"
SUBORDINATE = (r"\s+(?=(?:after|before|because|since|while|when|until)\s+(?:[\w.’'-]+\s+){0,6}?"
               r"(?:\w+ed|met|held|took|went|came|made|began|won|broke|said|flew|left)\b)")  # "after Pelosi visited"
WATCHED_AS = r"\s+as\s+(?=(?:the\s+two|both|they|he|she)\s)"  # "Scholz looked on as the two men signed"
ACTOR_BREAK = re.compile(f"(?:{CLAUSE_BREAK.pattern})|(?:{AS_CLAUSE.pattern})|(?:{ANCHOR_CLAUSE})|(?:{SUBORDINATE})"
                         f"|(?:{WATCHED_AS})")
PARENTHETICAL = re.compile(r"\s[—–]\s[^—–]{3,120}?\s[—–]\s")
PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:(?:now|formally|officially|already|also|finally)\s+)?$",
                            re.IGNORECASE)  # a present perfect: the news of the day it is reported on
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|announced|told\s+(?:\w+\s+){0,2}?|confirmed|stated|declared|reported|added)\s*(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# present perfect: the calling off is the news of the saying's day ("has cancelled ..., the White House said on
# Wednesday"); a simple past ("called off") may be older than the saying
DONE_CALLING_OFF = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:cancell?ed|called\s+off|postponed|scrapped|put\s+off)\b",
                              re.IGNORECASE)
SAYING_DATE = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|stated|reported|added|insisted|wrote)\s*"
                         r"(?:on|in|at|during|last|earlier|late|early)?\s*$", re.IGNORECASE)
LEAD_SENTENCES = 2  # an undated past event in the lead is the news of the day
# the irregular past forms status.py knows, less the auxiliaries, plus forms that only tell a past act here
PAST_IRREGULAR = (PAST_FORMS - {"was", "were", "did", "has", "have"}) | {"cut", "set", "became"}
TALKS_NOUNS = {"talks", "negotiations", "dialogue", "consultations", "meeting", "summit", "session", "conference"}
BACKGROUND_CLAUSE = re.compile(r"\b(?:when|while|whenever|as\s+soon\s+as|once|since|after|before|until)\s+"
                               r"(?:[\w’'.-]+\s+){0,6}$", re.IGNORECASE)
GATHERINGS = {"meeting", "talks", "visit", "phone_call", "talks_resumed"}  # events that take place at a time
FACTUAL_PAST = re.compile(r"\b(?:agreed|decided|voted|resolved)\s+(?:[\w-]+\s+){0,3}?to\s+$", re.IGNORECASE)
YEAR_IN_NAME = re.compile(r"\b(?:1[6-9]|20)\d\d\b")  # "the 1942 Rio Protocol", "the treaty of 1903": its year
# acts done by deciding them: announced as to come ("said it would expel 50 diplomats"), they are done that day
DECISIONS = {"expulsion", "withdrawal", "sanctions", "sanctions_eased", "relations_broken", "relations_restored",
             "suspension", "recognition"}
NOT_UNTIL = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?until\s+", re.IGNORECASE)
PARAGRAPH_TIME_DAYS = 31  # a paragraph's own time ends at least this long before the news: its background
REACTIONS = {"appeal", "demand", "rejection", "threat", "accusation"}  # words about events, dated only by their own
DURING_NEWS = re.compile(r"\b(?:during|at|after)\s+the\s+(?:[\w-]+\s+)?(?:ceremony|signing|summit|talks|visit|meeting|"
                         r"session|conference|vote)\b", re.IGNORECASE)
SINCE_BEFORE_DATE = re.compile(r"\b(?:since|until|till|before|after)\s+$", re.IGNORECASE)
PAST_BY = re.compile(r"\b(?:responded|retaliated|reacted|replied|answered|hit\s+back)\s+(?:\w+\s+){0,3}?by\s+$",
                     re.IGNORECASE)  # "Russia retaliated by expelling": the act is the past response
PAST_PROGRESSIVE = re.compile(r"\b(?:was|were)\s+(?:(?:already|also|now|still|effectively)\s+)?$", re.IGNORECASE)
WHERE_CLAUSE = re.compile(r"where\s", re.IGNORECASE)  # a clause about the place before it: its time too
ELIDED_SUBJECT = re.compile(r"(?:(?:then|also|later|subsequently|immediately|briefly|quickly|again|jointly|"
                            r"together|on\s+\w+day)\s+)*", re.IGNORECASE)  # "..., and then flew to Vienna"
GERUND_AFTER = re.compile(r"\b(?:after|before|while|since|by|without)\s+$", re.IGNORECASE)
COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+$")
REFUSAL = re.compile(r"\bnot\b", re.IGNORECASE)  # a rejection told as a negated acceptance ("would not accept")
MODAL_WORD = re.compile(r"\b(?:will|would|could|may|might|should|must)\b", re.IGNORECASE)
MODAL_INSIDE = re.compile(r"\b(?:will|would|could|may|might|should|must|not|never|expected\s+to)\s+(?:be\s+)?$",
                          re.IGNORECASE)


@dataclass
class EventMention:
    """One sentence's report of an event."""

    event_type: EventType
    label: str
    kind: str
    status: str
    sentence: Sentence
    trigger_start: int
    trigger_end: int
    trigger: str
    timex: Timex | None
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    lead: bool = False
    objects: tuple[str, ...] = ()  # actors named after the trigger ("made peace with Israel")
    anchor_days: int | None = None  # "the following day": days from the event reported before
    undatable: bool = False  # its date is only known relative to another ("days after Biden took office")
    follow_up: bool = False  # "Germany followed": a new event like the one before, never the same one
    came_after: bool = False  # anchor_days count back from the news act ("the decision came a day after ...")
    paragraph_time: Timex | None = None  # the older date its paragraph has just named ("A precedent came in 1994.")

    @property
    def countries(self) -> list[str]:
        """ISO alpha-3 codes of the states involved, in order of appearance."""
        out: list[str] = []
        for p in self.participants:
            if p.country and p.country not in out:
                out.append(p.country)
        return out

    @property
    def dated(self) -> bool:
        """Whether the mention has a date interval of its own."""
        return self.timex is not None and self.timex.date_start is not None


def clause_bounds(text: str, pos: int, pattern: re.Pattern = CLAUSE_BREAK) -> tuple[int, int]:
    """Start and end (relative to text) of the clause holding position pos."""
    start, end = 0, len(text)
    for m_start, m_end in clause_breaks(text, pattern):
        if m_end <= pos:
            start = m_end
        elif m_start >= pos:
            end = m_start
            break
    return start, end


@lru_cache(maxsize=4096)
def clause_breaks(text: str, pattern: re.Pattern = CLAUSE_BREAK) -> tuple[tuple[int, int], ...]:
    """The spans of the clause breaks of a text, in text order (cached: a sentence is asked about many times)."""
    return tuple(m.span() for m in pattern.finditer(text) if not (
        m.group("and_subject") and NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())))
    # ("the ministers of Germany and France will meet": one subject, no break)


def mentions_in(
    sentence: Sentence, timexes: list[Timex], actors: list[ActorMention], published: dt.date,
    triggers: list[tuple[TriggerRule, int, int]] | None = None,
) -> list[EventMention]:
    """Event mentions in one sentence (its trigger matches found here unless given); pronouns and descriptions
    among `actors` come resolved (timeline.anaphora)."""
    text = sentence.text
    triggers = find_triggers(text) if triggers is None else triggers
    if not triggers:
        return []
    local_timexes = [t for t in timexes if t.start >= sentence.start and t.end <= sentence.end]
    rel_timexes = [_shift(t, -sentence.start) for t in local_timexes]
    tense = sentence_tense(text)
    spans = [(a, b) for _, a, b in triggers]
    out = []
    for rule, a, b in triggers:
        c0, c1 = clause_bounds(text, a)
        c1 = max(c1, clause_bounds(text, max(a, b - 1))[1])  # "the talks, which have been stalled since 2008"
        aside = relative_clause(text, c0, a)  # "Abe, who visited Tehran in June, also met Trump on Sunday"
        antecedent = aside is not None and a < aside[1]
        if aside is not None and not antecedent:
            c0 = clause_bounds(text, max(0, c0 - 2))[0]  # the main clause around the relative one
        elif antecedent and aside[1] >= b:  # (a trigger running past the aside's comma has the clause after it)
            c1 = min(c1, aside[1])
        others = [s for s in spans if s != (a, b)]
        candidates = [t for t in rel_timexes if antecedent or aside is None or not aside[0] <= t.start < aside[1]]
        rel = link_date(text, (a, b), rule.kind, candidates, others, (c0, c1),
                        rule.event_type.family in GATHERINGS | {"election", "summit"}
                        or (rule.kind == "noun" and YEAR_IN_NAME.search(text, a, b) is not None))
        timex = local_timexes[rel_timexes.index(rel)] if rel is not None else None
        undatable = False
        if rel is not None and rel.end <= a:
            timex = anchor_before_trigger(text[rel.end:a], timex)
            rel, undatable = (rel, False) if timex is not None else (None, True)
        anchor_days = back = None
        if rel is None:
            anchor_days = next((d for t in rel_timexes if c0 <= t.start and t.end <= c1
                                and (d := offset_from_previous(t)) is not None), None)
            back = came_after(text[:a]) if anchor_days is None else None
            anchor_days = back if back is not None else anchor_days
        start = timex.date_start if timex is not None else None
        end = timex.date_end if timex is not None else None
        said_on = rel is not None and rel.end <= a and REPORTING_BEFORE.search(text[max(0, rel.start - 40):rel.start])
        before = without(text, c0, a, aside if not antecedent else None)  # the clause before the trigger
        head = text[a:b].rsplit(None, 1)[0] + " " if rule.kind == "verb" and " " in text[a:b].strip() else ""
        told_content = bool(head and MODAL_WORD.search(head) and head[:1].islower() and is_past_verb(head.split()[0]))
        # "declared that there would be no more war": the modal is the content of a past act, not its time
        if head and (MODAL_INSIDE.search(head) or MODAL_WORD.search(head)) and rule.event_type.family not in (
                "threat", "rejection") and not (
                told_content):  # (a threat says what would be; a refusal is its own "would not accept")
            modal = MODAL_INSIDE.search(head) or MODAL_WORD.search(head)
            before += " " + head[:modal.end()] + " "  # "negotiations between Israel and Syria could begin": the
            # modal is in the trigger ("talks ... should get under way": up to the modal)
        own_tense = sentence_tense(text[c0:c1]) if (c0, c1) != (0, len(text)) else tense
        own_tense = "past" if told_content else own_tense or tense  # a clause without tense cues takes the sentence's
        if rule.kind == "verb" and own_tense == "future" and text[a:a + 1].islower() and is_past_verb(
                text[a:b].split()[0]) and not MODAL_WORD.search(text, c0, a):
            own_tense = "past"  # "agreed that each side would give notice": the future is the agreement's content
        undated = mention_status(before, text[b:c1], rule.kind, None, published, None) if said_on else ""
        if undated == "planned" and rule.event_type.family in DECISIONS and rule.kind == "verb" and not (
                timex is not None and timex.date_start is not None and timex.date_start > published):
            status = "occurred"  # "said on Wednesday that 50 diplomats would be sent home": the decision, that day
        elif undated in ("planned", "possible", "proposed", "cancelled", "postponed"):
            timex, status = None, undated  # "said on Saturday that he would postpone the summit": the saying's date
        elif rule.kind == "noun" and rel is not None and rel.end <= a and SAYING_DATE.search(
                text[max(0, rel.start - 40):rel.start]) and re.search(r"\bthat\b", text[rel.end:a]):
            timex, status = None, mention_status(before, text[b:c1], rule.kind, None, published, own_tense)
            # "Pompeo said in July that talks with the North had made progress": July dates the saying
        else:
            status = mention_status(before, text[b:c1], rule.kind, start, published, own_tense, end,
                                    trigger=text[a:b], when=timex.text if timex is not None else "", rest=text[c1:])
        if (rule.event_type.family == "rejection" and REFUSAL.search(text, a, b) and status != "cancelled"
                and (end is None or end <= published)):
            status = "occurred"  # "Israel would not accept a foreign force": saying so is the rejection
        if rule.nested and end is not None and end < published:
            status = "occurred"  # "scrapped a 2016 deal": the deal of 2016 was made, whatever befalls it now
        until = NOT_UNTIL.match(text, b) if status == "negated" and rule.kind == "verb" else None
        if until:  # "ties were not restored until 1988": restored in 1988
            later = next((t for t, r in zip(local_timexes, rel_timexes, strict=True)
                          if r.start == until.end() and t.date_end is not None and t.date_end <= published), None)
            if later is not None:
                status, timex = "occurred", later
        last = text[a:b].split()[-1].lower()
        if status == "possible" and rule.kind == "verb" and text[a:b].split()[0].lower() in TALKS_NOUNS \
                and (last.endswith("ed") or last in PAST_IRREGULAR) and not MODAL_WORD.search(text, a, b):
            status = "occurred"  # "an attempt to convene talks in Geneva collapsed": the collapse is a fact
        if status == "occurred" and rule.event_type.family in GATHERINGS and FACTUAL_PAST.search(text[:a]):
            status = "planned"  # "agreed to begin talks": the talks are to come (unlike "agreed to restore ties")
        if (timex is not None and status in ("possible", "proposed", "planned") and rel is not None and rel.end <= a
                and (any(rel.end <= o[0] < a for o in others) and status != "planned"
                     or FACTUAL_PAST.search(text, rel.end, a))):
            timex = None  # "in late February, the powers offered to ease sanctions": the offer's date; so "on
            # Sunday the two ministers agreed to hold consultations": the agreement's
        if timex is not None and status in ("planned", "proposed", "possible"):
            timex = next_occurrence(timex, published, text[c0:c1])  # "scheduled to visit on Friday": the next one
            timex = from_publication(timex, published, DEADLINE_BEFORE.search(text, max(0, rel.start - 12),
                                                                              rel.start) is not None)
            # "due in Japan later this week", "should begin before the end of the year": from today on
        if timex is not None and status in ("cancelled", "postponed"):
            timex = nearest_weekday(timex, published)  # "cancelled a gala planned for Friday", said on Saturday
        if timex is None and ((status in ("cancelled", "postponed") and DONE_CALLING_OFF.search(text[c0:c1])) or (
                status == "occurred" and rule.kind == "verb" and PERFECT_BEFORE.search(text, max(0, a - 24), a))):
            # (also "Burundi has formally lodged its withdrawal, a UN spokesman confirmed on Thursday")
            said = [t for t, r in zip(local_timexes, rel_timexes, strict=True) if t.type == "DATE" and t.date_start
                    and REPORTING_BEFORE.search(text[max(0, r.start - 40):r.start])]
            timex = said[0] if said else None  # "has cancelled the meeting, the White House said on Wednesday"
        hidden = [(h.start(), h.end()) for h in PARENTHETICAL.finditer(text, c0, c1) if not h.start() <= a < h.end()]
        if aside is not None and not antecedent:
            hidden.append(aside)
        a0, a1 = clause_bounds(text, a, ACTOR_BREAK)
        a1 = max(a1, clause_bounds(text, max(a, b - 1), ACTOR_BREAK)[1])  # "sanctions, which X imposed on Iran"
        a0, a1 = (c0 if aside is not None and not antecedent else max(a0, c0)), min(a1, c1)
        clause_actors = [m for m in actors if (sentence.start + a0 <= m.start and m.end <= sentence.start + a1
                                               and not any(h0 <= m.start - sentence.start < h1 for h0, h1 in hidden))
                         or sentence.start + a <= m.start < m.end <= sentence.start + b]  # inside the trigger
        if antecedent:  # the ones the relative clause is about: "France and China, whose leaders met"
            clause_actors = antecedents(text, [m for m in actors if m.end <= sentence.start + c0
                                               and m.kind in ("person", "state")], sentence.start) + clause_actors
        if (rule.kind == "verb" and ((ELIDED_SUBJECT.fullmatch(text, c0, a) and COORDINATED.search(text, 0, c0))
                                     or (text[a:b].split()[0].endswith("ing") and GERUND_AFTER.search(text, 0, a)))
              and not any(m.start < sentence.start + a for m in clause_actors)):
            # (also "established relations on Sunday, a day after ending ties with Taiwan": the same subject)
            # "Modi met Putin in Moscow on Monday, and then flew to Vienna": the subject of the clause before
            clause_actors = list(sentence_subject(text, sentence.start, actors)) + clause_actors
        whole_clause = clause_actors
        if rule.kind == "noun":
            clause_actors = noun_phrase_actors(text, a, b, sentence.start, clause_actors) or clause_actors
        people, place = participants_of(rule.event_type.type, (sentence.start + a, sentence.start + b),
                                        clause_actors, text[c0:c1], sentence.start + c0)
        if place is None and all(m.form == "anaphor" for m in clause_actors) and clause_actors is not whole_clause:
            # "their first encounter took place in Singapore": the phrase names the parties, the clause the venue
            place = participants_of(rule.event_type.type, (sentence.start + a, sentence.start + b), whole_clause,
                                    text[c0:c1], sentence.start + c0)[1]
        retyped = next(((types_by_name()[t], st) for p, t, st in rule.retype if p.search(text[c0:a])), None)
        event_type = retyped[0] if retyped else rule.event_type
        if retyped and retyped[1] and status == "possible" and not MODAL_WORD.search(text, c0, a):
            status = retyped[1]  # "told those governments to pull their envoys out": the telling is the act
        if event_type.type == "talks" and HELD_TALKS.fullmatch(text, a, b) and any(
                p.kind == "person" for p in people):
            event_type = types_by_name()["meeting"]  # "the two leaders held talks in Jerusalem": they met
        label = rule.label if event_type is rule.event_type else event_type.label
        objects = tuple(m.actor_id for m in clause_actors if m.start >= sentence.start + b)
        if timex is None and rule.kind == "verb" and not undatable and status == "occurred" and out:
            prev = out[-1]  # "held talks with Moon on February 10, and handed him an invitation": the same day
            if prev.kind == "verb" and prev.dated and prev.status == "occurred" and SHARED_SUBJECT.fullmatch(
                    text, prev.trigger_end - sentence.start, a) and CLAUSE_BREAK.search(text, prev.trigger_end
                                                                                       - sentence.start, a):
                timex = prev.timex
        if timex is None and rule.kind == "verb" and status == "occurred" and WHERE_CLAUSE.match(text, c0):
            when = [t for t, r in zip(local_timexes, rel_timexes, strict=True)
                    if r.end <= c0 and t.type == "DATE" and t.date_start is not None]
            timex = when[-1] if when else None  # "began on Wednesday in Riyadh, where the king received him"
        out.append(EventMention(event_type, label, rule.kind, status, sentence, sentence.start + a,
                                sentence.start + b, text[a:b], timex, people, place, objects=objects,
                                anchor_days=anchor_days, undatable=undatable,
                                came_after=rel is None and back is not None))
    return out


def extract_mentions(article: Article, dictionary: ActorDictionary | None = None) -> list[EventMention]:
    """All event mentions of an article, in text order, with talks-related mentions given their parties."""
    if article.published is None:
        raise ValueError(f"{article.name}: no publication date; relative dates cannot be resolved")
    dictionary = dictionary or ActorDictionary.load()
    sents = sentences(article.text)
    if not sents:
        return []
    timexes = find_timexes(article.text, article.published)
    actors = [as_official(dictionary, a, article.published)
              for a in dictionary.find(article.text, when=article.published)]
    groups = [as_official(dictionary, a, article.published) for a in group_actors(dictionary, article.text, actors)]
    actors = sorted(actors + groups, key=lambda m: m.start)
    anaphors = [as_official(dictionary, a, article.published) for a in resolve_anaphora(article.text, sents, actors)]
    actors = sorted(actors + anaphors, key=lambda m: m.start)
    out: list[EventMention] = []
    triggers = triggers_by_sentence(article.text, sents)
    for i, s in enumerate(sents):
        if i not in triggers:
            continue
        local = [a for a in actors if s.start <= a.start < s.end]
        local = resolve_as_of(dictionary, article.text, s, local, timexes, article.published)
        out.extend(split_gapped(mentions_in(s, timexes, local, article.published, triggers[i]), timexes, local))
    reanchor_counted(out, timexes)  # "two days earlier": from the event reported before
    in_title = dictionary.find(article.title, when=article.published) if article.title else []
    out = resolve_context(out, sents, dictionary, article.published, actors, article.text, in_title)
    for m in out:
        if not m.dated and m.kind == "verb":
            m.paragraph_time = paragraph_time(m, sents, timexes, article.text, article.published)
    lead = {s.start for s in sents[:LEAD_SENTENCES]}
    for m in out:
        m.lead = m.sentence.start in lead
    return out


def paragraph_time(m: EventMention, sents: list[Sentence], timexes: list[Timex], text: str,
                   published: dt.date) -> Timex | None:
    """The date, older than the news, that the sentence before a mention in its paragraph last names, outside a
    since- or after-phrase ("A smaller precedent came in 1994, after the arrest of
    Ames. Washington then expelled ..."): the time the paragraph tells of, as a date from context."""
    i = next((k for k, s in enumerate(sents) if s.start == m.sentence.start), None)
    if i is None or m.event_type.family in REACTIONS or DURING_NEWS.search(m.sentence.text):
        return None  # words about events, acts "during the ceremony": of the news, not of history
    if i == 0 or sents[i - 1].paragraph != m.sentence.paragraph or any(
            m.sentence.start <= t.start < m.sentence.end and t.type == "DATE" and t.date_start is not None
            for t in timexes):
        return None  # (a sentence with a time of its own: "telephoned him after his re-election in March")
    old = [t for t in timexes if sents[i - 1].start <= t.start and t.end <= m.sentence.start and t.type == "DATE"
           and t.source in ("explicit", "inferred", "anchored") and t.granularity in ("year", "month", "day")
           and t.date_end is not None
           and (published - t.date_end).days > PARAGRAPH_TIME_DAYS
           and not SINCE_BEFORE_DATE.search(text, max(0, t.start - 12), t.start)]
    return replace(old[-1], source="context") if old else None


def is_past_verb(trigger: str) -> bool:
    """Whether a verbal trigger is in the simple past ("met", "signed", "broke off", "the talks ended")."""
    words = trigger.lower().split()
    first = words[0]
    if first.endswith("ed") or first in PAST_IRREGULAR:
        return True
    return first in TALKS_NOUNS and any(w.endswith("ed") or w in PAST_IRREGULAR for w in words[1:])


def reports_past(m: EventMention) -> bool:
    """Whether a verbal mention reports a past fact of its own: a past verb ("signed") or a past decision to do it
    ("the two leaders agreed to reopen embassies"), not in a backgrounded clause ("including when he left for")."""
    before = m.sentence.text[: m.trigger_start - m.sentence.start]
    if BACKGROUND_CLAUSE.search(before):
        return False
    gerund = m.trigger.split()[0].lower().endswith("ing")
    if is_past_verb(m.trigger) or (gerund and (PAST_PROGRESSIVE.search(before) or PAST_BY.search(before))):
        return True  # "signed"; "Scholz said Germany was halting the approval"; "Moscow responded by expelling"
    return m.status == "occurred" and bool(FACTUAL_PAST.search(before))


def _shift(t: Timex, delta: int) -> Timex:
    return replace(t, start=t.start + delta, end=t.end + delta)
