"""JSON sources: article records from .jsonl (one object a line, streamed) and .json files (an object or a list).

A record's fields are `text`, `title`, `published`, `url`, `source` and `id`; other names are mapped with a
`FieldMap` (`--text-field body --date-field pubDate`), dotted paths reach into objects (`source.name`). When no
name is given, a few common alternatives are tried (body, content, publishedAt, pubDate, link...).
"""

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from timeline.sources import Article, FieldMap, ReadOptions, SourceError, Unit, _opt, decode, parse_published

FALLBACKS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "maintext"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publishedAt", "published_at", "pubDate", "datePublished",
                  "date_publish", "publication_date"),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "sitename", "site", "publisher", "source_domain"),
    "id": ("id", "_id", "uuid", "guid"),
}
OPTION = {"text": "--text-field", "title": "--title-field", "published": "--date-field", "url": "--url-field",
          "source": "--source-field", "id": "--id-field"}
LIST_KEYS = ("articles", "items", "data", "results", "records", "documents")
CHUNK = 1 << 20


def lookup(record: dict, path: str) -> object:
    """The value at a dotted path of a record (None when missing)."""
    value: object = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def field_value(record: dict, fields: FieldMap, what: str) -> tuple[object, str]:
    """The value of one article field and the record key it came from."""
    chosen = getattr(fields, what)
    for key in (chosen,) if chosen else FALLBACKS[what]:
        value = lookup(record, key)
        if isinstance(value, dict):  # e.g. NewsAPI "source": {"id": ..., "name": ...}
            value = value.get("name") or value.get("title") or value.get("id")
        if value not in (None, "", []):
            return value, key
    return None, chosen or what


def article_from_record(data: object, name: str, opts: ReadOptions) -> Article:
    """An Article from one JSON record (a dict, or the bytes of one JSON line)."""
    if isinstance(data, bytes | str):
        raw = decode(data, name) if isinstance(data, bytes) else data
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{name}: not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
                              ) from None
    if not isinstance(data, dict):
        raise SourceError(f"{name}: a record must be a JSON object with a text field, not {type(data).__name__}")
    fields = opts.fields
    text, text_key = field_value(data, fields, "text")
    if text is None:
        keys = ", ".join(list(data)[:12])
        raise SourceError(f"{name}: no article text in field '{text_key}' (the record has: {keys}); "
                          "name the field with --text-field")
    if not isinstance(text, str):
        raise SourceError(f"{name}: field '{text_key}' is a {type(text).__name__}, not text")
    if not text.strip():
        raise SourceError(f"{name}: the article has no text (field '{text_key}' is blank)")
    if len(text) > opts.max_bytes:
        raise SourceError(f"{name}: {len(text) / 1e6:.1f} million characters of text, too large for one "
                          "article; split it or raise --max-size")
    if "\x00" in text:
        raise SourceError(f"{name}: text field holds binary data (NUL characters)")
    published = opts.published
    if published is None:
        value, key = field_value(data, fields, "published")
        if value is None:
            raise SourceError(f"{name}: no publication date in field '{key}'; name the field with --date-field "
                              "or pass --published")
        published = parse_published(value, name)
    values = {w: field_value(data, fields, w)[0] for w in ("title", "url", "source", "id")}
    used = {field_value(data, fields, w)[1] for w in FALLBACKS}
    meta = {k: v for k, v in data.items() if k not in used and isinstance(v, str | int | float | bool)}
    if values["id"] is not None:
        meta["id"] = values["id"]
    return Article(text=text, published=published, title=_opt(values["title"]), source=_opt(values["source"]),
                   url=_opt(values["url"]), path=name, meta=meta)


def jsonl_units(stream: IO[bytes], name: str, opts: ReadOptions) -> Iterator[Unit]:
    """One record unit per non-blank line of a JSONL stream, read line by line (memory stays flat)."""
    lineno = 0
    while True:
        try:
            line = stream.readline(opts.max_bytes + 1)
        except (EOFError, OSError, gzip.BadGzipFile) as exc:
            yield Unit(name, "error", f"{name}: unreadable after line {lineno} ({exc}); the rest is skipped")
            return
        if not line:
            return
        lineno += 1
        if len(line) > opts.max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = stream.readline(CHUNK)
            yield Unit(f"{name}:{lineno}", "error", f"{name}:{lineno}: line longer than "
                       f"{opts.max_bytes / 1e6:.0f} MB, too large for one article; split it or raise --max-size")
            continue
        if line.strip():
            yield Unit(f"{name}:{lineno}", "record", line)


def json_units(data: bytes, name: str) -> Iterator[Unit]:
    """Record units of a whole JSON document: one object, a list of them, or {"articles": [...]}."""
    try:
        doc = json.loads(decode(data, name))
    except json.JSONDecodeError as exc:
        hint = " (one object a line? name it .jsonl)" if "Extra data" in exc.msg else ""
        yield Unit(name, "error", f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}){hint}")
        return
    except SourceError as exc:
        yield Unit(name, "error", str(exc))
        return
    if isinstance(doc, dict):
        lists = [doc[k] for k in LIST_KEYS if isinstance(doc.get(k), list)]
        doc = lists[0] if lists else [doc] if doc else []
    if not isinstance(doc, list):
        yield Unit(name, "error", f"{name}: JSON must hold an article object or a list of them")
        return
    if not doc:
        yield Unit(name, "error", f"{name}: no article records in the file")
    for i, record in enumerate(doc):
        yield Unit(f"{name}[{i}]" if len(doc) > 1 else name, "record", record)


def json_file_units(path: Path, opts: ReadOptions) -> Iterator[Unit]:
    """Record units of a .json / .jsonl file (maybe gzipped); errors opening it become an error unit."""
    name = str(path)
    gz = path.suffix.lower() == ".gz"
    lines = (Path(path.stem).suffix if gz else path.suffix).lower() in (".jsonl", ".ndjson")
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as f:
            if lines:
                units = jsonl_units(f, name, opts)
                first = next(units, None)
                if first is None:
                    yield Unit(name, "error", f"{name}: the file is empty; no article records")
                    return
                yield first
                yield from units
            else:
                yield from json_units(f.read(), name)
    except OSError as exc:
        yield Unit(name, "error", f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})")


def iter_json_file(path: Path, opts: ReadOptions) -> Iterator[tuple[str, Article | SourceError]]:
    """(name, Article or SourceError) for each record of a JSON / JSONL file."""
    for unit in json_file_units(path, opts):
        if unit.kind == "error":
            yield unit.name, SourceError(unit.data)
            continue
        try:
            yield unit.name, article_from_record(unit.data, unit.name, opts)
        except SourceError as exc:
            yield unit.name, exc
