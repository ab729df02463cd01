"""Ingesting real and bad inputs: every bad input named on stderr and in ingest_errors, the rest ingested;
idempotent and order-independent; parallel workers; SIGKILL mid-run; Datasette reading during a run; reprocess."""

import asyncio
import datetime as dt
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.ingest import ingest_paths, reprocess_db

FIX = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "---\npublished: {day}\nurl: https://example.org/{slug}\n---\n{body}\n"
PAIRS = [("Japanese Prime Minister Shinzo Abe", "Chinese President Xi Jinping", "Beijing"),
         ("French President Emmanuel Macron", "German Chancellor Angela Merkel", "Berlin"),
         ("Russian President Vladimir Putin", "Turkish President Recep Tayyip Erdogan", "Sochi"),
         ("Indian Prime Minister Narendra Modi", "Pakistani Prime Minister Imran Khan", "Islamabad")]
SENTENCES = ["{a} met {b} in {place} on {weekday} to discuss trade, officials said.",
             "{a} will visit {place} next month for talks with {b}, the foreign ministry announced on {weekday}.",
             "{a} and {b} signed an agreement on energy in March 2018, after two years of negotiations.",
             "Analysts said public opinion in both countries remained wary of a quick deal.",
             "{a} and {b} held a telephone call on {weekday} about the border dispute."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus(n: int, seed: int = 0) -> list[dict]:
    """n small news-like article records with dates, leaders and places."""
    out = []
    for i in range(n):
        a, b, place = PAIRS[(i + seed) % len(PAIRS)]
        day = dt.date(2018, 1, 1) + dt.timedelta(days=(i * 7 + seed) % 700)
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(a=a, b=b, place=place,
                                                                    weekday=WEEKDAYS[(i + k) % 5])
                        for k in range(4))
        out.append({"id": i, "title": f"Story {i}", "text": f"{place.upper()} (Wire) - {body}\n",
                    "published": day.isoformat(), "url": f"https://example.org/story/{i}", "source": "Wire"})
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def dump(db: Path) -> dict[str, list]:
    """The content of a database, without row ids that depend on history or timestamps."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute("select key, title, source, url, published, text, sha256, path, chars, "
                                     "event_count from articles order by key").fetchall(),
            "events": conn.execute("select * from events order by id").fetchall(),
            "mentions": conn.execute("select a.key, m.report, m.block, m.char_start, m.char_end, m.event_id, "
                                     "m.date, m.status, m.summary from mentions m join articles a "
                                     "on a.id = m.article_id order by 1, 2, 4").fetchall(),
            "event_actors": conn.execute("select * from event_actors order by 1, 2, 3").fetchall(),
            "event_countries": conn.execute("select * from event_countries order by 1, 2").fetchall(),
            "actors": conn.execute("select * from actors order by id").fetchall(),
        }
    finally:
        conn.close()


def assert_consistent(db: Path) -> None:
    """Integrity, foreign keys, every event backed by mentions and its counts matching them."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        orphans = conn.execute("select count(*) from events e where not exists "
                               "(select 1 from mentions m where m.event_id = e.id)").fetchone()[0]
        assert orphans == 0
        wrong = conn.execute("select count(*) from events e where mention_count != "
                             "(select count(*) from mentions m where m.event_id = e.id)").fetchone()[0]
        assert wrong == 0
    finally:
        conn.close()


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of good articles among every kind of bad input; {name: expected reason} of the bad ones."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    good = corpus(3)
    for i, r in enumerate(good[:2]):
        (d / f"good{i}.txt").write_text(GOOD.format(day=r["published"], slug=f"g{i}", body=r["text"]))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\t\n  \n")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "undecodable.txt").write_bytes(b"---\npublished: 2019-01-01\n---\nTalks \x81\x8d\x8f\x90\x9d here.\n")
    (d / "latin.txt").write_bytes(GOOD.format(day="2019-05-02", slug="latin", body=good[2]["text"] + " Café.")
                                  .encode("cp1252"))
    with open(d / "huge.txt", "wb") as f:
        f.write(b"---\npublished: 2019-01-01\n---\n")
        f.write(b"The ministers met on Monday. " * (50_000_000 // 29))
    (d / "frontmatter.md").write_text("---\ntitle: [unclosed\npublished: 2019-01-01\n---\nThe talks began.\n")
    (d / "feb30.txt").write_text("---\npublished: 2018-02-30\n---\nThe leaders met on Tuesday in Paris.\n")
    (d / "future.txt").write_text("---\npublished: 2999-01-01\n---\nThe leaders met on Tuesday in Paris.\n")
    (d / "old.txt").write_text("---\npublished: 1750-07-04\n---\nThe leaders met on Tuesday in Paris.\n")
    (d / "nodate.txt").write_text("The leaders met on Tuesday in Paris, officials said.\n")
    (d / "nav-only.html").write_bytes((FIX / "nav-only.html").read_bytes())
    lines = [json.dumps(r) for r in corpus(3, seed=5)]
    (d / "records.jsonl").write_text(lines[0] + "\n" + '{"text": "broken' + "\n" + lines[1] + "\n" + lines[2] + "\n")
    (d / "sub" / "locked.txt").write_text(GOOD.format(day="2019-01-01", slug="locked", body="Some text."))
    os.chmod(d / "sub" / "locked.txt", 0)
    os.symlink("..", d / "sub" / "loop")
    expected = {
        "empty.txt": "no text", "blank.txt": "no text", "binary.txt": "binary",
        "undecodable.txt": "neither UTF-8 nor Windows-1252", "huge.txt": "too large",
        "frontmatter.md": "not valid YAML", "feb30.txt": "impossible date", "future.txt": "outside",
        "old.txt": "outside", "nodate.txt": "no publication date", "nav-only.html": "no article text",
        "records.jsonl:2": "not valid JSON", "sub/locked.txt": "Permission denied",
        "sub/loop": "symbolic link loop",
    }
    return d, expected


@pytest.fixture()
def unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files with mode 000 cannot be opened, even by root (who the test may run as)."""
    if os.geteuid() != 0:
        return
    real_open = Path.open

    def guarded(self: Path, *args: object, **kw: object):  # noqa: ANN202
        if self.exists() and self.stat().st_mode & 0o777 == 0:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kw)

    monkeypatch.setattr(Path, "open", guarded)


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_input_matrix(bad_inputs: tuple[Path, dict[str, str]], unreadable: None, tmp_path: Path,
                          capsys: pytest.CaptureFixture, jobs: int) -> None:
    folder, expected = bad_inputs
    db = tmp_path / "t.db"
    summary = ingest_paths(str(db), [str(folder)], jobs=jobs, tty=False)
    err = capsys.readouterr().err
    error_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    rows = dict(sqlite3.connect(db).execute("select path, reason from ingest_errors").fetchall())
    for name, reason in expected.items():
        path = str(folder / name)
        lines = [line for line in error_lines if line.startswith(f"error: {path}: ")]
        assert len(lines) == 1 and reason in lines[0], (name, error_lines)
        assert path in rows and reason in rows[path], (name, rows)
    assert len(error_lines) == len(expected) == summary.failed
    keys = {k for (k,) in sqlite3.connect(db).execute("select key from articles")}
    assert {"https://example.org/g0", "https://example.org/g1", "https://example.org/latin"} <= keys
    assert {"https://example.org/story/0", "https://example.org/story/1", "https://example.org/story/2"} <= keys
    assert summary.added == 6 and len(keys) == 6
    text = sqlite3.connect(db).execute("select text from articles where key like '%latin'").fetchone()[0]
    assert "Café." in text
    assert_consistent(db)


def test_cli_exit_status_and_quiet(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    write_jsonl(good, corpus(2))
    runner = CliRunner()
    ok = runner.invoke(cli, ["ingest", str(tmp_path / "a.db"), str(good), "-q", "-j", "1"])
    assert ok.exit_code == 0 and ok.output == ""
    bad = tmp_path / "nodate.txt"
    bad.write_text("The leaders met on Tuesday.")
    res = runner.invoke(cli, ["ingest", str(tmp_path / "a.db"), str(good), str(bad), "-j", "1"])
    assert res.exit_code == 1
    assert f"error: {bad}: no publication date" in res.output
    assert "0 added, 0 replaced, 2 unchanged, 1 failed" in res.output


def test_plain_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", corpus(5))
    out = subprocess.run([sys.executable, "-m", "timeline", "ingest", str(tmp_path / "p.db"), str(src), "-j", "2"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "\x1b[" not in out.stderr  # no terminal control codes
    assert "ingest: done: 5 articles (5 added" in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith(f"{tmp_path / 'p.db'}: 5 added")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import io

    from timeline.ingest_progress import IngestSummary, Progress

    stream = io.StringIO()
    summary = IngestSummary(added=3, chars=3000)
    with Progress(summary, tty=True, stream=stream) as p:
        p.error("x.txt: broken")
        p.update(force=True, phase="merging events")
    assert "error: x.txt: broken" in stream.getvalue() and "3 new 0 repl 0 same" in stream.getvalue()


def test_idempotent_and_order_independent(tmp_path: Path) -> None:
    records = corpus(40)
    a = write_jsonl(tmp_path / "a.jsonl", records)
    b = write_jsonl(tmp_path / "b.jsonl", list(reversed(records)))
    ingest_paths(str(tmp_path / "a.db"), [str(a)], jobs=1, quiet=True)
    ingest_paths(str(tmp_path / "b.db"), [str(b)], jobs=2, quiet=True)
    first = dump(tmp_path / "a.db")
    assert len(first["events"]) > 40
    assert {k: v for k, v in first.items() if k != "articles"} == \
        {k: v for k, v in dump(tmp_path / "b.db").items() if k != "articles"}
    again = ingest_paths(str(tmp_path / "a.db"), [str(b)], jobs=2, quiet=True)
    assert again.unchanged == 40 and again.added == again.replaced == 0
    assert dump(tmp_path / "a.db") == first


def test_changed_text_replaces_mentions_and_events(tmp_path: Path) -> None:
    records = corpus(6)
    src = write_jsonl(tmp_path / "c.jsonl", records)
    db = tmp_path / "r.db"
    ingest_paths(str(db), [str(src)], quiet=True)
    records[2]["text"] = ("SEOUL (Wire) - South Korean President Moon Jae-in met North Korean leader Kim Jong Un "
                          "in Panmunjom on Friday, officials said.\n")
    write_jsonl(src, records)
    summary = ingest_paths(str(db), [str(src)], quiet=True)
    assert summary.replaced == 1 and summary.unchanged == 5
    conn = sqlite3.connect(db)
    sentences = [s for (s,) in conn.execute("select sentence from mentions m join articles a on a.id = m.article_id "
                                            "where a.key = 'https://example.org/story/2'")]
    assert sentences and all("Panmunjom" in s for s in sentences)
    assert_consistent(db)
    fresh = tmp_path / "fresh.db"
    ingest_paths(str(fresh), [str(src)], quiet=True)
    assert {k: v for k, v in dump(db).items() if k != "articles"} == \
        {k: v for k, v in dump(fresh).items() if k != "articles"}


@pytest.mark.parametrize("kill_at", [100, 600])  # while reading, or once all are stored (while merging events)
def test_sigkill_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path, kill_at: int) -> None:
    src = tmp_path / "big.jsonl.gz"
    src.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in corpus(600)).encode()))
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "timeline", "ingest", str(db), str(src), "-j", "2", "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(db, timeout=5).execute("select count(*) from articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if stored >= kill_at:
            break
    if kill_at < 600:
        assert proc.poll() is None, "ingest finished before it could be killed"
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert kill_at <= stored <= 600
    assert_consistent(db)
    rerun = subprocess.run(cmd, capture_output=True, timeout=300)
    assert rerun.returncode == 0
    clean = tmp_path / "clean.db"
    ingest_paths(str(clean), [str(src)], jobs=2, quiet=True)
    assert_consistent(db)
    assert dump(db) == dump(clean)


def test_datasette_reads_while_ingest_writes(tmp_path: Path) -> None:
    from datasette.app import Datasette

    src = write_jsonl(tmp_path / "c.jsonl", corpus(300))
    db = tmp_path / "live.db"
    ingest_paths(str(db), [str(write_jsonl(tmp_path / "first.jsonl", corpus(2, seed=3)))], quiet=True)
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "ingest", str(db), str(src), "-j", "2", "-q"])
    ds = Datasette([str(db)])

    async def poll() -> list[int]:
        seen = []
        while proc.poll() is None:
            resp = await ds.client.get("/live.json?sql=select+count(*)+as+n+from+articles&_shape=array")
            assert resp.status_code == 200, resp.text
            seen.append(resp.json()[0]["n"])
            events = await ds.client.get("/live/events.json?_size=5")
            assert events.status_code == 200
            await asyncio.sleep(0.05)
        return seen

    seen = asyncio.run(poll())
    assert proc.wait() == 0
    assert len(seen) >= 3 and seen == sorted(seen) and seen[0] < 300
    final = asyncio.run(ds.client.get("/live.json?sql=select+count(*)+as+n+from+articles&_shape=array"))
    assert final.json()[0]["n"] == 300  # the first two were replaced by the same URLs


def test_reprocess_keeps_articles_and_rebuilds_events(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", corpus(30))
    db = tmp_path / "re.db"
    ingest_paths(str(db), [str(src)], quiet=True)
    before = dump(db)
    ids = sqlite3.connect(db).execute("select id, key, ingested_at from articles order by id").fetchall()
    conn = sqlite3.connect(db)
    conn.execute("pragma foreign_keys = on")
    conn.execute("update mentions set event_id = null")
    conn.execute("delete from event_actors")
    conn.execute("delete from event_countries")
    conn.execute("delete from events")
    conn.commit()
    conn.close()
    summary = reprocess_db(str(db), quiet=True, jobs=2)
    assert summary.replaced == 30 and summary.failed == 0
    assert sqlite3.connect(db).execute("select id, key, ingested_at from articles order by id").fetchall() == ids
    assert dump(db) == before
    assert_consistent(db)
    res = CliRunner().invoke(cli, ["reprocess", str(tmp_path / "missing.db")])
    assert res.exit_code == 1 and "no such database" in res.output


def test_stdin_jsonl_with_field_options_through_the_cli(tmp_path: Path) -> None:
    lines = (FIX / "wire.jsonl").read_text()
    db = tmp_path / "sub" / "stdin.db"
    res = CliRunner().invoke(cli, ["ingest", str(db), "-", "-j", "1", "--text-field", "body", "--date-field",
                                   "pubDate", "--url-field", "link", "--source-field", "agency"], input=lines)
    assert res.exit_code == 0, res.output
    rows = sqlite3.connect(db).execute("select path, url, source, published from articles order by id").fetchall()
    assert rows == [("<stdin>:1", "https://wire.example/w-1", "Wire One", "2023-03-17"),
                    ("<stdin>:2", "https://wire.example/w-2", "Wire One", "2023-03-17")]
    out = CliRunner().invoke(cli, ["extract", str(FIX / "wire.jsonl"), "--text-field", "story"])
    assert out.exit_code == 1 and "wire.jsonl:1: no article text in field 'story'" in out.output


def _crashing_process_units(units: list) -> list:
    """A worker task that dies (like an out-of-memory kill) on an input named crash.txt."""
    from timeline.ingest import _real_process_units

    if any(u.name.endswith("crash.txt") for u in units):
        os._exit(9)
    return _real_process_units(units)


def test_a_dying_worker_loses_only_its_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture) -> None:
    import timeline.ingest as ingest

    monkeypatch.setattr(ingest, "_real_process_units", ingest.process_units, raising=False)
    monkeypatch.setattr(ingest, "process_units", _crashing_process_units)
    monkeypatch.setattr(ingest, "BATCH_UNITS", 1)
    d = tmp_path / "in"
    d.mkdir()
    for i, r in enumerate(corpus(6)):
        (d / f"a{i}.txt").write_text(GOOD.format(day=r["published"], slug=f"a{i}", body=r["text"]))
    (d / "a2crash.txt").write_text(GOOD.format(day="2019-01-01", slug="crash", body="Text."))
    summary = ingest_paths(str(tmp_path / "w.db"), [str(d)], jobs=2, tty=False)
    assert summary.added == 6 and summary.failed == 1
    assert f"error: {d / 'a2crash.txt'}: not ingested, the worker process died" in capsys.readouterr().err
