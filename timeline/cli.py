"""Command line: extract events, tag dates, build the database and serve it with Datasette."""

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import click

from timeline.sources import SourceError, iter_articles, parse_published

DEFAULT_DB = "data/timeline.db"
DEFAULT_ARTICLES = "data/articles"


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_published(value, "--published")
    except SourceError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group()
@click.version_option(package_name="timeline")
def cli() -> None:
    """timeline: dated diplomatic events from news articles."""


def input_options(f):  # noqa: ANN001, ANN201
    """Options saying how to read inputs: JSON field names and the article size limit."""
    for name, what in reversed([("text", "article text"), ("title", "title"), ("date", "publication date"),
                                ("url", "URL"), ("source", "source name"), ("id", "record id")]):
        f = click.option(f"--{name}-field", f"{name}_field", metavar="NAME",
                         help=f"JSON field holding the {what} (dotted paths reach into objects).")(f)
    return click.option("--max-size", type=float, default=10, show_default=True, metavar="MB",
                        help="Reject articles larger than this.")(f)


def _read_options(published: str | None, kw: dict):  # noqa: ANN202
    from timeline.sources import FieldMap, ReadOptions

    fields = FieldMap(text=kw.pop("text_field"), title=kw.pop("title_field"), published=kw.pop("date_field"),
                      url=kw.pop("url_field"), source=kw.pop("source_field"), id=kw.pop("id_field"))
    return ReadOptions(published=_published(published), fields=fields, max_bytes=int(kw.pop("max_size") * 1e6))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that lack one, or to override it.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "table"]), default="jsonl",
              show_default=True)
@click.option("--dated-only", is_flag=True, help="Only events with a date.")
@input_options
def extract(paths: tuple[str, ...], published: str | None, fmt: str, dated_only: bool, **kw: object) -> None:
    """Print the events found in article files, folders, globs, JSON/JSONL records (or - for stdin)."""
    from timeline.extract import extract_reports, report_record

    opts = _read_options(published, kw)
    records, failed = [], 0
    for _name, item in iter_articles(list(paths), opts=opts):
        if isinstance(item, SourceError):
            click.echo(f"error: {item}", err=True)
            failed += 1
            continue
        for r in extract_reports(item):
            if dated_only and not r.date:
                continue
            rec = report_record(r, item)
            if fmt == "jsonl":
                click.echo(json.dumps(rec, ensure_ascii=False))
            else:
                records.append(rec)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(_csv(records), nl=False)
    elif fmt == "table":
        _table(records)
    sys.exit(1 if failed else 0)


def _flat(rec: dict) -> dict:
    flat = {k: v for k, v in rec.items() if k not in ("mentions", "participants", "article")}
    flat["actors"] = "; ".join(rec["actors"])
    flat["countries"] = " ".join(rec["countries"])
    flat["article"] = rec["article"]["id"]
    flat["mention_count"] = len(rec["mentions"])
    return flat


def _csv(records: list[dict]) -> str:
    buf = io.StringIO()
    rows = [_flat(r) for r in records]
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()


def _table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("date", "precision", "type", "status", "countries", "summary")
    for r in records:
        table.add_row(r["date"] or "", r["precision"] or "", r["event_type"], r["status"],
                      " ".join(r["countries"]), r["summary"])
    Console(width=160).print(table)


