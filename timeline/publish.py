"""Publish: build the database from the bundled articles when stale, and serve it with Datasette."""

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from timeline.sources import expand_paths

# Settings that keep a public instance safe and responsive (Datasette 0.65 takes them on the command line or in
# settings.json, not in metadata.yml). Facet queries are bounded by facet_time_limit_ms only when it is below
# sql_time_limit_ms, so both are set together.
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "facet_suggest_time_limit_ms": 50,
    "suggest_facets": False,
    "max_returned_rows": 1000,
    "default_page_size": 100,
    "default_facet_size": 15,
    "max_csv_mb": 50,
    "allow_csv_stream": True,
    "allow_download": True,
    "num_sql_threads": 3,
    "truncate_cells_html": 400,
}


def is_stale(db: str | Path, articles: str | Path) -> bool:
    """Whether db is missing or older than any article file under articles."""
    db = Path(db)
    if not db.exists():
        return True
    built = db.stat().st_mtime
    return any(Path(p).stat().st_mtime > built for p in expand_paths([str(articles)]))


def build_if_stale(db: str, articles: str) -> bool:
    """(Re)build db from articles when it is missing or stale; True if it was built."""
    from timeline.ingest import ingest_paths

    if not is_stale(db, articles):
        return False
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ingest_paths(db, [articles])
    finalise(db)
    return True


def finalise(db: str | Path) -> None:
    """Prepare a built database for publishing: the facet counts of every one-filter view
    (timeline.web.summary), planner statistics, merged FTS segments, WAL folded in."""
    from timeline.web.summary import build_summary

    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        build_summary(conn)
        conn.execute("BEGIN")
        conn.execute("ANALYZE")
        for table in ("events_fts", "articles_fts"):
            if conn.execute("select 1 from sqlite_master where name = ?", (table,)).fetchone():
                conn.execute(f"insert into [{table}]([{table}]) values ('optimize')")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def write_inspect_file(db: str | Path, target: str | Path | None = None) -> Path:
    """Write Datasette's inspect data (table row counts, hash) for an immutable db; return its path."""
    target = Path(target or f"{db}.inspect.json")
    out = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", str(target)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"datasette inspect failed: {out.stderr.strip()}")
    return target


def metadata_path() -> Path:
    """The project's metadata.yml (beside the package in a checkout, or in the working directory)."""
    here = Path(__file__).resolve().parent.parent / "metadata.yml"
    return here if here.exists() else Path("metadata.yml")


def load_metadata(metadata: str | Path | None = None, db_name: str = "timeline") -> dict:
    """metadata.yml as a dict, its database section renamed to db_name (the database file's stem)."""
    import yaml

    meta = yaml.safe_load(Path(metadata or metadata_path()).read_text(encoding="utf-8"))
    dbs = meta.get("databases") or {}
    if "timeline" in dbs and db_name != "timeline":
        dbs[db_name] = dbs.pop("timeline")
    return meta


def make_datasette(db: str, immutable: bool = False, metadata: str | Path | None = None,
                   inspect_file: str | Path | None = None, settings: dict | None = None,
                   metadata_dict: dict | None = None):  # noqa: ANN201
    """A Datasette instance on db configured like `timeline serve` (for tests and benchmarks)."""
    from datasette.app import Datasette

    inspect_data = json.loads(Path(inspect_file).read_text()) if inspect_file else None
    files = {"immutables": [db]} if immutable else {"files": [db]}
    meta = metadata_dict if metadata_dict is not None else load_metadata(metadata, Path(db).stem)
    return Datasette(**files, metadata=meta,
                     settings={**SETTINGS, **(settings or {})}, inspect_data=inspect_data)


def serve_command(db: str, host: str = "127.0.0.1", port: int = 8001, metadata: str = "metadata.yml",
                  immutable: bool = False, inspect_file: str | None = None) -> list[str]:
    """The `datasette serve` command line that publishes db with the project's metadata and settings."""
    cmd = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port)]
    cmd += ["-i", db] if immutable else [db]
    if Path(metadata).exists():
        cmd += ["--metadata", metadata]
    if inspect_file:
        cmd += ["--inspect-file", inspect_file]
    for name, value in SETTINGS.items():
        if name == "allow_download" and not immutable:
            continue
        cmd += ["--setting", name, str(value).lower() if isinstance(value, bool) else str(value)]
    return cmd


def upgrade_schema(db: str | Path) -> bool:
    """Give a timeline database built before events.sort_date (the site's default order) that column and its
    indexes; True if it was missing. Other databases are left alone."""
    if not Path(db).exists():
        return False
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_xinfo(events)")}
    finally:
        conn.close()
    if not columns or "sort_date" in columns:
        return False
    from sqlalchemy import create_engine

    from timeline.store import add_sort_date

    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 60})
    try:
        return add_sort_date(engine)
    finally:
        engine.dispose()


def serve_datasette(db: str, host: str = "127.0.0.1", port: int = 8001, metadata: str = "metadata.yml",
                    immutable: bool = False) -> None:
    """Run Datasette on db with the project's metadata and safe settings (read-only; immutable if asked)."""
    if upgrade_schema(db):
        print("Added events.sort_date (the default order) to", db, file=sys.stderr)
    if immutable:
        finalise(db)
    inspect_file = str(write_inspect_file(db)) if immutable else None
    if Path(metadata).exists() and Path(db).stem != "timeline":
        # metadata.yml describes a database named "timeline": rename its section after this file.
        renamed = Path(tempfile.mkdtemp(prefix="timeline-")) / "metadata.json"
        renamed.write_text(json.dumps(load_metadata(metadata, Path(db).stem)), encoding="utf-8")
        metadata = str(renamed)
    cmd = serve_command(db, host, port, metadata, immutable, inspect_file)
    print("Serving", db, f"at http://{host}:{port}/", file=sys.stderr)
    raise SystemExit(subprocess.call(cmd))


def main(argv: list[str] | None = None) -> None:
    """`python -m timeline.publish DB [--immutable] [--port N]`: serve an already built database."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m timeline.publish", description=main.__doc__)
    parser.add_argument("db")
    parser.add_argument("--immutable", "-i", action="store_true",
                        help="serve as immutable (no writer may touch it): inspect file, cached counts, .db download")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--metadata", default=str(metadata_path()))
    parser.add_argument("--print", action="store_true", help="only print the datasette command line")
    args = parser.parse_args(argv)
    if args.print:
        print(" ".join(serve_command(args.db, args.host, args.port, args.metadata, args.immutable,
                                     f"{args.db}.inspect.json" if args.immutable else None)))
        return
    serve_datasette(args.db, args.host, args.port, args.metadata, args.immutable)


if __name__ == "__main__":
    main()
