"""SQLModel tables of the timeline database: articles, events, mentions, actors and their links."""

from datetime import datetime

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel


class Article(SQLModel, table=True):
    """One news article as read from its source, with its full text."""

    __tablename__ = "articles"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, description="URL when known, else sha256 of the normalised text")
    title: str | None = None
    source: str | None = Field(default=None, index=True)
    url: str | None = None
    published: str = Field(index=True, description="Publication date (ISO 8601)")
    text: str
    sha256: str = Field(index=True)
    path: str | None = None
    chars: int = 0
    event_count: int = 0
    ingested_at: str = Field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))


class Actor(SQLModel, table=True):
    """A state (id = ISO 3166 alpha-3), organisation (org:…) or person (person:…)."""

    __tablename__ = "actors"
    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    kind: str = Field(index=True, description="state, organisation or person")
    country: str | None = Field(default=None, index=True, description="ISO 3166 alpha-3")


class Event(SQLModel, table=True):
    """One dated diplomatic event, however many articles report it."""

    __tablename__ = "events"
    __table_args__ = (
        Index("idx_events_date_start_day", text("date(date_start)")),
        Index("idx_events_year_type", "year", "event_type"),
        # "On this day in other years": month-day of day-precise events.
        Index("idx_events_month_day", text("substr(date_start, 6, 5)")),
        # One facet value selected, rows in the default order (date_start, id): read in index order, no sort.
        *(Index(f"idx_events_{c}_date", c, "date_start")
          for c in ("event_type", "status", "year", "precision", "date_source", "source")),
    )
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    date: str | None = Field(default=None, index=True, description="TimeML value: 2003, 2018-03, 2018-04-17")
    date_start: str | None = Field(default=None, index=True, description="First day of the date interval")
    date_end: str | None = Field(default=None, index=True, description="Last day of the date interval")
    precision: str | None = Field(default=None, index=True)
    date_source: str | None = Field(default=None, index=True)
    date_text: str | None = None
    year: int | None = Field(default=None, index=True)
    year_month: str | None = Field(default=None, index=True)
    event_type: str = Field(index=True)
    cameo_code: str | None = Field(default=None, index=True)
    plover_category: str | None = Field(default=None, index=True)
    plover_mode: str | None = None
    status: str = Field(index=True)
    summary: str
    place: str | None = Field(default=None, index=True)
    countries: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    actors: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    mention_count: int = Field(default=0, index=True)
    article_count: int = Field(default=0, index=True)
    date_conflict: bool = Field(default=False, index=True)
    first_reported: str | None = Field(default=None, index=True)
    source: str | None = Field(default=None, index=True, description="Publication of the first report")
    evidence: str | None = Field(default=None, description="The sentence of the first report")


class EventActor(SQLModel, table=True):
    """Which actor took part in which event, and in what role."""

    __tablename__ = "event_actors"
    # Covering index: filter events by actor (?_actor=) without touching the table.
    __table_args__ = (Index("idx_event_actors_actor_event", "actor_id", "event_id"),)
    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actors.id", primary_key=True, index=True)
    role: str = Field(default="participant", primary_key=True)


class EventCountry(SQLModel, table=True):
    """Country (ISO 3166 alpha-3) involved in an event: an indexed link table for fast facets."""

    __tablename__ = "event_countries"
    # Covering index: filter events by country (?_country=) without touching the table.
    __table_args__ = (Index("idx_event_countries_country_event", "country", "event_id"),)
    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    country: str = Field(foreign_key="actors.id", primary_key=True, index=True)


class Mention(SQLModel, table=True):
    """One report of an event: the article, the sentence and where it stands in the text."""

    __tablename__ = "mentions"
    id: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="events.id", index=True)
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
    report: int = Field(description="Index of the article-level event this mention belongs to")
    block: str = Field(index=True, description="Merge block: event family and countries")
    sentence: str
    char_start: int
    char_end: int
    trigger: str | None = None
    date_text: str | None = None
    date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None
    date_source: str | None = None
    event_type: str
    family: str
    label: str
    cameo_code: str | None = None
    plover_category: str | None = None
    plover_mode: str | None = None
    status: str
    summary: str
    countries: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    actors: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    participants: list[list] = Field(default_factory=list, sa_column=Column(JSON))
    place: str | None = None


class IngestError(SQLModel, table=True):
    """An input that could not be ingested, and why."""

    __tablename__ = "ingest_errors"
    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(index=True)
    reason: str
    at: str = Field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
