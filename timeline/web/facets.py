"""Facets that stay fast on a million events: column facets computed in one pass, link-table facets.

Datasette 0.65 runs each facet as its own ``group by`` over the filtered rows, one after the other; at 1M events
eight of them add up to well over a second, and its array facet over a JSON column cannot use an index at all.
Here:

* ``{indexed: COLUMN}`` (``IndexedFacet``) counts all indexed-column facets of the page together: unfiltered,
  one covering-index scan per column; filtered, a single pass over the matching rows. Results are cached until
  the database file or its WAL changes; for immutable databases the plugin computes the unfiltered counts, and
  those one facet click away, at start-up.
* ``{link: countries}`` / ``{link: actors}`` (``LinkFacet``) count the indexed link tables event_countries and
  event_actors, and filter with ``?_country=`` / ``?_actor=`` (see ``link_filters`` and links.py).
* A view with at most one filter (a facet value, one country or actor) takes its counts from the facet_counts
  table when the database has an up-to-date one (summary.py, written when a database is published).
"""

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments, Filters
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, sqlite_timelimit

from timeline.web.summary import COLUMNS as SUMMARY_COLUMNS
from timeline.web.summary import read_summary


@dataclass(frozen=True)
class Link:
    """A link table that lists the values of one event column (countries, actors) one per row."""

    column: str  # the JSON array column on events the facet stands for
    table: str
    event_key: str
    value: str
    arg: str  # the query-string filter, e.g. _country
    label_sql: str  # labels for values: select id, label from ... where id in (...)


LINKS = {
    "countries": Link("countries", "event_countries", "event_id", "country", "_country",
                      "select id, name from actors where id in ({})"),
    "actors": Link("actors", "event_actors", "event_id", "actor_id", "_actor",
                   "select id, name from actors where id in ({})"),
}
EVENTS = "events"
IDS = "\0ids"  # key of the matching event ids in count_columns' result (shared with the link facets)
_RECENT_IDS: dict[tuple, list[int]] = {}  # the last few id lists, for the link facets of the same page
_CACHE: dict[tuple, Any] = {}
_CACHE_MAX = 512


def fingerprint(datasette, database: str) -> tuple:  # noqa: ANN001
    """What identifies the current state of a database: its file, and the file's and its WAL's stat."""
    db = datasette.get_database(database)
    if not db.path:
        return ("memory", database, id(datasette))
    out: list = [database, db.path]
    for path in (db.path, f"{db.path}-wal"):
        try:
            st = os.stat(path)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [None, None]
    return tuple(out)


def cache_get(key: tuple) -> Any:
    """A cached value, or None."""
    return _CACHE.get(key)


