"""The database through plain Datasette with metadata.yml: facets, array facets, CSV and JSON downloads,
every table and canned query in the metadata, and the `datasette --get` smoke test."""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from datasette.app import Datasette
from datasette.utils import MultiParams

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


async def test_every_table_in_metadata_loads(db_file: Path) -> None:
    from timeline.publish import finalise

    finalise(db_file)  # a published database has the facet_counts tables
    ds = Datasette([str(db_file)], metadata=METADATA)
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


# --- Big-database machinery on a small synthetic database: the ?_country=/?_actor= filters (probing a value's
# events by id, or walking the date index for a common value) and the precomputed facet counts (web.summary).

COUNTRIES = ["PRK", "USA", "CHN", "JPN", "KOR"]


def synthetic_db(path: Path, n: int = 90) -> Path:
    """n events with 1-3 countries and actors (an actor twice in some events, in two roles), repeated and missing
    dates, written into the project's schema."""
    import json
    import random
    import sqlite3

    from timeline.store import connect

    connect(path).dispose()
    rnd = random.Random(7)
    conn = sqlite3.connect(path)
    conn.execute("insert or ignore into actors values ('person:a', 'Person A', 'person', 'PRK')")
    for i in range(1, n + 1):
        year = rnd.choice([2017, 2018, 2019])
        start = None if i % 11 == 0 else f"{year}-{rnd.randint(1, 3):02d}-{rnd.choice([1, 15]):02d}"
        countries = rnd.sample(COUNTRIES, rnd.randint(1, 3))
        actors = [*countries[:1], *(["person:a"] if i % 3 == 0 else [])]
        conn.execute(
            "insert into events (id, date, date_start, date_end, precision, date_source, year, year_month,"
            " event_type, status, summary, countries, actors, mention_count, article_count, date_conflict, source)"
            " values (?, ?, ?, ?, 'day', ?, ?, null, ?, ?, ?, ?, ?, 1, 1, 0, ?)",
            (i, start, start, start, rnd.choice(["explicit", "inferred"]), year if start else None,
             rnd.choice(["meeting", "summit", "talks"]), rnd.choice(["occurred", "planned"]), f"Event {i}",
             json.dumps(countries), json.dumps(actors), rnd.choice(["Wire A", "Wire B", None])))
        conn.executemany("insert into event_countries (event_id, country) values (?, ?)", [(i, c) for c in countries])
        conn.executemany("insert into event_actors (event_id, actor_id, role) values (?, ?, ?)",
                         [(i, a, "participant") for a in actors] + ([(i, "person:a", "host")] if i % 9 == 0 else []))
    conn.commit()
    conn.close()
    return path


def expected_ids(db: Path, where: str, params: tuple = (), order: str = "date_start is null, date_start, id"
                 ) -> list[int]:
    """Event ids of a selection in the events table's default order (by date, undated last, then id), or in
    `order`."""
    import sqlite3

    conn = sqlite3.connect(db)
    return [r[0] for r in conn.execute(f"select id from events where {where} order by {order}", params)]


async def all_pages(ds: Datasette, qs: str) -> tuple[list[int], int]:
    """Ids of every page of /timeline/events?qs (7 rows a page, following next) and the count Datasette shows."""
    ids, url, count = [], f"/timeline/events.json?{qs}&_size=7&_shape=objects", None
    while url:
        data = (await ds.client.get(url)).json()
        ids += [r["id"] for r in data["rows"]]
        count = data["filtered_table_rows_count"] if count is None else count
        url = data["next_url"] and data["next_url"].split("localhost", 1)[-1]
    return ids, count


