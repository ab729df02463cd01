"""Merge: mentions of one event within an article become one report; reports of one event across articles one event."""

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.events import EventMention
from timeline.events_rules import referable_families
from timeline.merge_acts import (
    CONSULT,
    REACTIONS,
    anchored_background,
    another_act,
    before_news,
    gathering_of_act,
    moved_on,
    official_gathering,
    overlap,
    own_time,
    same_family,
    sentence_day,
    sentence_scope,
    separate_act,
    take_date,
    told_at_another_time,
    told_past,
    trip_and_encounter,
    trip_purpose,
)

PRECISION_RANK = {"century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 4, "season": 4, "month": 5,
                  "week": 6, "day": 7, "time": 8}
SOURCE_RANK = {"explicit": 0, "inferred": 1, "anchored": 2, "relative": 3, "publication": 4}
RECENT_STATUS = ("occurred", "negated", "cancelled", "postponed", "planned", "proposed", "possible")
CONFLICT_DAYS = 3
CONTEXT_DAYS = 7  # a news event of the past week sets the date of the undated sentences after it
CONTEXT_PARAGRAPHS = 2  # ... in its paragraph or the next two
REACTION_PARAGRAPHS = 1  # ... a reaction to it (an appeal, a rejection) only in its paragraph or the next
ALSO_BEFORE = re.compile(r"\b(?:also|too|separately|likewise|in\s+addition)\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE)
# a calling off told in the past: it happened in the news of its context ("a signing ceremony ... was cancelled")
CALLED_OFF = re.compile(r"(?<!to )(?<!will )(?<!would )(?<!could )\b(?:cancell?ed|called\s+off|scrapped|postponed|"
                        r"put\s+off)\b", re.IGNORECASE)


@dataclass
class Report:
    """One article's account of one event: its mentions and what they say together."""

    event_type: str
    family: str
    label: str
    status: str
    cameo_code: str | None
    plover_category: str | None
    plover_mode: str | None
    date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None
    date_text: str | None = None
    date_source: str | None = None
    place: str | None = None
    participants: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    article_key: str = ""
    published: str = ""
    index: int = 0

    @property
    def countries(self) -> list[str]:
        """States involved (ISO alpha-3), first mentioned first."""
        out: list[str] = []
        for _, _, _, country, _ in self.participants:
            if country and country not in out:
                out.append(country)
        return out

    @property
    def actors(self) -> list[str]:
        """Names of the actors, once each."""
        out: list[str] = []
        for _, name, _, _, _ in self.participants:
            if name not in out:
                out.append(name)
        return out

    @property
    def block(self) -> str:
        """Reports can only be one event if they share this key: family and year (or 'undated' and states)."""
        if self.date_start:
            return f"{self.family}|{self.date_start[:4]}"
        return f"{self.family}|undated|{','.join(sorted(self.countries))}"

    @property
    def summary(self) -> str:
        """A short headline: what happened, between whom, where."""
        names = _headline_names(self.participants)
        text = self.label[:1].upper() + self.label[1:]
        if names:
            text += ": " + ", ".join(names)
        if self.place and not any(self.place in n for n in names):
            text += f" (in {self.place})"
        return text


def _headline_names(participants: list[tuple[str, str, str, str | None, str]]) -> list[str]:
    """People and organisations by name, and states not already represented by one of their people;
    targets and hosts of a directed event come last, after an arrow."""
    people_countries = {c for _, _, kind, c, _ in participants if kind == "person"}
    sides: dict[bool, list[str]] = {False: [], True: []}
    for _, name, kind, country, role in participants:
        if role == "location" or (kind == "state" and country in people_countries):
            continue
        if name not in sides[False] and name not in sides[True]:
            sides[role in ("target", "host")].append(name)
    if sides[False] and sides[True]:
        return [", ".join(sides[False]) + " → " + ", ".join(sides[True])]
    return sides[False] + sides[True]


def precision_rank(precision: str | None) -> int:
    """How fine a precision is (finer is larger); -1 for undated."""
    return PRECISION_RANK.get(precision or "", -1)


def near(a0: str, a1: str, b0: str, b1: str, days: int = CONFLICT_DAYS) -> bool:
    """Whether two intervals are at most `days` apart."""
    gap = max(dt.date.fromisoformat(b0) - dt.date.fromisoformat(a1), dt.date.fromisoformat(a0)
              - dt.date.fromisoformat(b1))
    return gap.days <= days


def countries_compatible(a: list[str], b: list[str], allow_empty: bool = True) -> bool:
    """Whether two sets of states can describe one event's parties."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return allow_empty
    return sa <= sb or sb <= sa or len(sa & sb) >= 2


def report_from(m: EventMention) -> Report:
    """A report of a single mention."""
    t = m.timex
    r = Report(m.event_type.type, m.event_type.family, m.label, m.status, m.event_type.cameo,
               m.event_type.plover_category, m.event_type.plover_mode, place=m.place, mentions=[m])
    if t is not None and t.date_start is not None and t.date_end is not None:
        r.date, r.date_start, r.date_end = t.value, t.date_start.isoformat(), t.date_end.isoformat()
        r.precision, r.date_text, r.date_source = t.granularity, t.text, t.source
        if "T" in t.value and t.date_start == t.date_end:  # a time of day: events are dated to the day
            r.date, r.precision = t.date_start.isoformat(), "day"
    r.participants = [(p.actor_id, p.name, p.kind, p.country, p.role) for p in m.participants]
    return r


def absorb(r: Report, m: EventMention, widen: bool = False) -> None:
    """Add a mention to a report: its parties join (with `widen`, also those of states the report did not have
    yet), a finer date of its own replaces the report's; a plan another mention calls off is called off."""
    r.mentions.append(m)
    if m.status in ("cancelled", "postponed") and r.status in ("planned", "possible", "proposed"):
        r.status = m.status
    known = set(r.countries)
    for p in m.participants:
        item = (p.actor_id, p.name, p.kind, p.country, p.role)
        if known and p.country not in known and not widen:
            continue
        if not any(q[0] == p.actor_id for q in r.participants):
            r.participants.append(item)
    r.place = r.place or m.place
    if m.dated and precision_rank(m.timex.granularity) > precision_rank(r.precision):
        other = report_from(m)
        r.date, r.date_start, r.date_end = other.date, other.date_start, other.date_end
        r.precision, r.date_text, r.date_source = other.precision, other.date_text, other.date_source
        if m.event_type.type != r.event_type and m.event_type.type == "summit":
            r.event_type, r.label, r.cameo_code = "summit", m.label, m.event_type.cameo


def merge_article(mentions: Iterable[EventMention], published: dt.date | None = None) -> list[Report]:
    """Group an article's mentions into reports: dated ones by date, then references to them.

    With `published`, an undated past event reported in the lead takes the publication day
    (date_source = publication)."""
    mentions = list(mentions)
    reports: list[Report] = []
    by_verb: dict[tuple[int, int, str], Report] = {}
    for m in mentions:
        if not m.dated:
            continue
        key = (m.sentence.start, m.timex.start, m.timex.value)
        if m.kind == "noun" and key in by_verb and not trip_and_encounter(by_verb[key].family, m.event_type.family) \
                and not gathering_of_act(by_verb[key], m):
            absorb(by_verb[key], m)  # "met on Friday for a summit": one event; "flew there for a summit": two
            continue
        cand = report_from(m)
        for r in ([] if m.follow_up else reports):
            same_day = (r.precision != cand.precision and r.family == cand.family) or r.date == cand.date
            if (same_family(r.family, cand.family) and r.status == cand.status and same_day
                    and overlap(r.date_start, r.date_end, cand.date_start, cand.date_end)
                    and countries_compatible(r.countries, cand.countries) and not separate_act(r, m)):
                absorb(r, m, widen=m.kind == "verb")  # "Modi held talks with Putin" names the summit's parties
                break
        else:
            reports.append(cand)
        if m.kind == "verb":
            by_verb.setdefault(key, next(r for r in reports if m in r.mentions))
    for m in mentions:
        if m.dated:
            continue
        cand = report_from(m)
        if trip_purpose(m, mentions):  # "flew to Moscow for talks with Medvedev": dated with the trip in context
            reports.append(cand)
            continue
        if m.kind == "noun" and m.event_type.family not in referable_families():
            continue
        matches = [r for r in reports if not m.follow_up and r.family == cand.family
                   and (m.kind == "noun" or r.status == cand.status)
                   and countries_compatible(r.countries, cand.countries, allow_empty=False)
                   and (m.kind == "noun" or r.mentions[0].trigger_start < m.trigger_start)  # a telling follows
                   and not (m.kind == "verb" and ALSO_BEFORE.search(m.sentence.text, 0,
                                                                   m.trigger_start - m.sentence.start))
                   and not (m.kind == "verb" and another_act(m))
                   and not (m.kind == "verb" and told_at_another_time(m, r, mentions))
                   # "signed a declaration on Friday, and their ministers initialled a treaty": two acts
                   and not (m.kind == "verb" and any(x.kind == "verb" and x.sentence.start == m.sentence.start
                                                     for x in r.mentions))]
        if cand.status in ("cancelled", "postponed") and any(r.status != "occurred" for r in matches):
            matches = [r for r in matches if r.status != "occurred"]  # what is called off was a plan
        if len(matches) > 1:
            shared = [len(set(r.countries) & set(cand.countries)) for r in matches]
            best = max(shared)
            matches = [r for r, n in zip(matches, shared, strict=True) if n == best]
        if len(matches) > 1:  # a tie: the reference is to the event last mentioned before it
            before = [(max(x.trigger_start for x in r.mentions if x.trigger_start < m.trigger_start), i)
                      for i, r in enumerate(matches) if any(x.trigger_start < m.trigger_start for x in r.mentions)]
            matches = [matches[max(before)[1]]] if before else matches
        if len(matches) == 1:
            absorb(matches[0], m)
        elif not matches and (m.kind == "verb" or m.status != "occurred") and cand.countries:
            reports.append(cand)
    for r in reports:
        if r.family == "meeting" and r.event_type != "summit" and any(
                m.event_type.type == "summit" for m in r.mentions):
            r.event_type, r.label = "summit", "summit"  # a meeting also called a summit is a summit
    _set_codes(reports)
    reports = [r for r in reports if r.participants  # an event nobody takes part in is not a diplomatic event
               # nor a place, unless the event is of that place ("a truce in Yemen", "elections in Peru")
               and (r.family in ("election", "ceasefire", "talks") or r.event_type == "summit"
                    or any(p[4] != "location" for p in r.participants) or official_gathering(r))
               and (r.family != "visit" or any(p[4] not in ("host", "location") for p in r.participants))]
    # ... nor a visit with no visitor ("the company would visit suppliers in China")
    reports = sorted(reports, key=lambda r: r.mentions[0].trigger_start)
    if published is not None:
        reports = _date_from_context(reports, published)
    return reports


def _date_from_context(reports: list[Report], published: dt.date) -> list[Report]:
    """Undated past events of the news: the day of the news event just before them, in its paragraph or the next
    two, unless their sentence has a time of its own (date_source = context), or, in the lead, the publication day
    (date_source = publication). An act after a dated act of its sentence takes that act's date. An undated
    meeting or talks between the parties of the meeting or talks that dates it is that same encounter ("relaunched
    negotiations on Thursday ... the two leaders then met alone")."""
    recent = published - dt.timedelta(days=CONTEXT_DAYS)
    last: Report | None = None
    out: list[Report] = []
    for r in reports:
        out.append(r)
        first = r.mentions[0]
        trip = trip_purpose(first, [x for o in out for x in o.mentions])
        scope = sentence_scope(r, reports) or next((o for o in out if trip in o.mentions and o.date), None)
        if scope is not None:
            take_date(r, scope)
            continue
        called_off = r.status in ("cancelled", "postponed") and CALLED_OFF.search(first.sentence.text)
        if (r.date is None and (called_off or (r.status == "occurred" and first.kind == "verb" and told_past(first)))
                and not first.undatable):
            near = (last is not None and first.sentence.paragraph - last.mentions[0].sentence.paragraph
                    <= CONTEXT_PARAGRAPHS and not own_time(first, reports, last)
                    and not moved_on(first, reports, last) and first.paragraph_time is None)
            if before_news(first, r.family in REACTIONS, last.countries if last else []):
                continue  # "the first time they had met since": before the news ("said it had expelled": the news)
            day = None if called_off else sentence_day(first, [x for o in reports for x in o.mentions], published,
                                                       CONTEXT_DAYS)
            if r.family in REACTIONS and not (near and first.sentence.paragraph - last.mentions[0].sentence.paragraph
                                              <= REACTION_PARAGRAPHS):
                # words about events: dated by their own sentence's day ("declared a day of mourning on Saturday,
                # and its radio accused Sadat"), or by the news told in their paragraph or the one before
                if day is not None:
                    take_date(r, day)
                continue
            if day is None and near and r.family in CONSULT and last.family in CONSULT and countries_compatible(
                    last.countries, r.countries, allow_empty=False):
                for m in r.mentions:
                    absorb(last, m)
                out.pop()
                continue
            if day is not None or near:
                take_date(r, day or last)  # "crossed into Pakistan on Saturday ..., and was greeted": its own day
            elif first.lead and not called_off:
                day = published.isoformat()
                r.date, r.date_start, r.date_end, r.precision = day, day, day, "day"
                r.date_source, r.date_text = "publication", None
            elif first.paragraph_time is not None and not called_off:
                t = first.paragraph_time  # "A smaller precedent came in 1994. Washington then expelled ...": 1994
                r.date, r.date_start, r.date_end = t.value, t.date_start.isoformat(), t.date_end.isoformat()
                r.precision, r.date_source, r.date_text = t.granularity, "context", t.text
        if (r.status == "occurred" and r.precision == "day" and r.date_start
                and recent.isoformat() <= r.date_start <= published.isoformat()
                and not anchored_background(r, reports)):
            last = r
    return out


def _set_codes(reports: list[Report]) -> None:
    """Meetings: CAMEO 043 (host a visit) when held in a party's country, 044 when in a third country."""
    for r in reports:
        if r.family != "meeting" or not r.place:
            continue
        place_country = next((p[3] for p in r.participants if p[1] == r.place), None)
        parties = {p[3] for p in r.participants if p[4] != "location"}
        if place_country in parties:
            r.cameo_code, r.plover_mode = "043", "visit"
        elif place_country:
            r.cameo_code, r.plover_mode = "044", "third-party"


def canonical_order(r: Report) -> tuple:
    """Ingest-order-independent order of reports: finest date first, then by article and position."""
    return (-precision_rank(r.precision), SOURCE_RANK.get(r.date_source or "", 9), r.date_start or "",
            r.article_key, r.index)


def same_event(head: Report, r: Report) -> bool:
    """Whether report r describes the event whose canonical first report is head."""
    if not countries_compatible(head.countries, r.countries):
        return False
    if head.date_start is None or r.date_start is None:
        return head.date_start is None and r.date_start is None
    if overlap(head.date_start, head.date_end, r.date_start, r.date_end) and (
            precision_rank(head.precision) != precision_rank(r.precision) or head.date == r.date):
        return True
    return bool(set(head.countries) == set(r.countries) and head.countries
                and near(head.date_start, head.date_end, r.date_start, r.date_end))


def months(r: Report, pad_days: int = 0) -> list[str]:
    """The months (YYYY-MM) a report's interval touches, widened by pad_days; ['undated'] without a date."""
    if r.date_start is None or r.date_end is None:
        return ["undated"]
    day = dt.date.fromisoformat(r.date_start) - dt.timedelta(days=pad_days)
    last = dt.date.fromisoformat(r.date_end) + dt.timedelta(days=pad_days)
    out = []
    while day <= last:
        out.append(f"{day.year:04d}-{day.month:02d}")
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return out


def cluster(reports: list[Report]) -> list[list[Report]]:
    """Group reports of one block that describe the same event (deterministic, independent of input order).

    Each report, in canonical order, joins the first earlier cluster whose head it matches, else starts one;
    clusters are indexed by month and state so a large block is not scanned whole for every report."""
    clusters: list[list[Report]] = []
    by_month: dict[str, list[int]] = {}
    by_month_state: dict[tuple[str, str], list[int]] = {}
    stateless: dict[str, list[int]] = {}
    for r in sorted(reports, key=canonical_order):
        keys = months(r)
        candidates: set[int] = set()
        for k in keys:
            if not r.countries:
                candidates.update(by_month.get(k, ()))
            else:
                candidates.update(stateless.get(k, ()))
                for c in r.countries:
                    candidates.update(by_month_state.get((k, c), ()))
        target = next((i for i in sorted(candidates) if same_event(clusters[i][0], r)), None)
        if target is not None:
            clusters[target].append(r)
            continue
        clusters.append([r])
        i = len(clusters) - 1
        for k in months(r, CONFLICT_DAYS):
            by_month.setdefault(k, []).append(i)
            if not r.countries:
                stateless.setdefault(k, []).append(i)
            for c in r.countries:
                by_month_state.setdefault((k, c), []).append(i)
    return clusters


def event_id(c: list[Report]) -> int:
    """A stable integer id for a cluster: its block and its canonical first report."""
    head = c[0]
    digest = hashlib.sha1(f"{head.block}|{head.article_key}|{head.index}".encode()).hexdigest()
    return int(digest[:13], 16)  # 52 bits: exact in JavaScript numbers (JSON consumers, the timeline page)


def event_status(c: list[Report]) -> str:
    """Status of a merged event: what the latest report says (later reports know more)."""
    latest = max(c, key=lambda r: (r.published, RECENT_STATUS.index(r.status) * -1))
    return latest.status


def date_conflict(c: list[Report]) -> bool:
    """Whether some report's date shares no day with the event's date."""
    head = c[0]
    return any(r.date_start and not overlap(head.date_start, head.date_end, r.date_start, r.date_end) for r in c)
