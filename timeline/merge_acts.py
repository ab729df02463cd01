"""Merge: which mentions tell acts of their own, though of one family, day or sentence as another event, and which
undated ones take the date of their context."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.events import BACKGROUND_CLAUSE, REACTIONS, EventMention, reports_past
from timeline.events_anchor import COARSE_ANCHOR
from timeline.timex import find_timexes

if TYPE_CHECKING:
    from timeline.merge import Report

CONSULT = {"meeting", "talks", "talks_resumed"}  # families of one encounter: a meeting, its talks
# an act told as another one of its kind: "concluded separate agreements", "answered with tests of its own"
ANOTHER = re.compile(r"\b(?:separate|another|a\s+second|a\s+further|a\s+fresh|(?:its|their|his|her)\s+own|"
                     r"(?:responded|retaliated|reacted|replied|answered|reciprocated)\s+by|in\s+kind)\b",
                     re.IGNORECASE)
DOCUMENTS = {"declaration": "declaration", "memorandum": "memorandum", "mou": "memorandum", "protocol": "protocol",
             "protocols": "protocol", "communique": "statement", "communiqué": "statement", "statement": "statement",
             "charter": "charter", "convention": "convention", "roadmap": "roadmap"}
# an act told inside a noun phrase ("in an agreement announced in Beijing", "earlier truces announced") or as a
# participle of the clause before it (", urging Washington to ...") is no act of its own in the sentence
NOUN_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|these|those|several|earlier|previous|other|"
                         r"some|many)\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE)
PARTICIPLE_BEFORE = re.compile(r",\s*$")
SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)  # "the first since September 2017": no time of its own
# "had demanded": before the time of its context, unless reported speech shifts it back ("said it had expelled")
PLUPERFECT = re.compile(r"\bhad\s+(?:(?:not|never|already|also|just|earlier|previously)\s+)?$", re.IGNORECASE)
REPORTED = re.compile(r"\b(?:said|told|announced|confirmed|reported|added|stated)\b", re.IGNORECASE)
PAST_AUX = re.compile(r"(?:was|were)\s+\w+(?:ing|ed)\b", re.IGNORECASE)  # "was halting", "was greeted by"


def same_family(a: str, b: str) -> bool:
    """Whether two families may name one event: the same, or a meeting and the talks held at it."""
    return a == b or (a in CONSULT and b in CONSULT)


def another_act(m: EventMention) -> bool:
    """Whether a mention tells an act as a new one of its kind ("Washington concluded separate agreements with each
    country"): its trigger, or the two words before it, say so."""
    start = m.trigger_start - m.sentence.start
    before = m.sentence.text[:start].split()[-2:]
    return bool(ANOTHER.search(" ".join([*before, m.trigger])))


def document_kinds(text: str) -> set[str]:
    """The kinds of document a trigger names ("signed a memorandum" -> {"memorandum"}); generic words (agreement,
    deal, treaty) name none, as they may stand for any."""
    return {DOCUMENTS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in DOCUMENTS}


def separate_act(r: Report, m: EventMention) -> bool:
    """Whether a dated verb mention is an act of its own though of the report's family and day: told as another
    ("signed a separate military agreement"), naming another kind of document ("the declaration was adopted" /
    "signed a memorandum"), or done in another sentence by two or more of the report's parties only ("the five
    agreed on Thursday to admit six members ... India and China agreed to ease tension")."""
    if m.kind != "verb":
        return False
    if another_act(m):
        return True
    told = [x for x in r.mentions if x.kind == "verb" and x.sentence.start != m.sentence.start]
    if not told or any(x.sentence.start == m.sentence.start for x in r.mentions):
        return False
    kinds, own = set().union(*(document_kinds(x.trigger) for x in told)), document_kinds(m.trigger)
    if kinds and own and not kinds & own:
        return True
    return 2 <= len(set(m.countries)) and set(m.countries) < set(r.countries)


AT_GATHERING = re.compile(r"\b(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:[\w’'.-]+\s+){0,4}$",
                          re.IGNORECASE)  # "at NATO's Madrid summit", "on the sidelines of the G20 summit"


def gathering_of_act(r: Report, m: EventMention) -> bool:
    """Whether a dated noun mention names the gathering at which the act of a verb of its sentence and date took
    place ("signed a memorandum at NATO's Madrid summit last June"): an event of its own, not the act."""
    before = m.sentence.text[:m.trigger_start - m.sentence.start]
    return m.event_type.family in CONSULT | {"summit"} and r.family not in CONSULT | {"summit", "visit"} and bool(
        AT_GATHERING.search(before))


def trip_and_encounter(a: str, b: str) -> bool:
    """Whether two families are a trip and an encounter held on it: two events, though told as one ("flew to
    Pyongyang on Tuesday for the first summit", "met Wang in Beijing, in the first visit by ...")."""
    return "visit" in (a, b) and bool({a, b} & CONSULT)


# an act told in an after/when clause ("..., after Colombia accused his government ..."), not years after it
AFTER_CLAUSE = re.compile(r"(?<!years\s)(?<!months\s)(?<!decades\s)(?<!weeks\s)\b(?:after|when)\s+"
                          r"(?:[\w’'.-]+\s+){0,6}$", re.IGNORECASE)


def sentence_scope(r: Report, reports: list[Report]) -> Report | None:
    """For an undated act told with its own verb, the dated act of the same status told before it in its sentence,
    whose date covers the whole sentence ("In March, Washington expelled 50 diplomats, and Moscow answered by
    ordering out as many Americans"; "met on Tuesday, and Kyiv put forward a proposal"); None if there is none or
    the act sits in a backgrounded clause ("..., two years after they signed"), unless an after/when clause follows
    an act dated by month or more coarsely ("cut ties in July 2010 after Colombia accused": July 2010)."""
    first = r.mentions[0]
    if r.date is not None or first.kind != "verb" or first.undatable or not (
            r.status == "occurred" or (r.status == "planned" and r.family not in REACTIONS)):
        return None  # words to be said ("is expected to urge Trump") are no event of the plan's day
    before = first.sentence.text[: first.trigger_start - first.sentence.start]
    after_coarse = bool(AFTER_CLAUSE.search(before))  # "cut ties in July 2010 after Colombia accused": July 2010
    if (BACKGROUND_CLAUSE.search(before) and not after_coarse) or NOUN_BEFORE.search(before) or (
            first.trigger.split()[0].lower().endswith("ing") and PARTICIPLE_BEFORE.search(before)):
        return None
    best: tuple[int, Report] | None = None
    for other in reports:
        if after_coarse and other.precision not in COARSE_ANCHOR:
            continue
        if other is r or other.date is None or other.status != r.status or (other.family == r.family and (
                set(r.countries) < set(other.countries) or other.countries[:1] == r.countries[:1])
                and not held_at(r, other)):
            continue  # "issued a licence on Friday and lifted a ban": one act; "X expelled ..., and Y answered": two
        if r.family in CONSULT and other.family not in CONSULT and set(r.countries) <= set(other.countries):
            continue  # "signed a declaration on Monday, and Rabin and Arafat shook hands": the signing's encounter
        for x in other.mentions:
            if (x.sentence.start == first.sentence.start and x.dated and x.trigger_start < first.trigger_start
                    and not RELATIVE_IN_TRIGGER.search(x.trigger) and (best is None or x.trigger_start > best[0])):
                best = (x.trigger_start, other)
    return best[1] if best else None


def held_at(r: Report, other: Report) -> bool:
    """Whether an encounter told with a verb is held at a gathering its sentence names and dates with a noun, with
    parties the gathering does not name ("travels to Santiago this weekend for the summit, where he is expected to
    meet the leaders of China and Japan"): an encounter of its own on the gathering's day, not the gathering."""
    first = r.mentions[0]
    return r.family in CONSULT and bool(set(r.countries) - set(other.countries)) and any(
        x.kind == "noun" and x.dated and x.sentence.start == first.sentence.start
        and x.trigger_start < first.trigger_start
        for x in other.mentions) and not any(
        x.kind == "verb" and x.sentence.start == first.sentence.start for x in other.mentions)


OPENING_PARTICIPLE = re.compile(r"(?-i:[A-Z])[a-z]+ing\b")
MAIN_PAST = re.compile(r",\s+(?:[\w’'.-]+\s+){1,6}?(?:also\s+)?(?:[a-z]+ed|met|held|sent|said|told|signed)\b")


def told_past(m: EventMention) -> bool:
    """Whether a verbal mention tells a past act: a past verb of its own, or a past tense in its sentence up to its
    trigger ("Scholz said Germany was halting the approval", "and was greeted at the border by") outside a
    backgrounded clause."""
    if reports_past(m):
        return True
    if OPENING_PARTICIPLE.match(m.trigger) and m.trigger_start == m.sentence.start and MAIN_PAST.search(
            m.sentence.text):  # "Meeting in Cairo, foreign ministers also called on ...": the main verb's past
        return True
    before = m.sentence.text[: m.trigger_start - m.sentence.start]
    if ENCOUNTER_AFTER.search(before) and PAST_WORD.search(before):
        return True  # "made the announcement after talks with President Quang": the talks of that day
    if BACKGROUND_CLAUSE.search(before):
        return False
    words = m.trigger.split()
    return bool(PAST_AUX.match(m.trigger)) or (words[0][:1].isupper() and any(
        w.endswith("ed") for w in words[1:]))


PAST_WORD = re.compile(r"\b(?:[a-z]{3,}ed|made|met|held|said|told|signed|gave|took|spoke|flew|came|went)\b")
ENCOUNTER_AFTER = re.compile(r"\b(?:after|following)\s+$", re.IGNORECASE)  # "after [talks with X]"
RELATIVE_IN_TRIGGER = re.compile(r"\b(?:that|which)\s", re.IGNORECASE)


def own_time(first: EventMention, reports: list[Report], last: Report) -> bool:
    """Whether the sentence of an undated mention dates another event to another time than the news event's: the
    sentence has a time of its own ("Trump also telephoned Putin after his re-election in March")."""
    return any(x.date and x.date != last.date and any(
        y.dated and y.sentence.start == first.sentence.start and not RELATIVE_IN_TRIGGER.search(y.trigger)
        for y in x.mentions) for x in reports)  # (not an act told in a relative clause: "restrictions that
    # Congress imposed in 1992" is background to the waiver signed that day)


def take_date(r: Report, other: Report) -> None:
    """Date r with the date of another report, as known from the context."""
    r.date, r.date_start, r.date_end = other.date, other.date_start, other.date_end
    r.precision, r.date_source, r.date_text = other.precision, "context", other.date_text


def moved_on(first: EventMention, reports: list[Report], last: Report) -> bool:
    """Whether, between the news event and a later mention, a paragraph before the mention's tells acts of another
    time (not a "since" anchor): the context is no longer the news day ("... signed seven agreements on Wednesday.
    || India established relations with Israel in 1992 ... || Netanyahu said he had accepted an invitation")."""
    lo, hi = last.mentions[0].sentence.end, first.sentence.start
    return any(x.date and x.date != last.date and x.date_source != "context" and any(
        y.dated and y.kind == "verb" and lo <= y.sentence.start < hi and y.sentence.paragraph < first.sentence.paragraph
        and not SINCE_BEFORE.search(y.sentence.text, 0, y.timex.start - y.sentence.start)
        for y in x.mentions) for x in reports)


def anchored_background(r: Report, reports: list[Report]) -> bool:
    """Whether a report is dated only by an offset from another act's time phrase in its sentence ("imposed sanctions
    on Tuesday, a day after Putin recognised ..."): background to that act, not the news whose day dates the
    sentences after it."""
    if r.date_source != "anchored":
        return False
    own = [m for m in r.mentions if m.dated and m.timex.source == "anchored"]
    return any(x.dated and x.timex.source != "anchored" and any(
        x.sentence.start == m.sentence.start and x.timex.start == m.timex.start for m in own)
        for other in reports if other is not r for x in other.mentions)


TRIP_FOR = re.compile(r"^\s+(?:[\w’'.-]+\s+){1,4}for\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)  # " to Moscow for "


def trip_purpose(m: EventMention, mentions: list[EventMention]) -> EventMention | None:
    """For an undated meeting or talks named as the purpose of a trip told just before it in its sentence ("flew to
    Moscow for talks with Medvedev"), the trip's verb mention: the encounter held on the trip, an event of its own
    (see trip_and_encounter) of the trip's day; None otherwise."""
    if m.kind != "noun" or m.dated or m.status != "occurred" or m.event_type.family not in CONSULT:
        return None
    for x in mentions:
        if (x.kind == "verb" and x.event_type.family == "visit" and x.status == "occurred"
                and x.sentence.start == m.sentence.start and x.trigger_start < m.trigger_start
                and TRIP_FOR.match(m.sentence.text[x.trigger_start + len(x.trigger) - m.sentence.start:
                                                  m.trigger_start - m.sentence.start])):
            return x
    return None


RELATIVE_BEFORE = re.compile(r",\s*(?:who|which)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)  # "the emir, who has "
HAD_DONE = re.compile(r"had\s+(?:(?:not|never|already|also|just|earlier|previously)\s+)?(?:\w+ed|met|held|sent|"
                      r"broke|struck|signed)\b", re.IGNORECASE)  # "had hosted talks" (not "had talks")


def before_news(first: EventMention, reaction: bool, news: list[str]) -> bool:
    """Whether an undated past act is told as background to the news, not as an act of its day: in the past perfect
    ("the first time they had met since"; "Switzerland had hosted talks"), unless reported speech shifts it back
    ("said it had expelled"; reactions are not shifted), or in a relative clause on a party ("Kuwait's emir, who has
    mediated before, ..."; "The United States, which left the accord, takes part"), unless two or more of the
    states of the news (`news`) do it ("Trump, who hosted Pashinyan and Aliyev, hailed the ceremony")."""
    before = first.sentence.text[: first.trigger_start - first.sentence.start]
    if (PLUPERFECT.search(before) or HAD_DONE.match(first.trigger)) and (reaction or not REPORTED.search(before)):
        return True
    return bool(RELATIVE_BEFORE.search(before)) and len(set(first.countries) & set(news)) < 2


def sentence_day(first: EventMention, mentions: list[EventMention], published: dt.date, days: int) -> Report | None:
    """For an undated past act, a day of the past `days` named before its trigger in its own sentence and dating no
    event told there ("Vajpayee crossed into Pakistan at Wagah on Saturday ..., and was greeted at the border by
    Sharif": the crossing has no trigger, the greeting is of its day), as a report to take the date of; None if
    there is none."""
    from timeline.merge import Report

    offset = first.trigger_start - first.sentence.start
    used = {m.timex.start for m in mentions if m.timex is not None and m.sentence.start == first.sentence.start}
    days_back = [t for t in find_timexes(first.sentence.text, published)
                 if t.end <= offset and t.granularity == "day" and t.date_start and t.date_start == t.date_end
                 and t.start + first.sentence.start not in used and 0 <= (published - t.date_start).days <= days
                 and not BACKGROUND_CLAUSE.search(first.sentence.text, 0, t.start)]
    if not days_back:
        return None
    t = days_back[-1]
    day = t.date_start.isoformat()
    return Report("", "", "", "occurred", None, None, None, date=day, date_start=day, date_end=day, precision="day",
                  date_text=t.text)


def overlap(a0: str | None, a1: str | None, b0: str | None, b1: str | None) -> bool:
    """Whether two ISO-day intervals share a day."""
    return bool(a0 and a1 and b0 and b1 and a0 <= b1 and b0 <= a1)


OFFICIALS = re.compile(r"\b(?:the\s+(?:two|three|four|five|six|seven|eight|nine)\b|leaders|presidents|"
                       r"prime\s+ministers|(?:foreign\s+)?ministers|heads\s+of\s+(?:state|government)|delegations|"
                       r"envoys|diplomats)\b", re.IGNORECASE)


def told_at_another_time(m: EventMention, r: Report, mentions: list[EventMention]) -> bool:
    """Whether an undated act's sentence dates another of its acts to a time apart from a report's date ("Chávez
    cut ties in July 2010 after Colombia accused his government": not the accusation of the news in 2019)."""
    if r.date_start and m.paragraph_time is not None and not overlap(
            r.date_start, r.date_end, m.paragraph_time.date_start.isoformat(), m.paragraph_time.date_end.isoformat()):
        return True  # "A smaller precedent came in 1994. Washington then expelled ...": not the expulsion of 1986
    told = r.mentions[0].paragraph_time
    if told is not None and m.paragraph_time is not None and told.value != m.paragraph_time.value:
        return True  # two undated acts of paragraphs about different times
    return any(x.dated and x.sentence.start == m.sentence.start and x not in r.mentions and x.timex.date_start
               and r.date_start and not overlap(r.date_start, r.date_end, x.timex.date_start.isoformat(),
                                                x.timex.date_end.isoformat())
               for x in mentions)


def official_gathering(r: Report) -> bool:
    """Whether a meeting told only by its venue is one of officials ("where the five presidents first met"), not
    of traders or fans ("Chinese investors met in Shanghai")."""
    return r.family == "meeting" and any(
        OFFICIALS.search(m.sentence.text, 0, m.trigger_start - m.sentence.start) for m in r.mentions)
