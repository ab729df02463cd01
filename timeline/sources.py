"""Sources: read article files into `Article` records (text, title, publication date, source, URL).

Text and Markdown files (with optional YAML front matter), saved HTML pages (`sources_html`), JSON / JSONL
article records (`sources_json`), any of them gzip-compressed, folders, globs and stdin (`sources_walk`).
Every bad input becomes a `SourceError` whose message names it and says why; it never stops the others.
"""

import datetime as dt
import email.utils
import gzip
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
FRONT_MATTER_KEYS = {"title", "published", "source", "url", "id", "date"}
EARLIEST = dt.date(1800, 1, 1)
MAX_BYTES = 10_000_000  # an article larger than this is rejected (a long news article is ~100 kB)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so an impossible one gets a clear message."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceError(ValueError):
    """An input that cannot be read as an article; the message names it and says what to do."""


@dataclass
class Article:
    """One article: its body text and what is known about it."""

    text: str
    published: dt.date | None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Hash of the normalised text (whitespace folded, NFC)."""
        norm = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """Identity of the article: its URL when it has one, else the hash of its text."""
        return self.url or f"sha256:{self.sha256}"

    @property
    def name(self) -> str:
        """How to name this article in messages."""
        return self.path or self.url or self.title or self.key


@dataclass(frozen=True)
class FieldMap:
    """Which fields of a JSON record hold the article (dotted paths like `source.name` reach into objects)."""

    text: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: a publication date for undated articles, JSON field names, the size limit."""

    published: dt.date | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class Unit:
    """One piece of work for a reader: a file to read, a document or JSON record already read, or an error.

    kind is 'file' (name is its path), 'doc' (data: bytes of a document whose type is fmt), 'record' (data: a
    JSON record, as bytes or a dict) or 'error' (data: the message). Units are small and picklable so that
    worker processes can do the reading and parsing.
    """

    name: str
    kind: str
    data: object = None
    fmt: str = ""


