"""Facet counts of every one-filter view, computed once when a database is published: the ``facet_counts`` table.

A visitor's first click on a facet value (``?year=2018``, ``?_country=PRK``) selects tens of thousands of events
of a big database; counting the default facets over them means reading every one of those rows (≈0.3–1 s at
1M events). ``build_summary`` counts, in one pass over the whole database, each facet value within each value of
every other facet (and within the whole table): rows ``(filter, filter_value, facet, value, n)``. The plugin
answers a view with exactly one such filter (and no search, no other condition) from it.

The counts are those the live facets give: a column facet counts events, the countries/actors facets count link
rows, a ``_country``/``_actor`` filter selects events. Any write to events or their link tables after the build
marks the table stale (triggers), and the plugin then counts live again until the next ``build_summary``
(``timeline.publish.finalise`` runs it).
"""

import sqlite3
import time
from collections import Counter, defaultdict
from itertools import chain, product, repeat
from typing import Any

COLUMNS = ("event_type", "status", "year", "precision", "date_source", "source")
LINKS = {"countries": ("event_countries", "country"), "actors": ("event_actors", "actor_id")}
TABLE, STATE = "facet_counts", "facet_counts_state"
CHART = "year_type"  # pseudo-facet: the timeline page's chart, "YEAR|event_type"
WATCHED = ("events", "event_countries", "event_actors")


def _stale_triggers() -> list[str]:
    return [f"create trigger if not exists {TABLE}_stale_{t}_{op} after {op} on {t} begin "
            f"update {STATE} set valid = 0 where valid = 1; end"
            for t in WATCHED for op in ("insert", "update", "delete")]


def _pairs(conn: sqlite3.Connection) -> dict[tuple[str, str], Counter]:
    """Counter of (filter value, facet value) for each (filter, facet) pair of dimensions (C loops: zip, Counter,
    chain; about 30 s for 1M events)."""
    rows = conn.execute(f"select id, {', '.join(COLUMNS)} from events").fetchall()
    pos = {r[0]: i for i, r in enumerate(rows)}
    values = {c: [r[k + 1] for r in rows] for k, c in enumerate(COLUMNS)}
    del rows
    out: dict[tuple[str, str], Counter] = {}
    for i, a in enumerate(COLUMNS):
        for b in COLUMNS[i:]:
            counter = Counter(zip(values[a], values[b], strict=True))
            out[(a, b)] = counter
            if a != b:
                out[(b, a)] = Counter({(y, x): n for (x, y), n in counter.items()})
    chart = [f"{y}|{t}" if y is not None else None for y, t in zip(values["year"], values["event_type"], strict=True)]
    for a in COLUMNS:  # the timeline page's chart: events per (year, type)
        out[(a, CHART)] = Counter(zip(values[a], chart, strict=True))
    # Link values per event: every row (a facet counts link rows) and distinct (a filter selects events).
    rows_of: dict[str, dict[int, list]] = {}
    distinct_of: dict[str, dict[int, list]] = {}
    for name, (table, key) in LINKS.items():
        grouped = conn.execute(f"select event_id, group_concat({key}, char(31)) from {table} "
                               f"where event_id in (select id from events) group by event_id")
        rows_of[name] = {pos[e]: vs.split("\x1f") for e, vs in grouped}
        distinct_of[name] = {e: list(dict.fromkeys(vs)) for e, vs in rows_of[name].items()}
    for name in LINKS:
        for lists, facet_side in ((rows_of[name], True), (distinct_of[name], False)):
            at = list(chain.from_iterable(repeat(e, len(vs)) for e, vs in lists.items()))
            vals = list(chain.from_iterable(lists.values()))
            for a in COLUMNS:
                col = [values[a][e] for e in at]
                out[(a, name) if facet_side else (name, a)] = Counter(
                    zip(col, vals, strict=True) if facet_side else zip(vals, col, strict=True))
            if not facet_side:
                out[(name, CHART)] = Counter(zip(vals, [chart[e] for e in at], strict=True))
    for f_name in LINKS:
        for g_name in LINKS:
            g = rows_of[g_name]
            out[(f_name, g_name)] = Counter(chain.from_iterable(
                product(vs, g.get(e, ())) for e, vs in distinct_of[f_name].items()))
    return out


def values_of(counter: Counter) -> Counter:
    """Events per value of a column, from the column's pair with itself."""
    out: Counter = Counter()
    for (x, _), n in counter.items():
        out[x] += n
    return out


