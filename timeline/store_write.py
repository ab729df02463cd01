"""The write path: articles and their mentions in batched transactions, then settling the events they touch.

One `Writer` per database (one writer process); extraction happens elsewhere and hands over `Prepared`
articles (plain rows, cheap to pickle). Within a transaction an article is added, left alone when its text is
unchanged, or replaced (its old mentions and the events they were part of go, their other mentions become
pending); new mentions are pending until their blocks are merged: by `settle`, or by `apply` of a merge a
worker process worked out (`store_queue`). Every commit leaves a consistent database: a run killed at any point
is completed by the next one (`settle` picks up whatever is pending).
"""

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.merge import Report
from timeline.sources import Article
from timeline.store_merge import Merged, apply_merged, delete_events, merge_block, pending_blocks
from timeline.store_queue import MergeQueue

MENTION_COLUMNS = ("article_id", "report", "block", "sentence", "char_start", "char_end", "trigger", "date_text",
                   "date", "date_start", "date_end", "precision", "date_source", "event_type", "family", "label",
                   "cameo_code", "plover_category", "plover_mode", "status", "summary", "countries", "actors",
                   "participants", "place")
INSERT_MENTION = (f"insert into mentions ({', '.join(MENTION_COLUMNS)}) "
                  f"values ({', '.join('?' * len(MENTION_COLUMNS))})")
ARTICLE_COLUMNS = ("key", "title", "source", "url", "published", "text", "sha256", "path", "chars", "event_count",
                   "ingested_at")


@dataclass
class Prepared:
    """An article ready to store: its row and its mention rows (without article_id), made by a worker."""

    key: str
    sha256: str
    article: tuple  # values of ARTICLE_COLUMNS[1:-1] (title .. event_count)
    mentions: list[tuple] = field(default_factory=list)  # values of MENTION_COLUMNS[1:]
    name: str = ""

    @property
    def reports(self) -> int:
        """How many event reports the article has."""
        return self.article[-1]


def prepare(article: Article, reports: list[Report]) -> Prepared:
    """Flatten an article and its extracted reports into rows for the writer."""
    published = article.published.isoformat() if article.published else ""
    rows = []
    for i, r in enumerate(reports):
        r.article_key, r.published, r.index = article.key, published, i
        block, summary = r.block, r.summary
        countries, actors = json.dumps(r.countries), json.dumps(r.actors)
        participants = json.dumps([list(p) for p in r.participants])
        for m in r.mentions:
            rows.append((i, block, m.sentence.text, m.sentence.start, m.sentence.end, m.trigger,
                         m.timex.text if m.timex is not None else None, r.date, r.date_start, r.date_end,
                         r.precision, r.date_source, r.event_type, r.family, r.label, r.cameo_code,
                         r.plover_category, r.plover_mode, r.status, summary, countries, actors, participants,
                         r.place))
    row = (article.title, article.source, article.url, published, article.text, article.sha256, article.path,
           len(article.text), len(reports))
    return Prepared(article.key, article.sha256, row, rows, article.name)


BULK_BLOCKS = 50  # merging this many blocks at once ...
BULK_SHARE = 0.25  # ... with pending mentions for at least this share of the stored events sets the events search
# triggers aside and rebuilds the index after (cheaper than a trigger per event when most events are written)
BULK_EVENTS = 2000  # merging between batches sets them aside once it has written this many events, and
# BULK_SHARE of those stored when the run began, until the run's last merge


