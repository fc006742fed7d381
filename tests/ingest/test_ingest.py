"""read_articles end to end on real files: samples, every format, every bad input, gzip, walks."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from kg.ingest import SUFFIXES, read_articles
from kg.records import Article, Skipped

DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = Path(__file__).resolve().parent / "data"
SAMPLE_0 = DATA / "000_237b645d6072802c.txt"
SAMPLE_1 = DATA / "001_b81149d785273360.txt"


def _one(path: Path | str, **kwargs) -> Article | Skipped:
    """Read a single path that must produce exactly one item."""
    items = list(read_articles([path], **kwargs))
    assert len(items) == 1, items
    return items[0]


def _write(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to `path`, gzipping when the name ends in .gz."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


# --- the two sample articles --------------------------------------------------------------


def test_ingest_sample_articles_titles_and_ids():
    items = list(read_articles([DATA]))
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.id == "000_237b645d6072802c"
    assert first.title == "Putin Visits North Korea Strengthening Alliances Amid Global Pressures"
    assert second.id == "001_b81149d785273360"
    assert second.title == "Vladimir Putin's Visit to North Korea"
    assert first.path == str(SAMPLE_0)
    assert (first.place, first.agency) == ("", "")


def test_ingest_sample_dateline_is_metadata_and_stays_in_text():
    article = _one(SAMPLE_1)
    assert (article.place, article.agency) == ("SEOUL, South Korea", "AP")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert paragraphs[1].startswith("SEOUL, South Korea (AP) - Russian President Vladimir Putin arrived")
    assert "Strengthening Bonds with Kim Jong Un" in paragraphs  # sub-heading is its own paragraph


@pytest.mark.parametrize("sample", [SAMPLE_0, SAMPLE_1], ids=["000", "001"])
def test_ingest_sample_text_layout(sample):
    text = _one(sample).text
    assert "\n\n\n" not in text
    assert "\u2019" not in text and "\u2014" not in text
    assert all(p and p == " ".join(p.split()) for p in text.split("\n\n"))


def test_ingest_path_kept_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    _write(tmp_path / "in" / "a.txt", "Head\n\nBody.")
    assert _one("./in/a.txt").path == "./in/a.txt"
    assert _one("in").path == os.path.join("in", "a.txt")


# --- every format ------------------------------------------------------------------------

_BODY = "WASHINGTON (Reuters) - The \u201cdeal\u201d was signed.\n\nTalks went on."
_HTML = (
    "<!doctype html><html><head><title>Deal signed</title>"
    '<meta property="og:title" content="Deal signed"><meta name="date" content="2024-06-19">'
    '<link rel="canonical" href="https://example.org/deal"><style>p{color:red}</style>'
    '<script>var leak = "SCRIPT";</script></head><body><nav><a href="/">Home</a></nav><article>'
    "<h1>Deal signed</h1><p>WASHINGTON (Reuters) \u2014 The \u201cdeal\u201d was signed on Tuesday by both"
    " delegations after months of negotiation.</p><script>document.write('INLINE')</script>"
    "<p>Talks went on late into the night, officials said, before the final text was agreed.</p>"
    "</article></body></html>"
)
_JSONL = json.dumps({"id": 7, "title": "Deal signed", "text": _BODY, "date": "2024-06-19", "url": "u"})
_FORMATS = {
    "a.txt": "Deal signed\n\n" + _BODY,
    "a.md": "# Deal *signed*\n\n" + _BODY,
    "a.html": _HTML,
    "a.htm": _HTML,
    "a.jsonl": _JSONL + "\n",
}


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
@pytest.mark.parametrize("name", sorted(_FORMATS))
def test_ingest_every_format(tmp_path, name, gz):
    path = _write(tmp_path / (name + (".gz" if gz else "")), _FORMATS[name])
    article = _one(path)
    assert isinstance(article, Article), article
    assert article.id == ("7" if name.endswith(".jsonl") else "a")
    assert article.title == "Deal signed"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Deal signed"
    assert paragraphs[1].startswith('WASHINGTON (Reuters) - The "deal" was signed')
    assert paragraphs[2].startswith("Talks went on")
    assert (article.place, article.agency) == ("WASHINGTON", "Reuters")
    assert "SCRIPT" not in article.text and "INLINE" not in article.text and "color" not in article.text
    assert article.path == str(path)


def test_ingest_suffixes_cover_all_formats():
    assert set(SUFFIXES) == {".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json"}


def test_ingest_upper_case_suffix(tmp_path):
    assert _one(_write(tmp_path / "Story.TXT", "Head\nBody")).id == "Story"


# --- bad input ------------------------------------------------------------------------------

_BAD: dict[str, tuple[str, bytes, str]] = {
    "empty": ("e.txt", b"", "empty file"),
    "whitespace": ("w.txt", b" \n\t\r\n  \n", "empty file"),
    "whitespace-md": ("w.md", b"\n\n   \n", "empty file"),
    "whitespace-html": ("w.html", b"\n \n", "empty file"),
    "empty-jsonl": ("e.jsonl", b"\n\n", "empty file"),
    "invisible-only": ("z.txt", "\ufeff\u200b\u00a0\n".encode(), "empty file"),
    "nul-bytes": ("b.txt", b"Title\n\x00\x01\x02binary\x00", "binary file, not text"),
    "png": ("img.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file, not text"),
    "controls": ("c.txt", bytes(range(1, 9)) * 20 + b"some text", "binary file, not text"),
    "binary-jsonl": ("b.jsonl", b'{"id": 1}\x00\x00\n', "binary file, not text"),
    "binary-html": ("b.html", b"<p>\x00\x01\x02\x03</p>", "binary file, not text"),
    "undetectable": (
        "u.txt",
        bytes(range(0x80, 0x100)) * 2,
        "not UTF-8 and the encoding could not be detected",
    ),
    "html-no-text": ("n.html", b"<html><head><script>x = 1</script></head><body></body></html>", "no text"),
    "md-only-code": ("c.md", b"```\ncode only\n```\n", "no text found"),
}


@pytest.mark.parametrize("case", sorted(_BAD))
def test_ingest_bad_input_is_skipped(tmp_path, case):
    name, data, reason = _BAD[case]
    item = _one(_write(tmp_path / name, data))
    assert isinstance(item, Skipped), item
    assert reason in item.reason
    assert item.path == str(tmp_path / name)
    _assert_reason_style(item.reason)


def _assert_reason_style(reason: str) -> None:
    """Reasons are one short line starting in lower case, with no traceback text."""
    assert reason and "\n" not in reason and len(reason) < 160
    assert not reason[0].isupper()
    assert "Traceback" not in reason and "Error" not in reason


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_ingest_bad_input_gzipped_is_skipped_too(tmp_path, gz):
    path = _write(tmp_path / ("b.txt.gz" if gz else "b.txt"), b"\x00\x00\x00")
    assert _one(path).reason == "binary file, not text"


def test_ingest_missing_path_is_skipped(tmp_path):
    item = _one(tmp_path / "missing.txt")
    assert item == Skipped(str(tmp_path / "missing.txt"), "no such file or directory")


def test_ingest_broken_symlink_is_skipped(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert _one(link).reason == "no such file or directory"


def test_ingest_named_unsupported_file_is_skipped(tmp_path):
    item = _one(_write(tmp_path / "report.pdf", b"%PDF-1.4"))
    assert isinstance(item, Skipped)
    supported = ".htm, .html, .json, .jsonl, .md, .ndjson, .txt"
    assert item.reason.startswith(f"unsupported file type .pdf; supported: {supported}")
    _assert_reason_style(item.reason)


def test_ingest_named_directory_with_supported_suffix_is_skipped(tmp_path):
    (tmp_path / "x.txt").mkdir()
    item = _one(tmp_path / "x.txt")
    assert isinstance(item, Skipped)
    assert item.reason.startswith("no .htm, .html, .json, .jsonl, .md, .ndjson, .txt files in directory")


def test_ingest_special_file_is_skipped(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    item = _one(fifo)  # opening a FIFO for reading would block: it must be refused
    assert item == Skipped(str(fifo), "not a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_ingest_unreadable_file_is_skipped(tmp_path):
    path = _write(tmp_path / "secret.txt", "Head\nBody")
    path.chmod(0)
    try:
        item = _one(path)
    finally:
        path.chmod(0o644)
    assert item == Skipped(str(path), "cannot read file: permission denied")


@pytest.mark.parametrize(
    ("size", "reason"),
    [
        (int(23.4 * 1024 * 1024), "file is 23.4 MB, over the 20 MB limit"),
        (20 * 1024 * 1024 + 1, "file is 20 MB, over the 20 MB limit"),
    ],
)
def test_ingest_oversized_file_is_skipped_before_reading(tmp_path, size, reason):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:  # sparse: the size is checked before anything is read
        fh.truncate(size)
    assert _one(path) == Skipped(str(path), reason)


def test_ingest_max_bytes_option(tmp_path):
    path = _write(tmp_path / "a.txt", "Head\n\n" + "word " * 400)
    assert isinstance(_one(path, max_bytes=4096), Article)
    assert _one(path, max_bytes=1000).reason == "file is 2 KB, over the 1000 bytes limit"


def test_ingest_gzip_bomb_is_skipped(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:  # ~10 KB on disk, 10 MB inflated
        for _ in range(10):
            fh.write(b"A" * (1024 * 1024))
    assert path.stat().st_size < 100_000
    item = _one(path, max_bytes=1024 * 1024)
    assert isinstance(item, Skipped)
    assert item.reason == "oversized: decompresses to over the 1 MB limit"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not gzip at all", "corrupt gzip data"),
        (gzip.compress(b"Head\n\nBody " * 200, mtime=0)[:40], "corrupt gzip data: the file is truncated"),
    ],
    ids=["garbage", "truncated"],
)
def test_ingest_corrupt_gzip_is_skipped(tmp_path, data, reason):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data)
    item = _one(path)
    assert isinstance(item, Skipped)
    assert item.reason.startswith(reason)
    _assert_reason_style(item.reason)


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_ingest_legacy_encoding_is_decoded(tmp_path, encoding):
    text = "Le café rouvre\n\nMOSCOW (AFP) - Le président a visité le café près de la gare."
    article = _one(_write(tmp_path / "a.txt", text.encode(encoding)))
    assert isinstance(article, Article), article
    assert article.title == "Le café rouvre"
    assert "président a visité le café près" in article.text


def test_ingest_cp1252_smart_quotes_are_decoded_and_normalised(tmp_path):
    raw = "Talks \u201cresume\u201d \u2014 caf\u00e9 closed\n\nIt\u2019s over.".encode("cp1252")
    article = _one(_write(tmp_path / "q.txt", raw))
    assert article.text == 'Talks "resume" - café closed\n\nIt\'s over.'


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_ingest_byte_order_marks(tmp_path, encoding):
    article = _one(_write(tmp_path / "b.md", "# Café talks\n\nBody.".encode(encoding)))
    assert (article.title, article.text) == ("Café talks", "Café talks\n\nBody.")


def test_ingest_html_meta_charset_is_honoured(tmp_path):
    html = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        "<body><p>Привет, мир.</p></body></html>"
    )
    article = _one(_write(tmp_path / "r.html", html.encode("cp1251")))
    assert article.title == "Новости"
    assert "Привет, мир." in article.text


# --- directories and order ----------------------------------------------------------------


def _tree(root: Path) -> None:
    """A small corpus with nested, hidden and unsupported entries."""
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    _write(root / "z.txt", "Z head\nz body")
    _write(root / "a.md", "# A head\n\na body")
    _write(root / "b" / "c.html", "<title>C head</title><p>c body paragraph.</p>")
    _write(root / "b" / "deep" / "d.txt.gz", "D head\nd body")
    _write(root / "b" / "notes.pdf", b"%PDF")
    _write(root / "b" / "README", "no suffix")
    _write(root / ".hidden" / "h.txt", "H head\nh body")
    _write(root / ".secret.txt", "S head\ns body")
    _write(root / "m.jsonl", '{"id": "m1", "text": "one"}\n{"id": "m2", "text": "two"}\n')


def test_ingest_directory_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    _tree(tmp_path)
    items = [i for i in read_articles([tmp_path]) if isinstance(i, Article)]
    assert [i.id for i in items] == ["a", "c", "d", "m1", "m2", "z"]
    assert items[2].path == str(tmp_path / "b" / "deep" / "d.txt.gz")


def test_ingest_directory_lists_every_unsupported_file(tmp_path):
    """A .pdf, a .csv, a .bin or a file with no suffix in a folder is listed with the reason."""
    _tree(tmp_path)
    _write(tmp_path / "b" / "table.csv", "a,b\n1,2\n")
    _write(tmp_path / "blob.bin", b"\x00\x01")
    skipped = {Path(i.path).name: i.reason for i in read_articles([tmp_path]) if isinstance(i, Skipped)}
    assert set(skipped) == {"notes.pdf", "README", "table.csv", "blob.bin"}
    assert skipped["table.csv"].startswith("unsupported file type .csv; supported: .htm, .html, .json")
    assert skipped["README"].startswith("unsupported file type (no suffix)")


def test_ingest_json_array_and_ndjson(tmp_path):
    """`.json` holds an array of article objects (or one); `.ndjson` is JSON Lines under another name."""
    import json

    _write(
        tmp_path / "batch.json",
        json.dumps([{"id": "j1", "text": "One."}, {"id": "j2"}, {"id": "j3", "text": "Three."}]),
    )
    _write(tmp_path / "single.json", json.dumps({"id": "j4", "text": "Four."}))
    _write(tmp_path / "feed.ndjson", '{"id": "n1", "text": "five"}\n{"id": "n2", "text": "six"}\n')
    _write(tmp_path / "broken.json", "[{]")
    items = list(read_articles([tmp_path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["j1", "j3", "n1", "n2", "j4"]
    skipped = [str(i) for i in items if isinstance(i, Skipped)]
    assert f"{tmp_path / 'batch.json'}: item 2: missing or empty 'text'" in skipped
    assert any(s.startswith(f"{tmp_path / 'broken.json'}: invalid JSON") for s in skipped)


def test_ingest_order_is_deterministic(tmp_path):
    _tree(tmp_path)
    assert list(read_articles([tmp_path])) == list(read_articles([str(tmp_path)]))


def test_ingest_named_hidden_file_is_read(tmp_path):
    _tree(tmp_path)
    assert _one(tmp_path / ".secret.txt").id == ".secret"


def test_ingest_same_file_named_twice_is_read_once(tmp_path):
    _tree(tmp_path)
    items = [i for i in read_articles([tmp_path / "z.txt", tmp_path]) if isinstance(i, Article)]
    assert [i.id for i in items] == ["z", "a", "c", "d", "m1", "m2"]


def test_ingest_symlink_loop_terminates(tmp_path):
    _write(tmp_path / "a.txt", "A\nbody")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [i.id for i in read_articles([tmp_path])] == ["a"]


def test_ingest_duplicate_ids_across_the_batch(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _write(tmp_path / "one" / "x.txt", "X\nfirst")
    _write(tmp_path / "two" / "x.md", "# X\nsecond")
    _write(tmp_path / "two" / "y.jsonl", '{"id": "x", "text": "third"}\n{"id": "q", "text": "ok"}\n')
    items = list(read_articles([tmp_path]))
    first = str(tmp_path / "one" / "x.txt")
    assert items == [
        items[0],
        Skipped(str(tmp_path / "two" / "x.md"), f"duplicate article id 'x' (first seen in {first})"),
        Skipped(str(tmp_path / "two" / "y.jsonl"), f"duplicate article id 'x' (first seen in {first})", 1),
        items[3],
    ]
    assert (items[0].id, items[0].text, items[3].id) == ("x", "X\n\nfirst", "q")


def test_ingest_batch_goes_on_after_bad_files(tmp_path):
    good = _write(tmp_path / "good.txt", "Good\nbody")
    items = list(read_articles([tmp_path / "nope.txt", _write(tmp_path / "e.txt", b""), good]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Article"]


def test_ingest_fixture_files():
    items = {i.id: i for i in read_articles([FIXTURES])}
    assert set(items) == {"markdown_article", "html_article", "wire-1", "wire-2"}
    md = items["markdown_article"]
    assert md.title == "Summit in Hanoi"
    assert (md.place, md.agency, md.date) == ("HANOI, Vietnam", "AP", "2024-06-20")
    assert "](" not in md.text and "**" not in md.text and "print(" not in md.text
    html = items["html_article"]
    assert (html.title, html.date, html.url) == (
        "Ministers meet in Geneva",
        "2024-05-02",
        "https://news.example.org/geneva",
    )
    assert (html.place, html.agency) == ("GENEVA", "Reuters")
    assert "trackVisit" not in html.text and "font-family" not in html.text
