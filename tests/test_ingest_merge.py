"""Events merged as an ingest goes (by the workers, block by block, in any order and batching of the articles)
are those of one full merge of every stored report at the end: the same events, mentions, links and ids."""

import datetime as dt
import random
import sqlite3
from functools import partial
from pathlib import Path

import pytest
from test_ingest import assert_consistent, corpus, dump, write_jsonl

import timeline.ingest as ingest
import timeline.store_queue as queue
from timeline.ingest import ingest_paths
from timeline.store_write import Writer, open_connection


def merged(db: Path) -> dict[str, list]:
    """What merging decides: everything but the article rows."""
    return {k: v for k, v in dump(db).items() if k != "articles"}


def merge_from_nothing(db: Path) -> None:
    """Forget every event and merge all stored reports again, each block whole (`merge.cluster`)."""
    conn = open_connection(db)
    conn.executescript("update mentions set event_id = null; delete from event_actors; delete from event_countries;"
                       " delete from events;")
    conn.close()
    writer = Writer(db)
    writer.settle()
    writer.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_and_batching_gives_the_events_of_one_full_merge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    seed: int) -> None:
    """The articles shuffled and ingested in runs of random sizes (with one or two workers, merging after random
    numbers of articles, committing in random batches) give the events of one merge of everything at the end."""
    records = corpus(120)
    clean = tmp_path / "clean.db"
    ingest_paths(str(clean), [str(write_jsonl(tmp_path / "all.jsonl", records))], jobs=1, quiet=True)
    expected = merged(clean)
    merge_from_nothing(clean)
    assert merged(clean) == expected  # one merge at the end of a run is a full merge
    assert any(row[19] > 2 for row in expected["events"])  # article_count: reports of several articles merged

    rng = random.Random(seed)
    monkeypatch.setattr(queue, "DUE_MIN", rng.choice([1, 3, 16]))
    monkeypatch.setattr(queue, "DUE_SHARE", rng.choice([0.0, 0.25, 1.0]))
    monkeypatch.setattr(queue, "TASK_REPORTS", rng.choice([5, 50, 4000]))
    monkeypatch.setattr(ingest, "SETTLE_EVERY", rng.randrange(3, 40))
    monkeypatch.setattr(ingest, "Writer", partial(Writer, batch=rng.randrange(1, 30)))
    order = records[:]
    rng.shuffle(order)
    db = tmp_path / "shuffled.db"
    runs = 0
    while order:
        size = rng.randrange(1, 60)
        part, order = order[:size], order[size:]
        runs += 1
        ingest_paths(str(db), [str(write_jsonl(tmp_path / f"{runs}.jsonl", part))], jobs=rng.choice([1, 2]),
                     quiet=True)
    assert runs > 1
    assert_consistent(db)
    assert merged(db) == expected


def test_merging_while_workers_extract_equals_one_merge_at_the_end(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks merged by the workers as the run goes (here as often as possible), over two runs, the second
    replacing some articles, give the database of one clean run that merges everything at its end."""
    import timeline.store_queue as queue
    from timeline.store_write import Writer

    applied: list[str] = []
    real_apply = Writer.apply
    monkeypatch.setattr(queue, "DUE_MIN", 1)
    monkeypatch.setattr(queue, "DUE_SHARE", 0.0)
    monkeypatch.setattr(queue, "TASK_REPORTS", 20)
    monkeypatch.setattr(Writer, "apply", lambda self, m: (applied.append(m.block), real_apply(self, m))[1])
    records = corpus(160)
    db = tmp_path / "live.db"
    ingest_paths(str(db), [str(write_jsonl(tmp_path / "a.jsonl", records[:100]))], jobs=2, quiet=True)
    first = len(applied)
    for r in records[40:60]:
        r["text"] = r["text"].replace("met", "held talks with").replace("Monday", "Wednesday")
    ingest_paths(str(db), [str(write_jsonl(tmp_path / "b.jsonl", records[::-1]))], jobs=2, quiet=True)
    assert first >= 3 and len(applied) - first >= 3  # blocks merged while reading (the last merge is not counted)
    clean = tmp_path / "clean.db"
    ingest_paths(str(clean), [str(write_jsonl(tmp_path / "c.jsonl", records))], jobs=1, quiet=True)
    assert_consistent(db)
    assert {k: v for k, v in dump(db).items() if k != "articles"} == \
        {k: v for k, v in dump(clean).items() if k != "articles"}
    triggers = {n for (n,) in sqlite3.connect(db).execute("select name from sqlite_master where tbl_name = 'events'")}
    assert triggers == {n for (n,) in sqlite3.connect(clean).execute(
        "select name from sqlite_master where tbl_name = 'events'")}  # search triggers and indexes back


@pytest.mark.parametrize("replaced", [3, 10])  # merged before, or pending in what the worker read
def test_a_merge_of_a_block_changed_meanwhile_is_not_applied(tmp_path: Path, replaced: int) -> None:
    """A worker merges a block from committed data; the writer meanwhile replaces an article of that block. The
    merge is dropped (applying it would bring the replaced article's reports back) and the block is merged later."""
    from timeline.extract import extract_reports
    from timeline.sources import Article
    from timeline.store_merge import merge_block
    from timeline.store_write import prepare

    def prepared(r: dict):  # noqa: ANN202
        a = Article(r["text"], dt.date.fromisoformat(r["published"]), r["title"], r["source"], r["url"])
        return prepare(a, extract_reports(a))

    records = corpus(10)
    records.append(dict(records[3], url="https://example.org/story/3-again"))  # the same events: they merge
    db = tmp_path / "race.db"
    ingest_paths(str(db), [str(write_jsonl(tmp_path / "a.jsonl", records[:10]))], quiet=True)
    writer = Writer(db)
    writer.put(prepared(records[10]))
    writer.commit()
    blocks = sorted(writer.queue.new)
    writer.queue.inflight.update(blocks)  # handed to the workers
    reader = sqlite3.connect(db)
    merges = [merge_block(reader, b) for b in blocks]  # what the workers send back ...
    records[replaced]["text"] = "BEIJING (Wire) - Analysts said public opinion remained wary of a quick deal.\n"
    assert writer.put(prepared(records[replaced])) == "replaced"  # ... while the writer replaces an article
    for m in merges:
        writer.apply(m)
    writer.settle()
    writer.close()
    clean = tmp_path / "clean.db"
    ingest_paths(str(clean), [str(write_jsonl(tmp_path / "c.jsonl", records))], quiet=True)
    assert_consistent(db)
    assert {k: v for k, v in dump(db).items() if k != "articles"} == \
        {k: v for k, v in dump(clean).items() if k != "articles"}
