"""Incremental re-clustering gives exactly the clusters of merge.cluster on the whole block, whatever batches the
reports came in, also after reports were removed."""

import datetime as dt
import random

import pytest

from timeline.merge import Report, cluster, event_id
from timeline.store_settle import Slim, changes, recluster

STATES = ["FRA", "DEU", "JPN", "USA"]
SOURCES = ["explicit", "inferred", "relative", "anchored", "publication", None]


def random_report(rng: random.Random, n: int) -> Report:
    """A report of one block (family 'meeting', 2019), its dates crowded into a few weeks so many reports match."""
    kind = rng.choice(["day", "day", "day", "week", "month", "year", "undated"])
    day = dt.date(2019, 3, 1) + dt.timedelta(days=rng.randrange(-10, 45))
    if kind == "day":
        value, start, end = day.isoformat(), day, day
    elif kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=6)
        value = f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"
    elif kind == "month":
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        value = start.isoformat()[:7]
    elif kind == "year":
        value, start, end = "2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)
    else:
        value = start = end = None
    states = rng.sample(STATES, rng.choice([0, 1, 2, 2, 2, 3]))
    return Report("meeting", "meeting", "meeting", "occurred", "040", None, None, date=value,
                  date_start=start and start.isoformat(), date_end=end and end.isoformat(),
                  precision=None if kind == "undated" else kind,
                  date_source=None if kind == "undated" else rng.choice(SOURCES),
                  participants=[(s, s, "state", s, "participant") for s in states],
                  article_key=f"https://example.org/{rng.randrange(10 ** 6):06d}", index=n)


def slim(r: Report, prior: int | None) -> Slim:
    return Slim(r.block, r.precision, r.date_source, r.date, r.date_start, r.date_end, r.countries, r.article_key,
                r.index, prior, r)


def ids(clusters: list[list]) -> list[list[int]]:
    return [[id(getattr(x, "ref", x)) for x in c] for c in clusters]


def settle(stored: list[Report], prior: dict[int, int]) -> dict[int, int]:
    """recluster the stored reports from the prior clusters; check it against merge.cluster, and that the stored
    clusters updated with `changes` are the same; the new event ids."""
    got = recluster([slim(r, prior.get(id(r))) for r in stored])
    full = cluster(stored)
    assert ids(got) == ids(full)
    changed, gone = changes([slim(r, prior.get(id(r))) for r in stored])
    events: dict[int, list[Report]] = {}
    for r in stored:
        if id(r) in prior and prior[id(r)] not in gone:
            events.setdefault(prior[id(r)], []).append(r)
    for c in changed:
        events[event_id([x.ref for x in c])] = [x.ref for x in c]
    assert sorted(map(sorted, ids(events.values()))) == sorted(map(sorted, ids(full)))
    return {id(s.ref): event_id([x.ref for x in c]) for c in got for s in c}


@pytest.mark.parametrize("seed", range(40))
def test_batches_give_the_clusters_of_the_whole_block(seed: int) -> None:
    rng = random.Random(seed)
    reports = [random_report(rng, i) for i in range(rng.randrange(20, 160))]
    stored: list[Report] = []
    prior: dict[int, int] = {}
    todo = reports[:]
    rng.shuffle(todo)
    while todo:
        take = rng.randrange(1, 30)
        batch, todo = todo[:take], todo[take:]
        stored += batch
        prior = settle(stored, prior)
    assert len({prior[id(r)] for r in reports}) < len(reports)  # some reports did merge


@pytest.mark.parametrize("seed", range(20))
def test_removed_reports_leave_their_cluster_pending(seed: int) -> None:
    """As when an article is replaced: its reports go, the events they were in are deleted, and the other reports
    of those events wait (pending) with the new reports."""
    rng = random.Random(1000 + seed)
    stored = [random_report(rng, i) for i in range(rng.randrange(40, 120))]
    prior = settle(stored, {})
    for _ in range(3):
        gone = rng.sample(stored, rng.randrange(1, 6))
        dropped = {prior[id(r)] for r in gone}
        stored = [r for r in stored if r not in gone] + [random_report(rng, 500 + i) for i in range(rng.randrange(5))]
        prior = {k: v for k, v in prior.items() if v not in dropped}
        prior = settle(stored, prior)


def test_a_new_report_before_a_head_takes_its_cluster() -> None:
    """A report that comes first in canonical order (an earlier article key) becomes the head; the reports of the
    old head's cluster follow it, and the event id changes with the head."""
    rng = random.Random(7)
    a, b = random_report(rng, 0), random_report(rng, 1)
    for r, key in ((a, "https://example.org/b"), (b, "https://example.org/a")):
        r.date, r.date_start, r.date_end, r.precision, r.date_source = "2019-03-04", "2019-03-04", "2019-03-04", \
            "day", "explicit"
        r.participants = [("FRA", "France", "state", "FRA", "participant")]
        r.article_key = key
    first = settle([a], {})
    second = settle([a, b], first)
    assert second[id(a)] == second[id(b)] != first[id(a)]
    assert recluster([slim(a, first[id(a)])])[0][0].ref is a  # nothing new: the stored cluster stands
