"""Ingest benchmark: a generated corpus through `timeline ingest`, against dateparser's search_dates.

    python benchmarks/ingest.py [--articles 20000] [--jobs N] [--workdir /tmp/timeline-ingest-bench]
                                [--baseline-articles 400]

Generates (or reuses) a gzipped JSONL corpus of news-like articles (benchmarks/corpus.py), ingests it into a
fresh database with `python -m timeline ingest` in a subprocess, and prints articles/s, chars/s, and the peak
resident memory of the whole process tree (main process + workers, summed, sampled every 0.1 s). In the same
run it times `dateparser.search.search_dates(text, languages=['en'])` alone on the first articles of the same
corpus (one process, after one warm-up call) as the baseline. Targets on a 2-core machine: pipeline chars/s
at least 3x the baseline, 100,000 articles in under 10 minutes, peak RSS under 500 MB.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import iter_corpus, write_corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0.0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_ingest(db: Path, corpus: Path, jobs: int) -> tuple[float, float, float, int, int, str]:
    """Run the ingest; return wall and CPU seconds (all processes), CPU seconds of the main process (the writer,
    sampled every 0.1 s), peak tree RSS, peak single-process RSS (bytes), stderr."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "timeline", "ingest", str(db), str(corpus), "--jobs", str(jobs)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    peak = [0]
    writer = 0.0
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_rss(proc.pid))
        writer = process_cpu(proc.pid) or writer
        time.sleep(0.1)
    seconds = time.monotonic() - started
    reader.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, writer, peak[0], after.ru_maxrss * 1024, "".join(lines)


def baseline(corpus: Path, n: int) -> tuple[float, float, int]:
    """chars per wall second and per CPU second of dateparser.search.search_dates(text, languages=['en'])."""
    from dateparser.search import search_dates

    texts = [r["text"] for r in iter_corpus(corpus, n)]
    search_dates(texts[0], languages=["en"])  # warm-up: language data loads on the first call
    started, cpu_started = time.perf_counter(), time.process_time()
    for t in texts:
        search_dates(t, languages=["en"])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    chars = sum(len(t) for t in texts)
    return chars / seconds, chars / cpu, chars


def main() -> None:
    """Generate, ingest, measure, compare."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--workdir", default="/tmp/timeline-ingest-bench")
    ap.add_argument("--baseline-articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.articles}-{args.seed}.jsonl.gz"
    if not corpus.exists():
        t = time.monotonic()
        write_corpus(corpus.with_suffix(".tmp"), args.articles, args.seed)
        corpus.with_suffix(".tmp").rename(corpus)
        print(f"corpus: generated {args.articles} articles in {time.monotonic() - t:.1f} s", file=sys.stderr)
    chars = sum(len(r["text"]) for r in iter_corpus(corpus))

    base_rate, base_cpu_rate, base_chars = baseline(corpus, args.baseline_articles)
    seconds, cpu, writer, peak, single, log = run_ingest(work / "bench.db", corpus, args.jobs)
    summary = [line for line in log.splitlines() if "added" in line and line.startswith(str(work))]
    cores = min(args.jobs, os.cpu_count() or 1)
    rate = chars / seconds
    cpu_rate = chars / cpu * cores  # what the pipeline does with `cores` CPUs to itself
    print(f"corpus            {args.articles} articles, {chars / 1e6:.1f} M chars "
          f"({chars / args.articles:.0f} chars/article), {args.jobs} jobs, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"pipeline          {seconds:.1f} s wall: {args.articles / seconds:.1f} articles/s, "
          f"{rate / 1000:.0f}k chars/s")
    print(f"pipeline CPU      {cpu:.1f} CPU s (all processes): {chars / cpu / 1000:.0f}k chars per CPU second; "
          f"with {cores} CPUs to itself {cpu_rate / 1000:.0f}k chars/s, "
          f"{args.articles / cpu * cores:.1f} articles/s; the writer (main process) {writer:.1f} CPU s")
    print(f"peak RSS          {peak / 1e6:.0f} MB process tree (summed), {single / 1e6:.0f} MB largest process")
    print(f"baseline          dateparser search_dates alone (one process, {args.baseline_articles} articles, "
          f"{base_chars / 1e6:.2f} M chars): {base_rate / 1000:.0f}k chars/s wall, "
          f"{base_cpu_rate / 1000:.0f}k chars per CPU second")
    print(f"ratio             pipeline / baseline = {rate / base_rate:.2f}x wall, "
          f"{cpu_rate / base_cpu_rate:.2f}x from CPU time")
    print(f"100k articles     {100_000 / (args.articles / seconds) / 60:.1f} min at the wall rate, "
          f"{100_000 / (args.articles / cpu * cores) / 60:.1f} min from CPU time")
    print(f"ingest summary    {summary[-1] if summary else log.strip().splitlines()[-1:]}")
    checks = [("pipeline >= 3x baseline chars/s", rate >= 3 * base_rate, cpu_rate >= 3 * base_cpu_rate),
              ("100,000 articles < 10 min", 100_000 / (args.articles / seconds) < 600,
               100_000 / (args.articles / cpu * cores) < 600),
              ("peak RSS < 500 MB", peak < 500e6, peak < 500e6)]
    for name, wall_ok, cpu_ok in checks:
        print(f"target            {name}: wall {'PASS' if wall_ok else 'FAIL'}, CPU-time "
              f"{'PASS' if cpu_ok else 'FAIL'}")


if __name__ == "__main__":
    main()
