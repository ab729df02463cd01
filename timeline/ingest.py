"""Ingest: read articles, extract their events in worker processes, store them with one writer.

The main process walks the inputs (files, folders, globs, JSONL lines, stdin) and hands small batches of work
units to `jobs` worker processes, keeping only a few batches in flight (memory stays flat however large the
corpus). Workers read and parse the inputs, skip articles already stored with the same text, extract the events
and return plain rows. The main process writes the results in input order, in batched transactions; between
batches the workers also merge the blocks that gathered enough new reports into events (`store_queue`), and
what is still pending is merged at the end (`Writer.settle`). A bad input is one line on stderr and a row in
`ingest_errors`; it never stops the batch.
"""

import datetime as dt
import os
import re
import signal
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import IO

from timeline.ingest_progress import IngestSummary, Progress
from timeline.sources import Article, ReadOptions, SourceError, Unit
from timeline.store import connect
from timeline.store_merge import Merged, merge_block
from timeline.store_queue import Merger
from timeline.store_write import Prepared, Writer, prepare, stored_sha

__all__ = ["IngestSummary", "ingest_paths", "reprocess_db"]
BATCH_UNITS = 16  # work units per task sent to a worker
BATCH_BYTES = 1 << 20
SETTLE_EVERY = 50_000  # with one job, merge events every so many stored articles, so they show up during long runs
Outcome = tuple[str, str, object, int]  # kind (article | unchanged | error), name, payload, characters

_worker: dict = {}


def _init_worker(db: str | None, opts: ReadOptions, subprocess: bool = True) -> None:
    """Load what a worker needs once: the actor dictionary, a read-only view of the database."""
    from timeline.actors import ActorDictionary

    if subprocess:  # Ctrl-C is for the main process, which stops the workers itself
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    re._MAXCACHE = max(getattr(re, "_MAXCACHE", 512), 20_000)  # pysbd builds many patterns; keep them compiled
    _worker["dictionary"] = ActorDictionary.load()
    _worker["opts"] = opts
    _worker["db"] = None
    if db and os.path.exists(db):
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60, check_same_thread=False)
        _worker["db"] = conn


def _extract(name: str, article: Article, check_stored: bool = True) -> Outcome:
    """Extract one article's events into a Prepared (or say it is already stored)."""
    from timeline.extract import extract_reports

    conn = _worker.get("db")
    if check_stored and conn is not None and stored_sha(conn, article.key) == article.sha256:
        return ("unchanged", name, None, len(article.text))
    try:
        reports = extract_reports(article, _worker["dictionary"])
        return ("article", name, prepare(article, reports), len(article.text))
    except Exception as exc:  # one article that breaks a rule never stops the batch
        return ("error", name, f"{name}: extraction failed ({type(exc).__name__}: {exc})", 0)


def process_units(units: list[Unit]) -> list[Outcome]:
    """Worker task: read each unit and extract the events of its articles."""
    from timeline.sources_walk import load_unit

    out: list[Outcome] = []
    for unit in units:
        for name, item in load_unit(unit, _worker["opts"]):
            if isinstance(item, SourceError):
                out.append(("error", name, str(item), 0))
            else:
                out.append(_extract(name, item))
    return out


def process_stored(rows: list[tuple]) -> list[Outcome]:
    """Worker task for reprocess: re-extract stored articles (id, text, published, title, source, url, path)."""
    out: list[Outcome] = []
    for article_id, text, published, title, source, url, path in rows:
        name = path or url or f"article {article_id}"
        try:
            day = dt.date.fromisoformat(published)
        except (TypeError, ValueError):
            out.append(("error", name, f"{name}: stored publication date {published!r} is not a date", 0))
            continue
        kind, name, payload, chars = _extract(name, Article(text, day, title, source, url, path), False)
        out.append((kind, name, (article_id, payload) if kind == "article" else payload, chars))
    return out


def _batches(units: Iterable[Unit]) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    size = 0
    for unit in units:
        batch.append(unit)
        size += len(unit.data) if isinstance(unit.data, bytes) else 0
        if len(batch) >= BATCH_UNITS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def merge_blocks(blocks: list[str]) -> list[Merged]:
    """Worker task: merge blocks into events (reading the database in one transaction); the writer applies them."""
    conn = _worker["db"]
    conn.execute("BEGIN")
    try:
        return [merge_block(conn, block) for block in blocks]
    finally:
        conn.execute("COMMIT")


