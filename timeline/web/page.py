"""The timeline page (/-/timeline): events by year on a time axis, with an events-per-year chart by type.

It reads the same query string as the events table (column filters such as event_type=, status=,
year__gte=, _country=, _actor=, _search=), so links between the table and the picture keep the selection.
"""

import urllib.parse
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml
from datasette.database import QueryInterrupted
from datasette.filters import Filters
from datasette.utils import escape_fts, path_with_format, path_with_replaced_args
from datasette.utils.asgi import NotFound, Response

from timeline.export import human_date
from timeline.web.facets import EVENTS, cache_get, cache_put, fingerprint, link_filters, single_filter
from timeline.web.links import request_link_filters
from timeline.web.summary import read_chart

# Tableau-20-like palette: distinct, readable on white.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7",
           "#dbdb8d", "#9edae5"]
TENTATIVE = {"planned", "possible", "proposed", "postponed"}
NOT_HAPPENED = {"negated", "cancelled"}
COLUMNS = ("id, date, date_start, date_end, precision, date_source, date_text, year, event_type, status, summary,"
           " place, countries, article_count, mention_count, date_conflict, evidence")
DEFAULT_SIZE = 500


@lru_cache(maxsize=1)
def known_types() -> tuple[str, ...]:
    """Event types in the order of timeline/data/event_types.yaml (fixes each type's colour)."""
    raw = files("timeline").joinpath("data/event_types.yaml").read_text(encoding="utf-8")
    return tuple(t["type"] for t in yaml.safe_load(raw).get("types", []))


def colour(event_type: str) -> str:
    """The colour of an event type: fixed by its place in the type list, hashed for unknown types."""
    types = known_types()
    i = types.index(event_type) if event_type in types else sum(map(ord, event_type)) + len(types)
    return PALETTE[i % len(PALETTE)]


async def events_database(datasette, request) -> str:  # noqa: ANN001
    """The database the page shows: ?_db= or the first one that has an events table."""
    wanted = request.args.get("_db")
    for name, db in datasette.databases.items():
        if name == "_internal" or (wanted and name != wanted):
            continue
        if await db.table_exists(EVENTS):
            return name
    raise NotFound("No database with an events table")


async def where_from_request(datasette, request, database: str,  # noqa: ANN001
                             walk: bool = True) -> tuple[list[str], dict, list[str]]:
    """Where clauses, params and human descriptions for the request, as the events table reads them (walk=False:
    a country or actor in the form that suits a group by over all of its events, see facets.link_filters)."""
    db = datasette.get_database(database)
    columns = set(await db.table_columns(EVENTS))
    pairs = []
    for key in request.args:
        if key.startswith("_") and "__" not in key:
            continue
        if key.split("__")[0] in columns:
            pairs += [(key, v) for v in request.args.getlist(key)]
    filters = Filters(sorted(pairs))
    where, params = filters.build_where_clauses(EVENTS)
    human = [filters.human_description_en().removeprefix("where ")] if pairs else []
    extra = (await request_link_filters(datasette, database, request, EVENTS) if walk
             else link_filters(request, EVENTS))
    if extra is not None:
        where += extra.where_clauses
        params.update(extra.params)
        human += extra.human_descriptions
    search = request.args.get("_search")
    if search and await db.table_exists(f"{EVENTS}_fts"):
        where.append(f"rowid in (select rowid from {EVENTS}_fts where {EVENTS}_fts match :tl_search)")
        params["tl_search"] = escape_fts(search) if request.args.get("_searchmode") != "raw" else search
        human.append(f'search matches "{search}"')
    return where, params, [h for h in human if h]


def chart(counts: list[tuple[int, str, int]], width: int = 900, height: int = 160) -> dict[str, Any]:
    """Geometry of a stacked bar chart of events per year by type (rendered as inline SVG by the template)."""
    if not counts:
        return {"bars": [], "ticks": [], "width": width, "height": height}
    years = [y for y, _, _ in counts]
    first, last = min(years), max(years)
    totals: dict[int, int] = {}
    for y, _, n in counts:
        totals[y] = totals.get(y, 0) + n
    top = max(totals.values())
    left, bottom, plot_h = 36, 20, height - 28
    step = (width - left - 4) / (last - first + 1)
    bar_w = max(step * 0.8, 1)
    stacked: dict[int, float] = {}
    bars = []
    for y, t, n in sorted(counts, key=lambda c: (c[0], known_types().index(c[1]) if c[1] in known_types() else 99)):
        h = n / top * plot_h
        base = stacked.get(y, 0.0)
        stacked[y] = base + h
        bars.append({"x": round(left + (y - first) * step, 1), "y": round(height - bottom - base - h, 1),
                     "w": round(bar_w, 1), "h": round(max(h, 0.5), 1), "fill": colour(t),
                     "title": f"{y}: {n:,} {t}"})
    every = max(1, round((last - first + 1) / 12))
    ticks = [{"x": round(left + (y - first) * step + bar_w / 2, 1), "label": y}
             for y in range(first, last + 1) if (y - first) % every == 0]
    return {"bars": bars, "ticks": ticks, "width": width, "height": height, "top": top,
            "top_y": height - bottom - plot_h, "left": left, "base_y": height - bottom}


