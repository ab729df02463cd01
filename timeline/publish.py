"""Publish: build the database from the bundled articles when stale, and serve it with Datasette."""

import subprocess
import sys
from pathlib import Path

from timeline.sources import expand_paths


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
    return True


def serve_datasette(db: str, host: str = "127.0.0.1", port: int = 8001, metadata: str = "metadata.yml") -> None:
    """Run Datasette on db with the project's metadata (read-only)."""
    cmd = [sys.executable, "-m", "datasette", "serve", db, "--host", host, "--port", str(port)]
    if Path(metadata).exists():
        cmd += ["--metadata", metadata]
    print("Serving", db, f"at http://{host}:{port}/", file=sys.stderr)
    raise SystemExit(subprocess.call(cmd))