VIEWS = [
    ("_country=PRK", "id in (select event_id from event_countries where country = 'PRK')"),
    ("_country=JPN", "id in (select event_id from event_countries where country = 'JPN')"),
    ("_actor=person:a", "id in (select event_id from event_actors where actor_id = 'person:a')"),
    ("_country=PRK&_country=USA", "id in (select event_id from event_countries where country = 'PRK') and "
                                  "id in (select event_id from event_countries where country = 'USA')"),
    ("_country=CHN&event_type=summit", "event_type = 'summit' and "
                                       "id in (select event_id from event_countries where country = 'CHN')"),
    ("_country=KOR&_actor=person:a", "id in (select event_id from event_countries where country = 'KOR') and "
                                     "id in (select event_id from event_actors where actor_id = 'person:a')"),
]


@pytest.mark.parametrize(("summarised", "share"), [(False, None), (True, None), (False, 1.0)])
async def test_link_filters_give_the_rows_in_date_order_with_their_count(tmp_path: Path, summarised: bool,
                                                                        share: float | None, monkeypatch) -> None:
    import sqlite3

    from timeline.publish import finalise, make_datasette
    from timeline.web import links

    if share is not None:  # every value counts as rare: the rarest link value drives the query, whatever else
        monkeypatch.setattr(links, "WALK_SHARE", share)
    db = synthetic_db(tmp_path / "timeline.db")
    if summarised:  # a common country alone walks the date index; its count comes from facet_counts
        finalise(db)
    ds = make_datasette(str(db), immutable=summarised)
    for qs, where in VIEWS:
        want = expected_ids(db, where)
        assert len(want) > 3, qs
        assert await all_pages(ds, qs) == (want, len(want)), qs
    prk = expected_ids(db, VIEWS[0][1])
    page = (await ds.client.get("/timeline/events?_country=PRK")).text
    assert f"{len(prk)} rows" in page
    timeline = (await ds.client.get("/-/timeline?_country=PRK")).text
    assert [int(i) for i in re.findall(r'href="/timeline/events/(\d+)"', timeline)] == [
        i for i in expected_ids(db, VIEWS[0][1] + " and date_start is not null")] + [
        i for i in sorted(expected_ids(db, VIEWS[0][1] + " and date_start is null"))]
    request = SimpleNamespace(args=MultiParams({"_country": ["CHN"], "event_type": ["summit"]}))
    clause = (await links.request_link_filters(ds, "timeline", request, "events")).where_clauses[0]
    assert clause.startswith("id in" if share else "+id in"), clause
    shortcut = getattr(ds.get_database("timeline"), "_timeline_counts", None)
    assert (shortcut is not None and len(shortcut.counts) > 0) == summarised
    if summarised:  # the count shown is the table's: a table changed by hand shows it
        conn = sqlite3.connect(db)
        conn.execute("update facet_counts set n = n + 1000 where filter = 'countries' and filter_value = 'PRK'"
                     " and facet = ''")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        fresh = make_datasette(str(db), immutable=True)
        data = (await fresh.client.get("/timeline/events.json?_country=PRK&_size=1")).json()
        assert data["filtered_table_rows_count"] == len(prk) + 1000


