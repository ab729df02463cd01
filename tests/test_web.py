"""The Datasette site as a visitor sees it: plugin facets and filters, the timeline page, canned queries,
full-text search, output formats, and markup shown as text everywhere."""

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from timeline.publish import SETTINGS, load_metadata, make_datasette

XSS = "<script>alert('x')</script>"
XSS_EVENT_ID = 4242
XSS_ARTICLE_ID = 9001


def add_markup_rows(db: Path) -> None:
    """Add an article, an event (with a date conflict) and a mention whose texts contain a <script> tag."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(
            "insert into articles (id, key, title, source, url, published, text, sha256, path, chars, event_count,"
            " ingested_at) values (?, 'xss', ?, ?, null, '2019-03-01', ?, 'x', null, 10, 1, '2019-03-01T00:00:00')",
            (XSS_ARTICLE_ID, f"Leaders meet {XSS}", f"Wire {XSS}",
             f"Trump met Kim in Hanoi on Feb. 28, 2019 {XSS} for talks."))
        for actor in (("USA", "United States", "state", "USA"), ("PRK", "North Korea", "state", "PRK")):
            conn.execute("insert or ignore into actors values (?, ?, ?, ?)", actor)
        conn.execute(
            "insert into events (id, date, date_start, date_end, precision, date_source, date_text, year, year_month,"
            " event_type, status, summary, place, countries, actors, mention_count, article_count, date_conflict,"
            " first_reported, source, evidence) values (?, '2019-02-28', '2019-02-28', '2019-02-28', 'day',"
            " 'explicit', 'Feb. 28, 2019', 2019, '2019-02', 'summit', 'occurred', ?, ?, '[\"USA\", \"PRK\"]',"
            " '[\"Donald Trump\", \"Kim Jong Un\"]', 2, 1, 1, '2019-03-01', ?, ?)",
            (XSS_EVENT_ID, f"Summit {XSS}", f"Hanoi {XSS}", f"Wire {XSS}",
             f"Trump met Kim in Hanoi on Feb. 28, 2019 {XSS} for talks."))
        conn.executemany("insert into event_countries (event_id, country) values (?, ?)",
                         [(XSS_EVENT_ID, "USA"), (XSS_EVENT_ID, "PRK")])
        conn.executemany("insert into event_actors (event_id, actor_id, role) values (?, ?, 'participant')",
                         [(XSS_EVENT_ID, "USA"), (XSS_EVENT_ID, "PRK")])
        for date, text in (("2019-02-28", "Feb. 28, 2019"), ("2019-02-27", "Feb. 27")):
            conn.execute(
                "insert into mentions (event_id, article_id, report, block, sentence, char_start, char_end, trigger,"
                " date_text, date, date_start, date_end, precision, date_source, event_type, family, label, status,"
                " summary, countries, actors, participants) values (?, ?, 0, 'summit|PRK USA', ?, 0, 60, 'met', ?,"
                " ?, ?, ?, 'day', 'explicit', 'summit', 'meeting', 'summit', 'occurred', ?, '[]', '[]', '[]')",
                (XSS_EVENT_ID, XSS_ARTICLE_ID, f"Trump met Kim {XSS} on {text}.", text, date, date, date,
                 f"Summit {XSS}"))
        conn.commit()
    finally:
        conn.close()


@pytest.fixture()
def db_path(timeline_db: Path) -> Path:
    """The seed database (named timeline.db, as metadata.yml expects) plus the markup rows."""
    add_markup_rows(timeline_db)
    return timeline_db


@pytest.fixture()
def ds(db_path: Path) -> Datasette:
    """Datasette configured as `timeline serve` runs it (metadata, settings, plugin)."""
    return make_datasette(str(db_path))


def facets_of(data: dict) -> dict:
    """facet_results of a table JSON response, keyed by facet name."""
    facets = data["facet_results"]
    return facets.get("results", facets)


async def rows(ds: Datasette, path: str) -> list[dict]:
    """Rows of a table or query as a list of dicts (asserting HTTP 200)."""
    base, _, qs = path.partition("?")
    if not base.endswith(".json"):
        base += ".json"
    resp = await ds.client.get(f"{base}?{qs + '&' if qs else ''}_shape=array&_size=max")
    assert resp.status_code == 200, (path, resp.text[:500])
    return resp.json()


async def test_default_facets_have_the_seed_values(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.json?_extra=facet_results&_size=0")
    data = resp.json()
    facets = facets_of(data)
    assert not data.get("facets_timed_out")
    assert set(facets) == {"event_type", "status", "year", "precision", "date_source", "countries", "actors",
                           "source"}
    values = {name: {v["value"]: v["count"] for v in f["results"]} for name, f in facets.items()}
    assert {"talks", "visit", "summit"} <= set(values["event_type"])
    assert {"occurred", "planned"} <= set(values["status"])
    assert {2003, 2018, 2019} <= set(values["year"])
    assert {"year", "month", "day"} <= set(values["precision"])
    assert values["countries"]["PRK"] >= 5
    assert "person:kim-jong-un" in values["actors"] or "PRK" in values["actors"]
    counted = (await rows(ds, "/timeline.json?sql=select+count(*)+as+n+from+event_countries+where+country='PRK'"))
    assert values["countries"]["PRK"] == counted[0]["n"]
    labels = {v["value"]: v["label"] for v in facets["countries"]["results"]}
    assert labels["PRK"] == "North Korea (PRK)"


async def test_country_facet_links_filter_the_rows(ds: Datasette) -> None:
    data = (await ds.client.get("/timeline/events.json?_extra=facet_results")).json()
    jpn = next(v for v in facets_of(data)["countries"]["results"] if v["value"] == "JPN")
    assert "_country=JPN" in jpn["toggle_url"]
    filtered = await rows(ds, "/timeline/events?_country=JPN")
    assert len(filtered) == jpn["count"]
    assert all("JPN" in json.loads(r["countries"]) for r in filtered)
    both = await rows(ds, "/timeline/events?_country=JPN&_country=PRK&status=occurred")
    assert all({"JPN", "PRK"} <= set(json.loads(r["countries"])) and r["status"] == "occurred" for r in both)
    selected = facets_of((await ds.client.get("/timeline/events.json?_country=JPN&_extra=facet_results")).json())
    jpn_selected = next(v for v in selected["countries"]["results"] if v["value"] == "JPN")
    assert jpn_selected["selected"] and "_country" not in jpn_selected["toggle_url"]


async def test_column_facet_filters_and_counts_follow(ds: Datasette) -> None:
    data = (await ds.client.get("/timeline/events.json?status=planned&_extra=facet_results")).json()
    assert data["filtered_table_rows_count"] == len(data["rows"]) > 0
    statuses = facets_of(data)["status"]["results"]
    assert [(v["value"], v["selected"]) for v in statuses] == [("planned", True)]
    types = {v["value"]: v["count"] for v in facets_of(data)["event_type"]["results"]}
    assert sum(types.values()) == data["filtered_table_rows_count"]


async def test_actor_filter(ds: Datasette) -> None:
    found = await rows(ds, "/timeline/events?_actor=PRK")
    linked = await rows(ds, "/timeline.json?sql=select+event_id+from+event_actors+where+actor_id='PRK'")
    assert {r["id"] for r in found} == {r["event_id"] for r in linked} != set()


async def test_date_facet(ds: Datasette) -> None:
    data = (await ds.client.get("/timeline/events.json?_facet_date=date_start&_extra=facet_results")).json()
    days = {v["value"] for v in facets_of(data)["date_start"]["results"]}
    assert {"2003-01-01", "2018-04-17", "2019-02-28"} <= days


async def test_sorted_by_date_and_sortable(ds: Datasette) -> None:
    starts = [r["date_start"] for r in await rows(ds, "/timeline/events")]
    dated = [d for d in starts if d]
    assert len(dated) >= 6 and starts.count(None) >= 3  # the seed article reports undated events too
    assert starts == sorted(dated) + [None] * starts.count(None)  # by date, the undated ones last
    first = (await ds.client.get("/timeline/events.json?_size=5&_shape=objects")).json()
    assert [r["date_start"] for r in first["rows"]] == sorted(dated)[:5] and first["next_url"]
    html = (await ds.client.get("/timeline/events")).text
    cells = re.findall(r'<td class="col-date_start type-(\w+)">([^<]*)</td>', html)
    assert [text for kind, text in cells if kind != "none"] == sorted(dated) and cells[0][1] == sorted(dated)[0]
    assert [kind for kind, _ in cells][len(dated):] == ["none"] * starts.count(None)
    got = list(csv.DictReader(io.StringIO((await ds.client.get("/timeline/events.csv?_size=max")).text)))
    assert [r["date_start"] or None for r in got] == starts
    nulls_first = [r["date_start"] for r in await rows(ds, "/timeline/events?_sort=date_start")]
    assert nulls_first == [None] * starts.count(None) + sorted(dated)  # a sort the user chooses is Datasette's
    by_articles = await rows(ds, "/timeline/events?_sort_desc=article_count")
    assert [r["article_count"] for r in by_articles] == sorted((r["article_count"] for r in by_articles),
                                                               reverse=True)


async def test_timeline_page_lists_events_in_date_order_with_honest_dates(ds: Datasette) -> None:
    resp = await ds.client.get("/-/timeline")
    assert resp.status_code == 200
    html = resp.text
    dates = re.findall(r'data-date="([^"]*)"', html)
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and len(dated) >= 6
    assert dates == dated + [""] * (len(dates) - len(dated)) and len(dates) > len(dated)  # undated last
    labels = re.findall(r'<time class="tl-date"[^>]*>([^<]+)</time>', html)
    assert {"2003", "March 2018", "17 Apr 2018", "May 2018", "28 Feb 2019"} <= set(labels)
    visit = re.search(r'<li class="tl-event (\w[\w-]*) precision-day"[^>]*data-date="2018-04-17"', html)
    assert visit and visit.group(1) == "tentative"
    talks = re.search(r'<li class="tl-event (\w[\w-]*) precision-year"[^>]*data-date="2003-01-01"', html)
    assert talks and talks.group(1) == "occurred"
    assert re.search(r'href="/timeline/events/\d+"', html)
    assert "/timeline/event_evidence?event_id=" in html
    assert "<svg" in html and "<rect" in html  # events-per-year chart
    assert "https://" not in re.sub(r'href="https?://[^"]*"', "", html.split("<footer")[0])  # no CDN assets


async def test_timeline_page_respects_the_table_filters(ds: Datasette) -> None:
    for qs, check in [
        ("_country=JPN", lambda r: "JPN" in json.loads(r["countries"])),
        ("status=planned", lambda r: r["status"] == "planned"),
        ("event_type=summit", lambda r: r["event_type"] == "summit"),
        ("date_end__gte=2018-01-01&date_start__lte=2018-12-31",
         lambda r: r["date_end"] >= "2018-01-01" and r["date_start"] <= "2018-12-31"),
    ]:
        expected = {str(r["id"]) for r in await rows(ds, f"/timeline/events?{qs}")}
        assert expected and all(check(r) for r in await rows(ds, f"/timeline/events?{qs}"))
        html = (await ds.client.get(f"/-/timeline?{qs}")).text
        assert set(re.findall(r'data-id="(\d+)"', html)) == expected, qs
        assert f'href="/timeline/events?{qs.replace("&", "&amp;")}"' in html  # back to the table


async def test_timeline_page_search_and_empty(ds: Datasette) -> None:
    html = (await ds.client.get("/-/timeline?_search=suspended")).text
    expected = [r["date_start"] for r in await rows(ds, "/timeline/events?_search=suspended")]
    assert "2008-01-01" in expected
    assert re.findall(r'data-date="([^"]*)"', html) == expected
    assert "No events match" in (await ds.client.get("/-/timeline?event_type=no-such-type")).text


async def test_markup_is_shown_as_text_everywhere(ds: Datasette) -> None:
    pages = ["/timeline/events", "/timeline/events?_search=Hanoi", f"/timeline/events/{XSS_EVENT_ID}",
             "/timeline/articles", f"/timeline/articles/{XSS_ARTICLE_ID}", "/timeline/mentions",
             f"/timeline/event_evidence?event_id={XSS_EVENT_ID}", "/timeline/date_conflicts?country=PRK",
             "/timeline/search_events?q=Hanoi", "/-/timeline", "/-/timeline?_country=PRK&year=2019",
             "/timeline/events?_facet=summary&_facet=place"]
    for page in pages:
        resp = await ds.client.get(page)
        assert resp.status_code == 200, page
        assert "<script>alert" not in resp.text, page
        assert "&lt;script&gt;alert" in resp.text, page
    for page in ("/-/timeline?_search=%3Cscript%3Ealert(1)%3C/script%3E",
                 "/-/timeline?_country=%3Cscript%3Ealert(1)%3C/script%3E&event_type=%3Cscript%3Ealert(2)%3C/script%3E",
                 "/timeline/events?_country=%3Cscript%3Ealert(1)%3C/script%3E"):
        resp = await ds.client.get(page)
        assert resp.status_code == 200, page
        assert "<script>alert" not in resp.text and "&lt;script&gt;alert" in resp.text, page
    tljs = (await ds.client.get("/timeline/events.timelinejs")).json()
    texts = [e["text"]["headline"] + e["text"]["text"] for e in tljs["events"]]
    assert not any("<script>" in t for t in texts) and any("&lt;script&gt;" in t for t in texts)


async def test_canned_queries(ds: Datasette) -> None:
    prk = await rows(ds, "/timeline/country_timeline.json?country=prk")
    assert [r["date"] for r in prk][:3] == ["2003", "2008", "2013"]
    between = await rows(ds, "/timeline/events_between.json?date_from=2018-04-01&date_to=2018-04-30")
    assert {r["date"] for r in between} == {"2018-04-17"}
    planned = await rows(ds, "/timeline/planned_after.json?after=2018-04-01")
    assert {"2018-04-17", "2018-05"} <= {r["date"] for r in planned}
    assert all(r["status"] in ("planned", "proposed", "possible", "postponed") for r in planned)
    day = await rows(ds, "/timeline/on_this_day.json?month_day=04-17")
    assert [r["date"] for r in day] == ["2018-04-17"]
    top = await rows(ds, "/timeline/most_reported.json?min_articles=1")
    assert top and [r["article_count"] for r in top] == sorted((r["article_count"] for r in top), reverse=True)
    conflicts = await rows(ds, "/timeline/date_conflicts.json?country=")
    assert {r["reported_date"] for r in conflicts if r["event_id"] == XSS_EVENT_ID} == {"2019-02-27",
                                                                                         "2019-02-28"}
    assert await rows(ds, "/timeline/date_conflicts.json?country=JPN") == []
    talks = next(r for r in prk if r["date"] == "2003")
    evidence = await rows(ds, f"/timeline/event_evidence.json?event_id={talks['id']}")
    assert any("began in 2003" in r["sentence"] for r in evidence)
    assert evidence[0]["source"] == "Nikkei Asian Review"
    ranked = await rows(ds, "/timeline/search_events.json?q=suspended")
    assert ranked and "[suspended]" in ranked[0]["match"]


async def test_canned_queries_have_descriptions_and_parameters(ds: Datasette) -> None:
    queries = load_metadata()["databases"]["timeline"]["queries"]
    assert {"country_timeline", "events_between", "planned_after", "on_this_day", "most_reported",
            "date_conflicts", "event_evidence"} <= set(queries)
    for name, q in queries.items():
        assert q["title"] and q["description"], name
        assert re.search(r":\w+", q["sql"]), name
        page = await ds.client.get(f"/timeline/{name}")
        assert page.status_code == 200 and q["title"] in page.text, name


async def test_full_text_search(ds: Datasette) -> None:
    found = await rows(ds, "/timeline/events?_search=suspended")
    assert "suspension" in {r["event_type"] for r in found}
    assert all("suspended" in (r["evidence"] + r["summary"]).lower() for r in found)
    assert [r["id"] for r in await rows(ds, "/timeline/articles?_search=six-party")] != []
    assert [r["id"] for r in await rows(ds, "/timeline/articles?_search=Hanoi")] == [XSS_ARTICLE_ID]


async def test_output_formats_on_the_events_table(ds: Datasette) -> None:
    page = (await ds.client.get("/timeline/events")).text
    for fmt in ("timelinejs", "ics", "plover"):
        assert f"/timeline/events.{fmt}" in page, fmt
    ics = await ds.client.get("/timeline/events.ics?_size=max")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20180417\r\nDTEND;VALUE=DATE:20180418\r\n" in ics.text
    tljs = (await ds.client.get("/timeline/events.timelinejs?_size=max")).json()
    starts = {e["start_date"]["display_date"]: e["start_date"] for e in tljs["events"]}
    assert starts["2003"] == {"year": 2003, "display_date": "2003"}
    assert starts["March 2018"] == {"year": 2018, "month": 3, "display_date": "March 2018"}
    assert starts["17 Apr 2018"] == {"year": 2018, "month": 4, "day": 17, "display_date": "17 Apr 2018"}
    assert all(e["group"] and e["unique_id"].startswith("event-") for e in tljs["events"])
    lines = (await ds.client.get("/timeline/events.plover?status=planned")).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["status"] == "planned" for r in records)
    assert {"date", "date_resolution", "event_type", "mode", "actor", "country", "text"} <= set(records[0])


async def test_datasette_csv_and_json_stay_datasette_s(ds: Datasette) -> None:
    resp = await ds.client.get("/timeline/events.csv?_country=JPN&_size=max")
    got = list(csv.DictReader(io.StringIO(resp.text)))
    assert got and all("JPN" in r["countries"] for r in got)


async def test_hidden_tables_and_descriptions(ds: Datasette) -> None:
    html = (await ds.client.get("/timeline")).text
    assert "events_fts" not in html.split("hidden tables")[0]
    for table in ("events", "articles", "mentions", "actors", "event_actors", "event_countries"):
        assert f'href="/timeline/{table}"' in html, table
    meta = load_metadata()["databases"]["timeline"]["tables"]
    assert meta["actors"]["label_column"] == "name" and meta["articles"]["label_column"] == "title"
    row = await ds.client.get("/timeline/event_countries.json?_labels=on&_shape=array&country=PRK")
    assert row.json()[0]["country"] == {"value": "PRK", "label": "North Korea"}


async def test_every_table_and_facet_in_metadata_works(db_path: Path) -> None:
    from timeline.publish import finalise

    finalise(db_path)  # a published database: with the facet_counts tables
    ds = make_datasette(str(db_path))
    meta = yaml.safe_load((Path(__file__).resolve().parent.parent / "metadata.yml").read_text())
    for table in meta["databases"]["timeline"]["tables"]:
        resp = await ds.client.get(f"/timeline/{table}.json?_extra=facet_results")
        assert resp.status_code == 200, table
        assert not resp.json().get("facets_timed_out"), table


def test_safe_settings_are_passed_to_datasette() -> None:
    from timeline.publish import serve_command

    cmd = serve_command("data/timeline.db", immutable=True, inspect_file="x.json")
    joined = " ".join(cmd)
    assert "-i data/timeline.db" in joined and "--inspect-file x.json" in joined
    for name in ("sql_time_limit_ms", "facet_time_limit_ms", "max_returned_rows", "max_csv_mb"):
        assert f"--setting {name} {SETTINGS[name]}" in joined
    assert "--setting suggest_facets false" in joined
    assert SETTINGS["facet_time_limit_ms"] < SETTINGS["sql_time_limit_ms"]
    assert "allow_download" not in " ".join(serve_command("data/timeline.db"))


async def test_search_index_follows_changes(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("update events set evidence = 'Zanzibar accord reached' where id = ?", (XSS_EVENT_ID,))
    conn.commit()
    conn.close()
    ds = make_datasette(str(db_path))
    assert [r["id"] for r in await rows(ds, "/timeline/events?_search=zanzibar")] == [XSS_EVENT_ID]
    hanoi = {r["id"] for r in await rows(ds, "/timeline/events?_search=Hanoi")}
    assert hanoi == {XSS_EVENT_ID}  # still found through its place ("Hanoi <script>…")
    assert await rows(ds, "/timeline/events?_search=Trump+met") == []  # the old evidence left the index


async def test_countries_cells_link_to_the_country_filter(ds: Datasette) -> None:
    html = (await ds.client.get(f"/timeline/events/{XSS_EVENT_ID}")).text
    assert '<a href="/timeline/events?_country=PRK">PRK</a>' in html


async def test_timeline_page_survives_slow_queries(db_path: Path) -> None:
    ds = make_datasette(str(db_path), settings={"sql_time_limit_ms": 1, "facet_time_limit_ms": 1})
    resp = await ds.client.get("/-/timeline?_country=PRK")
    assert resp.status_code in (200, 400)  # the rows query may be interrupted too; never a 500
    if resp.status_code == 400:
        assert "took too long" in resp.text and 'name="_country"' in resp.text


async def test_immutable_start_up_counts_match_live_counts(db_path: Path) -> None:
    from timeline.web import facets

    facets._CACHE.clear()
    live = make_datasette(str(db_path))
    urls = ["/timeline/events.json?_extra=facet_results&_size=0",
            "/timeline/events.json?_country=PRK&_extra=facet_results&_size=0",
            "/timeline/events.json?status=planned&_extra=facet_results&_size=0"]
    expected = [facets_of((await live.client.get(u)).json()) for u in urls]
    facets._CACHE.clear()
    frozen = make_datasette(str(db_path), immutable=True)
    await frozen.invoke_startup()
    await frozen._timeline_warm_task
    warmed = frozen._timeline_warmed["timeline"]
    assert set(warmed) == {"whole table", "one click away"}
    assert len(facets._CACHE) > 10  # the whole table and every view one facet click away
    for url, want in zip(urls, expected, strict=True):
        got = facets_of((await frozen.client.get(url)).json())
        assert {k: [(v["value"], v["count"]) for v in f["results"]] for k, f in got.items()} == \
            {k: [(v["value"], v["count"]) for v in f["results"]] for k, f in want.items()}, url
