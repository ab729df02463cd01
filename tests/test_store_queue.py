"""The writer's book of blocks to merge while an ingest runs: when a block is due, what is handed out together,
and which merges must not be applied."""

from timeline.store_queue import DUE_MIN, DUE_SHARE, MergeQueue, chunks


def test_a_block_is_due_once_its_new_reports_are_a_share_of_its_size() -> None:
    q = MergeQueue()
    for _ in range(DUE_MIN - 1):
        q.add("meeting|2019")
    assert q.take() == []
    q.add("meeting|2019")
    assert q.take() == ["meeting|2019"]  # handed out: not again until it comes back
    q.add("meeting|2019")
    assert q.take() == []
    assert q.done("meeting|2019", 1000)
    for _ in range(int(DUE_SHARE * 1000) - 2):
        q.add("meeting|2019")
    assert q.take() == []  # 1000 stored reports: a quarter of them must be new
    q.add("meeting|2019")
    assert q.take() == []  # ... and the block's events changed in the open transaction
    q.touched.clear()  # (the writer committed)
    assert q.take() == ["meeting|2019"]


def test_blocks_furthest_behind_go_first_in_tasks_of_a_bounded_size() -> None:
    q = MergeQueue()
    q.sizes.update({"a|2019": 2000, "b|2019": 3000, "c|2019": 100})
    for block, n in (("a|2019", 600), ("b|2019", 900), ("c|2019", 90)):
        for _ in range(n):
            q.add(block)
    assert q.take(reports=4000) == ["c|2019", "b|2019"]  # 90 of 100 new, then 900 of 3000
    assert q.take(reports=4000) == ["a|2019"]
    assert list(chunks(["a|2019", "b|2019", "c|2019"], q.sizes, reports=4000)) == [["a|2019"],
                                                                                    ["b|2019", "c|2019"]]


def test_a_merge_of_a_block_changed_meanwhile_is_dropped_and_the_block_stays_due() -> None:
    q = MergeQueue()
    for _ in range(DUE_MIN):
        q.add("visit|2020")
    assert q.take() == ["visit|2020"]
    q.add("visit|2020", changed=True)  # an article replaced: events of the block deleted
    assert not q.done("visit|2020", 40)
    assert "visit|2020" in q.due and q.take() == []  # not before the writer commits
    q.touched.clear()
    assert q.take() == ["visit|2020"]
    assert not q.done("visit|2020", None)  # the worker failed: due again
    assert q.take() == ["visit|2020"]