async def test_facet_counts_table_gives_the_live_counts_and_goes_stale_on_write(tmp_path: Path) -> None:
    import sqlite3

    from timeline.publish import finalise, make_datasette
    from timeline.web import facets

    db = synthetic_db(tmp_path / "timeline.db")
    views = ["", "_country=PRK", "_country=KOR", "_actor=person:a", "_actor=PRK", "year=2018", "event_type=summit",
             "status=planned", "source=Wire+B", "date_source__exact=inferred", "_country=PRK&year=2018",
             "year=2018&_search=Event", "year=1990"]

    async def counts(ds: Datasette) -> list[dict]:
        out = []
        for qs in views:
            facets._CACHE.clear()
            data = (await ds.client.get(f"/timeline/events.json?{qs}&_extra=facet_results&_size=0")).json()
            assert not data.get("facets_timed_out"), qs
            out.append({k: [(v["value"], v["count"]) for v in f["results"]] for k, f in facets_of(data).items()})
        return out

    async def charts(ds: Datasette) -> list[list[str]]:
        out = []
        for qs in ("_country=PRK", "_actor=person:a", "year=2018", "status=planned", "_country=KOR&year=2018"):
            facets._CACHE.clear()
            html = (await ds.client.get(f"/-/timeline?{qs}")).text
            out.append(sorted(re.findall(r"<rect [^>]*><title>([^<]*)</title>", html)))
            assert out[-1], qs
        return out

    live = await counts(make_datasette(str(db)))
    live_charts = await charts(make_datasette(str(db)))
    finalise(db)
    conn = sqlite3.connect(db)
    assert conn.execute("select valid from facet_counts_state").fetchone() == (1,)
    assert conn.execute("select count(*) from facet_counts where filter = 'countries' and filter_value = 'PRK'"
                        ).fetchone()[0] > 10
    from_table = await counts(make_datasette(str(db), immutable=True))
    assert from_table == live
    assert await charts(make_datasette(str(db), immutable=True)) == live_charts
    assert conn.execute("select count(*) from facet_counts where facet = 'year_type' and filter = 'countries'"
                        " and filter_value = 'PRK'").fetchone()[0] > 3
    n2018 = conn.execute("select count(*) from events where year = 2018").fetchone()[0]
    prk = conn.execute("select count(*) from event_countries where country = 'PRK'").fetchone()[0]
    assert live[5]["year"] == [(2018, n2018)] and dict(live[1]["countries"])["PRK"] == prk
    assert live[-1] == {"event_type": [], "status": [], "year": [], "precision": [], "date_source": [],
                        "countries": [], "actors": [], "source": []}
    conn.execute("update facet_counts set n = n + 1000 where filter = 'countries' and filter_value = 'PRK'"
                 " and facet = 'status' and value = 'planned'")  # proof that the table answers the view
    conn.commit()
    marked = await counts(make_datasette(str(db)))  # a mutable database uses the table too while it is valid
    assert dict(marked[1]["status"])["planned"] == dict(live[1]["status"])["planned"] + 1000
    assert marked[:1] + marked[2:] == live[:1] + live[2:]
    conn.execute("update events set status = 'cancelled' where id = 1")
    conn.commit()
    assert conn.execute("select valid from facet_counts_state").fetchone() == (0,)
    conn.close()
    after = await counts(make_datasette(str(db)))
    assert dict(after[0]["status"])["cancelled"] == 1  # counted live again


# --- The default order: by date, undated events last (events.sort_date), in HTML, JSON and CSV, and on every page
# Datasette's keyset pagination walks over the sort column.


def html_starts(html: str) -> list[str | None]:
    """The date_start cells of an events table page, None for an empty one."""
    cells = re.findall(r'<td class="col-date_start type-(\w+)">([^<]*)</td>', html)
    return [None if kind == "none" else text for kind, text in cells]


async def pages_of(ds: Datasette, path: str) -> list[list[dict]]:
    """Every page of a table's JSON rows, following next_url to the end."""
    pages, url = [], path
    while url:
        data = (await ds.client.get(url)).json()
        assert "rows" in data, (url, data)
        pages.append(data["rows"])
        url = data["next_url"] and data["next_url"].split("localhost", 1)[-1]
        assert len(pages) < 100, url
    return pages


