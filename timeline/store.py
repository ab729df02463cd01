"""Store: the SQLite database (WAL, full-text search) and writing one article with its merged events.

Bulk writing (batched transactions, settling events) is in `store_write`, merging stored reports into events in
`store_merge`.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, create_engine, select

from timeline.merge import Report
from timeline.models import Actor, Article, IngestError
from timeline.sources import Article as SourceArticle


@dataclass
class IngestResult:
    """What ingesting one article did."""

    article_id: int
    outcome: str  # added | unchanged | replaced
    events: int


def connect(path: str | Path) -> Engine:
    """Open (creating if needed) a timeline database at path, in WAL mode with foreign keys on."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    SQLModel.metadata.create_all(engine)
    ensure_search(Path(path))
    seed_actors(engine)
    return engine


def seed_actors(engine: Engine) -> None:
    """Fill the actors table with every state, organisation and person of the dictionary (once)."""
    from timeline.actors import ActorDictionary

    with Session(engine) as session:
        if session.exec(select(Actor.id).limit(1)).first() is not None:
            return
        d = ActorDictionary.load()
        rows = [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country}
                for a in [*d.countries(), *d.organisations(), *d.persons()]]
        session.exec(sqlite_insert(Actor).values(rows).on_conflict_do_nothing())
        session.commit()


FTS_COLUMNS = {"events": ["summary", "evidence", "date_text", "place"], "articles": ["title", "text"]}


def ensure_search(path: Path) -> None:
    """Full-text search on events and articles, kept in sync by triggers (created once)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        for table, columns in FTS_COLUMNS.items():
            if not db[table].detect_fts():
                db[table].enable_fts(columns, create_triggers=True, tokenize="porter")
    finally:
        db.close()


def find_article(session: Session, key: str) -> Article | None:
    """The stored article with this identity key."""
    return session.exec(select(Article).where(Article.key == key)).first()


def ingest_article(engine: Engine, source: SourceArticle, reports: list[Report]) -> IngestResult:
    """Store one article and its reports, then re-merge the events they touch, in one transaction."""
    from timeline.store_merge import pending_blocks, settle_block
    from timeline.store_write import Writer, prepare

    writer = Writer(engine.url.database, batch=1_000_000, seconds=1e9)
    try:
        outcome = writer.put(prepare(source, reports))
        for block in pending_blocks(writer.conn):
            settle_block(writer.conn, block)
        writer.commit()
        article_id = writer.conn.execute("select id from articles where key = ?", (source.key,)).fetchone()[0]
    finally:
        writer.close()
    return IngestResult(article_id, outcome, len(reports))


def record_error(engine: Engine, path: str, reason: str) -> None:
    """Keep a row in ingest_errors for an input that could not be ingested."""
    with Session(engine) as session:
        session.add(IngestError(path=path, reason=reason))
        session.commit()


def counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables."""
    with engine.connect() as conn:
        return {t: conn.execute(text(f"select count(*) from {t}")).scalar_one()
                for t in ("articles", "events", "mentions", "actors", "event_actors", "event_countries",
                          "ingest_errors")}


def dumps(value: object) -> str:
    """JSON text with dates as ISO strings."""
    return json.dumps(value, ensure_ascii=False, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o))
