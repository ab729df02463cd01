"""Incremental re-clustering: the clusters `merge.cluster` gives for all of a block's reports, worked out from the
block's previous clusters and the reports that are new since.

`merge.cluster` takes the reports of a block in canonical order; each joins the first earlier *head* (first report
of a cluster) it matches, or becomes a head itself. So a report's cluster depends only on which earlier reports
are heads. When reports are added to a block whose other reports were clustered before, only a new report, or a
report that an earlier report's change of head status concerns (one that report matches), can change: `recluster`
visits exactly those, in canonical order, so every report it visits sees the final status of all reports before
it. The result is the clusters, in the order, `merge.cluster` gives for all the reports (tests/test_store_settle.py
checks this on random blocks split into random batches), at a cost that grows with the new reports rather than
with the block (plus indexing the block once).

A report whose previous cluster is unknown (`prior` None: pending) is new. Reports may also have been removed since,
as long as every other report of their clusters is pending (as `store_merge.delete_events` leaves them).
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from heapq import heapify, heappop, heappush

from timeline.merge import CONFLICT_DAYS, canonical_order, cluster, same_event

__all__ = ["Slim", "changes", "recluster"]
BUCKET_DAYS = 8  # reports are looked up by stretches of this many days ...
LONG_DAYS = 62  # ... unless their dates span more (a quarter, a year): those are looked at every time
_DAYS: dict[str | None, int | None] = {None: None}


class Slim:
    """What clustering needs of a stored report; `prior` is the event it was part of (None when pending) and `ref`
    says where it is stored. Quacks like a `merge.Report` for `canonical_order`, `same_event`, `months` and
    `event_id`."""

    __slots__ = ("article_key", "block", "countries", "date", "date_end", "date_source", "date_start", "first", "index",
                 "key", "last", "precision", "prior", "ref")

    def __init__(self, block: str, precision: str | None, date_source: str | None, date: str | None,
                 date_start: str | None, date_end: str | None, countries: list[str], article_key: str, index: int,
                 prior: int | None = None, ref: object = None) -> None:
        self.block, self.precision, self.date_source, self.date = block, precision, date_source, date
        self.date_start, self.date_end, self.countries = date_start, date_end, countries
        self.article_key, self.index, self.prior, self.ref = article_key, index, prior, ref
        self.key = canonical_order(self)  # type: ignore[arg-type]
        self.first, self.last = _day(date_start), _day(date_end)


def _day(iso: str | None) -> int | None:
    """The day number of an ISO date (remembered; None when there is none or it does not parse)."""
    if iso not in _DAYS:
        if len(_DAYS) >= 200_000:
            _DAYS.clear()
            _DAYS[None] = None
        try:
            _DAYS[iso] = dt.date.fromisoformat(iso).toordinal()  # type: ignore[arg-type]
        except (TypeError, ValueError):
            _DAYS[iso] = None
    return _DAYS[iso]


def _close(a: Slim, b: Slim) -> bool:
    """False when `same_event(a, b)` is surely false by the dates alone: one undated and not the other, or more
    than CONFLICT_DAYS apart. A cheap test to make before it."""
    if a.date_start is None or b.date_start is None:
        return a.date_start is None and b.date_start is None
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    return b.first - a.last <= CONFLICT_DAYS and a.first - b.last <= CONFLICT_DAYS


class _Index:
    """Every report of a block (positions in canonical order) by the stretches of BUCKET_DAYS days its dates cover
    and by its states. `same_event` never pairs reports more than CONFLICT_DAYS apart, a dated with an undated one,
    or two with states of which neither has one the other has, so the reports a lookup gives include all those it
    may pair a report with (the index `merge.cluster` uses, by month, gives no other pairs)."""

    def __init__(self, order: list[Slim]) -> None:
        self.lists: dict[tuple[object, str], list[int]] = defaultdict(list)
        self.odd: list[int] = []  # dates that do not parse: looked at every time
        self.everything = range(len(order))
        for pos, r in enumerate(order):
            spans = self._spans(r, 0)
            if spans is None:
                self.odd.append(pos)
                continue
            keys = [*r.countries, "*"] if r.countries else ["", "*"]
            for span in spans:
                for k in keys:
                    self.lists[(span, k)].append(pos)

    @staticmethod
    def _spans(r: Slim, pad: int) -> list[object] | None:
        if r.date_start is None:
            return ["undated"]
        if r.first is None or r.last is None:
            return None
        if r.last - r.first > LONG_DAYS and not pad:
            return ["long"]
        return list(range((r.first - pad) // BUCKET_DAYS, (r.last + pad) // BUCKET_DAYS + 1))

    def near(self, r: Slim) -> list[list[int]]:
        """Lists (each in canonical order) that hold every report `same_event` may pair with r."""
        spans = self._spans(r, CONFLICT_DAYS)
        if spans is None:
            return [self.everything]  # type: ignore[list-item]
        if r.date_start is not None:
            spans.append("long")
        keys = [*r.countries, ""] if r.countries else ["*"]
        found = [self.lists[(span, k)] for span in spans for k in keys if (span, k) in self.lists]
        return [*found, self.odd] if self.odd else found


def recluster(reports: list[Slim]) -> list[list[Slim]]:
    """The clusters of a block, each in canonical order, in the order `merge.cluster(reports)` gives them.

    Reports with a `prior` keep the cluster of that event unless something before them changes; pending ones
    (prior None) are placed, and whatever that changes is followed through."""
    if all(r.prior is None for r in reports):
        return cluster(reports)  # type: ignore[arg-type,return-value]
    order, members, _, _ = _sweep(reports)
    return [[order[m] for m in sorted(ms)] for _, ms in sorted(members.items())]


def changes(reports: list[Slim]) -> tuple[list[list[Slim]], set[int]]:
    """What `recluster` changes: the clusters that may differ from the stored ones (in the order `recluster` gives
    them; the others are the stored events as they are) and the stored events that are gone (their first report
    joined an earlier one)."""
    if all(r.prior is None for r in reports):
        return cluster(reports), set()  # type: ignore[arg-type,return-value]
    order, members, touched, gone = _sweep(reports)
    return [[order[m] for m in sorted(members[h])] for h in sorted(touched) if h in members], gone


def _sweep(reports: list[Slim]) -> tuple[list[Slim], dict[int, set[int]], set[int], set[int]]:
    """Reports in canonical order, the members of each head (positions), the heads whose members changed, and the
    stored events whose head is no longer one."""
    order = sorted(reports, key=lambda r: r.key)
    head_of = [-1] * len(order)
    members: dict[int, set[int]] = {}
    first: dict[int, int] = {}
    for pos, r in enumerate(order):
        if r.prior is not None:
            h = first.setdefault(r.prior, pos)  # a stored cluster's first report is its head
            head_of[pos] = h
            members.setdefault(h, set()).add(pos)
    index = _Index(order)
    todo = [pos for pos, h in enumerate(head_of) if h == -1]
    heapify(todo)
    seen: set[int] = set()
    touched: set[int] = set()
    gone: set[int] = set()
    while todo:
        pos = heappop(todo)
        if pos in seen:
            continue
        seen.add(pos)
        r = order[pos]
        heads = {h for lst in index.near(r) for h in lst[:bisect_left(lst, pos)] if head_of[h] == h}
        target = next((h for h in sorted(heads) if _close(order[h], r) and same_event(order[h], r)),  # type: ignore[arg-type]
                      pos)
        old = head_of[pos]
        if old == target:
            continue
        if old == pos:  # no longer a head: its members look again
            if r.prior is not None:
                gone.add(r.prior)
            for m in members.pop(pos):
                head_of[m] = -1
                if m != pos:
                    heappush(todo, m)
        elif old != -1:
            members[old].discard(pos)
            touched.add(old)
        head_of[pos] = target
        members.setdefault(target, set()).add(pos)
        touched.add(target)
        if target == pos:  # a new head: later reports it matches may join it
            for m in {m for lst in index.near(r) for m in lst[bisect_right(lst, pos):]}:
                if (head_of[m] == -1 or head_of[m] > pos) and _close(r, order[m]) and same_event(r, order[m]):  # type: ignore[arg-type]
                    heappush(todo, m)
    return order, members, touched, gone
