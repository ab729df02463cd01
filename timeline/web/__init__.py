"""Datasette plugin for the timeline database: fast facets, ?_country=/?_actor= filters, the /-/timeline page,
and TimelineJS / iCalendar / PLOVER output formats. Registered through the ``datasette`` entry point."""

import asyncio
import json
import time
import urllib.parse
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from timeline import export
from timeline.web.facets import EVENTS, IndexedFacet, LinkFacet, warm
from timeline.web.links import request_link_filters
from timeline.web.order import install as tie_break
from timeline.web.page import chart_counts, filter_options, timeline_view
from timeline.web.summary import summary_valid

RENDERERS = {
    "timelinejs": ("application/json; charset=utf-8", None),
    "ics": ("text/calendar; charset=utf-8", "events.ics"),
    "plover": ("application/x-ndjson; charset=utf-8", None),
}
REQUIRED = {"id", "date_start", "date_end", "precision", "summary"}


@hookimpl
def register_facet_classes() -> list:
    """Facets that stay fast at a million events."""
    return [IndexedFacet, LinkFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):  # noqa: ANN001, ANN201
    """?_country=ISO3 and ?_actor=ID on the events table, through the indexed link tables; and the id as the
    tie-breaker of the first page's order (order.py)."""

    async def inner() -> FilterArguments | None:
        if table == EVENTS:
            tie_break(datasette, database)  # every page in one order (see order.py)
        return await request_link_filters(datasette, database, request, table)

    return inner


@hookimpl
def prepare_connection(conn):  # noqa: ANN001, ANN201
    """A larger page cache: the count, rows and facets of one page read the same pages of a big table; and the
    file memory-mapped, so that reading rows scattered over a big table does not copy each page (measured at 1M
    events: the rows of one country read in 80 ms instead of 130 ms)."""
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA mmap_size = 4294967296")


@hookimpl
def render_cell(value, column, table, database, datasette):  # noqa: ANN001, ANN201
    """On the events table, each country of the countries column links to the events of that country."""
    if table != EVENTS or column != "countries" or not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        codes = [c for c in json.loads(value) if isinstance(c, str)]
    except ValueError:
        return None
    base = datasette.urls.table(database, EVENTS)
    return Markup(", ".join(
        f'<a href="{escape(base)}?_country={escape(urllib.parse.quote(c))}">{escape(c)}</a>' for c in codes))


@hookimpl
def register_routes() -> list:
    """The timeline page."""
    return [(r"^/-/timeline$", timeline_view)]


@hookimpl
def extra_js_urls(view_name, table, datasette):  # noqa: ANN001, ANN201
    """On the events table: a script that adds a link to the timeline of the rows shown."""
    if view_name == "table" and table == EVENTS:
        return [datasette.urls.static_plugins("timeline", "events-table.js")]
    return []


@hookimpl
def table_actions(datasette, database, table, request):  # noqa: ANN001, ANN201
    """The table's cog menu: the same selection as a timeline."""
    if table != EVENTS:
        return []
    qs = request.query_string if request else ""
    url = datasette.urls.path("/-/timeline") + (f"?{qs}" if qs else "")
    return [{"href": url, "label": "View as timeline"}]


def _can_render(columns: list[str]) -> bool:
    return REQUIRED <= set(columns or [])


def _renderer(fmt: str):  # noqa: ANN202
    content_type, filename = RENDERERS[fmt]

    def render(datasette, columns, rows, request, database, table):  # noqa: ANN001, ANN202
        if not _can_render(columns):
            return Response.text(f"{fmt} needs the columns {', '.join(sorted(REQUIRED))}", status=400)
        records = [dict(zip(columns, r, strict=False)) for r in rows]
        base = datasette.absolute_url(request, datasette.urls.table(database, EVENTS))
        title = "Diplomatic events" + (f" ({table})" if table and table != EVENTS else "")
        body = export.render(fmt, records, title=title, base_url=base)
        headers = {"content-disposition": f'attachment; filename="{filename}"'} if filename else {}
        return Response(body, content_type=content_type, headers=headers)

    return render


@hookimpl
def register_output_renderer() -> list[dict[str, Any]]:
    """events.timelinejs, events.ics and events.plover (and the same for canned queries with event columns)."""
    return [{"extension": fmt, "render": _renderer(fmt), "can_render": _can_render} for fmt in RENDERERS]


@hookimpl
def startup(datasette):  # noqa: ANN001, ANN201
    """For immutable databases, count in the background, once: the default facets of the whole events table,
    the timeline chart, and the facets of every view one facet click away (plugin setting warm_clicks; not
    needed when the database has an up-to-date facet_counts table, see summary.py)."""
    immutable = [name for name, db in datasette.databases.items() if not db.is_mutable and name != "_internal"]
    if not immutable:
        return None
    config = datasette.plugin_config("timeline") or {}

    async def inner() -> None:
        async def run() -> None:
            for name in immutable:
                if not await datasette.get_database(name).table_exists(EVENTS):
                    continue
                t0 = time.perf_counter()
                meta = (datasette.metadata("tables", database=name) or {}).get(EVENTS) or {}
                configs: dict[str, list[str]] = {}
                for f in meta.get("facets", []):
                    if isinstance(f, dict):
                        kind, col = next(iter(f.items()))
                        configs.setdefault(kind, []).append(col if isinstance(col, str) else col.get("column"))
                await warm(datasette, name, configs)
                await chart_counts(datasette, name, [], {})
                await filter_options(datasette, name)
                done = {"whole table": time.perf_counter() - t0}
                summarised = await datasette.get_database(name).execute_fn(summary_valid)
                if config.get("warm_clicks", True) and not summarised:  # facet_counts answers those views
                    done["one click away"] = await warm_clicks(datasette, name)
                datasette._timeline_warmed = getattr(datasette, "_timeline_warmed", {}) | {name: done}

        datasette._timeline_warm_task = asyncio.get_running_loop().create_task(run())

    return inner


async def warm_clicks(datasette, database: str) -> float:  # noqa: ANN001
    """Request the events JSON behind each default facet value once, so that a visitor's first click on a facet
    finds its facets counted (they are cached for good on an immutable database); return seconds."""
    t0 = time.perf_counter()
    table = datasette.urls.table(database, EVENTS)
    resp = await datasette.client.get(f"{table}.json?_size=0&_extra=facet_results")
    if resp.status_code != 200:
        return 0.0
    facets = resp.json().get("facet_results") or {}
    facets = facets.get("results", facets)
    for facet in facets.values():
        for value in facet.get("results", []):
            query = urllib.parse.urlsplit(value["toggle_url"]).query
            await datasette.client.get(f"{table}.json?{query}&_size=0&_extra=facet_results")
    return time.perf_counter() - t0
