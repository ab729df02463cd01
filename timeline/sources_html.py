"""HTML sources: the article in a saved news page (main text, title, date, site name, canonical URL).

trafilatura finds the main text and leaves navigation, ads, teasers and footers out; its metadata gives the
title, the publication date (htmldate, original date preferred, no guessing from loose text), the site name
and the canonical URL. A page whose main text cannot be found is rejected rather than mined for menus.
"""

import datetime as dt
import logging

from timeline.sources import Article, SourceError, parse_published

MIN_CHARS = 80  # less text than this is not an article (a teaser or an empty template)
for _name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def article_from_html(data: bytes, name: str, published: dt.date | None = None) -> Article:
    """Build an Article from the bytes of an HTML page; `published` overrides the page's own date."""
    import trafilatura

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{name}: looks like a binary file (NUL bytes), not an HTML page")
    if not data.strip():
        raise SourceError(f"{name}: the page is empty")
    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            favor_precision=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise SourceError(f"{name}: cannot parse the HTML ({type(exc).__name__}: {exc})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_CHARS:
        raise SourceError(f"{name}: no article text found in the page (only navigation or page furniture); "
                          "save the article page itself")
    when = published
    if when is None and getattr(doc, "date", None):
        when = parse_published(doc.date, name)
    if when is None:
        raise SourceError(f"{name}: no publication date in the page; pass --published")
    title = _clean(doc.title)
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1:]
    url = _clean(doc.url)
    if url and not url.startswith(("http://", "https://")):
        url = None
    return Article(text=text + "\n", published=when, title=title, source=_clean(doc.sitename) or _clean(doc.hostname),
                   url=url, path=name, meta={k: v for k, v in (("author", _clean(doc.author)),) if v})


def _clean(value: object) -> str | None:
    return None if value is None else str(value).strip() or None
