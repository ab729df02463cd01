"""Print how long the actor dictionary takes to load and to match a 5,000-character article.

    python benchmarks/actors.py
"""

from __future__ import annotations

import datetime
import json
import statistics
import time
from importlib.resources import files

from timeline.actors import ActorDictionary

ARTICLE = (
    "WASHINGTON (Reuters) - U.S. President Donald Trump said on Tuesday he would meet North Korean leader "
    "Kim Jong Un again, weeks after Kim’s talks with Chinese President Xi Jinping in Beijing. South Korea’s "
    "President Moon Jae-in welcomed the plan, and Japan’s Prime Minister Shinzo Abe said Tokyo would "
    "cooperate. Secretary of State Mike Pompeo and national security adviser John Bolton briefed the UN "
    "Security Council, while the IAEA said inspectors were ready. The Kremlin said Moscow supported the "
    "U.S.-North Korea process; the European Union and NATO issued statements. Pyongyang did not comment.\n\n"
)


def main() -> None:
    """Measure and print load and match times."""
    raw = files("timeline").joinpath("data/actors/actors.json").read_text(encoding="utf-8")
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        actors = ActorDictionary(json.loads(raw))
        loads.append(time.perf_counter() - t0)
    text = (ARTICLE * 20)[:5000]
    when = datetime.date(2019, 2, 1)
    mentions = actors.find(text, when)
    runs = []
    for _ in range(200):
        t0 = time.perf_counter()
        actors.find(text, when)
        runs.append(time.perf_counter() - t0)
    print(f"actors: {len(actors.countries())} states, {len(actors.organisations())} organisations, "
          f"{len(actors.persons())} persons")
    print(f"load (parse JSON + build automaton): median {statistics.median(loads) * 1000:.1f} ms")
    print(f"match 5,000 chars ({len(mentions)} mentions): median {statistics.median(runs) * 1000:.2f} ms, "
          f"max {max(runs) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
