"""Storing articles and events: idempotent ingest, links, merge across articles."""

import sqlite3
from pathlib import Path

from timeline.ingest import ingest_paths

TABLES = ("articles", "events", "mentions", "actors", "event_actors", "event_countries")


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def test_ingest_twice_adds_nothing(seed_db: Path, seed_path: Path) -> None:
    before = _counts(seed_db)
    assert before["articles"] == 1 and before["events"] >= 7 and before["mentions"] > before["events"] - 1
    summary = ingest_paths(str(seed_db), [str(seed_path)], quiet=True)
    assert summary.unchanged == 1 and summary.added == 0
    assert _counts(seed_db) == before


def test_events_have_links_and_json_columns(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    row = conn.execute("select id, countries, year, precision, mention_count from events "
                       "where date = '2018-04-17'").fetchone()
    assert row is not None and row[2] == 2018 and row[3] == "day" and row[4] >= 1
    linked = {c for (c,) in conn.execute("select country from event_countries where event_id = ?", (row[0],))}
    assert {"JPN", "USA"} <= linked
    names = {n for (n,) in conn.execute(
        "select a.name from event_actors ea join actors a on a.id = ea.actor_id where ea.event_id = ?", (row[0],))}
    assert "Shinzo Abe" in names
    fks = {r[2] for r in conn.execute("pragma foreign_key_list(mentions)")}
    assert {"events", "articles"} <= fks


def test_same_event_from_two_articles_is_one_event(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("---\npublished: 2019-02-20\nurl: https://example.org/a\n---\n"
                 "President Donald Trump and North Korean leader Kim Jong Un will hold a summit in Hanoi "
                 "later this month, the White House said on Wednesday.\n")
    b = tmp_path / "b.txt"
    b.write_text("---\npublished: 2019-03-01\nurl: https://example.org/b\n---\n"
                 "Trump and Kim Jong Un met in Hanoi on Wednesday and Thursday, but the summit ended without "
                 "an agreement on North Korea's nuclear programme.\n")
    db = tmp_path / "two.db"
    ingest_paths(str(db), [str(a), str(b)], quiet=True)
    conn = sqlite3.connect(db)
    rows = conn.execute("select id, precision, article_count, status from events "
                        "where event_type in ('meeting', 'summit') and year = 2019").fetchall()
    assert len(rows) == 1, rows
    assert rows[0][2] == 2 and rows[0][1] in ("day", "week")
    assert rows[0][3] == "occurred"
    # ingest order does not matter
    db2 = tmp_path / "two-reversed.db"
    ingest_paths(str(db2), [str(b), str(a)], quiet=True)
    rows2 = sqlite3.connect(db2).execute("select id, precision, article_count, status from events "
                                         "where event_type in ('meeting', 'summit') and year = 2019").fetchall()
    assert rows2 == rows


def test_bad_input_is_recorded_and_batch_continues(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("A sentence with no date anywhere near it.")
    db = tmp_path / "mixed.db"
    summary = ingest_paths(str(db), [str(bad), str(seed_path)], quiet=True)
    assert summary.failed == 1 and summary.added == 1
    conn = sqlite3.connect(db)
    (path, reason), = conn.execute("select path, reason from ingest_errors").fetchall()
    assert path.endswith("bad.txt") and "publication date" in reason


def test_changed_article_replaces_its_events(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\npublished: 2019-06-10\nurl: https://example.org/changing\n---\n"
                 "The foreign ministers of France and Germany met in Paris on Friday to discuss the budget.\n")
    db = tmp_path / "change.db"
    ingest_paths(str(db), [str(f)], quiet=True)
    conn = sqlite3.connect(db)
    assert conn.execute("select date from events").fetchall() == [("2019-06-07",)]
    f.write_text("---\npublished: 2019-06-10\nurl: https://example.org/changing\n---\n"
                 "The foreign ministers of France and Germany met in Berlin on Thursday to discuss the budget.\n")
    summary = ingest_paths(str(db), [str(f)], quiet=True)
    assert summary.replaced == 1
    assert conn.execute("select date from events").fetchall() == [("2019-06-06",)]
    assert conn.execute("select count(*) from articles").fetchone()[0] == 1
    assert conn.execute("select count(*) from event_countries where event_id not in (select id from events)"
                        ).fetchone()[0] == 0


def test_reports_that_disagree_on_the_day_are_one_event_with_a_conflict(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("---\npublished: 2019-06-20\nurl: https://example.org/c1\n---\n"
                 "The foreign ministers of Brazil and Argentina signed a trade agreement on June 17, 2019.\n")
    b = tmp_path / "b.txt"
    b.write_text("---\npublished: 2019-06-21\nurl: https://example.org/c2\n---\n"
                 "Brazil and Argentina signed a trade agreement on June 18, 2019, officials said.\n")
    db = tmp_path / "conflict.db"
    ingest_paths(str(db), [str(b), str(a)], quiet=True)
    rows = sqlite3.connect(db).execute(
        "select date, date_conflict, mention_count from events where event_type = 'agreement'").fetchall()
    assert len(rows) == 1 and rows[0][1] == 1 and rows[0][2] == 2
    assert rows[0][0] in ("2019-06-17", "2019-06-18")


def test_search_triggers_set_aside_by_a_killed_bulk_merge_come_back(seed_db: Path) -> None:
    from timeline.store_write import Writer, open_connection, suspend_search
    from timeline.web.summary import build_summary

    conn = open_connection(seed_db)
    build_summary(conn)  # its triggers on events (marking the facet counts stale) must stay in place
    conn.execute("BEGIN IMMEDIATE")
    suspend_search(conn)  # as a bulk merge does, then the process dies
    conn.execute("COMMIT")
    triggers = "select name from sqlite_master where type = 'trigger' and tbl_name = 'events'"
    assert {n for (n,) in conn.execute(triggers)} == {f"facet_counts_stale_events_{op}"
                                                        for op in ("insert", "update", "delete")}
    conn.execute("delete from events_fts")  # the index is stale after a bulk merge
    Writer(seed_db).close()
    assert {n for (n,) in conn.execute(triggers + " and name like 'events_a%'")} == {"events_ai", "events_ad",
                                                                                     "events_au"}
    hits = conn.execute("select count(*) from events_fts where events_fts match 'summit'").fetchone()[0]
    assert hits >= 2
    assert not conn.execute("select 1 from sqlite_master where name = '_suspended_triggers'").fetchone()


def many_articles(folder: Path, years: range = range(1990, 2020)) -> Path:
    """Four articles a year, enough merge blocks for a bulk merge."""
    folder.mkdir()
    pairs = [("France", "Germany"), ("Japan", "India"), ("Brazil", "Argentina"), ("Kenya", "Ethiopia")]
    for year in years:
        for i, (a, b) in enumerate(pairs):
            (folder / f"{year}-{i}.txt").write_text(
                f"---\npublished: {year}-06-20\n---\nThe leaders of {a} and {b} signed a trade agreement on "
                f"June 17, {year}. {a} imposed sanctions on {b} in March.\n")
    return folder


def test_bulk_merge_keeps_search_in_sync(tmp_path: Path) -> None:
    folder = many_articles(tmp_path / "many")
    db = tmp_path / "bulk.db"
    ingest_paths(str(db), [str(folder)], quiet=True)
    conn = sqlite3.connect(db)
    assert conn.execute("select count(distinct block) from mentions").fetchone()[0] >= 50
    events = conn.execute("select count(*) from events").fetchone()[0]
    indexed = conn.execute("select count(*) from events_fts where events_fts match 'agreement'").fetchone()[0]
    assert indexed == conn.execute("select count(*) from events where summary like '%greement%'").fetchone()[0] > 0
    assert events > 100
    triggers = {n for (n,) in conn.execute("select name from sqlite_master where type='trigger' and tbl_name='events'")}
    assert triggers == {"events_ai", "events_ad", "events_au"}


def test_facet_counts_go_stale_when_a_bulk_merge_writes_events(tmp_path: Path) -> None:
    from timeline.publish import finalise
    from timeline.web.summary import read_summary, summary_valid

    db = tmp_path / "bulk.db"
    ingest_paths(str(db), [str(many_articles(tmp_path / "a", range(1990, 1992)))], quiet=True)
    finalise(db)
    conn = sqlite3.connect(db)
    assert summary_valid(conn)
    events = conn.execute("select count(*) from events").fetchone()[0]
    assert sum(n for _, n in read_summary(conn, "", "")["event_type"]) == events
    ingest_paths(str(db), [str(many_articles(tmp_path / "b", range(2000, 2020)))], quiet=True)  # a bulk merge
    assert not summary_valid(conn) and read_summary(conn, "", "") is None


def test_indexes_set_aside_and_made_again_meanwhile_come_back_once(seed_db: Path) -> None:
    """A run killed while the events indexes were set aside, then `store.connect` (another command) making the
    missing indexes: the next writer puts back only what is still missing."""
    from timeline.store import connect
    from timeline.store_write import Writer, open_connection, suspend_search

    objects = "select type, name from sqlite_master where tbl_name = 'events' and sql is not null order by 2"
    conn = open_connection(seed_db)
    before = conn.execute(objects).fetchall()
    conn.execute("BEGIN IMMEDIATE")
    suspend_search(conn, indexes=True)
    conn.execute("COMMIT")
    assert len(conn.execute(objects).fetchall()) < len(before) - 3
    connect(seed_db).dispose()  # makes the events indexes again, not the search triggers
    Writer(seed_db).close()
    assert conn.execute(objects).fetchall() == before
