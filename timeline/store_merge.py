"""Settling: (re)merge the stored reports of merge blocks into events, writing only what changed.

A mention whose `event_id` is NULL is *pending*: its report was stored but not yet merged. A block with pending
mentions is re-clustered: from what clustering needs of its stored reports (`Slim`s, read lean), the clusters
`merge.cluster` gives for all of them (deterministic and independent of the order articles came in) are worked out
from the block's stored events and its pending reports (`store_settle`), so the events after settling are the same
however and in what order the articles were ingested, and however often a run was interrupted. Only events whose
reports changed are read in full and rewritten. The stored events are taken to be what `merge.cluster` gave for
their reports (every commit leaves them so); after a change of the merge rules, `timeline reprocess` re-merges
everything.
"""

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.merge import Report, date_conflict, event_id, event_status
from timeline.store_settle import Slim, changes

COARSE = ("year", "decade", "century", "half")
MENTION_QUERY = (
    "select m.id, m.article_id, m.report, m.event_id, m.char_start, m.sentence, m.event_type, m.family, m.label, "
    "m.status, m.cameo_code, m.plover_category, m.plover_mode, m.date, m.date_start, m.date_end, m.precision, "
    "m.date_text, m.date_source, m.place, m.participants, a.key, a.published, a.source "
    "from mentions m join articles a on a.id = m.article_id where m.block = ? {} order by m.id"
)
SLIM_QUERY = ("select m.article_id, m.report, m.event_id, m.precision, m.date_source, m.date, m.date_start, "
              "m.date_end, m.countries, a.key from mentions m join articles a on a.id = m.article_id where m.block = ? "
              "order by m.id")
FULL_SHARE = 0.5  # when more of a block's reports than this changed, read the whole block rather than by article
_COUNTRIES: dict[str, list[str]] = {}  # the states of reports by their JSON (shared lists: do not change them)
EVENT_COLUMNS = ("id", "date", "date_start", "date_end", "precision", "date_source", "date_text", "year",
                 "year_month", "event_type", "cameo_code", "plover_category", "plover_mode", "status", "summary",
                 "place", "countries", "actors", "mention_count", "article_count", "date_conflict",
                 "first_reported", "source", "evidence")
UPSERT_EVENT = (
    f"insert into events ({', '.join(EVENT_COLUMNS)}) values ({', '.join('?' * len(EVENT_COLUMNS))}) "
    f"on conflict(id) do update set {', '.join(f'{c} = excluded.{c}' for c in EVENT_COLUMNS[1:])}"
)


@dataclass
class StoredMention:
    """What settling needs of one stored mention."""

    id: int
    article_id: int
    event_id: int | None
    char_start: int
    sentence: str


def pending_blocks(conn: sqlite3.Connection) -> list[str]:
    """Blocks that have mentions not yet merged into events."""
    return [b for (b,) in conn.execute("select distinct block from mentions where event_id is null order by 1")]


def load_slims(conn: sqlite3.Connection, block: str) -> tuple[list[Slim], set[int]]:
    """What clustering needs of each stored report of a block, with the event it is part of (None: pending, also
    when only some of its mentions are); `ref` is (article id, report index). Also the ids of the events any
    mention of the block points at."""
    slims: dict[tuple[int, int], Slim] = {}
    events: set[int] = set()
    s = None
    for aid, report, eid, precision, source, date, start, end, states, key in conn.execute(SLIM_QUERY, (block,)):
        events.add(eid)
        if s is None or s.ref != (aid, report):
            s = slims.get((aid, report))
        if s is not None:  # another mention of the report
            if s.prior != eid:
                s.prior = None
            continue
        cs = _COUNTRIES.get(states)
        if cs is None:
            if len(_COUNTRIES) >= 100_000:
                _COUNTRIES.clear()
            cs = _COUNTRIES[states] = json.loads(states or "[]")
        s = slims[(aid, report)] = Slim(block, precision, source, date, start, end, cs, key, report, eid, (aid, report))
    events.discard(None)  # type: ignore[arg-type]
    return list(slims.values()), events


