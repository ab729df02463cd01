"""One order on every page of the events table: the first page breaks ties by id, as the next pages do.

Datasette 0.65 sorts the first page of a table by the sort column alone (``order by date_start limit 51``) and the
pages after it (``?_next=``) by the sort column, then the primary key. When the sort column has repeated values
and SQLite reads the matching rows in another order than by id (a descending sort walks an index backwards; a
filter's index such as ``(year, event_type)`` for ``?year=2018&_sort=date_start`` gives its own order), the rows
tied at the end of the first page are not the ones the next page starts after: some are shown twice, others
never. The plugin adds ``, id`` to the first page's ``order by`` on the events table (wrapping the database's
``execute``), which changes nothing else: the default order's indexes end with the id already.
"""

import re
from typing import Any

from timeline.web.facets import EVENTS

# Datasette's table query: select COLUMNS from TABLE [where ... ]order by COLUMN[ desc] limit N (no "_next").
FIRST_PAGE = re.compile(rf"^(select .+ from {EVENTS} (?:where .+ )?order by )(\[?\w+\]?)( desc)?( limit \d+)$",
                        re.S)


def with_id_tie_break(sql: str) -> str:
    """The first page's query of the events table sorted by one column, with the id as tie-breaker; any other
    statement unchanged."""
    m = FIRST_PAGE.match(sql) if isinstance(sql, str) else None
    if m is None or m.group(2).strip("[]") in ("id", "rowid") or " join " in sql.lower():
        return sql
    return f"{m.group(1)}{m.group(2)}{m.group(3) or ''}, id{m.group(4)}"


def install(datasette, database: str) -> None:  # noqa: ANN001
    """Wrap the database's execute with with_id_tie_break (once per database)."""
    db = datasette.get_database(database)
    if getattr(db, "_timeline_tie_break", False):
        return
    original = db.execute

    async def execute(sql: str, *args: Any, **kwargs: Any) -> Any:
        return await original(with_id_tie_break(sql), *args, **kwargs)

    db.execute = execute
    db._timeline_tie_break = True
