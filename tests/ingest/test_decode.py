"""Byte loading and decoding."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest._decode import check_not_binary, decode_text, human_size


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (1536, "1.5 KB"), (20 * 1024 * 1024, "20 MB")],
)
def test_decode_human_size(n, shown):
    assert human_size(n) == shown


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("café", "cp1252"),
        ("Le café est très bon.", "cp1252"),
        ("Müller sagte, die Straße sei gesperrt.", "latin-1"),
        ("Президент России прибыл в Пхеньян на переговоры.", "cp1251"),
        ("plain ascii", "ascii"),
        ("utf-8 text: naïve café", "utf-8"),
    ],
)
def test_decode_text_detects_encoding(text, encoding):
    assert decode_text(text.encode(encoding), path="x") == text


def test_decode_text_undetectable_raises_input_error():
    with pytest.raises(InputError) as info:
        decode_text(bytes(range(0x80, 0x100)), path="x.txt")
    assert str(info.value) == "x.txt: not UTF-8 and the encoding could not be detected"


def test_decode_check_not_binary_accepts_text_with_tabs_and_form_feeds():
    check_not_binary(b"a\tb\r\n\x0cc\x1b[0m", path="x")
