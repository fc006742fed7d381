"""File discovery: name splitting, walking, unsupported names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import SUFFIXES
from kg.ingest._paths import FileRef, iter_files, split_name
from kg.records import Skipped


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_abc.txt", ("000_abc", ".txt", False)),
        ("x.txt.gz", ("x", ".txt", True)),
        ("b.JSONL.GZ", ("b", ".jsonl", True)),
        ("a.b.md", ("a.b", ".md", False)),
        ("x.gz", ("x", "", True)),
        ("README", ("README", "", False)),
        (".hidden.txt", (".hidden", ".txt", False)),
    ],
)
def test_paths_split_name(name, expected):
    assert split_name(name) == expected


@pytest.mark.parametrize(
    ("name", "shown"),
    [("x.gz", ".gz"), ("archive.tar.gz", ".tar.gz"), ("README", "(no suffix)"), ("a.PDF", ".pdf")],
)
def test_paths_named_unsupported_file(tmp_path, name, shown):
    (tmp_path / name).write_bytes(b"x")
    (item,) = iter_files([tmp_path / name], supported=SUFFIXES)
    assert isinstance(item, Skipped)
    assert item.reason.startswith(f"unsupported file type {shown}; supported:")


def test_paths_walk_lists_unsupported_and_ignores_hidden(tmp_path):
    for name in ("b.txt", "a.tar.gz", "c.htm.gz", ".d.txt", "e"):
        (tmp_path / name).write_bytes(b"x")
    items = list(iter_files([tmp_path], supported=SUFFIXES))
    assert [i for i in items if isinstance(i, FileRef)] == [
        FileRef(str(tmp_path / "b.txt"), "b", ".txt", False),
        FileRef(str(tmp_path / "c.htm.gz"), "c", ".htm", True),
    ]
    skipped = {Path(i.path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert set(skipped) == {"a.tar.gz", "e"}  # hidden .d.txt is not listed
    assert skipped["a.tar.gz"].startswith("unsupported file type .tar.gz")


def test_paths_empty_directory_is_reported(tmp_path):
    (item,) = iter_files([tmp_path], supported=SUFFIXES)
    assert isinstance(item, Skipped)
    assert item.path == str(tmp_path)


def test_paths_invalid_path_is_skipped():
    assert list(iter_files(["bad\x00name.txt"], supported=SUFFIXES)) == [
        Skipped("bad\x00name.txt", "invalid path")
    ]
