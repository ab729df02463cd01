"""Settling: (re)merge the stored reports of merge blocks into events, writing only what changed.

A mention whose `event_id` is NULL is *pending*: its report was stored but not yet merged. A block with pending
mentions is re-clustered from all its stored reports with `merge.cluster` (deterministic and independent of the
order articles came in), so the events after settling are the same however and in what order the articles
were ingested, and however often a run was interrupted. Events whose reports are unchanged are not rewritten.
"""

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.merge import Report, cluster, date_conflict, event_id, event_status

COARSE = ("year", "decade", "century", "half")
MENTION_QUERY = (
    "select m.id, m.article_id, m.report, m.event_id, m.char_start, m.sentence, m.event_type, m.family, m.label, "
    "m.status, m.cameo_code, m.plover_category, m.plover_mode, m.date, m.date_start, m.date_end, m.precision, "
    "m.date_text, m.date_source, m.place, m.participants, a.key, a.published, a.source "
    "from mentions m join articles a on a.id = m.article_id where m.block = ? order by m.id"
)
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


def load_block(conn: sqlite3.Connection, block: str) -> tuple[list[Report], dict[int, list[StoredMention]],
                                                                 dict[str, str | None]]:
    """The stored reports of a block, their mentions (by id(report)) and the source of each article key."""
    grouped: dict[tuple[int, int], list] = defaultdict(list)
    for row in conn.execute(MENTION_QUERY, (block,)):
        grouped[(row[1], row[2])].append(row)
    reports: list[Report] = []
    mentions: dict[int, list[StoredMention]] = {}
    sources: dict[str, str | None] = {}
    for rows in grouped.values():
        r0 = rows[0]
        report = Report(
            event_type=r0[6], family=r0[7], label=r0[8], status=r0[9], cameo_code=r0[10], plover_category=r0[11],
            plover_mode=r0[12], date=r0[13], date_start=r0[14], date_end=r0[15], precision=r0[16],
            date_text=r0[17], date_source=r0[18], place=r0[19],
            participants=[tuple(p) for p in json.loads(r0[20] or "[]")], mentions=[], article_key=r0[21],
            published=r0[22], index=r0[2],
        )
        reports.append(report)
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


def settle_block(conn: sqlite3.Connection, block: str) -> int:
    """Re-merge one block into events; return how many events were written. Runs in the caller's transaction."""
    reports, mentions_of, sources = load_block(conn, block)
    old_ids = {m.event_id for ms in mentions_of.values() for m in ms if m.event_id is not None}
    uses: dict[int, int] = defaultdict(int)
    for ms in mentions_of.values():
        for m in ms:
            if m.event_id is not None:
                uses[m.event_id] += 1
    new_ids: set[int] = set()
    batch = EventBatch()
    for c in cluster(reports):
        eid = event_id(c)
        new_ids.add(eid)
        mentions = [m for r in c for m in mentions_of[id(r)]]
        if uses.get(eid) == len(mentions) and all(m.event_id == eid for m in mentions):
            continue  # the same reports as when this event was written: nothing to do
        batch.add(eid, c, mentions_of, sources)
    batch.write(conn)
    stale = sorted(old_ids - new_ids)
    if stale:
        delete_events(conn, stale)
    return len(batch.events)


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
            sources: dict[str, str | None]) -> None:
        """Add one merged event: its row, actor and country links, and its mentions pointing at it."""
        mentions = [m for r in c for m in mentions_of[id(r)]]
        first = min(c, key=lambda r: (r.published, r.article_key, r.index))
        self.events.append(event_row(eid, c, mentions, sources, mentions_of[id(first)]))
        self.replaced.append((eid,))  # links of an event being rewritten go first
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
