"""Plain-text and Markdown readers."""

from __future__ import annotations

import pytest

from kg.ingest import read_articles
from kg.ingest.text import markdown_to_text, split_front_matter, split_headline
from kg.records import Article


def _read(tmp_path, name: str, content: str) -> Article:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (article,) = read_articles([path])
    assert isinstance(article, Article), article
    return article


def test_text_headline_is_first_non_empty_line(tmp_path):
    article = _read(tmp_path, "a.txt", "\n\n  Talks   begin \nFirst line\nwrapped here.\n\n\n\nSecond.\n")
    assert article.title == "Talks begin"
    assert article.text == "Talks begin\n\nFirst line wrapped here.\n\nSecond."


def test_text_headline_only(tmp_path):
    article = _read(tmp_path, "a.txt", "Only a headline\n")
    assert (article.title, article.text) == ("Only a headline", "Only a headline")


def test_text_dateline_on_first_body_paragraph_only(tmp_path):
    article = _read(tmp_path, "a.txt", "Head\n\nIntro.\n\nWASHINGTON (Reuters) - later.")
    assert (article.place, article.agency) == ("", "")


def test_text_split_headline():
    assert split_headline("T\n\nB") == ("T", ["B"])
    assert split_headline("") == ("", [])


@pytest.mark.parametrize(
    ("markdown", "paragraphs"),
    [
        ("# Title #\n\nBody", ["Title", "Body"]),
        ("Title\n=====\nBody", ["Title", "Body"]),
        ("Head\n\nSub\n---\nText", ["Head", "Sub", "Text"]),
        (
            "T\n\n**bold** *em* _under_ __strong__ ~~gone~~ snake_case_name",
            ["T", "bold em under strong gone snake_case_name"],
        ),
        (
            "T\n\nSee [the report](http://x.org/a_b) and [ref][1].\n\n[1]: http://y.org",
            ["T", "See the report and ref."],
        ),
        ("T\n\n![alt text](img.png) After <https://x.org>.", ["T", "After https://x.org."]),
        ("T\n\n```\ncode();\n```\n\n~~~\nmore\n~~~\nafter", ["T", "after"]),
        ("T\n\nUse `nlp.pipe` here.", ["T", "Use nlp.pipe here."]),
        ("T\n\n- one\n- two\n  continued\n1. three", ["T", "one", "two continued", "three"]),
        ("T\n\n> quoted\n> more", ["T", "quoted more"]),
        ("T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |", ["T", "a; b", "1; 2"]),
        ("T\n\n***\n\nx <b>y</b> &amp; z <!-- hidden -->", ["T", "x y & z"]),
        ("T\n\nEscaped \\*stars\\* and 5 * 3 * 2", ["T", "Escaped *stars* and 5 * 3 * 2"]),
    ],
)
def test_text_markdown_paragraphs(tmp_path, markdown, paragraphs):
    assert _read(tmp_path, "a.md", markdown).text.split("\n\n") == paragraphs


def test_text_markdown_title_is_stripped_of_marks(tmp_path):
    article = _read(tmp_path, "a.md", "## **Putin** in [Pyongyang](http://x) ##\nBody")
    assert article.title == "Putin in Pyongyang"


def test_text_markdown_front_matter(tmp_path):
    md = '---\ntitle: "Front title"\ndate: 2024-01-02\nurl: http://x.org/a\n---\n# Front title\n\nBody.'
    article = _read(tmp_path, "a.md", md)
    assert (article.title, article.date, article.url) == ("Front title", "2024-01-02", "http://x.org/a")
    assert article.text == "Front title\n\nBody."


def test_text_split_front_matter_absent():
    assert split_front_matter("# T\n---\n") == ({}, "# T\n---\n")


def test_text_markdown_to_text_keeps_plain_lines():
    assert markdown_to_text("plain\ntext") == "plain\ntext"
