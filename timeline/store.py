"""Store: the SQLite database — schema, WAL mode, full-text search, the actor table.

Bulk writing (batched transactions, settling events) is in `store_write`, merging stored reports into events in
`store_merge`.
"""

from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, create_engine, select

from timeline.models import SORT_DATE, SORT_DATE_SQL, SORTED_FACETS, Actor, Event


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
    add_sort_date(engine)
    ensure_search(Path(path))
    seed_actors(engine)
    return engine


def add_sort_date(engine: Engine) -> bool:
    """Give an events table made before events.sort_date existed that generated column, and the indexes that read
    events in its order in place of the (facet, date_start) ones; True if anything was missing. The column costs
    nothing to add (it is computed, not stored); each index takes one pass over the table."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.schema import CreateIndex

    with engine.begin() as conn:
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_xinfo(events)")}
        if not columns:
            return False
        indexes = {r[0] for r in conn.exec_driver_sql("select name from sqlite_master where tbl_name = 'events'")}
        missing = [index for index in Event.__table__.indexes if index.name not in indexes]
        if SORT_DATE in columns and not missing:
            return False
        if SORT_DATE not in columns:
            try:
                conn.exec_driver_sql(f"alter table events add column {SORT_DATE} VARCHAR"
                                     f" generated always as ({SORT_DATE_SQL}) virtual")
            except OperationalError as exc:  # another process added it first
                if "duplicate column" not in str(exc):
                    raise
        for index in missing:
            conn.execute(CreateIndex(index, if_not_exists=True))
        for column in SORTED_FACETS:
            conn.exec_driver_sql(f"drop index if exists idx_events_{column}_date")
    return True


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