def parse_published(value: object, name: str) -> dt.date:
    """Read a publication date (ISO date or datetime, RFC 2822, epoch seconds, a date object), checking it."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            day = dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            raise SourceError(f"{name}: publication date {value!r} is not a valid timestamp") from None
    else:
        day = _parse_date_text(str(value).strip(), name)
    latest = dt.date.today() + dt.timedelta(days=2)
    if not EARLIEST <= day <= latest:
        raise SourceError(
            f"{name}: publication date {day.isoformat()} is outside {EARLIEST.year}..{latest.isoformat()}; "
            "fix the date or pass --published"
        )
    return day


def _parse_date_text(s: str, name: str) -> dt.date:
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})\b", s)
    if m:
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError as exc:
            raise SourceError(f"{name}: publication date {s!r} is an impossible date ({exc}); fix it or pass "
                              "--published") from None
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):  # RFC 2822, as in RSS pubDate
        try:
            return email.utils.parsedate_to_datetime(s).date()
        except (TypeError, ValueError):
            pass
    raise SourceError(f"{name}: publication date {s!r} is not a valid date; write it as YYYY-MM-DD") from None


def split_front_matter(raw: str, name: str) -> tuple[dict, str]:
    """Separate a YAML front matter block (--- ... ---) from the body; the body keeps its text as is."""
    m = FRONT_MATTER.match(raw)
    if not m:
        if raw.startswith("---\n") or raw.startswith("---\r\n"):
            raise SourceError(f"{name}: front matter starts with '---' but has no closing '---' line")
        return {}, raw
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise SourceError(f"{name}: front matter is not valid YAML ({first}); fix it or remove it") from None
    if not isinstance(meta, dict):
        raise SourceError(f"{name}: front matter must be a mapping of keys (title, published, source, url)")
    return meta, raw[m.end():]


def article_from_text(
    raw: str, name: str, published: dt.date | None = None, require_date: bool = True
) -> Article:
    """Build an Article from plain text with optional front matter; `published` overrides the file's date."""
    if "\x00" in raw:
        raise SourceError(f"{name}: looks like a binary file (NUL bytes); give a text, HTML or JSONL article")
    meta, body = split_front_matter(raw, name)
    if not body.strip():
        raise SourceError(f"{name}: the article has no text")
    when = published
    if when is None and (meta.get("published") or meta.get("date")):
        when = parse_published(meta.get("published") or meta.get("date"), name)
    if when is None and require_date:
        raise SourceError(
            f"{name}: no publication date; add 'published: YYYY-MM-DD' to its front matter or pass --published"
        )
    return Article(
        text=body,
        published=when,
        title=_opt(meta.get("title")),
        source=_opt(meta.get("source")),
        url=_opt(meta.get("url")),
        path=name,
        meta={k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS},
    )


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; refuse binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(f"{name}: starts like UTF-16 but does not decode; re-encode it as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}: looks like a binary file (NUL bytes); give a text, HTML or JSONL article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise SourceError(f"{name}: text is neither UTF-8 nor Windows-1252; re-encode it as UTF-8") from None
    head = text[:4096]
    if head and len(CONTROL.findall(head)) > max(8, len(head) // 50):
        raise SourceError(f"{name}: looks like a binary file (control characters); give a text, HTML or JSONL "
                          "article")
    return text


def article_suffix(path: str | Path) -> str:
    """The article type of a file name, ignoring a trailing .gz: '.txt', '.html', '.jsonl'..."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".gz":
        suffix = Path(p.stem).suffix.lower()
    return suffix


def read_limited(stream: IO[bytes], name: str, max_bytes: int) -> bytes:
    """Read a whole stream, refusing more than max_bytes (the article size limit)."""
    try:
        data = stream.read(max_bytes + 1)
        if len(data) <= max_bytes:
            stream.read(1)  # a truncated gzip stream raises only when read to its end
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise SourceError(f"{name}: broken gzip data ({exc}); re-compress or unpack it") from None
    if len(data) > max_bytes:
        raise SourceError(f"{name}: more than {max_bytes / 1e6:.0f} MB of text, too large for one article; "
                          "split it or raise --max-size")
    return data


def read_file_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of an article file, gunzipped if it ends in .gz, within the size limit."""
    name = str(path)
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as f:
            return read_limited(f, name, max_bytes)
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"{name}: {size / 1e6:.1f} MB, too large for one article (limit "
                          f"{max_bytes / 1e6:.0f} MB); split it or raise --max-size")
    with path.open("rb") as f:
        return f.read()


def article_from_bytes(data: bytes, name: str, kind: str, opts: ReadOptions) -> Article:
    """An article from the bytes of a text ('.txt') or HTML ('.html') document."""
    if kind in HTML_SUFFIXES:
        from timeline.sources_html import article_from_html

        return article_from_html(data, name, opts.published)
    return article_from_text(decode(data, name), name, opts.published)


def read_path(path: str | Path, published: dt.date | None = None,
              opts: ReadOptions | None = None) -> list[Article]:
    """Read the articles in one file, by its type; the first bad record raises (see `iter_articles`)."""
    out = []
    for _, item in read_file(path, opts or ReadOptions(published=published)):
        if isinstance(item, SourceError):
            raise item
        out.append(item)
    return out


def read_file(path: str | Path, opts: ReadOptions) -> Iterator[tuple[str, "Article | SourceError"]]:
    """(name, Article or SourceError) for each article of one file; records of a JSON file one by one."""
    p = Path(path)
    kind = article_suffix(p)
    if kind in JSON_SUFFIXES:
        from timeline.sources_json import iter_json_file

        yield from iter_json_file(p, opts)
        return
    if kind not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise SourceError(f"{p}: unknown file type {kind or '(none)'}; give .txt, .md, .html, .json or .jsonl "
                          "article files (optionally .gz)")
    yield str(p), article_from_bytes(read_file_bytes(p, opts.max_bytes), str(p), kind, opts)


def _opt(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def expand_paths(paths: list[str]) -> list[str]:
    """Article files named by paths: files as given, folders recursively (sorted), globs, '-' for stdin."""
    from timeline.sources_walk import walk_inputs

    return [name for name, error in walk_inputs(paths) if error is None]


def iter_articles(paths: list[str], published: dt.date | None = None, stdin: "str | bytes | IO[bytes] | None" = None,
                  opts: ReadOptions | None = None) -> Iterator[tuple[str, "Article | SourceError"]]:
    """Yield (name, Article or SourceError) for every article in paths; a bad input never stops the rest."""
    from timeline.sources_walk import iter_units, load_unit

    opts = opts or ReadOptions(published=published)
    for unit in iter_units(paths, opts, stdin):
        yield from load_unit(unit, opts)