def cache_put(key: tuple, value: Any) -> Any:
    """Remember value under key (dropping the oldest entries past the limit); return value."""
    if len(_CACHE) >= _CACHE_MAX:
        for old in list(_CACHE)[: _CACHE_MAX // 4]:
            _CACHE.pop(old, None)
    _CACHE[key] = value
    return value


def _is_unfiltered(sql: str, params: Any) -> bool:
    return not params and " where " not in sql.lower()


def count_columns(conn, sql: str, params: Any, columns: list[str], unfiltered: bool,  # noqa: ANN001
                  limit_ms: int) -> dict[str, list[tuple[Any, int]]]:
    """Value counts of each column over the rows of sql, most common first (runs on a SQLite connection)."""
    out: dict[str, list[tuple[Any, int]]] = {}
    with sqlite_timelimit(conn, limit_ms):
        if unfiltered:
            for col in columns:
                c = escape_sqlite(col)
                rows = conn.execute(f"select {c}, count(*) from {EVENTS} where {c} is not null group by {c}")
                out[col] = sorted(rows.fetchall(), key=lambda r: (-r[1], str(r[0])))
            return out
        rows = conn.execute(f"select id, {', '.join(escape_sqlite(c) for c in columns)} from ({sql})",
                            params or {}).fetchall()
    # Column by column, Counter's C loop does the counting (much faster than a Python loop per value).
    values = list(zip(*rows, strict=True)) if rows else [()] * (len(columns) + 1)
    out[IDS] = list(values[0])
    for col, column_values in zip(columns, values[1:], strict=True):
        counter = Counter(column_values)
        counter.pop(None, None)
        out[col] = sorted(counter.items(), key=lambda r: (-r[1], str(r[0])))
    return out


def count_link(conn, link: Link, sql: str, params: Any, unfiltered: bool,  # noqa: ANN001
               limit_ms: int, ids: list[int] | None = None) -> list[tuple[Any, int]]:
    """Value counts of a link table over the events of sql (or the given event ids), most common first."""
    v, t, k = escape_sqlite(link.value), escape_sqlite(link.table), escape_sqlite(link.event_key)
    where = "" if unfiltered else f" where {k} in (select id from ({sql}))"
    if ids is not None and not unfiltered:
        where, params = f" where {k} in (select value from json_each(:tl_ids))", {"tl_ids": json.dumps(ids)}
    with sqlite_timelimit(conn, limit_ms):
        rows = conn.execute(f"select {v}, count(*) from {t}{where} group by {v}", params or {}).fetchall()
    return sorted(rows, key=lambda r: (-r[1], str(r[0])))


def without_keyset(request, sql: str, params: Any) -> tuple[str, Any]:  # noqa: ANN001
    """The facets' sql and params of a page after the first (``?_next=``) without the clause Datasette adds to
    select the rows after the previous page (always its last where clause, in parentheses, with :pN parameters):
    the facets count the whole selection on every page, as on the first (Datasette 0.65 would count only the
    rows after the page, and at 1M events count those ~1M rows for each page)."""
    if request is None or "_next" not in request.args or not isinstance(params, dict):
        return sql, params
    body = sql.rstrip()
    depth, start = 0, None
    for i in range(len(body) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(body[i], 0)
        if depth == 0:
            start = i
            break
    if not body.endswith(")") or start is None or ":p" not in body[start:]:
        return sql, params
    head = body[:start]
    for joint in (" and ", " where "):
        if head.endswith(joint):
            stripped = head[: -len(joint)] + " "
            used = {k: v for k, v in params.items() if re.search(rf":{re.escape(str(k))}\b", stripped)}
            return stripped, used
    return sql, params


class _CachedFacet(Facet):
    """Shared plumbing: cached counting on the database thread, time limit, result dicts. The counts are those
    of the whole selection on every page (``without_keyset``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sql, self.params = without_keyset(self.request, self.sql, self.params)

    async def _counts(self, kind: str, names: tuple, fn) -> Any:  # noqa: ANN001
        sql = "" if _is_unfiltered(self.sql, self.params) else self.sql
        key = (kind, fingerprint(self.ds, self.database), sql, repr(self.params), names)
        hit = cache_get(key)
        if hit is not None:
            return hit
        db = self.ds.get_database(self.database)
        try:
            result = await db.execute_fn(fn)
        except Exception as exc:  # sqlite3.OperationalError: interrupted
            if "interrupt" in str(exc):
                raise QueryInterrupted(exc, self.sql, self.params) from exc
            raise
        return cache_put(key, result)

    async def _summary(self) -> dict[str, list[tuple[Any, int]]] | None:
        """The precomputed counts of this view, when it has exactly one summarised filter (or none)."""
        chosen = single_filter(self.request, self.sql, self.params)
        if chosen is None:
            return None
        key = ("summary", fingerprint(self.ds, self.database), chosen)
        hit = cache_get(key)
        if hit is None:
            db = self.ds.get_database(self.database)
            hit = cache_put(key, await db.execute_fn(lambda conn: read_summary(conn, *chosen)) or {})
        return hit or None

    def _limit_ms(self) -> int:
        return min(self.ds.setting("facet_time_limit_ms"), self.ds.setting("sql_time_limit_ms"))

    def _result(self, name: str, arg: str, counts: list[tuple[Any, int]], source: str,
                labels: dict | None = None) -> dict:
        size = self.get_facet_size()
        selected_values = set(self.request.args.getlist(arg))
        values = []
        for value, count in counts[:size]:
            selected = str(value) in selected_values
            if selected:
                path = path_with_removed_args(self.request, {arg: str(value)})
            else:
                path = path_with_added_args(self.request, {arg: value})
            values.append({"value": value, "label": (labels or {}).get(value, value), "count": count,
                           "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                           "selected": selected})
        return {"name": name, "type": "column", "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {f"_facet_{self.type}": name})),
                "results": values, "truncated": len(counts) > size}


class IndexedFacet(_CachedFacet):
    """Column facets over indexed columns of events, all counted together (``{indexed: COLUMN}``)."""

    type = "indexed"

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        """Facet results for every configured indexed column, and the names that timed out."""
        configs = self.get_configs()
        if not configs or self.table != EVENTS:
            return [], []
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        unfiltered = _is_unfiltered(self.sql, self.params)
        limit = self._limit_ms()
        ids_key = (fingerprint(self.ds, self.database), self.sql, repr(self.params))

        def compute(conn) -> dict:  # noqa: ANN001
            out = count_columns(conn, self.sql, self.params, columns, unfiltered, limit)
            ids = out.pop(IDS, None)
            if ids is not None:  # kept only briefly: the link facets of this page use them
                while len(_RECENT_IDS) >= 4:
                    _RECENT_IDS.pop(next(iter(_RECENT_IDS)), None)
                _RECENT_IDS[ids_key] = ids
            return out

        summary = await self._summary()
        try:
            if summary is not None and all(c in summary for c in columns):
                counts = summary
            else:
                counts = await self._counts("indexed", tuple(columns), compute)
        except QueryInterrupted:
            return [], columns
        return [self._result(col, col, counts[col], c["source"]) for col, c in zip(columns, configs, strict=True)], []


class LinkFacet(_CachedFacet):
    """Facets over the event_countries / event_actors link tables (``{link: countries}``, ``{link: actors}``)."""

    type = "link"

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        """Facet results for each configured link, and the names that timed out."""
        results, timed_out = [], []
        if self.table != EVENTS:
            return [], []
        unfiltered = _is_unfiltered(self.sql, self.params)
        ids = None if unfiltered else _RECENT_IDS.get(
            (fingerprint(self.ds, self.database), self.sql, repr(self.params)))
        summary = await self._summary() or {}
        for c in self.get_configs():
            name = c["config"].get("column") or c["config"]["simple"]
            link = LINKS.get(name)
            if link is None:
                continue
            try:
                counts = summary.get(name) or await self._counts("link", (name,), lambda conn, link=link: (
                    count_link(conn, link, self.sql, self.params, unfiltered, self._limit_ms(), ids)))
            except QueryInterrupted:
                timed_out.append(name)
                continue
            shown = [v for v, _ in counts[: self.get_facet_size()]]
            labels = await self._labels(link, shown)
            results.append(self._result(name, link.arg, counts, c["source"], labels))
        return results, timed_out

    async def _labels(self, link: Link, values: list) -> dict:
        if not values:
            return {}
        db = self.ds.get_database(self.database)
        rows = await db.execute(link.label_sql.format(",".join("?" * len(values))), values)
        return {r[0]: (f"{r[1]} ({r[0]})" if r[1] and r[1] != r[0] else r[0]) for r in rows}


def link_filters(request, table: str, walk: bool = False,  # noqa: ANN001
                 drive: tuple[str, str] | None = None) -> FilterArguments | None:
    """Where clauses for ?_country=ISO3 and ?_actor=ID on the events table (each value must match).

    Only one link clause may drive the query (``id in (...)``: SQLite reads the value's events from the link
    table's index and probes them by id): ``drive`` (arg, value), else the first when there is no column filter
    or search. The others are written ``+id in (...)``, a membership test, so SQLite walks the other filter's
    index (or the date index for the sort) instead of probing every event of a common country. ``walk``: the
    single clause is an ``exists`` test on the link table's primary key, so the sorted page walks the date index
    and stops after a page; for a common value only (see request_link_filters), whose count comes from the
    facet_counts table.
    """
    if table != EVENTS:
        return None
    others = "_search" in request.args or any(not k.startswith("_") or "__" in k for k in request.args)
    where, params, human = [], {}, []
    for link in LINKS.values():
        for i, value in enumerate(v for v in request.args.getlist(link.arg) if v):
            p = f"tl{link.arg}{i}"
            t, k, v = escape_sqlite(link.table), escape_sqlite(link.event_key), escape_sqlite(link.value)
            lead = (link.arg, value) == drive if drive else not (others or where)
            if not lead:
                where.append(f"+id in (select {k} from {t} where {v} = :{p})")
            elif walk:
                where.append(f"exists (select 1 from {t} where {k} = {EVENTS}.id and {v} = :{p})")
            else:
                where.append(f"id in (select {k} from {t} where {v} = :{p})")
            params[p] = value
            human.append(f'{link.column} include "{value}"')
    if walk and len(where) != 1:
        return link_filters(request, table)
    return FilterArguments(where, params, human) if where else None


def single_filter(request, sql: str, params: Any) -> tuple[str, str] | None:  # noqa: ANN001
    """(filter, value) when the facets' sql selects the events of exactly one summarised filter (a column equal
    to a value, one country, one actor), ("", "") for the whole table, None otherwise (see summary.py). With no
    sql, from the request's arguments alone."""
    if sql and _is_unfiltered(sql, params):
        return "", ""
    clause = sql.partition(f" from {EVENTS} where ")[2].strip()
    pairs = [(k, v) for k in request.args for v in request.args.getlist(k) if not (k.startswith("_") and "__" not in k)]
    links = [(link, v) for link in LINKS.values() for v in request.args.getlist(link.arg) if v]
    if len(pairs) + len(links) != 1:
        return None
    if pairs:
        key, value = pairs[0]
        if key.removesuffix("__exact") not in SUMMARY_COLUMNS:
            return None
        where, expected = Filters(pairs).build_where_clauses(EVENTS)
        name = key.removesuffix("__exact")
    else:
        value, name = links[0][1], links[0][0].column
        options = [link_filters(request, EVENTS, walk) for walk in (True, False)]
        match = next((f for f in options if f and " and ".join(f.where_clauses) == clause), None)
        where, expected = (match.where_clauses, match.params) if match else ([], None)
    if sql and (" and ".join(where) != clause or dict(params or {}) != expected):
        return None
    return name, value


async def warm(datasette, database: str, configs: dict[str, list[str]]) -> float:  # noqa: ANN001
    """Compute the unfiltered default facets of events once (for immutable databases); return seconds."""
    t0 = time.perf_counter()
    db = datasette.get_database(database)
    if not await db.table_exists(EVENTS):
        return 0.0
    sql = f"select * from {EVENTS} "
    columns = configs.get("indexed") or []
    if columns:
        key = ("indexed", fingerprint(datasette, database), "", repr({}), tuple(columns))
        cache_put(key, await db.execute_fn(lambda conn: count_columns(conn, sql, {}, columns, True, 60_000)))
    for name in configs.get("link") or []:
        if name in LINKS:
            key = ("link", fingerprint(datasette, database), "", repr({}), (name,))
            cache_put(key, await db.execute_fn(lambda conn, n=name: count_link(conn, LINKS[n], sql, {}, True,
                                                                               60_000)))
    return time.perf_counter() - t0
