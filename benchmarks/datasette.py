"""Build a synthetic 1,000,000-event database and time the Datasette pages a visitor opens.

    python benchmarks/datasette.py [--events 1000000] [--undated 0.05] [--db /tmp/timeline-bench.db] [--rebuild]

Prints the time of the events page (all default facets) and the next pages of it, each default facet alone, a
date facet, filtered views (by type, by country, by year range, full-text search) and the timeline page, and
which facets timed out. Requests go through Datasette's own ASGI app with the project's metadata.yml, settings
and plugin, on an immutable database with inspect data (as ``timeline serve --immutable`` runs it). Target:
every request under 200 ms with no facet missing.
"""

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the datasette package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
TYPES = ["meeting", "talks", "visit", "summit", "agreement", "statement", "sanctions", "appeal", "ceasefire",
         "talks_resumed", "intent_to_meet", "phone_call", "expel", "withdrawal", "suspension", "aid"]
STATUSES = ["occurred"] * 12 + ["planned"] * 4 + ["possible"] * 2 + ["proposed", "negated", "cancelled",
                                                                     "postponed"]
PRECISIONS = ["day"] * 10 + ["month"] * 4 + ["year"] * 2 + ["week", "season", "quarter", "decade"]
DATE_SOURCES = ["explicit"] * 6 + ["inferred"] * 3 + ["relative"] * 2 + ["anchored"]
SOURCES = [f"Publication {i:02d}" for i in range(40)]
COUNTRIES = ["USA", "CHN", "RUS", "PRK", "KOR", "JPN", "GBR", "FRA", "DEU", "IND", "PAK", "IRN", "ISR", "TUR",
             "SAU", "EGY", "UKR", "BRA", "ZAF", "NGA", "AUS", "CAN", "MEX", "IDN", "VNM", "PHL", "SYR", "IRQ",
             "AFG", "QAT", "ARE", "ETH", "KEN", "ARG", "CHL", "COL", "VEN", "CUB", "POL", "ITA", "ESP", "SWE",
             "NOR", "FIN", "GRC", "SRB", "BLR", "KAZ", "MNG", "THA"]
PLACES = [None] * 6 + ["Beijing", "Washington", "Moscow", "Pyongyang", "Seoul", "Tokyo", "Geneva", "Vienna",
                       "Singapore", "Hanoi", "Doha", "New York", "Brussels", "Paris"]


def _weighted(items: list[str], rnd: random.Random) -> str:
    """A Zipf-ish pick: early items are much more common."""
    return items[min(int(rnd.paretovariate(1.2)) - 1, len(items) - 1)]


def _create_schema(path: Path) -> list[str]:
    """Create the project's tables in an empty database; return the index DDL, dropped for the bulk load."""
    from sqlmodel import SQLModel, create_engine

    import timeline.models  # noqa: F401  (registers the tables)

    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(path)
    found = conn.execute("select name, sql from sqlite_master where type='index' and sql is not null").fetchall()
    for name, _ in found:
        conn.execute(f"drop index [{name}]")
    conn.commit()
    conn.close()
    return [sql for _, sql in found]


