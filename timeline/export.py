"""Export events: TimelineJS JSON, iCalendar (.ics), PLOVER-style JSONL, CSV and JSON.

Each writer takes event rows as dicts with the columns of the events table (countries and actors as JSON text
or lists) and returns text. ``select_events`` reads them from a database with the CLI's filters.
"""

import csv
import datetime as dt
import html
import io
import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from timeline.models import SORT_DATE

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
FORMATS = ("timelinejs", "ics", "plover", "csv", "json")
# PLOVER statuses: what happened, versus what was only announced, proposed or expected.
PLOVER_STATUS = {"occurred": "occurred", "planned": "planned", "possible": "possible", "proposed": "proposed",
                 "negated": "negated", "cancelled": "cancelled", "postponed": "postponed"}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _list(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.startswith("["):
        try:
            return json.loads(value)
        except ValueError:
            return []
    return []


def human_date(row: Mapping[str, Any]) -> str:
    """The event date as precise as it is known: "17 Apr 2018", "March 2018", "2003", "spring 2018"..."""
    precision, value = row.get("precision"), str(row.get("date") or "")
    start, end = _date(row.get("date_start")), _date(row.get("date_end"))
    if start is None:
        return "undated"
    if precision == "day":
        return f"{start.day} {MONTHS[start.month - 1][:3]} {start.year}"
    if precision == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if precision == "year":
        return str(start.year)
    if precision == "week":
        return f"week of {start.day} {MONTHS[start.month - 1][:3]} {start.year}"
    if precision == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "half":
        return f"{'first' if start.month <= 6 else 'second'} half of {start.year}"
    if precision == "season":
        season = SEASONS.get(value[5:7]) if len(value) >= 7 else None
        return f"{season or 'season'} {start.year}" if season != "winter" or start.month != 12 else \
            f"winter {start.year}–{str(start.year + 1)[-2:]}"
    if precision == "decade":
        return f"the {start.year // 10 * 10}s"
    if precision == "century":
        n = start.year // 100 + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    if end and end != start:
        return f"{start.isoformat()} – {end.isoformat()}"
    return start.isoformat()


def _tljs_date(d: dt.date, precision: str | None, label: str) -> dict:
    out: dict[str, Any] = {"year": d.year}
    if precision not in ("year", "decade", "century", "half"):
        out["month"] = d.month
        if precision in ("day", "week"):
            out["day"] = d.day
    out["display_date"] = label
    return out


def timelinejs(rows: Iterable[Mapping[str, Any]], title: str = "Diplomatic events",
               base_url: str = "") -> dict:
    """A TimelineJS (Knight Lab) JSON document: dated events with start_date by precision, headline, group."""
    events = []
    for row in rows:
        start = _date(row.get("date_start"))
        if start is None:
            continue
        label = human_date(row)
        status = row.get("status") or ""
        text = html.escape(row.get("evidence") or "")
        if base_url and row.get("id") is not None:
            text += f' <a href="{html.escape(base_url)}/{row["id"]}">event {row["id"]}</a>'
        event: dict[str, Any] = {
            "start_date": _tljs_date(start, row.get("precision"), label),
            "text": {"headline": html.escape(row.get("summary") or "")
                     + (f" ({html.escape(status)})" if status and status != "occurred" else ""),
                     "text": text},
            "group": row.get("event_type") or "",
            "unique_id": f"event-{row.get('id')}",
        }
        end = _date(row.get("date_end"))
        if row.get("precision") in ("week", "season", "quarter") and end and end != start:
            event["end_date"] = _tljs_date(end, "day", label)
        events.append(event)
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events}


