"""A generated corpus of news-like diplomatic articles (our own templates), for the ingest benchmark.

    python benchmarks/corpus.py OUT.jsonl.gz [--articles 20000] [--seed 1]

Each article has a dateline, 6-12 paragraphs mixing event sentences (meetings, visits, talks, summits,
agreements, phone calls, sanctions, appeals... with absolute, relative and vague dates) with background and
quotes that report no event, and leaders who were in office on the publication date (data/actors/leaders.yaml).
"""

import datetime as dt
import gzip
import json
import random
import sys
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = {
    "USA": ("the United States", "American", "Washington"), "CHN": ("China", "Chinese", "Beijing"),
    "RUS": ("Russia", "Russian", "Moscow"), "JPN": ("Japan", "Japanese", "Tokyo"),
    "KOR": ("South Korea", "South Korean", "Seoul"), "PRK": ("North Korea", "North Korean", "Pyongyang"),
    "GBR": ("Britain", "British", "London"), "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Berlin"), "IND": ("India", "Indian", "New Delhi"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"), "IRN": ("Iran", "Iranian", "Tehran"),
    "TUR": ("Turkey", "Turkish", "Ankara"), "BRA": ("Brazil", "Brazilian", "Brasilia"),
    "ZAF": ("South Africa", "South African", "Pretoria"), "EGY": ("Egypt", "Egyptian", "Cairo"),
    "ISR": ("Israel", "Israeli", "Jerusalem"), "SAU": ("Saudi Arabia", "Saudi", "Riyadh"),
    "AUS": ("Australia", "Australian", "Canberra"), "CAN": ("Canada", "Canadian", "Ottawa"),
    "MEX": ("Mexico", "Mexican", "Mexico City"), "IDN": ("Indonesia", "Indonesian", "Jakarta"),
    "VNM": ("Vietnam", "Vietnamese", "Hanoi"), "UKR": ("Ukraine", "Ukrainian", "Kyiv"),
}
NEUTRAL = ["Geneva", "Vienna", "Singapore", "Helsinki", "Doha", "Oslo", "Stockholm", "Bangkok"]
AGENCIES = ["Harbour Herald", "Daily Ledger", "World Wire", "Continental Post", "Evening Courier"]
TOPICS = ["trade", "security", "climate", "nuclear disarmament", "energy", "fisheries", "border demarcation",
          "visa rules", "maritime safety", "investment"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

EVENTS = [
    "{a_leader} met {b_leader} in {place} on {weekday}, officials in {a_capital} said.",
    "{a_leader} will visit {b_name} {when_future}, the foreign ministry in {a_capital} announced.",
    "{a_name} and {b_name} agreed to resume talks on {topic} {when_future}.",
    "The two countries signed an agreement on {topic} in {past_month}, after months of negotiations.",
    "{a_leader} and {b_leader} held a telephone call on {weekday} to discuss {topic}.",
    "A summit between {a_leader} and {b_leader} is planned for {future_month} in {place}.",
    "{a_name} imposed sanctions on {b_name} on {weekday}, citing concerns about {topic}.",
    "{a_leader} urged {b_name} to return to the negotiating table over {topic}.",
    "Talks between {a_name} and {b_name} on {topic} began in {past_year} and stalled in {past_year2}.",
    "The foreign ministers of {a_name} and {b_name} met in {place} on {date_past} to prepare the visit.",
    "{a_leader} cancelled a planned trip to {b_capital}, which had been scheduled for {future_month}.",
    "{a_name} and {b_name} could hold a summit later this year, diplomats said.",
    "{a_name} expelled two {b_adj} diplomats on {weekday}, accusing them of espionage.",
    "{a_leader} rejected a proposal by {b_leader} for a joint commission on {topic}.",
]
BACKGROUND = [
    "The economy of {a_name} grew by {pct} percent last quarter, helped by strong exports of machinery.",
    "Analysts said public opinion in both countries remained wary of a quick deal on {topic}.",
    "\"We are ready to work with our partners in good faith,\" a spokesperson told reporters in {a_capital}.",
    "Shares in {a_capital} closed {pct} percent higher, led by banks and energy companies.",
    "Critics at home argue that the government has given too much ground and received little in return.",
    "Relations between the two neighbours have been strained by a dispute over {topic} for several years.",
    "The opposition called for a parliamentary debate on the issue and demanded that documents be published.",
    "Officials declined to give details of the agenda, saying only that many questions remained open.",
    "Independent observers described the atmosphere as frank and constructive, if cautious on both sides.",
    "Trade between the two countries reached about {pct} billion dollars, according to customs figures.",
]


@lru_cache(maxsize=1)
def leaders() -> dict[str, list[tuple[str, dt.date, dt.date]]]:
    """Chief executives by country: (name, start, end) from the project's leaders table."""
    data = yaml.safe_load((ROOT / "timeline/data/actors/leaders.yaml").read_text("utf-8"))
    out: dict[str, list] = {}
    for iso, offices in data.items():
        if iso not in COUNTRIES:
            continue
        for office, terms in (offices or {}).items():
            if "[head]" not in office:
                continue
            for term in terms or []:
                parts = [p.strip() for p in str(term).split(",")]
                start = dt.date.fromisoformat(parts[1]) if len(parts) > 1 and parts[1] else dt.date(1900, 1, 1)
                end = dt.date.fromisoformat(parts[2]) if len(parts) > 2 and parts[2] else dt.date(2100, 1, 1)
                out.setdefault(iso, []).append((parts[0], start, end))
    return out


def leader(iso: str, day: dt.date, rnd: random.Random) -> str:
    """A leader of iso in office on day, with title, or a generic reference."""
    name, adj, _ = COUNTRIES[iso][0], COUNTRIES[iso][1], COUNTRIES[iso][2]
    current = [n for n, s, e in leaders().get(iso, []) if s <= day < e]
    if current and rnd.random() < 0.8:
        return current[0]
    return f"the {adj} foreign minister" if name else "officials"


def article(i: int, rnd: random.Random) -> dict:
    """One generated article record (id, title, text, published, url, source)."""
    published = dt.date(2001, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 23))
    a, b = rnd.sample(sorted(COUNTRIES), 2)
    fields = {
        "a_name": COUNTRIES[a][0], "b_name": COUNTRIES[b][0], "a_adj": COUNTRIES[a][1], "b_adj": COUNTRIES[b][1],
        "a_capital": COUNTRIES[a][2], "b_capital": COUNTRIES[b][2],
        "a_leader": leader(a, published, rnd), "b_leader": leader(b, published, rnd),
    }

    def fill(template: str) -> str:
        past = published - dt.timedelta(days=rnd.randrange(20, 400))
        future = published + dt.timedelta(days=rnd.randrange(20, 200))
        values = dict(fields, topic=rnd.choice(TOPICS), pct=f"{rnd.uniform(0.2, 9):.1f}",
                      place=rnd.choice([COUNTRIES[a][2], COUNTRIES[b][2], rnd.choice(NEUTRAL)]),
                      weekday=rnd.choice(WEEKDAYS), past_month=f"{MONTHS[past.month - 1]} {past.year}",
                      future_month=MONTHS[future.month - 1], past_year=str(past.year - rnd.randrange(3, 12)),
                      past_year2=str(past.year), date_past=f"{MONTHS[past.month - 1]} {past.day}",
                      when_future=rnd.choice(["next week", "next month", f"in {MONTHS[future.month - 1]}",
                                              "later this year"]))
        text = template.format(**values)
        return text[0].upper() + text[1:]

    paragraphs = []
    for _ in range(rnd.randrange(6, 13)):
        pool = EVENTS if rnd.random() < 0.45 else BACKGROUND
        paragraphs.append(" ".join(fill(rnd.choice(pool)) for _ in range(rnd.randrange(1, 4))))
    agency = rnd.choice(AGENCIES)
    dateline = f"{COUNTRIES[a][2].upper()}, {WEEKDAYS[published.weekday()]} ({agency}) -"
    text = dateline + " " + "\n\n".join(paragraphs) + "\n"
    title = f"{COUNTRIES[a][0]} and {COUNTRIES[b][0]}: {rnd.choice(TOPICS)} on the agenda"
    slug = f"{published.isoformat()}-{i:07d}"
    return {"id": i, "title": title, "text": text, "published": published.isoformat(),
            "url": f"https://news.example/{agency.lower().replace(' ', '-')}/{slug}", "source": agency}


def write_corpus(path: Path, n: int, seed: int = 1) -> int:
    """Write n articles as gzipped JSONL to path; return the number of characters of text."""
    rnd = random.Random(seed)
    chars = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        for i in range(n):
            rec = article(i, rnd)
            chars += len(rec["text"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return chars


def iter_corpus(path: Path, limit: int | None = None):  # noqa: ANN201
    """The records of a corpus file, up to limit."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    total = write_corpus(Path(args.out), args.articles, args.seed)
    print(f"{args.articles} articles, {total} characters -> {args.out}", file=sys.stderr)