def build(path: Path, n: int, seed: int = 1, undated: float = 0.0) -> None:
    """Write a database of n synthetic events (with countries, actors, articles and mentions) to path; a share
    `undated` of them have no date (the same events otherwise: their own random stream decides which)."""
    import json

    from timeline.store import ensure_search

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    index_ddl = _create_schema(path)
    rnd = random.Random(seed)
    undated_rnd = random.Random(seed + 1)
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;")
    people = [(f"person:p{i}", f"Person {i}", "person", rnd.choice(COUNTRIES)) for i in range(400)]
    orgs = [(f"org:o{i}", f"Organisation {i}", "organisation", None) for i in range(40)]
    states = [(c, f"State {c}", "state", c) for c in COUNTRIES]
    conn.executemany("insert into actors values (?,?,?,?)", states + orgs + people)
    actor_ids = [a[0] for a in states + orgs + people]
    n_articles = max(n // 10, 1)
    conn.executemany(
        "insert into articles (id, key, title, source, url, published, text, sha256, path, chars, event_count,"
        " ingested_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
        ((i, f"k{i}", f"Article {i}", SOURCES[i % len(SOURCES)], None, f"{1990 + i % 36}-01-01",
          "Synthetic article text.", f"s{i}", None, 23, 10, "2026-01-01T00:00:00") for i in range(1, n_articles + 1)))

    def rows():
        for i in range(1, n + 1):
            year = 1990 + min(int(rnd.betavariate(4, 1.3) * 41), 40)
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            precision = rnd.choice(PRECISIONS)
            if precision == "year":
                date, start, end, ym = f"{year}", f"{year}-01-01", f"{year}-12-31", None
            elif precision in ("month", "week", "season", "quarter"):
                date, start, end = f"{year}-{month:02d}", f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
                ym = date
            elif precision == "decade":
                date, start, end, ym = f"{year // 10}", f"{year // 10}0-01-01", f"{year // 10}9-12-31", None
            else:
                date = start = end = f"{year}-{month:02d}-{day:02d}"
                ym = date[:7]
            dated = not (undated and undated_rnd.random() < undated)
            if not dated:
                date = start = end = precision = ym = None
            cs = list(dict.fromkeys(_weighted(COUNTRIES, rnd) for _ in range(rnd.randint(1, 3))))
            acts = list(dict.fromkeys(rnd.choice(actor_ids) for _ in range(rnd.randint(1, 3))))
            etype = _weighted(TYPES, rnd)
            summary = f"{etype.replace('_', ' ').title()}: {' and '.join(cs)} in {rnd.choice(PLACES) or 'capital'}"
            arts = rnd.randint(1, 4)
            date_source = rnd.choice(DATE_SOURCES)  # drawn for every event: the same events whatever `undated` is
            yield (i, date, start, end, precision, date_source if dated else None, f"{month}/{day}" if dated else None,
                   year if dated else None, ym, etype,
                   "040", "CONSULT", None, rnd.choice(STATUSES), summary, rnd.choice(PLACES), json.dumps(cs),
                   json.dumps(acts), arts + rnd.randint(0, 2), arts, int(rnd.random() < 0.03),
                   f"{year}-{month:02d}-{day:02d}", _weighted(SOURCES, rnd),
                   f"Officials said the {etype} took place, report {i}."), cs, acts

    batch: list = []

    def flush() -> None:
        conn.executemany(f"insert into events values ({','.join('?' * 24)})", [b[0] for b in batch])
        conn.executemany("insert into event_countries values (?,?)",
                         [(b[0][0], c) for b in batch for c in b[1]])
        conn.executemany("insert into event_actors values (?,?,?)",
                         [(b[0][0], a, "participant") for b in batch for a in b[2]])
        conn.executemany(
            "insert into mentions (event_id, article_id, report, block, sentence, char_start, char_end,"
            " event_type, family, label, status, summary, countries, actors, participants)"
            " values (?,?,0,'b',?,0,10,?,?,?,?,?,?,?,'[]')",
            [(b[0][0], rnd.randint(1, n_articles), b[0][23], b[0][9], b[0][9], b[0][9], b[0][13], b[0][14],
              b[0][16], b[0][17]) for b in batch])
        batch.clear()

    for row in rows():
        batch.append(row)
        if len(batch) >= 20000:
            flush()
    if batch:
        flush()
    conn.commit()
    print(f"  rows inserted in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    for ddl in index_ddl:
        conn.execute(ddl)
    conn.commit()
    print(f"  indexes built in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    conn.close()
    ensure_search(path)
    from timeline.publish import finalise

    finalise(path)
    print(f"  search index, facet counts and ANALYZE done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


async def _time(ds, url: str, repeat: int, cold: bool) -> tuple[float, Any]:  # noqa: ANN001
    """Median milliseconds of GET url (cold: the plugin's facet cache emptied before each request)."""
    from timeline.web import facets

    times, resp = [], None
    for _ in range(repeat):
        if cold:
            facets._CACHE.clear()
        t0 = time.perf_counter()
        resp = await ds.client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), resp


def _note(resp, expect: set[str] | None) -> str:  # noqa: ANN001
    if resp.status_code != 200:
        return f"HTTP {resp.status_code}"
    if expect is None:
        return ""
    data = resp.json()
    missing = expect - set(data.get("facet_results", {}))
    timed_out = data.get("facets_timed_out") or []
    return ", ".join(filter(None, [f"missing {sorted(missing)}" if missing else "",
                                   f"timed out {timed_out}" if timed_out else ""])) or "all facets present"


async def timings(path: Path, repeat: int = 3) -> list[tuple[str, float, str]]:
    """Time each page through Datasette; return (label, median ms, note) rows."""
    from timeline.publish import load_metadata, make_datasette

    ds = make_datasette(str(path), immutable=True)
    await ds.invoke_startup()
    db = path.stem
    base = f"/{db}/events"
    meta = ds.metadata("tables", database=db)["events"]
    defaults = [next(iter(f.items())) if isinstance(f, dict) else ("column", f) for f in meta["facets"]]
    names = {col for _, col in defaults}
    out = []
    await ds._timeline_warm_task
    done = ds._timeline_warmed[db]
    out.append(("start-up: default facets, chart of the whole table (once)", done["whole table"] * 1000,
                "background task at start-up"))
    out.append(("start-up: facets of every view one facet click away (once)", done.get("one click away", 0) * 1000,
                "background task at start-up"))
    for label, url, expect in [("events page (HTML, all default facets)", base, None),
                               ("events page (JSON, all default facets)", f"{base}.json?_extra=facet_results",
                                names)]:
        ms, resp = await _time(ds, url, repeat, cold=False)
        out.append((label + ", after start-up", ms, _note(resp, expect)))
    # Keyset pagination in the default order: the page after the first, and the first page of the undated events
    # (after the last dated one: sort_date 'undated'; before sort_date existed they came first).
    first = (await ds.client.get(f"{base}.json")).json()
    pages = [("events page 2 (HTML, following next)", first["next_url"].split("localhost", 1)[-1].replace(
        f"{base}.json", base, 1) if first.get("next_url") else None)]
    if meta.get("sort") == "sort_date":
        pages.append(("events page: the first undated events (HTML, _next=undated,0)",
                      f"{base}?_next=undated,0&_sort=sort_date"))
    for label, url in pages:
        if url is None:
            continue
        ms, resp = await _time(ds, url, repeat, cold=False)
        out.append((label + ", after start-up", ms, _note(resp, None)))
    # Each default facet alone, cold, on an instance without default facets.
    meta_bare = load_metadata(None, db)
    meta_bare["databases"][db]["tables"]["events"].pop("facets")
    bare = make_datasette(str(path), immutable=True, metadata_dict=meta_bare)
    for kind, col in defaults:
        arg = "_facet" if kind == "column" else f"_facet_{kind}"
        ms, resp = await _time(bare, f"{base}.json?{arg}={col}&_extra=facet_results&_size=0", repeat, cold=True)
        out.append((f"facet {col} alone, cold", ms, _note(resp, {col})))
    ms, resp = await _time(bare, f"{base}.json?_facet_date=date_start&_extra=facet_results&_size=0", repeat, True)
    out.append(("date facet (_facet_date=date_start) alone", ms, _note(resp, {"date_start"})))
    filtered = [
        ("one click: country=PRK (9% of rows)", f"{base}?_country=PRK", False),
        ("one click: event_type=summit (5% of rows)", f"{base}?event_type=summit", False),
        ("one click: year=2018 (4% of rows)", f"{base}?year=2018", False),
        ("one click: status=cancelled (5% of rows)", f"{base}?status=cancelled", False),
        ("filtered: country=PRK, type=summit", f"{base}?_country=PRK&event_type=summit", True),
        ("filtered: country=IRN, 2015-2019", f"{base}?_country=IRN&year__gte=2015&year__lte=2019", True),
        ("filtered: country=PRK (9% of rows)", f"{base}?_country=PRK", True),
        ("filtered: year=2018 (4% of rows)", f"{base}?year=2018", True),
        ("full-text search: summit Geneva", f"{base}?_search=summit+Geneva", True),
        ("timeline page: country=PRK, year 2018", "/-/timeline?_country=PRK&year=2018", True),
        ("timeline page: unfiltered (first 500)", "/-/timeline", False),
    ]
    for label, url, cold in filtered:
        if not cold:
            await ds.client.get(url)  # the timeline page's own first request; facets were warmed at start-up
        ms, resp = await _time(ds, url, repeat, cold=cold)
        js = url.replace("/events?", "/events.json?_extra=facet_results&") if "/events?" in url else None
        note = _note(resp, None)
        if js and not note:
            note = _note(await ds.client.get(js), names)
        out.append((label + (", cold" if cold else ", after start-up"), ms, note))
    return out


def main() -> None:
    """Build the database if needed and print the table of timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/timeline-bench/timeline.db")
    parser.add_argument("--undated", type=float, default=0.05,
                        help="share of events without a date (when building; default 0.05)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not path.exists():
        print(f"building {args.events:,} events in {path} ...", file=sys.stderr)
        partial = path.with_suffix(".partial.db")
        build(partial, args.events, undated=args.undated)
        partial.rename(path)
    n, undated = sqlite3.connect(path).execute("select count(*), sum(date_start is null) from events").fetchone()
    print(f"{n:,} events ({undated or 0:,} undated) in {path}")
    rows = asyncio.run(timings(path, args.repeat))
    pages = [r for r in rows if not r[0].startswith("start-up")]
    for label, ms, note in rows:
        failed = note.startswith(("HTTP", "missing", "timed"))
        flag = "    " if label.startswith("start-up") else "FAIL" if failed else "ok  " if ms < 200 else "SLOW"
        print(f"{flag} {ms:8.1f} ms  {label}{'  — ' + note if note else ''}")
    print(f"{sum(ms < 200 for _, ms, _ in pages)} of {len(pages)} requests under 200 ms; "
          f"slowest {max(ms for _, ms, _ in pages):.1f} ms; load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