def open_connection(path: str | Path, timeout: float = 60) -> sqlite3.Connection:
    """A connection for writing: autocommit mode (transactions are explicit), WAL, foreign keys on."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-65536")
    conn.execute("PRAGMA threads=2")  # sorting for the indexes a bulk merge rebuilds, while the workers wait
    return conn


def suspend_search(conn: sqlite3.Connection, indexes: bool = False) -> None:
    """Set the events full-text triggers aside (kept in a table) for a bulk merge, and with `indexes` the events
    table's other indexes too (not unique ones); call inside a transaction."""
    conn.execute("create table if not exists _suspended_triggers (name text primary key, sql text not null)")
    rows = conn.execute("select type, name, sql from sqlite_master where type = 'trigger' and tbl_name = 'events'"
                        " and sql like '%events_fts%'").fetchall()
    if indexes:
        rows += conn.execute("select type, name, sql from sqlite_master where type = 'index' and tbl_name = 'events'"
                             " and sql is not null and sql not like 'create unique %'").fetchall()
    conn.executemany("insert or replace into _suspended_triggers values (?, ?)", [(n, sql) for _, n, sql in rows])
    for kind, name, _ in rows:
        conn.execute(f"drop {kind} [{name}]")


def resume_search(conn: sqlite3.Connection) -> None:
    """Rebuild the events full-text index and put its triggers (and indexes) back, if a bulk merge set them aside
    (also after a crash); call inside a transaction."""
    if not conn.execute("select 1 from sqlite_master where name = '_suspended_triggers'").fetchone():
        return
    rows = conn.execute("select name, sql from _suspended_triggers where name not in (select name from sqlite_master)"
                        " order by name").fetchall()  # (`store.connect` may have made missing indexes meanwhile)
    if conn.execute("select 1 from sqlite_master where name = 'events_fts'").fetchone():
        conn.execute("insert into events_fts (events_fts) values ('rebuild')")
    for _, sql in rows:
        conn.execute(sql)
    conn.execute("drop table _suspended_triggers")


