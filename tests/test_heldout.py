"""The held-out event sets (tests/heldout … heldout9): well-formed gold, and scores that must not regress.

The rules are tuned on tests/devset; the held-out sets, written later by other hands about other events, measure how
far the rules carry to articles they were not written for (see README, "Events"). Each was first scored blind
(heldout4 and heldout5 in session 3, heldout6 and heldout7 in session 4, heldout8 and heldout9 in session 5). Floors
sit a little below the measured scores: a rule that helps the dev set and breaks unseen text fails here.
"""

import re
from pathlib import Path

import pytest
import score_events as se

ROOT = Path(__file__).resolve().parent.parent
SETS = {  # set -> minimal F1 (measured minus a margin)
    "heldout": 0.89,
    "heldout2": 0.90,
    "heldout3": 0.86,
    "heldout4": 0.72,
    "heldout5": 0.74,
    "heldout6": 0.82,  # blind at 0.568 in session 4, then its misses served as examples
    "heldout7": 0.76,  # blind at 0.552 at the end of session 4, then session 5's examples
    "heldout8": 0.74,  # blind at 0.605 (session 4's rules) / 0.627 when first scored in session 5, then examples
    "heldout9": 0.67,  # blind: scored once at the end of session 5 (0.710; 0.637 with the rules it started from)
}
MIN_STATUS_ACCURACY = 0.90
FRONT_DATE = re.compile(r"^published:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.M)


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_set_is_well_formed(name: str) -> None:
    root = ROOT / "tests" / name
    gold = se.load_gold(root)
    assert len(gold) >= 15
    assert sorted(gold) == sorted(p.name for p in (root / "articles").glob("*.txt"))
    for article, events in gold.items():
        text = (root / "articles" / article).read_text(encoding="utf-8")
        assert text.startswith("---\ntitle:") and FRONT_DATE.search(text), article
        assert events, article
        for e in events:
            assert e.evidence and e.evidence in text, (article, e.evidence)
            if e.date is not None:
                assert e.start and e.end and e.start <= e.end, (article, e)
            assert all(len(c) == 3 and c.isupper() for c in e.countries), (article, e)


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_scores_at_least_the_floors(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    scores, _ = se.score_articles(ROOT / "tests" / name)
    with capsys.disabled():
        print(f"\n{name}: P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f} "
              f"status={scores.status_accuracy:.3f} type={scores.type_accuracy:.3f}")
    assert scores.f1 >= SETS[name], scores.as_dict()
    assert scores.status_accuracy >= MIN_STATUS_ACCURACY, scores.as_dict()
