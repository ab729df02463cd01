"""Extract: an article's merged event reports, and their flat records for output."""

from dataclasses import replace
from typing import Any

from timeline.actors import ActorDictionary
from timeline.events import extract_mentions
from timeline.merge import Report, merge_article
from timeline.sources import Article
from timeline.timex_calendar import dateline_day

RECORD_KEYS = ("date", "date_start", "date_end", "precision", "date_text", "date_source", "event_type",
               "cameo_code", "plover_category", "plover_mode", "status", "actors", "countries", "participants",
               "place", "summary", "evidence", "char_start", "char_end", "mentions", "article")


def extract_reports(article: Article, dictionary: ActorDictionary | None = None) -> list[Report]:
    """The events an article reports, each with all its mentions in the article. Its dates count from the day it
    was written: the publication date, or the day of a dated dateline just before it ("PARIS, Dec. 14 —" in the
    paper of Dec. 15: "on Thursday", "yesterday" and "today" are of that dateline)."""
    written = dateline_day(article.text, article.published) if article.published else None
    told = replace(article, published=written) if written else article
    reports = merge_article(extract_mentions(told, dictionary), told.published)
    for i, r in enumerate(reports):
        r.article_key = article.key
        r.published = article.published.isoformat() if article.published else ""
        r.index = i
    return reports


def article_record(article: Article) -> dict[str, Any]:
    """What an event record says about its article."""
    return {
        "id": article.key,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "path": article.path,
    }


def report_record(r: Report, article: Article) -> dict[str, Any]:
    """One event as a flat JSON-ready record."""
    first = r.mentions[0]
    return {
        "date": r.date,
        "date_start": r.date_start,
        "date_end": r.date_end,
        "precision": r.precision,
        "date_text": r.date_text,
        "date_source": r.date_source,
        "event_type": r.event_type,
        "cameo_code": r.cameo_code,
        "plover_category": r.plover_category,
        "plover_mode": r.plover_mode,
        "status": r.status,
        "actors": r.actors,
        "countries": r.countries,
        "participants": [{"id": p[0], "name": p[1], "kind": p[2], "country": p[3], "role": p[4]}
                         for p in r.participants],
        "place": r.place,
        "summary": r.summary,
        "evidence": first.sentence.text,
        "char_start": first.sentence.start,
        "char_end": first.sentence.end,
        "mentions": [{"sentence": m.sentence.text, "char_start": m.sentence.start, "char_end": m.sentence.end,
                      "trigger": m.trigger, "date_text": m.timex.text if m.timex else None, "status": m.status}
                     for m in r.mentions],
        "article": article_record(article),
    }
