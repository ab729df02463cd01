"""Store: the SQLite database — schema, WAL mode, full-text search, the actor table.

Bulk writing (batched transactions, settling events) is in `store_write`, merging stored reports into events in
`store_merge`.
"""

from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, create_engine, select

from timeline.models import Actor


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
