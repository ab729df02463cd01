"""Store: write articles, mentions and merged events to the SQLite database, one transaction per article."""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, create_engine, delete, select

from timeline.merge import Report, cluster, date_conflict, event_id, event_status
from timeline.models import Actor, Article, Event, EventActor, EventCountry, IngestError, Mention
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
    with Session(engine) as session:
        stored = find_article(session, source.key)
        blocks: set[str] = set()
        previous_events: set[int] = set()
        if stored is not None:
            if stored.sha256 == source.sha256:
                return IngestResult(stored.id, "unchanged", stored.event_count)
            old = session.exec(select(Mention.block, Mention.event_id).where(Mention.article_id == stored.id)).all()
            blocks |= {b for b, _ in old}
            previous_events = {e for _, e in old if e is not None}
            session.exec(delete(Mention).where(Mention.article_id == stored.id))
            outcome = "replaced"
        else:
            stored = Article(key=source.key, text="", published="", sha256="")
            outcome = "added"
        stored.title, stored.source, stored.url = source.title, source.source, source.url
        stored.published = source.published.isoformat() if source.published else ""
        stored.text, stored.sha256, stored.path = source.text, source.sha256, source.path
        stored.chars, stored.event_count = len(source.text), len(reports)
        session.add(stored)
        session.flush()
        for i, r in enumerate(reports):
            r.article_key, r.published, r.index = source.key, stored.published, i
            blocks.add(r.block)
            for m in r.mentions:
                session.add(mention_row(stored.id, r, m))
        session.flush()
        recluster(session, blocks, previous_events)
        session.commit()
        return IngestResult(stored.id, outcome, len(reports))


def mention_row(article_id: int, r: Report, m) -> Mention:  # noqa: ANN001
    """The mentions-table row for one mention of a report (the report's own fields repeated)."""
    return Mention(
        article_id=article_id, report=r.index, block=r.block, sentence=m.sentence.text,
        char_start=m.sentence.start, char_end=m.sentence.end, trigger=m.trigger,
        date_text=m.timex.text if m.timex is not None else None,
        date=r.date, date_start=r.date_start, date_end=r.date_end, precision=r.precision,
        date_source=r.date_source, event_type=r.event_type, family=r.family, label=r.label,
        cameo_code=r.cameo_code, plover_category=r.plover_category, plover_mode=r.plover_mode,
        status=r.status, summary=r.summary, countries=r.countries, actors=r.actors,
        participants=[list(p) for p in r.participants], place=r.place,
    )


def reports_in_blocks(session: Session, blocks: Iterable[str]) -> list[tuple[Report, list[Mention]]]:
    """Rebuild the stored reports (with their mention rows) of the given merge blocks."""
    blocks = sorted(set(blocks))
    if not blocks:
        return []
    rows = session.exec(select(Mention, Article.key, Article.published).join(Article)
                        .where(Mention.block.in_(blocks))).all()
    grouped: dict[tuple[int, int], list] = defaultdict(list)
    for m, key, published in rows:
        grouped[(m.article_id, m.report)].append((m, key, published))
    out = []
    for items in grouped.values():
        m, key, published = items[0]
        r = Report(m.event_type, m.family, m.label, m.status, m.cameo_code, m.plover_category, m.plover_mode,
                   m.date, m.date_start, m.date_end, m.precision, m.date_text, m.date_source, m.place,
                   [tuple(p) for p in m.participants], [], key, published, m.report)
        out.append((r, [i[0] for i in items]))
    return out


def recluster(session: Session, blocks: Iterable[str], previous_events: Iterable[int] = ()) -> None:
    """Recompute the events of the given blocks from all their stored reports; drop events left without any."""
    pairs = reports_in_blocks(session, blocks)
    rows_of = {id(r): rows for r, rows in pairs}
    old_ids = {m.event_id for _, rows in pairs for m in rows if m.event_id is not None} | set(previous_events)
    clusters = cluster([r for r, _ in pairs])
    new_ids = {event_id(c) for c in clusters}
    for c in clusters:
        eid = event_id(c)
        mentions = [m for r in c for m in rows_of[id(r)]]
        with session.no_autoflush:
            write_event(session, eid, c, mentions)
            for m in mentions:
                m.event_id = eid
                session.add(m)
        session.flush()
    stale = old_ids - new_ids
    if stale:
        session.exec(delete(EventActor).where(EventActor.event_id.in_(stale)))
        session.exec(delete(EventCountry).where(EventCountry.event_id.in_(stale)))
        session.exec(delete(Event).where(Event.id.in_(stale)))


def write_event(session: Session, eid: int, c: list[Report], mentions: list[Mention]) -> None:
    """Insert or replace one merged event and its actor and country links."""
    head = c[0]
    participants: dict[tuple[str, str], tuple] = {}
    for r in c:
        for p in r.participants:
            participants.setdefault((p[0], p[4]), p)
    countries: list[str] = []
    actors: list[str] = []
    for r in c:
        countries += [x for x in r.countries if x not in countries]
        actors += [x for x in r.actors if x not in actors]
    first = min(c, key=lambda r: (r.published, r.article_key, r.index))
    evidence = next((m.sentence for m in sorted(mentions, key=lambda m: (m.article_id, m.char_start))), None)
    session.exec(delete(EventActor).where(EventActor.event_id == eid))
    session.exec(delete(EventCountry).where(EventCountry.event_id == eid))
    ev = session.get(Event, eid) or Event(id=eid, event_type=head.event_type, status="", summary="")
    ev.date, ev.date_start, ev.date_end, ev.precision = head.date, head.date_start, head.date_end, head.precision
    ev.date_source, ev.date_text = head.date_source, head.date_text
    ev.year = int(head.date_start[:4]) if head.date_start else None
    ev.year_month = head.date_start[:7] if head.date_start and head.precision not in (
        "year", "decade", "century", "half") else None
    ev.event_type, ev.cameo_code = head.event_type, head.cameo_code
    ev.plover_category, ev.plover_mode = head.plover_category, head.plover_mode
    ev.status, ev.summary, ev.place = event_status(c), head.summary, head.place
    ev.countries, ev.actors = countries, actors
    ev.mention_count, ev.article_count = len(mentions), len({r.article_key for r in c})
    ev.date_conflict, ev.first_reported = date_conflict(c), first.published
    ev.evidence = evidence
    ev.source = session.exec(select(Article.source).where(Article.key == first.article_key)).first()
    session.add(ev)
    session.flush()
    actor_rows = [{"id": a, "name": name, "kind": kind, "country": country}
                  for (a, _), (_, name, kind, country, _) in participants.items()]
    actor_rows += [{"id": c, "name": c, "kind": "state", "country": c} for c in countries]
    session.exec(sqlite_insert(Actor).values(actor_rows).on_conflict_do_nothing())
    for actor_id, role in participants:
        session.add(EventActor(event_id=eid, actor_id=actor_id, role=role))
    for country in countries:
        session.add(EventCountry(event_id=eid, country=country))


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
