"""Exports: honest date labels, TimelineJS dates by precision, iCalendar all-day events, PLOVER JSONL, CSV/JSON,
and the `timeline export` command with its filters."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.export import csv_text, human_date, ics, json_text, plover, render, select_events, timelinejs


def ev(**kw: object) -> dict:
    """An event row with defaults."""
    row = {"id": 1, "date": "2018-04-17", "date_start": "2018-04-17", "date_end": "2018-04-17", "precision": "day",
           "event_type": "visit", "status": "occurred", "summary": "Visit: Abe, Trump", "evidence": "Abe visits.",
           "countries": '["JPN", "USA"]', "actors": '["Shinzo Abe", "Donald Trump"]', "place": None,
           "plover_category": "CONSULT", "plover_mode": "visit", "cameo_code": "042", "source": "Nikkei",
           "first_reported": "2018-04-05", "article_count": 1}
    row.update(kw)
    return row


@pytest.mark.parametrize(("date", "start", "end", "precision", "label"), [
    ("2018-04-17", "2018-04-17", "2018-04-17", "day", "17 Apr 2018"),
    ("2018-03", "2018-03-01", "2018-03-31", "month", "March 2018"),
    ("2003", "2003-01-01", "2003-12-31", "year", "2003"),
    ("2018-Q2", "2018-04-01", "2018-06-30", "quarter", "Q2 2018"),
    ("2018-SP", "2018-03-01", "2018-05-31", "season", "spring 2018"),
    ("2018-H2", "2018-07-01", "2018-12-31", "half", "second half of 2018"),
    ("2018-W16", "2018-04-16", "2018-04-22", "week", "week of 16 Apr 2018"),
    ("201", "2010-01-01", "2019-12-31", "decade", "the 2010s"),
    ("20", "2001-01-01", "2100-12-31", "century", "the 21st century"),
    (None, None, None, None, "undated"),
])
def test_human_date_is_as_precise_as_the_date(date: str, start: str, end: str, precision: str, label: str) -> None:
    assert human_date(ev(date=date, date_start=start, date_end=end, precision=precision)) == label


def test_timelinejs_dates_follow_precision_and_text_is_escaped() -> None:
    doc = timelinejs([ev(), ev(id=2, date="2018-03", date_start="2018-03-01", date_end="2018-03-31",
                             precision="month", status="planned", summary="Summit <b>"),
                      ev(id=3, date="2003", date_start="2003-01-01", date_end="2003-12-31", precision="year"),
                      ev(id=4, date_start=None, date_end=None, precision=None)], base_url="http://x/db/events")
    events = doc["events"]
    assert [e["unique_id"] for e in events] == ["event-1", "event-2", "event-3"]  # undated left out
    assert events[0]["start_date"] == {"year": 2018, "month": 4, "day": 17, "display_date": "17 Apr 2018"}
    assert events[1]["start_date"] == {"year": 2018, "month": 3, "display_date": "March 2018"}
    assert events[2]["start_date"] == {"year": 2003, "display_date": "2003"}
    assert events[1]["text"]["headline"] == "Summit &lt;b&gt; (planned)"
    assert events[0]["group"] == "visit"
    assert 'href="http://x/db/events/1"' in events[0]["text"]["text"]


def test_ics_all_day_events_escaping_and_folding() -> None:
    text = ics([ev(summary="Visit; Abe, Trump\\ " + "x" * 80),
                ev(id=2, date="2018-05", date_start="2018-05-01", date_end="2018-05-31", precision="month",
                   status="planned")], stamp=dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20180417\r\nDTEND;VALUE=DATE:20180418\r\n" in unfolded
    assert "SUMMARY:Visit\\; Abe\\, Trump\\\\ x" in unfolded
    assert "DTSTART;VALUE=DATE:20180501\r\nDTEND;VALUE=DATE:20180601\r\n" in unfolded
    assert "SUMMARY:Visit: Abe\\, Trump (May 2018) [planned]" in unfolded
    assert "STATUS:TENTATIVE" in unfolded and "STATUS:CONFIRMED" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 2 and "DTSTAMP:20200102T030405Z" in unfolded


def test_plover_jsonl() -> None:
    lines = plover([ev(), ev(id=2, status="planned")]).splitlines()
    first = json.loads(lines[0])
    assert first["event_type"] == "CONSULT" and first["mode"] == "visit" and first["date"] == "2018-04-17"
    assert first["date_resolution"] == "day" and first["country"] == ["JPN", "USA"]
    assert first["actor"] == ["Shinzo Abe", "Donald Trump"] and first["text"] == "Abe visits."
    assert json.loads(lines[1])["status"] == "planned"


def test_csv_and_json() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text([ev()]))))
    assert rows[0]["countries"] == "JPN USA" and rows[0]["date_label"] == "17 Apr 2018"
    data = json.loads(json_text([ev()]))
    assert data[0]["countries"] == ["JPN", "USA"] and data[0]["date_label"] == "17 Apr 2018"
    with pytest.raises(ValueError):
        render("xml", [])


def test_select_events_filters(seed_db: Path) -> None:
    everything = select_events(str(seed_db))
    dated = [r["date_start"] for r in everything if r["date_start"]]
    assert dated == sorted(dated) and len(dated) >= 6
    assert "sort_date" not in everything[0]  # the site's order key is no field of an export
    jpn = select_events(str(seed_db), country=["JPN"])
    assert jpn and all("JPN" in json.loads(r["countries"]) for r in jpn)
    planned = select_events(str(seed_db), status=["planned"], since="2018-04-01")
    assert planned and all(r["status"] == "planned" and r["date_end"] >= "2018-04-01" for r in planned)
    assert [r["date"] for r in select_events(str(seed_db), until="2005-01-01")] == ["2003"]
    assert {r["event_type"] for r in select_events(str(seed_db), search="suspended")} >= {"suspension"}


@pytest.mark.parametrize("fmt", ["timelinejs", "ics", "plover", "csv", "json"])
def test_export_command(seed_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(seed_db), "--format", fmt, "-o", str(out), "--country", "usa",
                                      "--status", "planned"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "timelinejs":
        labels = {e["start_date"]["display_date"] for e in json.loads(text)["events"]}
        assert {"17 Apr 2018", "May 2018"} <= labels
    elif fmt == "ics":
        assert "DTSTART;VALUE=DATE:20180417" in text and "STATUS:TENTATIVE" in text
    elif fmt == "plover":
        assert all(json.loads(line)["status"] == "planned" for line in text.splitlines())
    elif fmt == "csv":
        assert {r["date"] for r in csv.DictReader(io.StringIO(text))} >= {"2018-04-17", "2018-05"}
    else:
        assert all("USA" in r["countries"] for r in json.loads(text))


def test_export_command_to_stdout_and_missing_db(seed_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(seed_db), "--format", "csv", "--type", "visit"])
    assert result.exit_code == 0 and "2018-04-17" in result.output
    missing = CliRunner().invoke(cli, ["export", str(tmp_path / "nope.db")])
    assert missing.exit_code != 0 and "no such database" in missing.output
