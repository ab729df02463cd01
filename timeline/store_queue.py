"""Merging events while an ingest runs: which blocks are due, and handing them to the worker processes.

The writer stores articles with their reports pending; a block that has gathered enough new reports is *due*.
`Merger` hands due blocks to the workers (`merge_block`, reading the database), and the writer applies what they
send back (`Writer.apply`) between batches of articles, so merging costs the writer little more than the writes and
at the end of the run only the blocks still pending are left, merged by all workers at once.

A worker reads committed data, so a block is not handed out while the writer's open transaction has changed its
events (`MergeQueue.touched`), and a result is dropped if the block's events were changed by the writer while it
was being worked out (an article replaced: `spoiled`); the block stays pending and is merged later. New pending
reports added meanwhile do no harm: they stay pending. At most one merge of a block is in flight.
"""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.store_merge import Merged
    from timeline.store_write import Writer

DUE_SHARE = 0.25  # a block is due once its new reports are this share of its stored ones ...
DUE_MIN = 16  # ... and at least this many
TASK_REPORTS = 4000  # blocks handed to a worker at once: about this many stored reports together


class MergeQueue:
    """The writer's book of blocks: new reports since their last merge, which are due, in flight, spoiled."""

    def __init__(self) -> None:
        self.new: dict[str, int] = {}  # reports stored (or made pending) since the block was last handed out
        self.sizes: dict[str, int] = {}  # reports the block had when it was last merged
        self.due: set[str] = set()
        self.inflight: set[str] = set()
        self.spoiled: set[str] = set()  # in flight, and its events changed since
        self.touched: set[str] = set()  # its events changed in the writer's open transaction

    def add(self, block: str, changed: bool = False) -> None:
        """A new (or newly pending) report of a block; `changed`: the writer also changed its events."""
        n = self.new[block] = self.new.get(block, 0) + 1
        if n >= max(DUE_MIN, DUE_SHARE * self.sizes.get(block, 0)):
            self.due.add(block)
        if changed:
            self.touched.add(block)
            if block in self.inflight:
                self.spoiled.add(block)

    def take(self, reports: int = TASK_REPORTS) -> list[str]:
        """Due blocks to hand out now (those most behind first), about `reports` stored reports together."""
        ready = sorted(self.due - self.inflight - self.touched,
                       key=lambda b: (-self.new[b] / (self.sizes.get(b, 0) + 1), b))
        taken: list[str] = []
        total = 0
        for block in ready:
            if taken and total + self.sizes.get(block, 0) > reports:
                break
            taken.append(block)
            total += self.sizes.get(block, 0) + self.new[block]
        for block in taken:
            self.due.discard(block)
            self.inflight.add(block)
            self.new[block] = 0
        return taken

    def done(self, block: str, size: int | None) -> bool:
        """A block's merge came back (size None: it failed); whether to apply it."""
        self.inflight.discard(block)
        if size is None or block in self.spoiled:
            self.spoiled.discard(block)
            self.new.setdefault(block, 0)
            self.due.add(block)  # merged again later
            return False
        self.sizes[block] = size
        self.touched.add(block)
        return True

    def merged(self, block: str, size: int) -> None:
        """A block was merged by the writer itself."""
        self.sizes[block] = size
        self.new.pop(block, None)
        self.due.discard(block)


class Merger:
    """Hands due blocks to worker processes and applies their merges through the writer."""

    def __init__(self, writer: "Writer", task: Callable[[list[str]], list["Merged"]], jobs: int) -> None:
        self.writer, self.task, self.jobs = writer, task, jobs
        self.futures: dict[Future, list[str]] = {}

    def idle(self, ex: Executor) -> bool:
        """Apply the merges that came back and hand out due blocks; whether anything was done."""
        did = self.collect()
        while len(self.futures) < self.jobs and (blocks := self.writer.queue.take()):
            try:
                self.futures[ex.submit(self.task, blocks)] = blocks
            except RuntimeError:  # the pool is broken or shut down
                self._failed(blocks)
                break
            did = True
        return did

    def collect(self, wait: bool = False) -> bool:
        """Apply the merges that are back (all of them, waiting, with `wait`)."""
        did = False
        for fut in [f for f in self.futures if wait or f.done()]:
            blocks = self.futures.pop(fut)
            try:
                results = fut.result()
            except Exception:  # a worker died: the blocks stay pending, merged later
                self._failed(blocks)
                continue
            for merged in results:
                self.writer.apply(merged)
            did = True
        return did

    def _failed(self, blocks: list[str]) -> None:
        for block in blocks:
            self.writer.queue.done(block, None)

    def finish(self, ex: Executor | None) -> None:
        """Apply what is in flight, then merge every block still pending, in the workers when there are some."""
        self.collect(wait=True)
        if ex is None:
            self.writer.settle()
            return
        try:
            self.writer.settle(merge=lambda todo: ordered(ex, self.task, chunks(todo, self.writer.queue.sizes),
                                                          2 * self.jobs))
        except Exception:  # the workers are gone: merge here what is left
            self.writer.settle()


def chunks(blocks: list[str], sizes: dict[str, int], reports: int = TASK_REPORTS) -> Iterator[list[str]]:
    """Blocks in tasks of about `reports` stored reports."""
    task: list[str] = []
    total = 0
    for block in blocks:
        if task and total + sizes.get(block, 0) > reports:
            yield task
            task, total = [], 0
        task.append(block)
        total += sizes.get(block, 0)
    if task:
        yield task


def ordered(ex: Executor, fn: Callable[[list[str]], list["Merged"]], tasks: Iterable[list[str]],
            window: int) -> Iterator["Merged"]:
    """fn on each task in the workers, a few at a time; the results in order."""
    it = iter(tasks)
    futures = [ex.submit(fn, t) for t in [next(it, None) for _ in range(window)] if t is not None]
    while futures:
        results = futures.pop(0).result()
        if (t := next(it, None)) is not None:
            futures.append(ex.submit(fn, t))
        yield from results