@cli.command()
@click.argument("path")
@click.option("--published", help="Document creation time (YYYY-MM-DD); required for text on stdin.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "timeml"]), default="jsonl", show_default=True)
def timex(path: str, published: str | None, fmt: str) -> None:
    """Print the temporal expressions of an article (or - for text on stdin), normalised."""
    from timeline.sources import article_from_text, decode
    from timeline.timex import find_timexes, to_jsonl_records, to_timeml

    when = _published(published)
    try:
        if path == "-":
            article = article_from_text(sys.stdin.read(), "<stdin>", when)
        else:
            article = article_from_text(decode(Path(path).read_bytes(), path), path, when)
    except (SourceError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    found = find_timexes(article.text, article.published)
    if fmt == "timeml":
        click.echo(to_timeml(article.text, article.published, found))
        return
    for record in to_jsonl_records(found):
        click.echo(json.dumps(record, ensure_ascii=False))


@cli.command()
@click.argument("db")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that lack one.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting events  [default: the CPU count]")
@input_options
def ingest(db: str, paths: tuple[str, ...], published: str | None, quiet: bool, jobs: int | None,
           **kw: object) -> None:
    """Extract events from articles (files, folders, globs, .jsonl/.json, .html, .gz, - for stdin) into DB.

    Exit status 0 when every input was ingested, 1 when some failed (each one is named on stderr and kept in
    the ingest_errors table).
    """
    from timeline.ingest import default_jobs, ingest_paths

    opts = _read_options(published, kw)
    summary = ingest_paths(db, list(paths), quiet=quiet, jobs=jobs or default_jobs(), opts=opts)
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.argument("db")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting events  [default: the CPU count]")
def reprocess(db: str, quiet: bool, jobs: int | None) -> None:
    """Re-extract the events of every article stored in DB with the current rules (article rows are kept)."""
    from timeline.ingest import default_jobs, reprocess_db

    try:
        summary = reprocess_db(db, quiet=quiet, jobs=jobs or default_jobs())
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.argument("db", required=False, default=DEFAULT_DB)
@click.option("--articles", default=DEFAULT_ARTICLES, show_default=True, help="Articles to build DB from.")
@click.option("--port", default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--metadata", default="metadata.yml", show_default=True)
@click.option("--no-build", is_flag=True, help="Serve DB as it is, without (re)building it.")
@click.option("--immutable", "-i", is_flag=True,
              help="Serve as immutable (a finished snapshot no process writes to): inspect file, cached counts.")
def serve(db: str, articles: str, port: int, host: str, metadata: str, no_build: bool, immutable: bool) -> None:
    """Build DB from the bundled articles if missing or stale, then serve it with Datasette."""
    from timeline.publish import build_if_stale, serve_datasette

    if not no_build:
        build_if_stale(db, articles)
    serve_datasette(db, host=host, port=port, metadata=metadata, immutable=immutable)


@cli.command("export")
@click.argument("db")
@click.option("--format", "fmt", type=click.Choice(["timelinejs", "ics", "plover", "csv", "json"]),
              default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--country", multiple=True, help="ISO 3166 alpha-3 code of a state involved (repeatable: all must be).")
@click.option("--actor", multiple=True, help="Actor id (e.g. person:kim-jong-un) taking part (repeatable).")
@click.option("--type", "event_type", multiple=True, help="Event type (repeatable: any of them).")
@click.option("--status", multiple=True, help="Status: occurred, planned, possible... (repeatable: any of them).")
@click.option("--since", help="Only events whose date interval ends on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only events whose date interval starts on or before this date (YYYY-MM-DD).")
@click.option("--search", help="Full-text search of summary, evidence, date text and place (FTS5 syntax).")
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--title", default="Diplomatic events", show_default=True, help="Title of the timeline or calendar.")
@click.option("--base-url", default="", help="URL of the events table, to link each event to its row.")
def export_events(db: str, fmt: str, output: str | None, country: tuple[str, ...], actor: tuple[str, ...],
                  event_type: tuple[str, ...], status: tuple[str, ...], since: str | None, until: str | None,
                  search: str | None, limit: int | None, title: str, base_url: str) -> None:
    """Export the events of DB as TimelineJS JSON, iCalendar, PLOVER-style JSONL, CSV or JSON."""
    import sqlite3

    from timeline.export import render, select_events

    if not Path(db).exists():
        raise click.ClickException(f"no such database: {db}")
    try:
        rows = select_events(db, [c.upper() for c in country], actor, event_type, status, since, until, search,
                             limit)
    except sqlite3.Error as exc:
        raise click.ClickException(f"cannot read {db}: {exc}") from None
    text = render(fmt, rows, title=title, base_url=base_url.rstrip("/"))
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="")
        click.echo(f"{len(rows)} events written to {output}", err=True)
    else:
        click.echo(text, nl=False)
