"""HTML reader: trafilatura first, stdlib fallback, nothing from scripts or styles."""

from __future__ import annotations

from kg.ingest import read_articles
from kg.ingest.html import extract_main_text, html_to_text
from kg.records import Article, Skipped


def _read(tmp_path, markup: str) -> Article | Skipped:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    (item,) = read_articles([path])
    return item


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path):
    markup = "<p>MINSK (AP) - Line one<br>Line two</p>"
    assert extract_main_text(markup) is None  # the case the fallback exists for
    article = _read(tmp_path, markup)
    assert (article.title, article.text) == ("", "MINSK (AP) - Line one\n\nLine two")
    assert (article.place, article.agency) == ("MINSK", "AP")


def test_html_fallback_parser_skips_non_content():
    markup = (
        "<html><head><title>T</title><style>body{}</style><script>a()</script></head><body>"
        "<noscript>enable js</noscript><template><p>tpl</p></template><svg><text>svg</text></svg>"
        "<h1>Head</h1><div>one</div><table><tr><td>c1</td><td>c2</td></tr></table>"
        "<br/>two &amp; three</body></html>"
    )
    assert html_to_text(markup) == ("T", ["Head", "one", "c1 c2", "two & three"])


def test_html_fallback_title_from_h1():
    assert html_to_text("<h1>Big <em>news</em></h1><p>Body</p>") == ("Big news", ["Big news", "Body"])


def test_html_unclosed_script_does_not_leak(tmp_path):
    item = _read(tmp_path, "<title>T</title><p>Visible text.</p><script>var secret = 1;")
    assert isinstance(item, Article)
    assert "secret" not in item.text


def test_html_headline_not_repeated(tmp_path):
    markup = (
        "<html><head><title>Same title</title></head><body><article><h1>Same title</h1>"
        "<p>A first paragraph long enough to be kept by the main-text extractor, with details.</p>"
        "</article></body></html>"
    )
    article = _read(tmp_path, markup)
    assert article.text.split("\n\n")[:2] == ["Same title", article.text.split("\n\n")[1]]
    assert article.text.count("Same title") == 1


def test_html_title_only_is_skipped(tmp_path):
    item = _read(tmp_path, "<html><head><title>Just a title</title></head><body></body></html>")
    assert item == Skipped(str(tmp_path / "page.html"), "no text found in HTML")
