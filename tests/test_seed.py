"""The seed article gives exactly the dated events of the end-to-end issue."""

import json
import subprocess
import sys

import pytest

EXPECTED = [
    # date, event types allowed, countries that must be included, status
    ("2003", {"talks"}, {"CHN", "JPN", "RUS", "KOR", "USA"}, "occurred"),
    ("2008", {"suspension"}, set(), "occurred"),
    ("2013", {"withdrawal", "statement"}, {"PRK"}, "occurred"),
    ("2018-03", {"meeting", "summit"}, {"PRK", "CHN"}, "occurred"),
    ("2018-03", {"intent_to_meet"}, {"USA", "PRK"}, "occurred"),
    ("2018-05", {"summit", "meeting"}, {"USA", "PRK"}, "planned"),
    ("2018-04-17", {"visit"}, {"JPN", "USA"}, "planned"),
]
PRECISION = {4: "year", 7: "month", 10: "day"}


def _find(records, date, types, countries, status):
    return [r for r in records if r["date"] == date and r["event_type"] in types
            and countries <= set(r["countries"]) and r["status"] == status]


@pytest.mark.parametrize("date,types,countries,status", EXPECTED)
def test_expected_event_is_found_once(seed_records, date, types, countries, status) -> None:
    found = _find(seed_records, date, types, countries, status)
    assert len(found) == 1, f"{date} {types}: {[(r['date'], r['event_type'], r['countries']) for r in seed_records]}"
    assert found[0]["precision"] == PRECISION[len(date)]


def test_no_other_dated_events_except_known_correct_ones(seed_records) -> None:
    expected = [_find(seed_records, *e)[0] for e in EXPECTED if _find(seed_records, *e)]
    extra = [r for r in seed_records if r["date"] and r not in expected]
    # Kim's offer to rejoin the talks was made at the March meeting: the only other correct dated event.
    allowed = [r for r in extra if r["date"] == "2018-03" and r["event_type"] == "intent_to_meet"
               and {"PRK", "CHN"} <= set(r["countries"])]
    assert extra == allowed, [(r["date"], r["event_type"], r["summary"]) for r in extra]


def test_march_summit_is_one_event_with_three_mentions(seed_records) -> None:
    march = _find(seed_records, "2018-03", {"meeting", "summit"}, {"PRK", "CHN"}, "occurred")[0]
    sentences = " ".join(m["sentence"] for m in march["mentions"])
    assert "met last month in China" in sentences
    assert "the summit in March" in sentences
    assert "Xi-Kim summit" in sentences


def test_may_summit_is_one_event(seed_records) -> None:
    may = _find(seed_records, "2018-05", {"summit", "meeting"}, {"USA", "PRK"}, "planned")[0]
    sentences = " ".join(m["sentence"] for m in may["mentions"])
    assert "planned for May" in sentences and "summit next month" in sentences
    assert may["date_source"] in ("inferred", "relative")


def test_dates_come_with_interval_and_provenance(seed_records) -> None:
    talks = _find(seed_records, *EXPECTED[0])[0]
    assert (talks["date_start"], talks["date_end"], talks["date_source"]) == ("2003-01-01", "2003-12-31", "explicit")
    visit = _find(seed_records, *EXPECTED[6])[0]
    assert (visit["date_start"], visit["date_end"]) == ("2018-04-17", "2018-04-17")
    met = _find(seed_records, *EXPECTED[3])[0]
    assert (met["date_start"], met["date_end"]) == ("2018-03-01", "2018-03-31")


def test_no_event_from_boilerplate_or_may_or_six(seed_records, seed_article) -> None:
    for r in seed_records:
        for m in r["mentions"]:
            assert "print PRINT" not in m["sentence"] and "G7 Summit" not in m["sentence"]
            assert m["trigger"].lower() not in ("may", "six")
    assert not [r for r in seed_records if r["date_text"] and r["date_text"].lower() in ("may", "six")
                and "planned for" not in r["evidence"]]


def test_evidence_offsets_point_into_the_article(seed_records, seed_article) -> None:
    for r in seed_records:
        assert seed_article.text[r["char_start"]:r["char_end"]] == r["evidence"]
        assert r["article"]["url"] == "https://jmh.usembassy.gov/20180406102863/"


def test_cli_extract_jsonl_has_the_keys(seed_path) -> None:
    out = subprocess.run([sys.executable, "-m", "timeline", "extract", str(seed_path)],
                         capture_output=True, text=True, check=True).stdout
    records = [json.loads(line) for line in out.splitlines()]
    keys = {"date", "date_start", "date_end", "precision", "date_text", "date_source", "event_type", "status",
            "actors", "countries", "summary", "evidence", "article"}
    assert records and all(keys <= set(r) for r in records)
    assert {"id", "title", "url", "published"} <= set(records[0]["article"])


def test_cli_extract_without_date_fails_clearly(tmp_path) -> None:
    f = tmp_path / "undated.txt"
    f.write_text("The foreign ministers of India and China met in Geneva on Tuesday to discuss the border.")
    proc = subprocess.run([sys.executable, "-m", "timeline", "extract", str(f)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "undated.txt" in proc.stderr and "--published" in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "timeline", "extract", str(f), "--published", "2020-03-05"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and '"2020-03-03"' in ok.stdout
