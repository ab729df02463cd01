"""The database through Datasette: facets from metadata.yml, array facets, CSV and JSON downloads."""

import csv
import io
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def ds(seed_db: Path) -> Datasette:
    target = seed_db.parent / "timeline.db"
    seed_db.rename(target)
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    return Datasette([str(target)], metadata=metadata)


async def test_events_json_has_metadata_facets(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_extra=facet_results")
    assert resp.status_code == 200
    data = resp.json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    for name in ("event_type", "status", "year", "precision"):
        assert name in facets, facets.keys()
    statuses = {v["value"] for v in facets["status"]["results"]}
    assert {"occurred", "planned"} <= statuses


async def test_array_facet_on_countries(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_facet_array=countries&_extra=facet_results")
    facets = resp.json()["facet_results"]
    facets = facets.get("results", facets)
    values = {v["value"] for v in facets["countries"]["results"]}
    assert {"PRK", "USA", "CHN", "JPN"} <= values


async def test_csv_download_has_rows(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.csv?_size=max")
    assert resp.status_code == 200
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert any(r["date"] == "2018-04-17" and r["event_type"] == "visit" for r in rows)
    sql = await ds.client.get("/timeline.csv?sql=select+date,+status+from+events+where+date+=+'2003'")
    assert "2003,occurred" in sql.text


async def test_array_shape_has_the_keys(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_shape=array&_size=max")
    rows = resp.json()
    keys = {"id", "date", "date_start", "date_end", "precision", "year", "event_type", "cameo_code", "status",
            "summary", "countries", "actors", "mention_count"}
    assert rows and keys <= set(rows[0])
    assert [r["date_start"] for r in rows if r["date_start"]] == sorted(r["date_start"] for r in rows
                                                                        if r["date_start"])


async def test_every_table_in_metadata_loads(ds: Datasette) -> None:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    for table in metadata["databases"]["timeline"]["tables"]:
        resp = await ds.client.get(f"/timeline/{table}")
        assert resp.status_code == 200, table