def run_ordered(fn: Callable[[list], list[Outcome]], batches: Iterable[list], jobs: int, initargs: tuple,
                idle: Callable[[ProcessPoolExecutor], bool] | None = None,
                last: Callable[[ProcessPoolExecutor | None], None] | None = None) -> Iterator[list[Outcome]]:
    """Results of fn on each batch, in order; jobs > 1 runs fn in worker processes with few batches in flight.
    Between results `idle(pool)` may hand the workers other tasks (it is called again while it does something and
    the next result is not ready); after the last result, `last(pool)` (None with jobs <= 1) before they stop."""
    if jobs <= 1:
        _init_worker(*initargs, subprocess=False)
        for b in batches:
            yield fn(b)
        if last is not None:
            last(None)
        return
    it = iter(batches)
    window: deque[tuple[list, Future]] = deque()
    ex = _pool(jobs, initargs)
    try:
        for b in islice(it, jobs * 3):
            window.append((b, _submit(ex, fn, b)))
        while window:
            b, fut = window.popleft()
            while idle is not None and idle(ex) and not fut.done():
                pass
            try:
                results = [fut.result()]
            except BrokenProcessPool:  # a worker died: find the batch that kills it, running them one by one
                ex.shutdown(wait=False, cancel_futures=True)
                results = []
                for pb in [b] + [ob for ob, _ in window]:
                    ex = _pool(1, initargs)
                    try:
                        results.append(ex.submit(fn, pb).result())
                    except BrokenProcessPool:
                        results.append([_lost(u) for u in pb])
                    ex.shutdown(wait=True)
                window.clear()
                ex = _pool(jobs, initargs)
            except Exception as exc:  # a task that cannot even report its failure (e.g. unpicklable)
                results = [[_lost(u, f"{type(exc).__name__}: {exc}") for u in b]]
            while len(window) < jobs * 3 and (nxt := next(it, None)) is not None:
                window.append((nxt, _submit(ex, fn, nxt)))
            yield from results
        if last is not None:
            last(ex)
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _submit(ex: ProcessPoolExecutor, fn: Callable[[list], list[Outcome]], batch: list) -> Future:
    """Submit a batch; a pool already broken by a dead worker gives a failed future, handled like the others."""
    try:
        return ex.submit(fn, batch)
    except BrokenProcessPool as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed


def _pool(jobs: int, initargs: tuple) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker,
                               initargs=initargs)


def _lost(unit: object, why: str = "the worker process died (out of memory or killed)") -> Outcome:
    name = unit.name if isinstance(unit, Unit) else f"article {unit[0]}"
    return ("error", name, f"{name}: not ingested, {why}; run again to retry it", 0)


def default_jobs() -> int:
    """Worker processes to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def ingest_paths(db: str, paths: list[str], published: dt.date | None = None, quiet: bool = False,
                 jobs: int = 1, opts: ReadOptions | None = None, stdin: str | bytes | IO[bytes] | None = None,
                 tty: bool | None = None) -> IngestSummary:
    """Ingest every article under paths into db; errors go to stderr and the ingest_errors table."""
    from timeline.sources_walk import iter_units

    opts = opts or ReadOptions(published=published)
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    connect(db).dispose()  # create the schema and full-text indexes
    summary = IngestSummary()
    writer = Writer(db)
    merger = Merger(writer, merge_blocks, jobs)

    def last(pool: ProcessPoolExecutor | None) -> None:
        progress.update(force=True, phase="merging events")
        merger.finish(pool)

    try:
        with Progress(summary, quiet=quiet, tty=tty) as progress:
            stored = 0
            for outcomes in run_ordered(process_units, _batches(iter_units(paths, opts, stdin)), jobs,
                                        (db, opts), merger.idle, last):
                for kind, name, payload, chars in outcomes:
                    stored += _write(writer, summary, progress, kind, name, payload, chars)
                if stored >= SETTLE_EVERY and jobs <= 1:  # with workers, blocks are merged as the run goes
                    progress.update(force=True, phase="merging events")
                    writer.settle()
                    stored = 0
                progress.update(phase="reading")
            summary.merged = writer.merged
            progress.update(force=True, phase="done")
    finally:
        writer.close()
    if not quiet:
        print(f"{db}: {summary.line()}", file=sys.stderr)
    return summary


def _write(writer: Writer, summary: IngestSummary, progress: Progress, kind: str, name: str, payload: object,
           chars: int) -> int:
    """Store one outcome; return 1 if an article was written."""
    summary.chars += chars
    if kind == "error":
        summary.failed += 1
        summary.errors.append(str(payload))
        progress.error(str(payload))
        writer.error(name, str(payload))
        return 0
    if kind == "unchanged":
        summary.unchanged += 1
        return 0
    assert isinstance(payload, Prepared)
    outcome = writer.put(payload)
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    if outcome != "unchanged":
        summary.events += payload.reports
    return int(outcome != "unchanged")


def _stored_rows(db: str, size: int = 64) -> Iterator[list[tuple]]:
    """Stored articles in id order, a page at a time (no long-lived read transaction)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        last = 0
        while True:
            rows = conn.execute("select id, text, published, title, source, url, path from articles where id > ? "
                                "order by id limit ?", (last, size)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for i in range(0, len(rows), 8):
                yield rows[i:i + 8]
    finally:
        conn.close()


def reprocess_db(db: str, quiet: bool = False, jobs: int = 1, tty: bool | None = None) -> IngestSummary:
    """Re-extract every stored article with the current rules; article rows stay, mentions and events follow."""
    if not os.path.exists(db):
        raise FileNotFoundError(f"{db}: no such database")
    connect(db).dispose()
    summary = IngestSummary()
    writer = Writer(db)
    try:
        with Progress(summary, quiet=quiet, tty=tty, label="reprocess") as progress:
            for outcomes in run_ordered(process_stored, _stored_rows(db), jobs, (None, ReadOptions())):
                for kind, _name, payload, chars in outcomes:
                    summary.chars += chars
                    if kind == "error":
                        summary.failed += 1
                        summary.errors.append(str(payload))
                        progress.error(str(payload))
                        continue
                    article_id, prepared = payload
                    writer.reextract(article_id, prepared)
                    summary.replaced += 1
                    summary.events += prepared.reports
                progress.update(phase="extracting")
            progress.update(force=True, phase="merging events")
            writer.settle()
            summary.merged = writer.merged
    finally:
        writer.close()
    if not quiet:
        print(f"{db}: reprocessed {summary.replaced} articles, {summary.failed} failed; {summary.events} event "
              f"reports, {summary.merged} events written; {summary.seconds:.1f} s", file=sys.stderr)
    return summary
