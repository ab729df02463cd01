"""Reading article files: front matter, publication dates, clear errors."""

import datetime as dt
from pathlib import Path

import pytest

from timeline.sources import SourceError, article_from_text, iter_articles, read_path


def test_front_matter_is_parsed_and_stripped(seed_article) -> None:
    assert seed_article.title == "Kim Jong Un offers to return to six-party talks"
    assert seed_article.published == dt.date(2018, 4, 5)
    assert seed_article.source == "Nikkei Asian Review"
    assert seed_article.url == "https://jmh.usembassy.gov/20180406102863/"
    assert seed_article.text.startswith("print PRINT")
    assert "---" not in seed_article.text.splitlines()[0]


def test_key_is_url_else_text_hash() -> None:
    with_url = article_from_text("---\nurl: https://example.org/a\npublished: 2020-01-02\n---\nSome text.", "a")
    assert with_url.key == "https://example.org/a"
    plain = article_from_text("Some   text.\n", "b", published=dt.date(2020, 1, 2))
    same = article_from_text("Some text.", "c", published=dt.date(2020, 1, 2))
    assert plain.key.startswith("sha256:") and plain.key == same.key


def test_published_option_overrides_front_matter() -> None:
    art = article_from_text("---\npublished: 2020-01-02\n---\nText here.", "x", published=dt.date(2021, 5, 6))
    assert art.published == dt.date(2021, 5, 6)


def test_missing_publication_date_is_an_error_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"nodate\.txt: no publication date.*--published"):
        article_from_text("The two leaders met on Tuesday.", "nodate.txt")


def test_broken_front_matter_is_an_error() -> None:
    with pytest.raises(SourceError, match="not valid YAML"):
        article_from_text("---\ntitle: [unclosed\n---\nBody text.", "broken.txt")
    with pytest.raises(SourceError, match="no closing"):
        article_from_text("---\ntitle: x\nBody text without end.", "open.txt")


def test_impossible_date_is_an_error() -> None:
    with pytest.raises(SourceError, match="impossible"):
        article_from_text("---\npublished: 2018-02-30\n---\nBody.", "feb30.txt")


def test_date_before_1800_is_rejected() -> None:
    with pytest.raises(SourceError, match="outside"):
        article_from_text("---\npublished: 1700-01-01\n---\nBody.", "old.txt")


def test_unknown_file_type_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "article.docx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(SourceError, match=r"article\.docx: unknown file type \.docx"):
        read_path(f)


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("   \n\n")
    with pytest.raises(SourceError, match="no text"):
        read_path(f, published=dt.date(2020, 1, 1))


def test_batch_yields_errors_without_stopping(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("no date here, but a sentence.")
    out = list(iter_articles([str(bad), str(seed_path), str(tmp_path / "missing.txt")]))
    kinds = [type(item).__name__ for _, item in out]
    assert kinds == ["SourceError", "Article", "SourceError"]
