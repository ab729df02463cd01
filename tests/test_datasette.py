"""The database through plain Datasette with metadata.yml: facets, array facets, CSV and JSON downloads,
every table and canned query in the metadata, and the `datasette --get` smoke test."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())


@pytest.fixture()
def db_file(timeline_db: Path) -> Path:
    """The seed database as timeline.db."""
    return timeline_db


@pytest.fixture()
def ds(db_file: Path) -> Datasette:
    return Datasette([str(db_file)], metadata=METADATA)


def facets_of(data: dict) -> dict:
    facets = data["facet_results"]
    return facets.get("results", facets)


async def test_events_json_has_metadata_facets(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_extra=facet_results")
    assert resp.status_code == 200
    facets = facets_of(resp.json())
    for name in ("event_type", "status", "year", "precision", "date_source", "countries", "actors", "source"):
        assert name in facets, facets.keys()
    statuses = {v["value"] for v in facets["status"]["results"]}
    assert {"occurred", "planned"} <= statuses


async def test_array_facet_on_countries_still_works_on_request(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_facet_array=countries&_extra=facet_results")
    array = {v["value"]: v["count"] for v in facets_of(resp.json())["countries"]["results"]}
    assert {"PRK", "USA", "CHN", "JPN"} <= set(array)
    fast = await ds.client.get("/timeline/events.json?_extra=facet_results")
    link = {v["value"]: v["count"] for v in facets_of(fast.json())["countries"]["results"]}
    assert link == array  # the link-table facet counts what the JSON column says


async def test_csv_download_has_rows(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.csv?_size=max")
    assert resp.status_code == 200
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert any(r["date"] == "2018-04-17" and r["event_type"] == "visit" for r in rows)
    sql = await ds.client.get("/timeline.csv?sql=select+date,+status+from+events+where+date+=+'2003'")
    assert "2003,occurred" in sql.text
    streamed = await ds.client.get("/timeline/events.csv?_stream=on")
    assert len(list(csv.DictReader(io.StringIO(streamed.text)))) == len(rows)


async def test_array_shape_has_the_keys(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_shape=array&_size=max")
    rows = resp.json()
    keys = {"id", "date", "date_start", "date_end", "precision", "year", "event_type", "cameo_code", "status",
            "summary", "countries", "actors", "mention_count"}
    assert rows and keys <= set(rows[0])
    dated = [r["date_start"] for r in rows if r["date_start"]]
    assert dated == sorted(dated)


async def test_every_table_in_metadata_loads(ds: Datasette) -> None:
    for table in METADATA["databases"]["timeline"]["tables"]:
        resp = await ds.client.get(f"/timeline/{table}")
        assert resp.status_code == 200, table


async def test_every_canned_query_page_loads(ds: Datasette) -> None:
    for name, query in METADATA["databases"]["timeline"]["queries"].items():
        resp = await ds.client.get(f"/timeline/{name}")
        assert resp.status_code == 200, name
        assert query["title"] in resp.text


async def test_sortable_columns_sort(ds: Datasette) -> None:
    for column in METADATA["databases"]["timeline"]["tables"]["events"]["sortable_columns"]:
        for arg in ("_sort", "_sort_desc"):
            resp = await ds.client.get(f"/timeline/events.json?{arg}={column}")
            assert resp.status_code == 200, (arg, column)


def test_datasette_get_smoke(db_file: Path) -> None:
    for path in ("/timeline/events", "/-/timeline", "/timeline/events.ics", "/timeline/country_timeline?country=PRK"):
        out = subprocess.run([sys.executable, "-m", "datasette", str(db_file), "-m", str(ROOT / "metadata.yml"),
                              "--get", path], capture_output=True, text=True)
        assert out.returncode == 0, (path, out.stderr[-2000:])
