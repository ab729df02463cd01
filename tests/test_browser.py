"""One real-browser test: headless Chromium (Debian's package) through Playwright, against a datasette server
started on a free loopback port with the project's metadata, settings and plugin."""

import csv
import io
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT_DIR = Path(os.environ.get("TIMELINE_SCREENSHOT_DIR", "/tmp/timeline-screenshots"))

playwright_api = pytest.importorskip("playwright.sync_api", reason="install the test extra: pip install -e .[test]")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (.ci/run installs Debian's chromium)", allow_module_level=True)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(seed_db: Path) -> Iterator[str]:
    """`datasette serve` (as `timeline serve` runs it) on the seed database; yields its base URL."""
    from timeline.publish import serve_command

    db = seed_db.parent / "timeline.db"
    src, dst = sqlite3.connect(seed_db), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    port = free_port()
    cmd = serve_command(str(db), port=port, metadata=str(ROOT / "metadata.yml"))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"datasette did not start: {proc.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_browse_facet_timeline_and_download_csv(server: str, tmp_path: Path) -> None:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True)
            # The events table, then a facet value: the rows shown are filtered.
            page.goto(f"{server}/timeline/events")
            all_rows = page.locator("table.rows-and-columns tbody tr").count()
            assert all_rows >= 6
            # By date, the undated events after the dated ones (not a first screen of empty dates).
            starts = [s.strip() for s in page.locator("td.col-date_start").all_inner_texts()]
            dated = [s for s in starts if s]
            assert starts[0] and starts == dated + [""] * (len(starts) - len(dated)) and dated == sorted(dated)
            item = page.locator("#facet-status li", has=page.get_by_role("link", name="planned", exact=True))
            expected = int(item.inner_text().split()[-1].replace(",", ""))
            planned = item.get_by_role("link", name="planned", exact=True)
            planned.click()
            page.wait_for_url("**status=planned**")
            statuses = page.locator("table.rows-and-columns tbody td.col-status").all_inner_texts()
            assert statuses and set(s.strip() for s in statuses) == {"planned"}
            assert len(statuses) == expected < all_rows
            # From the filtered table to the timeline, with the same filter.
            page.locator("#tl-timeline-link").click()
            page.wait_for_url("**/-/timeline?**status=planned**")
            assert page.locator(".tl-event").count() == expected
            assert page.locator(".tl-event.tentative").count() == expected
            # The whole timeline: the seed events in date order, with honest dates.
            page.goto(f"{server}/-/timeline")
            dates = [d for d in page.locator(".tl-event").evaluate_all("els => els.map(e => e.dataset.date)") if d]
            assert len(dates) >= 6 and dates == sorted(dates)
            labels = page.locator(".tl-date").all_inner_texts()
            assert "2003" in labels and "17 Apr 2018" in labels and "March 2018" in labels
            assert page.locator(".tl-chart svg rect").count() > 0
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT_DIR / "timeline.png"), full_page=True)
            # Hiding a type from the legend hides its events.
            toggle = page.locator(".tl-type-toggle").first
            hidden_type = toggle.get_attribute("data-type")
            toggle.click()
            assert page.locator(f'.tl-event[data-type="{hidden_type}"]').first.is_hidden()
            # CSV download from the events table.
            page.goto(f"{server}/timeline/events")
            page.locator("#export input[name=_dl]").check()
            with page.expect_download() as info:
                page.locator("#export button[type=submit], #export input[type=submit]").first.click()
            path = tmp_path / "events.csv"
            info.value.save_as(path)
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
            assert len(rows) == all_rows
            assert any(r["date"] == "2018-04-17" for r in rows)
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
