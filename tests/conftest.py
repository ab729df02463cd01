"""Shared fixtures: the seed article and temporary databases; scripts/ importable (score_events)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the event scorer, used by the dev-set and held-out tests
SEED = ROOT / "data" / "articles" / "2018-04-05-nikkei-kim-six-party-talks.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the bundled seed article."""
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    """The seed article, read through the sources stage."""
    from timeline.sources import read_path

    return read_path(SEED)[0]


@pytest.fixture(scope="session")
def seed_records(seed_article):
    """Event records extracted from the seed article."""
    from timeline.extract import extract_reports, report_record

    return [report_record(r, seed_article) for r in extract_reports(seed_article)]


@pytest.fixture()
def seed_db(tmp_path: Path) -> Path:
    """A fresh database holding the seed article."""
    from timeline.ingest import ingest_paths

    db = tmp_path / "seed.db"
    ingest_paths(str(db), [str(SEED)], quiet=True)
    return db


@pytest.fixture()
def timeline_db(seed_db: Path) -> Path:
    """The seed database copied to timeline.db, the database name metadata.yml describes."""
    import sqlite3

    target = seed_db.parent / "timeline.db"
    src, dst = sqlite3.connect(seed_db), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target
