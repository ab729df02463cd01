"""Helpers shared by the event-vocabulary and event-construction tests."""

import datetime as dt

from timeline.extract import extract_reports
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def types_in(text: str, published: dt.date = PUBLISHED) -> dict[str, list]:
    """The event reports found in text, by event type."""
    found: dict[str, list] = {}
    for r in extract_reports(Article(text=text, published=published, path="test")):
        found.setdefault(r.event_type, []).append(r)
    return found