def load_block(conn: sqlite3.Connection, block: str, articles: list[int] | None = None
               ) -> tuple[dict[tuple[int, int], Report], dict[int, list[StoredMention]], dict[str, str | None]]:
    """The stored reports of a block (or of the given articles in it) by (article id, report index), their
    mentions (by id(report)) and the source of each article key."""
    if articles is None:
        rows = conn.execute(MENTION_QUERY.format(""), (block,))
    else:
        rows = conn.execute(MENTION_QUERY.format("and m.article_id in (select value from json_each(?))"),
                            (block, json.dumps(sorted(articles))))
    grouped: dict[tuple[int, int], list] = defaultdict(list)
    for row in rows:
        grouped[(row[1], row[2])].append(row)
    reports: dict[tuple[int, int], Report] = {}
    mentions: dict[int, list[StoredMention]] = {}
    sources: dict[str, str | None] = {}
    for ref, rows in grouped.items():
        r0 = rows[0]
        report = Report(
            event_type=r0[6], family=r0[7], label=r0[8], status=r0[9], cameo_code=r0[10], plover_category=r0[11],
            plover_mode=r0[12], date=r0[13], date_start=r0[14], date_end=r0[15], precision=r0[16],
            date_text=r0[17], date_source=r0[18], place=r0[19],
            participants=[tuple(p) for p in json.loads(r0[20] or "[]")], mentions=[], article_key=r0[21],
            published=r0[22], index=r0[2],
        )
        reports[ref] = report
        mentions[id(report)] = [StoredMention(r[0], r[1], r[3], r[4], r[5]) for r in rows]
        sources[r0[21]] = r0[23]
    return reports, mentions, sources


def event_row(eid: int, c: list[Report], mentions: list[StoredMention], sources: dict[str, str | None],
              first_mentions: list[StoredMention]) -> tuple:
    """The events-table row of a cluster; the evidence is the first sentence of the first report (earliest
    published, then article key), so it does not depend on the order articles were ingested in."""
    head = c[0]
    countries: list[str] = []
    actors: list[str] = []
    for r in c:
        countries += [x for x in r.countries if x not in countries]
        actors += [x for x in r.actors if x not in actors]
    first = min(c, key=lambda r: (r.published, r.article_key, r.index))
    evidence = min(first_mentions, key=lambda m: m.char_start).sentence if first_mentions else None
    year = int(head.date_start[:4]) if head.date_start else None
    year_month = head.date_start[:7] if head.date_start and head.precision not in COARSE else None
    return (eid, head.date, head.date_start, head.date_end, head.precision, head.date_source, head.date_text, year,
            year_month, head.event_type, head.cameo_code, head.plover_category, head.plover_mode, event_status(c),
            head.summary, head.place, json.dumps(countries), json.dumps(actors), len(mentions),
            len({r.article_key for r in c}), int(date_conflict(c)), first.published, sources.get(first.article_key),
            evidence)


@dataclass
class Merged:
    """What merging a block came to: the events to write and those to delete. Plain rows, so a worker process can
    work it out (reading only) and the writer apply it."""

    block: str
    size: int  # reports in the block
    batch: "EventBatch"
    stale: list[int]


def merge_block(conn: sqlite3.Connection, block: str) -> Merged:
    """Re-cluster one block's stored reports (reading only): the events that changed and those no longer there.
    Read it in one transaction, or at least while nothing but new pending reports may be added to the block."""
    slims, old_ids = load_slims(conn, block)
    stored = Counter(s.prior for s in slims if s.prior is not None)
    clusters, gone = changes(slims)
    new_ids: set[int] = set()
    changed: list[tuple[int, list[Slim]]] = []
    for c in clusters:
        eid = event_id(c)  # type: ignore[arg-type]  # a Slim has what event_id reads
        new_ids.add(eid)
        if stored.get(eid) != len(c) or any(s.prior != eid for s in c):
            changed.append((eid, c))  # not the same reports as when this event was written
    batch = EventBatch()
    if changed:
        refs = {s.ref for _, c in changed for s in c}
        articles = None if len(refs) > FULL_SHARE * len(slims) else list({aid for aid, _ in refs})
        reports, mentions_of, sources = load_block(conn, block, articles)
        for eid, c in changed:
            batch.add(eid, [reports[s.ref] for s in c], mentions_of, sources, eid in old_ids)  # type: ignore[index]
    stale = (old_ids - set(stored) | gone) - new_ids  # (events only some mentions point at go too)
    return Merged(block, len(slims), batch, sorted(stale))