def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1)."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur.decode("utf-8"))
            cur = b""
        cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def ics(rows: Iterable[Mapping[str, Any]], name: str = "Diplomatic events", stamp: dt.datetime | None = None,
        base_url: str = "") -> str:
    """An iCalendar file: all-day events (a single day for day precision, the whole interval otherwise)."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//diplomatic events//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_escape(name)}"]
    for row in rows:
        start, end = _date(row.get("date_start")), _date(row.get("date_end"))
        if start is None:
            continue
        end = end if end and end >= start else start
        precision = row.get("precision")
        summary = row.get("summary") or row.get("event_type") or "event"
        if precision != "day":
            summary += f" ({human_date(row)})"
        if row.get("status") and row["status"] != "occurred":
            summary += f" [{row['status']}]"
        desc = "\n".join(x for x in [f"Date: {human_date(row)} ({precision or 'unknown'} precision)",
                                      f"Status: {row.get('status') or ''}", row.get("evidence") or ""] if x)
        lines += ["BEGIN:VEVENT", f"UID:event-{row.get('id')}@timeline",
                  f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
                  f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(end + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_escape(summary)}", f"DESCRIPTION:{_ics_escape(desc)}",
                  f"CATEGORIES:{_ics_escape(row.get('event_type') or '')}",
                  "STATUS:" + ("CANCELLED" if row.get("status") in ("cancelled", "negated") else
                               "CONFIRMED" if row.get("status") == "occurred" else "TENTATIVE"),
                  "TRANSP:TRANSPARENT"]
        if row.get("place"):
            lines.append(f"LOCATION:{_ics_escape(row['place'])}")
        if base_url and row.get("id") is not None:
            lines.append(f"URL:{base_url}/{row['id']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def plover_record(row: Mapping[str, Any]) -> dict:
    """One event as a PLOVER-style record (event type and mode, date with resolution, actors, source text)."""
    countries = _list(row.get("countries"))
    return {
        "id": str(row.get("id")),
        "date": row.get("date_start"),
        "date_end": row.get("date_end"),
        "date_resolution": row.get("precision"),
        "date_value": row.get("date"),
        "event_type": row.get("plover_category"),
        "mode": row.get("plover_mode"),
        "context": [row["event_type"]] if row.get("event_type") else [],
        "status": PLOVER_STATUS.get(row.get("status") or "", row.get("status")),
        "cameo": row.get("cameo_code"),
        "actor": _list(row.get("actors")),
        "country": countries,
        "location": {"name": row.get("place")} if row.get("place") else None,
        "source": row.get("source"),
        "first_reported": row.get("first_reported"),
        "article_count": row.get("article_count"),
        "text": row.get("evidence"),
        "summary": row.get("summary"),
    }


def plover(rows: Iterable[Mapping[str, Any]]) -> str:
    """PLOVER-style JSON Lines, one event per line."""
    return "".join(json.dumps(plover_record(r), ensure_ascii=False) + "\n" for r in rows)


def _flat(row: Mapping[str, Any]) -> dict:
    out = dict(row)
    for key in ("countries", "actors"):
        if key in out:
            out[key] = " ".join(_list(out[key])) if key == "countries" else "; ".join(_list(out[key]))
    out["date_label"] = human_date(row)
    return out


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header; countries space-separated, actors separated by '; ', plus a human date_label."""
    flat = [_flat(r) for r in rows]
    buf = io.StringIO()
    if flat:
        writer = csv.DictWriter(buf, fieldnames=list(flat[0]))
        writer.writeheader()
        writer.writerows(flat)
    return buf.getvalue()


def json_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array of events, countries and actors as lists, each with a human date_label."""
    out = []
    for r in rows:
        d = dict(r)
        d["countries"], d["actors"] = _list(d.get("countries")), _list(d.get("actors"))
        d["date_label"] = human_date(r)
        out.append(d)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def render(fmt: str, rows: list[Mapping[str, Any]], title: str = "Diplomatic events", base_url: str = "") -> str:
    """Rows in one of FORMATS, as text."""
    if fmt == "timelinejs":
        return json.dumps(timelinejs(rows, title, base_url), ensure_ascii=False, indent=2) + "\n"
    if fmt == "ics":
        return ics(rows, title, base_url=base_url)
    if fmt == "plover":
        return plover(rows)
    if fmt == "csv":
        return csv_text(rows)
    if fmt == "json":
        return json_text(rows)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def select_events(db: str, country: Iterable[str] = (), actor: Iterable[str] = (),
                  event_type: Iterable[str] = (), status: Iterable[str] = (), since: str | None = None,
                  until: str | None = None, search: str | None = None, limit: int | None = None) -> list[dict]:
    """Events of database db (read-only) matching every given filter, in date order."""
    where, params = [], []
    for code in country:
        where.append("id in (select event_id from event_countries where country = ?)")
        params.append(code)
    for a in actor:
        where.append("id in (select event_id from event_actors where actor_id = ?)")
        params.append(a)
    for column, values in (("event_type", list(event_type)), ("status", list(status))):
        if values:
            where.append(f"{column} in ({','.join('?' * len(values))})")
            params += values
    if since:
        where.append("date_end >= ?")
        params.append(since)
    if until:
        where.append("date_start <= ?")
        params.append(until)
    if search:
        where.append("rowid in (select rowid from events_fts where events_fts match ?)")
        params.append(search)
    sql = "select * from events" + (" where " + " and ".join(where) if where else "")
    sql += " order by date_start is null, date_start, id" + (f" limit {int(limit)}" if limit else "")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [{k: v for k, v in dict(r).items() if k != SORT_DATE} for r in conn.execute(sql, params)]
        # (sort_date is the site's order key, generated from date_start: no field of the export)
    finally:
        conn.close()
