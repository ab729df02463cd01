"""Input formats: saved HTML pages, JSON and JSONL records with field mapping, gzip, stdin, globs, folders."""

import datetime as dt
import gzip
import os
import shutil
from pathlib import Path

import pytest

from timeline.extract import extract_reports
from timeline.sources import Article, FieldMap, ReadOptions, SourceError, expand_paths, iter_articles, read_path

FIX = Path(__file__).parent / "fixtures" / "ingest"


def _articles(paths: list[str], **kw: object) -> list[tuple[str, Article | SourceError]]:
    return list(iter_articles(paths, **kw))


def test_html_page_gives_text_and_metadata() -> None:
    (art,) = read_path(FIX / "summit-page.html")
    assert art.title == "Leaders agree to resume talks"
    assert art.published == dt.date(2019, 6, 12)
    assert art.source == "The Harbour Herald"
    assert art.url == art.key == "https://harbourherald.example/world/2019/06/12/leaders-resume-talks"
    assert art.text.startswith("Japanese Prime Minister Shinzo Abe")
    for furniture in ("Home", "ADVERTISEMENT", "Putin and Xi", "All rights reserved", "Breaking"):
        assert furniture not in art.text


def test_html_navigation_ads_and_footer_produce_no_events() -> None:
    (art,) = read_path(FIX / "summit-page.html")
    evidence = " ".join(m.sentence.text for r in extract_reports(art) for m in r.mentions)
    assert "Osaka" in art.text
    for furniture in ("Geneva", "Washington", "Putin", "Moscow"):
        assert furniture not in evidence


def test_html_without_article_body_is_rejected() -> None:
    with pytest.raises(SourceError, match=r"nav-only\.html: no article text found"):
        read_path(FIX / "nav-only.html")


def test_html_without_date_needs_published(tmp_path: Path) -> None:
    page = "\n".join(line for line in (FIX / "summit-page.html").read_text().splitlines()
                     if "published_time" not in line)
    page = page.replace("/2019/06/12/", "/").replace("June 12, 2019", "")
    f = tmp_path / "undated.html"
    f.write_text(page)
    with pytest.raises(SourceError, match=r"undated\.html: no publication date.*--published"):
        read_path(f)
    (art,) = read_path(f, published=dt.date(2019, 6, 13))
    assert art.published == dt.date(2019, 6, 13)


def test_json_newsapi_shape_with_nested_source() -> None:
    out = _articles([str(FIX / "newsapi.json")])
    names = [n for n, _ in out]
    assert names == [f"{FIX / 'newsapi.json'}[0]", f"{FIX / 'newsapi.json'}[1]"]
    first = out[0][1]
    assert isinstance(first, Article)
    assert first.source == "Coastal Times" and first.published == dt.date(2021, 3, 9)
    assert first.url == "https://coastal.example/2021/03/ministers-vienna"
    assert first.text.startswith("The foreign ministers of Iran and France")


def test_jsonl_field_mapping_options() -> None:
    fields = FieldMap(text="body", title="headline", published="pubDate", url="link", source="agency", id="guid")
    out = _articles([str(FIX / "wire.jsonl")], opts=ReadOptions(fields=fields))
    arts = [a for _, a in out]
    assert all(isinstance(a, Article) for a in arts), arts
    assert [a.title for a in arts] == ["Leaders to meet", "Call"]
    assert arts[0].published == dt.date(2023, 3, 17) and arts[0].source == "Wire One"
    assert arts[0].meta["id"] == "w-1" and arts[0].key == "https://wire.example/w-1"
    assert out[1][0].endswith("wire.jsonl:2")


def test_jsonl_wrong_field_name_says_which_option(tmp_path: Path) -> None:
    fields = FieldMap(text="story")
    ((name, err), _) = _articles([str(FIX / "wire.jsonl")], opts=ReadOptions(fields=fields))
    assert isinstance(err, SourceError)
    assert "wire.jsonl:1: no article text in field 'story'" in str(err) and "--text-field" in str(err)


