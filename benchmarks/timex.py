"""Throughput of timeline.timex.find_timexes against dateparser.search.search_dates on the same news-like text.

Usage: python benchmarks/timex.py [--sentences N] [--seed S] [--repeat R]
Builds N (default 1,200) sentences from templates, runs both taggers over the same text (sentence by sentence
for search_dates, which has no offsets; in 20-sentence documents for find_timexes) and prints chars/s,
sentences/s and the speed ratio (best of --repeat runs each).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import warnings

SUBJECTS = ["The foreign minister", "Prime Minister Abe", "President Moon", "The delegation", "Chinese officials",
            "The envoy", "The United Nations Security Council", "North Korea", "The two leaders", "Diplomats"]
VERBS_PAST = ["met", "held talks", "signed an agreement", "announced sanctions", "visited Beijing",
              "called for dialogue", "rejected the proposal", "agreed to resume negotiations"]
VERBS_FUTURE = ["will meet", "will hold talks", "is expected to sign a deal", "plans to visit Seoul",
                "will travel to Washington", "is scheduled to address the assembly"]
PAST_TIMES = ["last month", "on Tuesday", "in March", "two years ago", "yesterday", "in 2003", "on April 17, 2016",
              "earlier this year", "in the 1990s", "last week", "a decade ago", "in early 2015", "on 17/04/2016",
              "in the third quarter", "late last year", "on Friday morning"]
FUTURE_TIMES = ["next month", "in May", "on Friday", "next year", "in the coming weeks", "later this year",
                "on June 12", "tomorrow", "in mid-2019", "next week", "this summer", "at 3 p.m. on Monday"]
TAILS = ["sources said.", "according to a government statement.", "officials told reporters.",
         "the ministry said in a statement.", "despite protests in the capital.", "amid rising tensions.",
         "to discuss the six-party talks.", "after a delay of about a year.", "for three days.",
         "in a bid to ease tensions with 2,003 delegates present."]
FILLER = ["The talks may stall, analysts said.", "Sanctions cost the economy $2 billion, or 3% of output.",
          "The Sunday Times reported that F-16 jets were deployed.", "Protesters gathered at 10 Downing Street.",
          "Relations have been tense for decades.", "The agreement, signed in 2008, remains in force."]


def build_corpus(n: int, seed: int) -> list[str]:
    """n news-like sentences mixing past and future events, deictic dates, and timex-free distractors."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 5 == 4:
            out.append(rng.choice(FILLER))
        elif rng.random() < 0.5:
            out.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS_PAST)} {rng.choice(PAST_TIMES)}, "
                       f"{rng.choice(TAILS)}")
        else:
            out.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS_FUTURE)} {rng.choice(FUTURE_TIMES)}, "
                       f"{rng.choice(TAILS)}")
    return out


def run_ours(sentences: list[str], dct: dt.date) -> tuple[float, int]:
    """Seconds and number of expressions for find_timexes over 20-sentence documents."""
    from timeline.timex import find_timexes

    docs = [" ".join(sentences[i:i + 20]) for i in range(0, len(sentences), 20)]
    find_timexes(docs[0], dct)  # load rules once, outside the timing
    t0 = time.perf_counter()
    found = sum(len(find_timexes(doc, dct)) for doc in docs)
    return time.perf_counter() - t0, found


def run_dateparser(sentences: list[str], dct: dt.date) -> tuple[float, int]:
    """Seconds and number of expressions for dateparser's search_dates, sentence by sentence."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(dct, dt.time())}
    search_dates(sentences[0], languages=["en"], settings=settings)  # warm-up
    t0 = time.perf_counter()
    found = 0
    for s in sentences:
        found += len(search_dates(s, languages=["en"], settings=settings) or [])
    return time.perf_counter() - t0, found


def main() -> None:
    """Run both taggers on the same corpus and print throughputs and the ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tagger; the fastest is reported")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    sentences = build_corpus(args.sentences, args.seed)
    chars = sum(len(s) + 1 for s in sentences)
    dct = dt.date(2018, 4, 5)
    ours_s, ours_n = min(run_ours(sentences, dct) for _ in range(args.repeat))
    dp_s, dp_n = min(run_dateparser(sentences, dct) for _ in range(args.repeat))
    print(f"corpus: {len(sentences)} sentences, {chars} chars")
    for name, secs, n in (("timeline.timex.find_timexes", ours_s, ours_n),
                          ("dateparser search_dates", dp_s, dp_n)):
        print(f"{name:30s} {secs:8.3f} s  {chars / secs:12,.0f} chars/s  {len(sentences) / secs:10,.0f} "
              f"sentences/s  {n} expressions")
    print(f"speed-up: {dp_s / ours_s:.1f}x")


if __name__ == "__main__":
    main()
