"""Score the event extractor on the development set (tests/devset): precision, recall, F1, status accuracy.

Usage::

    python scripts/score_events.py [-v] [--devset tests/devset] [--min-f1 0.5] [--json]

Matching rules (also used by tests/test_devset.py):

- Only *dated* predictions count (a predicted event without date_start/date_end is ignored), and only gold
  events with a date count for precision and recall (gold events with ``date: null`` are documentation).
- A predicted event matches a gold event of the same article when
  1. its date interval lies inside the gold interval (``gold.start <= pred.start`` and
     ``pred.end <= gold.end``; equal intervals match). A prediction coarser than the gold date ("2018" for
     a summit on 2018-06-12) does not match: the point of the tool is the event's own date; and
  2. they share at least one country (ISO alpha-3). A gold event listing no country (the article names
     none) passes this test with any prediction.
  Event type is *not* required for a match; it is reported as a separate accuracy on matched pairs, like
  status.
- Matching is one-to-one and greedy: all candidate pairs are ranked by (same event type, same status,
  number of shared countries, narrower predicted interval, document order) and taken best first.

Precision = matched / dated predictions, recall = matched / dated gold events. With ``-v`` the script
prints, per article, the gold events missed and the false positives, each with the kind of error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"


@dataclass(frozen=True)
class Event:
    """One event, gold or predicted, reduced to what scoring looks at."""

    date: str | None
    start: str | None
    end: str | None
    event_type: str
    status: str
    countries: tuple[str, ...]
    evidence: str = ""

    @property
    def dated(self) -> bool:
        """Whether the event has a date interval."""
        return bool(self.start and self.end)

    def short(self) -> str:
        """One-line description for reports."""
        span = self.date or "undated"
        if self.dated and self.start != self.end and self.date and len(self.date) == 10:
            span = f"{self.start}..{self.end}"
        ev = self.evidence.replace("\n", " ")
        ev = ev if len(ev) <= 90 else ev[:87] + "..."
        return f"{span:<12} {self.event_type:<18} {self.status:<9} {','.join(self.countries) or '-':<24} | {ev}"


@dataclass
class ArticleResult:
    """Scoring of one article."""

    file: str
    gold: list[Event]
    predicted: list[Event]
    pairs: list[tuple[int, int]]  # (gold index, predicted index)
    undated: list[Event] = field(default_factory=list)  # predictions without a date: ignored for scoring

    @property
    def missed(self) -> list[int]:
        """Indices of dated gold events left unmatched."""
        got = {g for g, _ in self.pairs}
        return [i for i, g in enumerate(self.gold) if g.dated and i not in got]

    @property
    def false_positives(self) -> list[int]:
        """Indices of predictions left unmatched."""
        got = {p for _, p in self.pairs}
        return [i for i in range(len(self.predicted)) if i not in got]


@dataclass
class Scores:
    """Totals over the dev set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_tp: int = 0
    status_ok: int = 0
    type_ok: int = 0
    errors: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        """Matched / dated predictions."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Matched / dated gold events."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        """Share of matched pairs with the gold status."""
        return self.status_ok / self.tp if self.tp else 0.0

    @property
    def type_accuracy(self) -> float:
        """Share of matched pairs with the gold event type."""
        return self.type_ok / self.tp if self.tp else 0.0

    @property
    def lenient_f1(self) -> float:
        """F1 when overlapping dates count as a match (diagnostic: how much is date precision)."""
        n_pred, n_gold = self.tp + self.fp, self.tp + self.fn
        p = self.lenient_tp / n_pred if n_pred else 0.0
        r = self.lenient_tp / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Numbers for JSON output and tests."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "status_accuracy": round(self.status_accuracy, 4), "type_accuracy": round(self.type_accuracy, 4),
                "lenient_f1": round(self.lenient_f1, 4),
                "errors": dict(self.errors.most_common())}


# --- matching -----------------------------------------------------------------------------------------------

def date_inside(pred: Event, gold: Event) -> bool:
    """The predicted interval lies inside (or equals) the gold interval."""
    if not (pred.dated and gold.dated):
        return False
    return gold.start <= pred.start and pred.end <= gold.end  # type: ignore[operator]


def shared_countries(pred: Event, gold: Event) -> int:
    """Number of countries in common; a gold event naming no country counts as one shared."""
    if not gold.countries:
        return 1
    return len(set(pred.countries) & set(gold.countries))


def compatible(pred: Event, gold: Event, lenient: bool = False) -> bool:
    """Whether a prediction may be matched to a gold event (lenient: overlapping dates are enough)."""
    dates_ok = _overlaps(pred, gold) if lenient else date_inside(pred, gold)
    return dates_ok and shared_countries(pred, gold) > 0


def _width(e: Event) -> int:
    """Interval length in days (for ranking: finer predictions first)."""
    import datetime as dt

    return (dt.date.fromisoformat(e.end) - dt.date.fromisoformat(e.start)).days  # type: ignore[arg-type]


def match(predicted: list[Event], gold: list[Event], lenient: bool = False) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, predicted index) pairs.

    Undated predictions and undated gold events never match. ``lenient`` (a diagnostic, not the score)
    accepts any overlap of the date intervals, so a prediction coarser than the gold date also matches.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if compatible(p, g, lenient):
                rank = (p.event_type == g.event_type, p.status == g.status, shared_countries(p, g), -_width(p))
                candidates.append((rank, -gi, -pi))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, ngi, npi in candidates:
        gi, pi = -ngi, -npi
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


# --- error kinds --------------------------------------------------------------------------------------------

def _overlaps(a: Event, b: Event) -> bool:
    return bool(a.dated and b.dated and a.start <= b.end and b.start <= a.end)  # type: ignore[operator]


def _same_sentence(a: Event, b: Event) -> bool:
    """Whether the gold evidence (a) is in the predicted evidence sentence (b), or the reverse."""
    x, y = " ".join(a.evidence.split()), " ".join(b.evidence.split())
    return bool(x and y and (x in y or y in x))


def miss_kind(g: Event, res: ArticleResult) -> str:
    """Why a dated gold event was not matched (the first explanation that fits)."""
    matched_p = {p for _, p in res.pairs}
    free = [p for i, p in enumerate(res.predicted) if i not in matched_p]
    taken = [p for i, p in enumerate(res.predicted) if i in matched_p]
    for p in free:
        if _same_sentence(g, p) or (_overlaps(p, g) and shared_countries(p, g)):
            if date_inside(p, g):
                return "countries wrong"
            if _overlaps(p, g):
                coarser = p.start <= g.start and g.end <= p.end  # type: ignore[operator]
                return "date coarser than gold" if coarser else "date off"
            return "dated wrongly"
    for p in free:
        if date_inside(p, g):
            return "countries wrong"
    if any(_same_sentence(g, p) for p in taken):
        return "merged into another event"
    if any(_same_sentence(g, u) for u in res.undated):
        return "left undated"
    return "not extracted"


def fp_kind(p: Event, res: ArticleResult) -> str:
    """Why a prediction matched no gold event."""
    matched_gold = {g for g, _ in res.pairs}
    for gi, g in enumerate(res.gold):
        if g.dated and compatible(p, g) and gi in matched_gold:
            return "duplicate of a matched event"
    for g in res.gold:
        if not g.dated and _same_sentence(g, p):
            return "dated an undated gold event"
    for g in res.gold:
        if g.dated and _same_sentence(g, p):
            return "wrong date or countries for a gold event"
    return "not a gold event"


# --- data ---------------------------------------------------------------------------------------------------

def _countries(value: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in (value or []))


def load_gold(devset: Path = DEVSET) -> dict[str, list[Event]]:
    """Gold events by article file name, from devset/gold.yaml."""
    data = yaml.safe_load((devset / "gold.yaml").read_text(encoding="utf-8"))
    out: dict[str, list[Event]] = {}
    for art in data["articles"]:
        out[art["file"]] = [
            Event(date=None if e.get("date") is None else str(e["date"]),
                  start=None if e.get("date_start") is None else str(e["date_start"]),
                  end=None if e.get("date_end") is None else str(e["date_end"]),
                  event_type=e["event_type"], status=e["status"], countries=_countries(e.get("countries")),
                  evidence=e.get("evidence") or "")
            for e in art.get("events") or []]
    return out


def event_from_record(rec: dict[str, Any]) -> Event:
    """A predicted event from a `timeline extract --format jsonl` record."""
    return Event(date=rec.get("date"), start=rec.get("date_start"), end=rec.get("date_end"),
                 event_type=rec.get("event_type") or "", status=rec.get("status") or "",
                 countries=_countries(rec.get("countries")), evidence=rec.get("evidence") or "")


def predict(path: Path) -> list[Event]:
    """Run the extractor on one article file; all predicted events, dated or not."""
    from timeline.extract import extract_reports, report_record
    from timeline.sources import read_path

    events: list[Event] = []
    for article in read_path(path):
        events.extend(event_from_record(report_record(r, article)) for r in extract_reports(article))
    return events


def score_articles(devset: Path = DEVSET, predictions: dict[str, list[Event]] | None = None
                   ) -> tuple[Scores, list[ArticleResult]]:
    """Score every gold article (predictions computed by the extractor unless given)."""
    gold = load_gold(devset)
    scores = Scores()
    results: list[ArticleResult] = []
    failures: list[str] = []
    for name, gold_events in gold.items():
        path = devset / "articles" / name
        try:
            all_preds = predictions[name] if predictions is not None else predict(path)
        except Exception as exc:  # noqa: BLE001 - an article the extractor fails on scores as all misses
            failures.append(f"{name}: {exc!r}")
            all_preds = []
        dated = [p for p in all_preds if p.dated]
        undated = [p for p in all_preds if not p.dated]
        res = ArticleResult(name, gold_events, dated, match(dated, gold_events), undated)
        results.append(res)
        scores.tp += len(res.pairs)
        scores.fp += len(res.false_positives)
        scores.fn += len(res.missed)
        scores.lenient_tp += len(match(dated, gold_events, lenient=True))
        for gi, pi in res.pairs:
            g, p = gold_events[gi], dated[pi]
            scores.status_ok += g.status == p.status
            scores.type_ok += g.event_type == p.event_type
            if g.status != p.status:
                scores.errors[f"status {g.status} -> {p.status}"] += 1
            if g.event_type != p.event_type:
                scores.errors["event type wrong"] += 1
        for gi in res.missed:
            scores.errors[f"miss: {miss_kind(gold_events[gi], res)}"] += 1
        for pi in res.false_positives:
            scores.errors[f"false positive: {fp_kind(dated[pi], res)}"] += 1
    if failures:
        print(f"extractor failed on {len(failures)} article(s), scored as all misses; first: {failures[0]}",
              file=sys.stderr)
    return scores, results


# --- report -------------------------------------------------------------------------------------------------

def print_details(results: list[ArticleResult]) -> None:
    """Per article: missed gold events, false positives and matched pairs with wrong status or type."""
    for res in results:
        lines: list[str] = []
        for gi in res.missed:
            lines.append(f"  MISS [{miss_kind(res.gold[gi], res)}] {res.gold[gi].short()}")
        for pi in res.false_positives:
            lines.append(f"  FP   [{fp_kind(res.predicted[pi], res)}] {res.predicted[pi].short()}")
        for gi, pi in res.pairs:
            g, p = res.gold[gi], res.predicted[pi]
            notes = []
            if g.status != p.status:
                notes.append(f"status {g.status}->{p.status}")
            if g.event_type != p.event_type:
                notes.append(f"type {g.event_type}->{p.event_type}")
            if notes:
                lines.append(f"  OK~  [{'; '.join(notes)}] {p.short()}")
        if lines:
            print(f"{res.file}: {len(res.pairs)} matched, {len(res.missed)} missed, "
                  f"{len(res.false_positives)} false positives, {len(res.undated)} undated ignored")
            print("\n".join(lines))


def print_summary(scores: Scores) -> None:
    """The headline numbers and the most common error kinds."""
    print(f"dated predictions {scores.tp + scores.fp}, dated gold events {scores.tp + scores.fn}, "
          f"matched {scores.tp}")
    print(f"precision       {scores.precision:.3f}")
    print(f"recall          {scores.recall:.3f}")
    print(f"F1              {scores.f1:.3f}")
    print(f"status accuracy {scores.status_accuracy:.3f}  (on {scores.tp} matched pairs)")
    print(f"type accuracy   {scores.type_accuracy:.3f}  (on {scores.tp} matched pairs)")
    print(f"lenient F1      {scores.lenient_f1:.3f}  (diagnostic: overlapping dates count as a match)")
    if scores.errors:
        print("error kinds:")
        for kind, n in scores.errors.most_common():
            print(f"  {n:4d}  {kind}")


def main(argv: list[str] | None = None) -> int:
    """CLI entry point; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=DEVSET, help="folder with gold.yaml and articles/")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-article misses and false positives")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if F1 is below this")
    ap.add_argument("--min-status", type=float, default=None, help="exit 1 if status accuracy is below this")
    args = ap.parse_args(argv)
    scores, results = score_articles(args.devset)
    if args.verbose:
        print_details(results)
        print()
    if args.json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        print_summary(scores)
    failed = False
    if args.min_f1 is not None and scores.f1 < args.min_f1:
        print(f"F1 {scores.f1:.3f} is below --min-f1 {args.min_f1}", file=sys.stderr)
        failed = True
    if args.min_status is not None and scores.status_accuracy < args.min_status:
        print(f"status accuracy {scores.status_accuracy:.3f} is below --min-status {args.min_status}",
              file=sys.stderr)
        failed = True
    return 1 if failed else 0


__all__ = ["Event", "ArticleResult", "Scores", "match", "compatible", "date_inside", "load_gold",
           "event_from_record", "predict", "score_articles", "main"]

if __name__ == "__main__":
    sys.exit(main())