class Writer:
    """The single writer of an ingest: batches articles into transactions and settles events."""

    def __init__(self, path: str | Path, batch: int = 1000, seconds: float = 2.0) -> None:
        self.conn = open_connection(path)
        self.batch, self.seconds = batch, seconds
        self.pending = 0
        self.started = 0.0
        self.merged = 0  # events written by settling
        self.queue = MergeQueue()
        self.conn.execute("BEGIN IMMEDIATE")
        resume_search(self.conn)  # a run killed during a bulk merge left the search index set aside
        self.conn.execute("COMMIT")
        self.stored_events = self.conn.execute("select count(*) from events").fetchone()[0]
        self.suspended = False  # events search triggers set aside for this run

    def _begin(self) -> None:
        if self.pending == 0 and not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()

    def put(self, p: Prepared) -> str:
        """Store one prepared article in the open batch; return 'added', 'replaced' or 'unchanged'."""
        self._begin()
        row = self.conn.execute("select id, sha256 from articles where key = ?", (p.key,)).fetchone()
        if row is not None and row[1] == p.sha256:
            outcome = "unchanged"
        elif row is not None:
            self.detach(row[0])
            self.conn.execute(f"update articles set {', '.join(f'{c} = ?' for c in ARTICLE_COLUMNS[1:])} "
                              "where id = ?", (*p.article, _now(), row[0]))
            self._mentions(row[0], p)
            outcome = "replaced"
        else:
            cur = self.conn.execute(f"insert into articles ({', '.join(ARTICLE_COLUMNS)}) "
                                    f"values ({', '.join('?' * len(ARTICLE_COLUMNS))})", (p.key, *p.article, _now()))
            self._mentions(cur.lastrowid, p)
            outcome = "added"
        if p.name:
            self.conn.execute("delete from ingest_errors where path = ?", (p.name,))
        self._count()
        return outcome

    def reextract(self, article_id: int, p: Prepared) -> None:
        """Replace a stored article's mentions with a new extraction, keeping the article row."""
        self._begin()
        self.detach(article_id)
        self.conn.execute("update articles set event_count = ? where id = ?", (p.reports, article_id))
        self._mentions(article_id, p)
        self._count()

    def _mentions(self, article_id: int, p: Prepared) -> None:
        self.conn.executemany(INSERT_MENTION, [(article_id, *m) for m in p.mentions])
        for _, block in {(m[0], m[1]) for m in p.mentions}:  # (report, block)
            self.queue.add(block)

    def detach(self, article_id: int) -> None:
        """Remove an article's mentions and the events they were part of; those events' other mentions wait."""
        rows = self.conn.execute("select distinct event_id, block from mentions where article_id = ?",
                                 (article_id,)).fetchall()
        delete_events(self.conn, sorted({i for i, _ in rows if i is not None}))
        for block in sorted({b for _, b in rows}):  # a merge of these blocks worked out before is out of date
            self.queue.add(block, changed=True)
        self.conn.execute("delete from mentions where article_id = ?", (article_id,))

    def error(self, path: str, reason: str) -> None:
        """Record an input that could not be ingested (replacing earlier records of the same input)."""
        self._begin()
        self.conn.execute("delete from ingest_errors where path = ?", (path,))
        self.conn.execute("insert into ingest_errors (path, reason, at) values (?, ?, ?)", (path, reason, _now()))
        self._count()

    def _count(self) -> None:
        self.pending += 1
        if self.pending >= self.batch or time.monotonic() - self.started >= self.seconds:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.pending = 0
        self.queue.touched.clear()

    def settle(self, blocks: list[str] | None = None, seconds: float = 1.0,
               merge: Callable[[list[str]], Iterable[Merged]] | None = None) -> int:
        """Merge pending reports into events (all pending blocks, or the given ones); commit as it goes; return
        how many events were written. `merge` works the blocks out elsewhere (from committed data), in order."""
        self.commit()
        todo = pending_blocks(self.conn) if blocks is None else sorted(set(blocks))
        written = 0
        self.conn.execute("BEGIN IMMEDIATE")
        if len(todo) >= BULK_BLOCKS and self._mostly_new():
            suspend_search(self.conn, indexes=True)  # building them once is far cheaper than row by row
        started = time.monotonic()
        for merged in (merge(todo) if merge else (merge_block(self.conn, b) for b in todo)):
            written += apply_merged(self.conn, merged)
            self.queue.merged(merged.block, merged.size)
            if time.monotonic() - started > seconds:
                self.conn.execute("COMMIT")
                self.conn.execute("BEGIN IMMEDIATE")
                started = time.monotonic()
        resume_search(self.conn)
        self.conn.execute("COMMIT")
        self.suspended = False
        self.merged += written
        return written

    def apply(self, merged: Merged) -> None:
        """Write a block's merge worked out elsewhere, in the open batch (unless the block changed meanwhile)."""
        if not self.queue.done(merged.block, merged.size):
            return
        self._begin()
        if not self.suspended and self.merged >= max(BULK_EVENTS, BULK_SHARE * self.stored_events):
            suspend_search(self.conn, indexes=True)  # a bulk run: they are built once, by the last merge
            self.suspended = True
        self.merged += apply_merged(self.conn, merged)
        if time.monotonic() - self.started >= self.seconds:
            self.commit()

    def _mostly_new(self) -> bool:
        """Whether the pending mentions are many next to the stored events (most events will be written)."""
        pending = self.conn.execute("select count(*) from mentions where event_id is null").fetchone()[0]
        return pending >= BULK_SHARE * self.conn.execute("select count(*) from events").fetchone()[0]

    def close(self) -> None:
        """Commit and close (rebuilding the events search index if this run set it aside)."""
        self.commit()
        if self.suspended:
            self.conn.execute("BEGIN IMMEDIATE")
            resume_search(self.conn)
            self.conn.execute("COMMIT")
        self.conn.close()


def stored_sha(conn: sqlite3.Connection, key: str) -> str | None:
    """The text hash stored for an article key (None when not stored)."""
    row = conn.execute("select sha256 from articles where key = ?", (key,)).fetchone()
    return row[0] if row else None


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
