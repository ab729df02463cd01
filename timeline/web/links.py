"""The ?_country= / ?_actor= filters of a request, in the form that suits the database: which link value drives
the query, and for a common value alone, a walk of the date index with Datasette's count answered from the
facet_counts table (see facets.link_filters and summary.py)."""

from typing import Any

from datasette.database import Results
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite

from timeline.web.facets import EVENTS, LINKS, Link, cache_get, cache_put, fingerprint, link_filters, single_filter
from timeline.web.summary import read_total

WALK_SHARE = 0.01  # a value in at least 1% of events: a page of them is found within ~5,000 rows of the date index


async def request_link_filters(datasette, database: str, request, table: str) -> FilterArguments | None:  # noqa: ANN001
    """link_filters for the request. A view of one common country or actor (no other filter) walks the date
    index (``walk``) when the database's facet_counts table is up to date: Datasette's count(*) of that view is
    then answered from the table (``CountShortcut``) instead of probing every one of its events."""
    if table != EVENTS:
        return None
    chosen = single_filter(request, "", {})
    link = next((lk for lk in LINKS.values() if chosen and lk.column == chosen[0]), None)
    if link is None:
        return link_filters(request, table, drive=await _rarest(datasette, database, request))
    db = datasette.get_database(database)
    key = ("totals", fingerprint(datasette, database), chosen)
    totals = cache_get(key)
    if totals is None:
        totals = cache_put(key, await db.execute_fn(lambda conn: (read_total(conn, "", ""), read_total(conn, *chosen))))
    everything, n = totals
    if not everything or n is None or n < WALK_SHARE * everything:
        return link_filters(request, table)
    out = link_filters(request, table, walk=True)
    CountShortcut.install(datasette, database).expect(f"select count(*) from {EVENTS} where {out.where_clauses[0]}",
                                                      out.params, n)
    return out


async def _rarest(datasette, database: str, request) -> tuple[str, str] | None:  # noqa: ANN001
    """The link value of the request with the fewest events, to drive the query when it is rare (below
    WALK_SHARE of the events) or when there is no other filter; None: the default order."""
    values = [(link, v) for link in LINKS.values() for v in request.args.getlist(link.arg) if v]
    if not values:
        return None
    db = datasette.get_database(database)

    def count(conn, link: Link | None = None, value: str = "") -> int:  # noqa: ANN001
        if link is None:
            return conn.execute(f"select count(*) from {EVENTS}").fetchone()[0]
        return conn.execute(f"select count(*) from {escape_sqlite(link.table)} where {escape_sqlite(link.value)} = ?",
                            (value,)).fetchone()[0]

    sizes = []
    for link, value in [(None, ""), *values]:
        key = ("size", fingerprint(datasette, database), link.arg if link else "", value)
        n = cache_get(key)
        if n is None:
            n = cache_put(key, await db.execute_fn(lambda conn, lk=link, v=value: count(conn, lk, v)))
        sizes.append(n)
    n, link, value = min((n, link.arg, v) for n, (link, v) in zip(sizes[1:], values, strict=True))
    others = "_search" in request.args or any(not k.startswith("_") or "__" in k for k in request.args)
    return (link, value) if not others or n < WALK_SHARE * sizes[0] else None


class CountShortcut:
    """Answers Datasette's ``select count(*)`` of a walked link view from facet_counts (wraps the database's
    execute; any other statement, or the same one once the database has changed, runs as usual)."""

    def __init__(self, datasette, database: str) -> None:  # noqa: ANN001
        self.ds, self.database = datasette, database
        self.counts: dict[tuple, tuple[tuple, int]] = {}
        db = datasette.get_database(database)
        self.original = db.execute
        db.execute = self.execute

    @classmethod
    def install(cls, datasette, database: str) -> "CountShortcut":  # noqa: ANN001
        """The shortcut of a database, installed once."""
        db = datasette.get_database(database)
        if not isinstance(getattr(db, "_timeline_counts", None), cls):
            db._timeline_counts = cls(datasette, database)
        return db._timeline_counts

    def expect(self, sql: str, params: dict, n: int) -> None:
        """Remember the count of sql with params for the database's current state."""
        if len(self.counts) > 1000:
            self.counts.clear()
        self.counts[(sql.strip(), tuple(sorted(params.items())))] = (fingerprint(self.ds, self.database), n)

    async def execute(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Results:
        """The database's execute, with the remembered counts."""
        if isinstance(params, dict) and sql.startswith("select count(*) "):
            hit = self.counts.get((sql.strip(), tuple(sorted(params.items()))))
            if hit is not None and hit[0] == fingerprint(self.ds, self.database):
                return Results([(hit[1],)], False, [("count(*)",)])
        return await self.original(sql, params, *args, **kwargs)