def apply_merged(conn: sqlite3.Connection, merged: Merged) -> int:
    """Write a block's merge in the caller's transaction; return how many events were written."""
    merged.batch.write(conn)
    if merged.stale:
        delete_events(conn, merged.stale)
    return len(merged.batch.events)


def settle_block(conn: sqlite3.Connection, block: str) -> tuple[int, int]:
    """Re-merge one block into events; return how many events were written and how many reports the block has.
    Runs in the caller's transaction."""
    merged = merge_block(conn, block)
    return apply_merged(conn, merged), merged.size


class EventBatch:
    """Rows for the events of a block that changed, written together (few round trips into SQLite)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []
        self.replaced: list[tuple[int]] = []
        self.actors: dict[str, tuple] = {}
        self.event_actors: list[tuple] = []
        self.event_countries: list[tuple] = []
        self.mentions: list[tuple[int, int]] = []

    def add(self, eid: int, c: list[Report], mentions_of: dict[int, list[StoredMention]],
            sources: dict[str, str | None], stored: bool = True) -> None:
        """Add one merged event: its row, actor and country links, and its mentions pointing at it. `stored`
        says the event may be in the database already (its old links go first)."""
        mentions = [m for r in c for m in mentions_of[id(r)]]
        first = min(c, key=lambda r: (r.published, r.article_key, r.index))
        self.events.append(event_row(eid, c, mentions, sources, mentions_of[id(first)]))
        if stored:
            self.replaced.append((eid,))
        participants: dict[tuple[str, str], tuple] = {}
        for r in c:
            for p in r.participants:
                participants.setdefault((p[0], p[4]), p)
        countries: list[str] = []
        for r in c:
            countries += [x for x in r.countries if x not in countries]
        for p in participants.values():
            self.actors.setdefault(p[0], (p[0], p[1], p[2], p[3]))
        for x in countries:
            self.actors.setdefault(x, (x, x, "state", x))
        self.event_actors += [(eid, actor, role) for actor, role in participants]
        self.event_countries += [(eid, x) for x in countries]
        self.mentions += [(eid, m.id) for m in mentions if m.event_id != eid]

    def write(self, conn: sqlite3.Connection) -> None:
        """Write the batch in the caller's transaction."""
        if not self.events:
            return
        conn.executemany(UPSERT_EVENT, self.events)
        conn.executemany("delete from event_actors where event_id = ?", self.replaced)
        conn.executemany("delete from event_countries where event_id = ?", self.replaced)
        conn.executemany("insert or ignore into actors (id, name, kind, country) values (?, ?, ?, ?)",
                         list(self.actors.values()))
        conn.executemany("insert into event_actors (event_id, actor_id, role) values (?, ?, ?)", self.event_actors)
        conn.executemany("insert into event_countries (event_id, country) values (?, ?)", self.event_countries)
        conn.executemany("update mentions set event_id = ? where id = ?", self.mentions)


def delete_events(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Delete events and their links (their mentions must already point elsewhere or be NULL)."""
    rows = [(i,) for i in ids]
    conn.executemany("update mentions set event_id = null where event_id = ?", rows)
    conn.executemany("delete from event_actors where event_id = ?", rows)
    conn.executemany("delete from event_countries where event_id = ?", rows)
    conn.executemany("delete from events where id = ?", rows)