def build_summary(conn: sqlite3.Connection) -> float:
    """(Re)write the facet_counts table of a database (in its own transaction unless one is open; the
    connection must be in autocommit mode, isolation_level=None); return seconds."""
    t0 = time.perf_counter()
    in_tx = conn.in_transaction
    if not in_tx:
        conn.execute("BEGIN IMMEDIATE")  # no writer may come between the counting and the stored counts
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    if not {"events", *WATCHED} <= tables:
        if not in_tx:
            conn.execute("ROLLBACK")
        return 0.0
    pairs = _pairs(conn)
    rows: list[tuple] = []
    for (f, g), counter in pairs.items():
        rows += [(f, str(x), g, y, n) for (x, y), n in counter.items() if x is not None and y is not None]
    whole: dict[str, Counter] = defaultdict(Counter)
    for c in COLUMNS:  # the whole table: the diagonal of each column
        for (x, _), n in pairs[(c, c)].items():
            whole[c][x] += n
    for name, (table, key) in LINKS.items():
        whole[name].update(dict(conn.execute(f"select {key}, count(*) from {table} group by 1")))
    rows += [("", "", g, v, n) for g, counter in whole.items() for v, n in counter.items() if v is not None]
    # The number of events of each view (facet ""): what Datasette's count(*) would say.
    rows.append(("", "", "", "", conn.execute("select count(*) from events").fetchone()[0]))
    for c in COLUMNS:
        rows += [(c, str(x), "", "", n) for x, n in values_of(pairs[(c, c)]).items() if x is not None]
    for name, (table, key) in LINKS.items():
        rows += [(name, str(x), "", "", n) for x, n in conn.execute(
            f"select {key}, count(distinct event_id) from {table} where event_id in (select id from events)"
            " group by 1") if x is not None]
    conn.execute(f"drop table if exists {TABLE}")
    conn.execute(f"create table {TABLE} (filter text not null, filter_value text not null, facet text not null,"
                 " value, n integer not null)")
    conn.executemany(f"insert into {TABLE} values (?, ?, ?, ?, ?)", sorted(rows, key=lambda r: r[:3]))
    conn.execute(f"create index idx_{TABLE}_filter on {TABLE} (filter, filter_value)")
    conn.execute(f"create table if not exists {STATE} (valid integer not null, built_at text not null)")
    conn.execute(f"delete from {STATE}")
    conn.execute(f"insert into {STATE} values (1, datetime('now'))")
    for sql in _stale_triggers():
        conn.execute(sql)
    if not in_tx:
        conn.execute("COMMIT")
    return time.perf_counter() - t0


def read_summary(conn: sqlite3.Connection, filter_name: str, value: str) -> dict[str, list[tuple[Any, int]]] | None:
    """The facet counts of the view filtered by filter_name = value ("" and "" for the whole table), most common
    first; None when the table is missing, stale, or has nothing for that filter (then count live)."""
    if not summary_valid(conn):
        return None
    try:
        rows = conn.execute(f"select facet, value, n from {TABLE} where filter = ? and filter_value = ?",
                            (filter_name, value)).fetchall()
    except sqlite3.OperationalError:  # no such table
        return None
    if not rows:
        return None
    out: dict[str, list[tuple[Any, int]]] = {name: [] for name in (*COLUMNS, *LINKS)}
    for facet, v, n in rows:
        if facet:
            out.setdefault(facet, []).append((v, n))
    return {k: sorted(v, key=lambda r: (-r[1], str(r[0]))) for k, v in out.items()}


def summary_valid(conn: sqlite3.Connection) -> bool:
    """Whether the database has an up-to-date facet_counts table."""
    try:
        row = conn.execute(f"select valid from {STATE}").fetchone()  # Datasette's connections give sqlite3.Row
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == 1


def read_total(conn: sqlite3.Connection, filter_name: str, value: str) -> int | None:
    """How many events the view filtered by filter_name = value has ("" and "" for the whole table); None when
    the table is missing or stale (0 when it is up to date and nothing matches)."""
    if not summary_valid(conn):
        return None
    row = conn.execute(f"select n from {TABLE} where filter = ? and filter_value = ? and facet = ''",
                       (filter_name, value)).fetchone()
    return row[0] if row else 0


def read_chart(conn: sqlite3.Connection, filter_name: str, value: str) -> list[tuple[int, str, int]] | None:
    """Events per (year, event type) of the view filtered by filter_name = value, for the timeline page's chart;
    None when the table is missing or stale."""
    if not summary_valid(conn):
        return None
    rows = conn.execute(f"select value, n from {TABLE} where filter = ? and filter_value = ? and facet = ?",
                        (filter_name, value, CHART)).fetchall()
    return [(int(v.split("|", 1)[0]), v.split("|", 1)[1], n) for v, n in rows]
