"""Input walking: what `timeline ingest/extract PATH...` names, as a stream of small work units.

Files as given; folders recursively in name order (article types only, hidden files and browsers' `X_files/`
folders beside a saved `X.html` skipped); globs (`**` allowed); `-` for stdin (text, HTML, JSON or JSONL,
sniffed, maybe gzipped). Symlinks are followed, a link back to a folder being walked is reported as a loop and
not followed. JSONL is streamed line by line, so memory stays flat however large the file.
"""

import glob
import gzip
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from timeline.sources import (
    ARTICLE_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    Article,
    ReadOptions,
    SourceError,
    Unit,
    article_from_bytes,
    article_from_text,
    article_suffix,
    decode,
    read_file,
    read_limited,
)

GLOB_CHARS = set("*?[")
STDIN = "<stdin>"


def walk_inputs(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """(name, None) for each article file (or '-') that paths name, (name, reason) for what cannot be walked."""
    for p in paths:
        if p == "-":
            yield p, None
        elif os.path.isdir(p):
            yield from _walk_dir(Path(p), set())
        elif os.path.isfile(p):
            yield p, None
        elif os.path.lexists(p):
            yield p, _link_problem(p)
        elif GLOB_CHARS & set(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield p, f"{p}: no file matches this pattern"
            for m in matches:
                yield from _walk_dir(Path(m), set()) if os.path.isdir(m) else [(m, None)]
        else:
            yield p, f"{p}: no such file or folder"


def _link_problem(p: str) -> str:
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return f"{p}: symbolic link loop ({exc.strerror}); skipped"
        return f"{p}: broken symbolic link to {os.readlink(p)!r}; skipped"
    return f"{p}: not a regular file or folder; skipped"


def _walk_dir(folder: Path, ancestors: set[tuple[int, int]]) -> Iterator[tuple[str, str | None]]:
    """Article files under folder, depth first in name order; loops and unreadable folders reported."""
    try:
        st = folder.stat()
    except OSError as exc:
        yield str(folder), f"{folder}: cannot open folder ({exc.strerror or exc}); skipped"
        return
    ident = (st.st_dev, st.st_ino)
    if ident in ancestors:
        yield str(folder), f"{folder}: symbolic link loop (points back to a folder above it); not followed"
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield str(folder), f"{folder}: cannot list folder ({exc.strerror or exc}); check its permissions"
        return
    names = {e.name for e in entries}
    inner = ancestors | {ident}
    for e in entries:
        if e.name.startswith("."):
            continue
        path = str(folder / e.name)
        try:
            is_dir, is_file = e.is_dir(), e.is_file()
        except OSError as exc:
            yield path, f"{path}: cannot open ({exc.strerror or exc}); skipped"
            continue
        if is_dir:
            if e.name.endswith("_files") and ({e.name[:-6] + s for s in (".html", ".htm")} & names):
                continue  # assets of a page saved by a browser
            yield from _walk_dir(Path(path), inner)
        elif is_file:
            if article_suffix(e.name) in ARTICLE_SUFFIXES:
                yield path, None
        elif e.is_symlink() and article_suffix(e.name) in ARTICLE_SUFFIXES | {""}:
            yield path, _link_problem(path)


def iter_units(paths: list[str], opts: ReadOptions,
               stdin: str | bytes | IO[bytes] | None = None) -> Iterator[Unit]:
    """Work units for everything paths name: files to read, records of JSON / JSONL files, errors."""
    from timeline.sources_json import json_file_units

    for name, error in walk_inputs(paths):
        if error is not None:
            yield Unit(name, "error", error)
        elif name == "-":
            yield from stdin_units(stdin, opts)
        elif article_suffix(name) in JSON_SUFFIXES:
            yield from json_file_units(Path(name), opts)
        else:
            yield Unit(name, "file")


def _stream(stdin: str | bytes | IO[bytes] | None) -> IO[bytes]:
    if stdin is None:
        return sys.stdin.buffer
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    if isinstance(stdin, bytes):
        return io.BufferedReader(io.BytesIO(stdin))
    return stdin


def stdin_units(stdin: str | bytes | IO[bytes] | None, opts: ReadOptions) -> Iterator[Unit]:
    """Units of what comes on stdin: JSONL streamed by line; one text, HTML or JSON document otherwise."""
    from timeline.sources_json import json_units, jsonl_units

    stream = _stream(stdin)
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    if stream.peek(2)[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
    try:
        head = stream.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError) as exc:
        yield Unit(STDIN, "error", f"{STDIN}: unreadable ({exc})")
        return
    if head.startswith(b"{") and not re.match(rb"\{[ \t]*\r?\n", head):  # one object a line, not pretty JSON
        yield from jsonl_units(stream, STDIN, opts)
        return
    try:
        data = read_limited(stream, STDIN, opts.max_bytes)
    except SourceError as exc:
        yield Unit(STDIN, "error", str(exc))
        return
    if head.startswith((b"{", b"[")):
        yield from json_units(data, STDIN)
    elif head[:1] == b"<":
        yield Unit(STDIN, "doc", data, ".html")
    else:
        yield Unit(STDIN, "doc", data, ".txt")


def load_unit(unit: Unit, opts: ReadOptions) -> list[tuple[str, Article | SourceError]]:
    """Read one unit into (name, Article or SourceError) pairs; never raises for a bad input."""
    from timeline.sources_json import article_from_record

    try:
        if unit.kind == "error":
            return [(unit.name, SourceError(unit.data))]
        if unit.kind == "record":
            return [(unit.name, article_from_record(unit.data, unit.name, opts))]
        if unit.kind == "doc":
            if unit.fmt in HTML_SUFFIXES:
                return [(unit.name, article_from_bytes(unit.data, unit.name, unit.fmt, opts))]
            return [(unit.name, article_from_text(decode(unit.data, unit.name), unit.name, opts.published))]
        out: list[tuple[str, Article | SourceError]] = []
        try:
            for item in read_file(unit.name, opts):
                out.append(item)
        except SourceError as exc:
            out.append((unit.name, exc))
        return out
    except SourceError as exc:
        return [(unit.name, exc)]
    except OSError as exc:
        return [(unit.name, SourceError(f"{unit.name}: cannot read ({exc.strerror or exc}); check its "
                                        "permissions"))]
    except RecursionError:
        return [(unit.name, SourceError(f"{unit.name}: too deeply nested to parse"))]