async def chart_counts(datasette, database: str, where: list[str], params: dict,  # noqa: ANN001
                       chosen: tuple[str, str] | None = None) -> list[tuple[int, str, int]]:
    """Events per (year, type) for the selection, cached per database state; for a view with one filter (chosen,
    see facets.single_filter) from the facet_counts table when it is up to date."""
    sql = f"select year, event_type, count(*) from {EVENTS} where year is not null"
    sql += "".join(f" and {w}" for w in where) + " group by year, event_type"
    key = ("chart", fingerprint(datasette, database), sql, repr(params))
    hit = cache_get(key)
    if hit is not None:
        return hit
    if chosen and chosen != ("", ""):
        counted = await datasette.get_database(database).execute_fn(lambda conn: read_chart(conn, *chosen))
        if counted is not None:
            return cache_put(key, counted)
    rows = await datasette.get_database(database).execute(sql, params, custom_time_limit=datasette.setting(
        "facet_time_limit_ms"))
    return cache_put(key, [(r[0], r[1], r[2]) for r in rows])


def decorate(row: dict, database_url: str) -> dict:
    """A row with what the template shows: honest date label, colour, status class, links."""
    status = row.get("status") or ""
    row["label"] = human_date(row)
    row["colour"] = colour(row.get("event_type") or "")
    row["status_class"] = ("tentative" if status in TENTATIVE else "not-happened" if status in NOT_HAPPENED
                           else "occurred")
    row["row_url"] = f"{database_url}/{EVENTS}/{row['id']}"
    row["evidence_url"] = f"{database_url}/event_evidence?" + urllib.parse.urlencode({"event_id": row["id"]})
    return row


async def list_events(db, where: list[str], params: dict, size: int, limit_ms: int) -> list[dict]:  # noqa: ANN001
    """Up to size + 1 events of the selection in the events table's default order: dated ones by date, then the
    undated ones (sort_date, walking its index)."""
    where_sql = f" where {' and '.join(where)}" if where else ""
    return [dict(r) for r in await db.execute(
        f"select {COLUMNS} from {EVENTS}{where_sql} order by sort_date, id limit {size + 1}", params,
        custom_time_limit=limit_ms)]


async def timeline_view(datasette, request) -> Response:  # noqa: ANN001
    """Render /-/timeline for the request's filters."""
    database = await events_database(datasette, request)
    db = datasette.get_database(database)
    where, params, human = await where_from_request(datasette, request, database)
    max_rows = datasette.setting("max_returned_rows")
    size_arg = request.args.get("_size", "")
    size = max_rows if size_arg == "max" else min(int(size_arg), max_rows) if size_arg.isdigit() else DEFAULT_SIZE
    where_sql = (" where " + " and ".join(where)) if where else ""
    limit_ms = datasette.setting("sql_time_limit_ms")
    try:
        events = await list_events(db, where, params, size, limit_ms)
        error = None
    except QueryInterrupted:
        events, error = [], "Listing these events took too long: narrow the filters."
    more = len(events) > size
    events = events[:size]
    count_key = ("count", fingerprint(datasette, database), where_sql, repr(params))
    total = cache_get(count_key)
    if total is None:
        try:
            total = cache_put(count_key, (await db.execute(f"select count(*) from {EVENTS}{where_sql}", params,
                                                           custom_time_limit=limit_ms)).rows[0][0])
        except QueryInterrupted:
            total = None
    database_url = datasette.urls.database(database)
    years: list[dict] = []
    for ev in events:
        decorate(ev, database_url)
        key = ev["year"] if ev["year"] is not None else "undated"
        if not years or years[-1]["year"] != key:
            years.append({"year": key, "events": []})
        years[-1]["events"].append(ev)
    try:
        grouped, grouped_params, _ = await where_from_request(datasette, request, database, walk=False)
        chosen = single_filter(request, "", {}) if "_search" not in request.args else None
        counts = await chart_counts(datasette, database, grouped, grouped_params, chosen)
        chart_timed_out = False
    except QueryInterrupted:
        counts, chart_timed_out = [], True
    type_totals: dict[str, int] = {}
    for _, t, n in counts:
        type_totals[t] = type_totals.get(t, 0) + n
    legend = [{"type": t, "count": n, "colour": colour(t)} for t, n in sorted(type_totals.items(),
                                                                             key=lambda kv: -kv[1])]
    qs = request.query_string
    table_url = f"{database_url}/{EVENTS}" + (f"?{qs}" if qs else "")
    exports = {fmt: datasette.urls.path(path_with_format(
        request=request, format=fmt, path=f"{database_url}/{EVENTS}", extra_qs={"_size": "max"}))
        for fmt in ("timelinejs", "ics", "plover", "csv", "json")}
    options = await filter_options(datasette, database)
    context = {
        "database": database, "database_url": database_url, "years": years, "total": total, "shown": len(events),
        "more": more, "chart_timed_out": chart_timed_out, "error": error,
        "human": human, "legend": legend, "chart": chart(counts), "table_url": table_url,
        "exports": exports, "args": request.args, "options": options, "max_rows": max_rows,
        "more_url": path_with_replaced_args(request, {"_size": "max"}) if size < max_rows else None,
        "selected_countries": request.args.getlist("_country"),
    }
    html = await datasette.render_template("timeline.html", context, request=request, view_name="timeline")
    return Response.html(html, status=400 if error else 200)


async def filter_options(datasette, database: str) -> dict[str, list]:  # noqa: ANN001
    """Choices for the filter form: event types, statuses, countries (cached per database state)."""
    key = ("options", fingerprint(datasette, database))
    hit = cache_get(key)
    if hit is not None:
        return hit
    db = datasette.get_database(database)
    out = {}
    for col in ("event_type", "status"):
        out[col] = [r[0] for r in await db.execute(f"select distinct {col} from {EVENTS} where {col} is not null"
                                                   f" order by {col}")]
    out["country"] = [(r[0], r[1]) for r in await db.execute(
        "select c.country, coalesce(a.name, c.country) from (select distinct country from event_countries) c"
        " left join actors a on a.id = c.country order by 2")]
    return cache_put(key, out)