@pytest.mark.parametrize("immutable", [False, True])
async def test_default_order_is_by_date_with_undated_events_last_on_every_page(tmp_path: Path,
                                                                                immutable: bool) -> None:
    import sqlite3

    from timeline.publish import finalise, make_datasette

    db = synthetic_db(tmp_path / "timeline.db")
    conn = sqlite3.connect(db)
    starts = sorted(r[0] for r in conn.execute("select date_start from events where date_start is not null"))
    undated = conn.execute("select count(*) from events where date_start is null").fetchone()[0]
    conn.close()
    assert undated >= 5 and len(starts) > 50
    if immutable:
        finalise(db)
    ds = make_datasette(str(db), immutable=immutable)
    pages = await pages_of(ds, "/timeline/events.json?_size=7&_shape=objects")
    first = [r["date_start"] for r in pages[0]]
    assert None not in first and first == sorted(first) and first[0] == starts[0]
    rows = [r for page in pages for r in page]
    assert [r["date_start"] for r in rows] == starts + [None] * undated  # every row once: dated, then undated
    assert [r["id"] for r in rows] == expected_ids(db, "1")  # ties (and the undated) by id
    assert pages[-1][-1]["date_start"] is None and len(pages) == -(-len(rows) // 7)
    # The HTML page and its next link; the JSON with the default page size.
    html = (await ds.client.get("/timeline/events?_size=7")).text
    assert html_starts(html) == starts[:7] and "sorted by sort_date" in html
    nxt = re.search(r'href="([^"]*_next=[^"]*)"', html).group(1).replace("&amp;", "&").split("localhost", 1)[-1]
    assert html_starts((await ds.client.get(nxt)).text) == starts[7:14]
    arrays = (await ds.client.get("/timeline/events.json?_shape=array&_size=max")).json()
    assert [r["date_start"] for r in arrays] == starts + [None] * undated
    # CSV: one page, and streamed (Datasette walks the same pages itself).
    for qs in ("_size=max", "_stream=on", "_stream=on&_size=7"):
        got = list(csv.DictReader(io.StringIO((await ds.client.get(f"/timeline/events.csv?{qs}")).text)))
        assert [r["date_start"] or None for r in got] == starts + [None] * undated, qs
        assert got[-1]["sort_date"] == "undated"
    # After a facet click the rows keep the order, through every page.
    summit = await pages_of(ds, "/timeline/events.json?event_type=summit&_size=5&_shape=objects")
    want = expected_ids(db, "event_type = 'summit'")
    assert [r["id"] for page in summit for r in page] == want
    assert any(r["date_start"] is None for r in summit[-1])


@pytest.mark.parametrize("year_index_only", [False, True])
async def test_sorts_the_user_chooses_still_page_through_every_row(tmp_path: Path, year_index_only: bool) -> None:
    import sqlite3

    from timeline.publish import make_datasette

    db = synthetic_db(tmp_path / "timeline.db")
    if year_index_only:  # ?year= can only read (year, event_type): ties of date_start come by type, not by id
        conn = sqlite3.connect(db)
        conn.execute("drop index ix_events_year")
        conn.execute("drop index idx_events_year_sort")
        conn.close()
    ds = make_datasette(str(db))
    prk = "id in (select event_id from event_countries where country = 'PRK')"
    for qs, where, order in [
        ("_sort=date_start", "1", "date_start, id"),  # Datasette's own order: NULL first
        ("_sort=sort_date", "1", "sort_date, id"),
        ("_sort=year", "1", "year, id"),
        ("_sort=date_start&year=2018", "year = 2018", "date_start, id"),
        ("_sort=event_type&year=2018", "year = 2018", "event_type, id"),
        ("_sort=date_end&_country=PRK", prk, "date_end, id"),
        ("_sort_desc=date_start", "1", "date_start desc, id"),  # NULL last
        ("_sort_desc=sort_date", "1", "sort_date desc, id"),  # the undated first
        ("_sort_desc=year", "1", "year desc, id"),
        ("_sort_desc=date_start&_country=PRK", prk, "date_start desc, id"),
        ("_sort_desc=status&event_type=summit", "event_type = 'summit'", "status desc, id"),
    ]:
        rows = [r for page in await pages_of(ds, f"/timeline/events.json?{qs}&_size=6&_shape=objects") for r in page]
        assert [r["id"] for r in rows] == expected_ids(db, where, order=order), qs


def test_default_pages_read_the_sort_date_indexes_without_sorting(tmp_path: Path) -> None:
    from timeline.web.order import with_id_tie_break

    assert with_id_tie_break("select id from events where year = :p0 order by sort_date limit 51") == (
        "select id from events where year = :p0 order by sort_date, id limit 51")
    assert with_id_tie_break("select id from events order by [date_start] desc limit 7") == (
        "select id from events order by [date_start] desc, id limit 7")
    for unchanged in ("select id from events order by sort_date, id limit 51",
                      "select id from events order by id limit 9",
                      "select * from events join actors a on a.id = events.id order by year limit 5",
                      "select rowid from events_fts order by rank limit 5"):
        assert with_id_tie_break(unchanged) == unchanged
    import sqlite3

    db = synthetic_db(tmp_path / "timeline.db")
    conn = sqlite3.connect(db)
    for sql in ("select * from events order by sort_date, id limit 51",  # the first page, with order.py's id
                "select * from events where (sort_date > '2018-01-01' or (sort_date = '2018-01-01' and id > 3))"
                " order by sort_date, id limit 51",
                "select * from events where event_type = 'summit' order by sort_date, id limit 51",
                "select * from events where year = 2018 order by sort_date, id limit 51",
                "select * from events where exists (select 1 from event_countries where event_id = events.id"
                " and country = 'USA') order by sort_date, id limit 51"):
        plan = " ".join(r[-1] for r in conn.execute(f"explain query plan {sql}"))
        assert "TEMP B-TREE" not in plan and "sort" in plan, (sql, plan)
    conn.close()


async def test_a_database_from_before_sort_date_is_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from timeline.publish import make_datasette, upgrade_schema
    from timeline.store import connect

    db = synthetic_db(tmp_path / "timeline.db")
    conn = sqlite3.connect(db)  # the schema as it was: no sort_date, (facet, date_start) indexes
    for (name,) in conn.execute("select name from sqlite_master where type = 'index' and sql like '%sort_date%'"
                                ).fetchall():
        conn.execute(f"drop index {name}")
    conn.execute("alter table events drop column sort_date")
    conn.execute("create index idx_events_status_date on events (status, date_start)")
    conn.commit()
    assert "sort_date" not in {r[1] for r in conn.execute("PRAGMA table_xinfo(events)")}
    conn.close()
    assert upgrade_schema(db) and not upgrade_schema(db)
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from events where sort_date = 'undated'").fetchone()[0] > 0
    names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'index'")}
    assert {"ix_events_sort_date", "idx_events_status_sort"} <= names and "idx_events_status_date" not in names
    conn.close()
    connect(db).dispose()  # opening it for writing again changes nothing
    rows = [r for page in await pages_of(make_datasette(str(db)), "/timeline/events.json?_size=9&_shape=objects")
            for r in page]
    assert [r["id"] for r in rows] == expected_ids(db, "1")
    assert not upgrade_schema(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.close()
    assert not upgrade_schema(other)  # not a timeline database: left alone


@pytest.mark.parametrize("immutable", [False, True])
async def test_facets_of_every_page_are_those_of_the_whole_selection(tmp_path: Path, immutable: bool) -> None:
    from timeline.publish import finalise, make_datasette
    from timeline.web import facets

    db = synthetic_db(tmp_path / "timeline.db")
    if immutable:
        finalise(db)
    ds = make_datasette(str(db), immutable=immutable)
    for qs in ("", "event_type=summit", "_country=PRK", "_country=PRK&year=2018", "_search=Event",
               "_sort=date_start", "_sort_desc=article_count"):
        facets._CACHE.clear()
        url, seen = f"/timeline/events.json?{qs}&_size=6&_extra=facet_results", []
        while url and len(seen) < 4:
            data = (await ds.client.get(url)).json()
            seen.append({k: [(v["value"], v["count"]) for v in f["results"]] for k, f in facets_of(data).items()})
            url = data["next_url"] and data["next_url"].split("localhost", 1)[-1] + "&_extra=facet_results"
        assert len(seen) >= 2 and all(s == seen[0] for s in seen), qs
        total = (await ds.client.get(f"/timeline/events.json?{qs}&_size=0")).json()["filtered_table_rows_count"]
        assert sum(n for _, n in seen[-1]["status"]) == total, qs
