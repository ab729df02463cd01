"""Ingest: read articles, extract their events and store them; a bad input is reported and skipped."""

import datetime as dt
import sys
from dataclasses import dataclass, field

from timeline.actors import ActorDictionary
from timeline.extract import extract_reports
from timeline.sources import SourceError, iter_articles
from timeline.store import connect, ingest_article, record_error


@dataclass
class IngestSummary:
    """Counts of what an ingest run did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


def ingest_paths(db: str, paths: list[str], published: dt.date | None = None, quiet: bool = False) -> IngestSummary:
    """Ingest every article under paths into db; errors go to stderr and the ingest_errors table."""
    engine = connect(db)
    dictionary = ActorDictionary.load()
    summary = IngestSummary()
    stdin_text = sys.stdin.read() if "-" in paths else None
    for name, item in iter_articles(paths, published, stdin_text):
        if isinstance(item, SourceError):
            _fail(engine, summary, name, str(item))
            continue
        try:
            result = ingest_article(engine, item, extract_reports(item, dictionary))
        except Exception as exc:  # one bad article never stops the batch
            _fail(engine, summary, item.name, f"{item.name}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        setattr(summary, result.outcome, getattr(summary, result.outcome) + 1)
        summary.events += result.events if result.outcome != "unchanged" else 0
    if not quiet:
        print(f"{db}: {summary.added} added, {summary.replaced} replaced, {summary.unchanged} unchanged, "
              f"{summary.failed} failed; {summary.events} event reports", file=sys.stderr)
    engine.dispose()
    return summary


def _fail(engine, summary: IngestSummary, name: str, reason: str) -> None:  # noqa: ANN001
    print(f"error: {reason}", file=sys.stderr)
    record_error(engine, name, reason)
    summary.failed += 1
    summary.errors.append(reason)
