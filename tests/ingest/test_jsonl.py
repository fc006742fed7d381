"""JSONL reader: one article per line, bad lines skipped with their number."""

from __future__ import annotations

import json

import pytest

from kg.ingest import read_articles
from kg.ingest.jsonl import parse_record
from kg.records import Article, Skipped


def _read(tmp_path, data: bytes) -> list[Article | Skipped]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    return list(read_articles([path]))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{bad json", "invalid JSON: expecting property name enclosed in double quotes at column 2"),
        ('{"id": 1, "text": "x"', "invalid JSON: expecting ',' delimiter at column 22"),
        ("[1, 2]", "expected a JSON object, got an array"),
        ('"text"', "expected a JSON object, got a string"),
        ("42", "expected a JSON object, got a number"),
        ("null", "expected a JSON object, got null"),
        ('{"text": "x"}', "missing or empty 'id'"),
        ('{"id": "  ", "text": "x"}', "missing or empty 'id'"),
        ('{"id": null, "text": "x"}', "missing or empty 'id'"),
        ('{"id": 1.5, "text": "x"}', "'id' must be a string or an integer, got a number"),
        ('{"id": true, "text": "x"}', "'id' must be a string or an integer, got a boolean"),
        ('{"id": ["a"], "text": "x"}', "'id' must be a string or an integer, got an array"),
        ('{"id": "a"}', "missing or empty 'text'"),
        ('{"id": "a", "text": " \\n "}', "missing or empty 'text'"),
        ('{"id": "a", "text": {"p": 1}}', "'text' must be a string, got an object"),
        ("[" * 50_000 + "]" * 50_000, "invalid JSON: nested too deeply"),
    ],
)
def test_jsonl_bad_line_is_skipped_and_reading_goes_on(tmp_path, line, reason):
    good = json.dumps({"id": "ok", "text": "Fine."})
    items = _read(tmp_path, f"{good}\n{line}\n\n{good.replace('ok', 'ok2')}\n".encode())
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article"]
    assert items[1] == Skipped(str(tmp_path / "batch.jsonl"), reason, 2)


def test_jsonl_fields(tmp_path):
    record = {
        "id": 12,
        "title": "Summit \u201cends\u201d",
        "text": 'Summit "ends"\n\nBERLIN (dpa) - Talks ended.\n\nMore.',
        "source": "dpa",
        "date": "2024-01-02",
        "url": "https://x.org/a",
    }
    (article,) = _read(tmp_path, json.dumps(record).encode() + b"\r\n")
    assert article == Article(
        id="12",
        text='Summit "ends"\n\nBERLIN (dpa) - Talks ended.\n\nMore.',
        title='Summit "ends"',
        source="dpa",
        date="2024-01-02",
        url="https://x.org/a",
        place="BERLIN",
        agency="dpa",
        path=str(tmp_path / "batch.jsonl"),
    )


def test_jsonl_single_newlines_are_paragraphs_when_no_blank_lines(tmp_path):
    (article,) = _read(tmp_path, json.dumps({"id": "a", "title": "T", "text": "One.\nTwo."}).encode())
    assert article.text == "T\n\nOne.\n\nTwo."


def test_jsonl_lone_surrogates_become_replacement_char(tmp_path):
    line = '{"id": "s\\udc00", "title": "\\ud800 T", "text": "a \\ud800 b \\ud83d\\ude00"}'
    (article,) = _read(tmp_path, line.encode())
    assert article.id == "s\ufffd"
    assert article.title == "\ufffd T"
    assert article.text == "\ufffd T\n\na \ufffd b \U0001f600"
    for value in (article.id, article.title, article.text):
        value.encode("utf-8")  # would raise on a surrogate


def test_jsonl_bom_and_invalid_utf8_line(tmp_path):
    data = b'\xef\xbb\xbf{"id": "a", "text": "x"}\n{"id": "b", "text": "caf\xe9"}\n'
    items = _read(tmp_path, data)
    assert isinstance(items[0], Article)
    assert items[1] == Skipped(str(tmp_path / "batch.jsonl"), "line is not valid UTF-8", 2)


def test_jsonl_whole_file_in_legacy_encoding(tmp_path):
    lines = [
        {"id": "a", "text": "Le café est très bon et le président aussi."},
        {"id": "b", "text": "Crème brûlée."},
    ]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in lines).encode("cp1252")
    items = _read(tmp_path, data)
    assert [i.text for i in items] == [r["text"] for r in lines]


def test_jsonl_duplicate_id_within_file(tmp_path):
    items = _read(tmp_path, b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n')
    path = str(tmp_path / "batch.jsonl")
    assert items[1] == Skipped(path, f"duplicate article id 'a' (first seen in {path}:1)", 2)


def test_jsonl_parse_record_optional_fields():
    record = parse_record('{"id": "a", "text": "t", "date": 20240101, "url": null, "source": ["x"]}')
    assert (record["date"], record["url"], record["source"], record["title"]) == ("20240101", "", "", "")