def test_gzip_of_each_type(tmp_path: Path) -> None:
    for src in ("summit-page.html", "wire.jsonl", "newsapi.json", "cp1252-article.txt"):
        (tmp_path / f"{src}.gz").write_bytes(gzip.compress((FIX / src).read_bytes()))
    out = _articles([str(tmp_path)])  # body, pubDate, link, publishedAt are known names
    ok = [a for _, a in out if isinstance(a, Article)]
    assert len(ok) == 6, out  # 1 page + 2 wire + 2 newsapi + 1 text
    assert {a.published for a in ok} >= {dt.date(2019, 6, 12), dt.date(2023, 3, 17), dt.date(2019, 5, 2)}


def test_broken_gzip_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "cut.txt.gz"
    data = gzip.compress(b"---\npublished: 2020-01-01\n---\n" + b"".join(b"Line %d. " % i for i in range(9000)))
    f.write_bytes(data[: len(data) // 2])
    ((name, err),) = _articles([str(f)])
    assert isinstance(err, SourceError) and "cut.txt.gz" in str(err) and "gzip" in str(err)


def test_windows_1252_text_is_decoded() -> None:
    (art,) = read_path(FIX / "cp1252-article.txt")
    assert art.title == "Café diplomacy" and "café in Paris" in art.text


def test_stdin_text_html_jsonl_and_gzip() -> None:
    text = "The leaders of Japan and China met in Beijing on Monday to discuss trade, officials said.\n"
    ((name, art),) = _articles(["-"], published=dt.date(2020, 5, 5), stdin=text)
    assert name == "<stdin>" and isinstance(art, Article) and art.text == text
    ((_, page),) = _articles(["-"], stdin=(FIX / "summit-page.html").read_bytes())
    assert isinstance(page, Article) and page.title == "Leaders agree to resume talks"
    lines = (FIX / "wire.jsonl").read_bytes()
    out = _articles(["-"], stdin=gzip.compress(lines), opts=ReadOptions(fields=FieldMap(text="body",
                                                                                        published="pubDate")))
    assert [n for n, _ in out] == ["<stdin>:1", "<stdin>:2"] and all(isinstance(a, Article) for _, a in out)
    pretty = '{\n  "text": "The two leaders met in Oslo on Monday.",\n  "published": "2020-02-03"\n}\n'
    ((name, one),) = _articles(["-"], stdin=pretty)
    assert name == "<stdin>" and isinstance(one, Article) and one.published == dt.date(2020, 2, 3)


def test_globs_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for rel in ("a/one.txt", "a/b/two.md", "a/b/skip.png", "a/.hidden.txt", "three.txt"):
        (tmp_path / rel).write_text("---\npublished: 2020-01-01\n---\nText of the article.\n")
    (tmp_path / "page.html").write_text("<html></html>")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "ad.html").write_text("<html></html>")
    names = expand_paths([str(tmp_path / "**" / "*.md"), str(tmp_path / "a")])
    assert names == [str(tmp_path / "a/b/two.md"), str(tmp_path / "a/b/two.md"), str(tmp_path / "a/one.txt")]
    everything = expand_paths([str(tmp_path)])
    assert str(tmp_path / "page.html") in everything and not any("page_files" in n for n in everything)
    (_, err), = _articles([str(tmp_path / "*.nothing")])
    assert "no file matches" in str(err)


def test_symlink_loop_is_reported_once_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "x.txt").write_text("---\npublished: 2020-01-01\n---\nText.\n")
    os.symlink("..", tmp_path / "d" / "e" / "back")
    os.symlink("nowhere.txt", tmp_path / "d" / "dangling.txt")
    out = _articles([str(tmp_path / "d")])
    by_name = {n: a for n, a in out}
    assert isinstance(by_name[str(tmp_path / "d/e/x.txt")], Article)
    assert "symbolic link loop" in str(by_name[str(tmp_path / "d/e/back")])
    assert "broken symbolic link" in str(by_name[str(tmp_path / "d/dangling.txt")])
    assert len(out) == 3


def test_fixture_folder_copy_reads_every_format(tmp_path: Path) -> None:
    shutil.copytree(FIX, tmp_path / "in")
    out = _articles([str(tmp_path / "in")], opts=ReadOptions(fields=FieldMap(text="body", published="pubDate")))
    bad = [str(a) for _, a in out if isinstance(a, SourceError)]
    assert len(bad) == 3, bad  # nav-only page; newsapi records lack 'body'
