"""Sources: read article files into `Article` records (text, title, publication date, source, URL)."""

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
TEXT_SUFFIXES = {".txt", ".md", ".text"}
FRONT_MATTER_KEYS = {"title", "published", "source", "url", "id", "date"}
EARLIEST = dt.date(1800, 1, 1)


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


def parse_published(value: object, name: str) -> dt.date:
    """Read a publication date (ISO date or datetime, or a date object), checking it is plausible."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        s = str(value).strip()
        try:
            day = dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                day = dt.date.fromisoformat(s[:10])
            except ValueError:
                raise SourceError(
                    f"{name}: publication date {s!r} is not a valid ISO date; write it as YYYY-MM-DD"
                ) from None
    latest = dt.date.today() + dt.timedelta(days=2)
    if not EARLIEST <= day <= latest:
        raise SourceError(
            f"{name}: publication date {day.isoformat()} is outside {EARLIEST.year}..{latest.isoformat()}; "
            "fix the date or pass --published"
        )
    return day


def split_front_matter(raw: str, name: str) -> tuple[dict, str]:
    """Separate a YAML front matter block (--- ... ---) from the body; the body keeps its text as is."""
    m = FRONT_MATTER.match(raw)
    if not m:
        if raw.startswith("---\n") or raw.startswith("---\r\n"):
            raise SourceError(f"{name}: front matter starts with '---' but has no closing '---' line")
        return {}, raw
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except ValueError as exc:  # an impossible date such as 2018-02-30
        raise SourceError(f"{name}: front matter has an impossible value ({exc}); fix it") from None
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
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252, refusing binary data."""
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}: looks like a binary file (NUL bytes); give a text, HTML or JSONL article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError(f"{name}: text is neither UTF-8 nor Windows-1252; re-encode it as UTF-8") from None


def read_text_file(path: Path, published: dt.date | None = None) -> Article:
    """Read a .txt/.md article file."""
    return article_from_text(decode(path.read_bytes(), str(path)), str(path), published)


def read_path(path: str | Path, published: dt.date | None = None) -> list[Article]:
    """Read the articles in one file, by its type."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [read_text_file(p, published)]
    raise SourceError(f"{p}: unknown file type {suffix or '(none)'}; give .txt or .md article files")


def _opt(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def expand_paths(paths: list[str]) -> list[str]:
    """Files named by paths: files as given, folders recursively (sorted), '-' for stdin."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith("."))
        else:
            out.append(p)
    return out


def iter_articles(paths: list[str], published: dt.date | None = None, stdin_text: str | None = None):
    """Yield (name, Article or SourceError) for every article in paths; a bad input never stops the rest."""
    for name in expand_paths(paths):
        try:
            if name == "-":
                yield name, article_from_text(stdin_text or "", "<stdin>", published)
            elif not Path(name).exists():
                yield name, SourceError(f"{name}: no such file or folder")
            else:
                for art in read_path(name, published):
                    yield name, art
        except SourceError as exc:
            yield name, exc
        except OSError as exc:
            yield name, SourceError(f"{name}: cannot read ({exc.strerror or exc}); check its permissions")
