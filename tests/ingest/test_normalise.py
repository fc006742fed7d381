"""Character and paragraph normalisation."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from kg.ingest._normalise import join_paragraphs, normalise_chars, split_paragraphs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u2018a\u2019 \u201ab\u201b", "'a' 'b'"),
        ("\u201ca\u201d \u201eb\u201f", '"a" "b"'),
        ("a\u2014b\u2013c\u2012d\u2015e\u2212f", "a-b-c-d-e-f"),
        ("a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("bell\x07tab\tend", "belltab end"),
        ("crlf\r\nline\rend", "crlf\nline\nend"),
        ("lone \ud800 surrogate \udfff", "lone \ufffd surrogate \ufffd"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("para\u2029next", "para\n\nnext"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_normalise_chars_cases(raw, expected):
    assert normalise_chars(raw) == expected


def test_normalise_chars_leaves_no_unicode_space_or_control():
    """Every Zs, Cc and Cf character (Unicode of this Python) is mapped or removed."""
    bad = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Zs", "Cc", "Cf")]
    out = normalise_chars("".join(bad))
    assert set(out) <= {" ", "\n"}


def test_normalise_chars_output_encodes_as_utf8():
    normalise_chars("x\ud83d y \udc00").encode("utf-8")


@pytest.mark.parametrize(
    ("text", "line_breaks", "expected"),
    [
        ("a\n\nb", False, ["a", "b"]),
        ("  a  \n  b  \n \t \n\n\nc  d ", False, ["a b", "c d"]),
        ("\n\n\n", False, []),
        ("a\nb\n\nc", True, ["a", "b", "c"]),
    ],
)
def test_normalise_split_paragraphs(text, line_breaks, expected):
    assert split_paragraphs(text, line_breaks=line_breaks) == expected


def test_normalise_join_paragraphs_one_blank_line():
    assert join_paragraphs(["a", "", "b"]) == "a\n\nb"
