"""Load a file's bytes within a size cap (gzip included) and decode them to text.

Failures raise `kg.errors.InputError` with a short, one-line reason; `read_articles`
turns them into `Skipped` records.

>>> decode_text("café".encode("cp1252"), path="a.txt")
'café'
>>> human_size(20 * 1024 * 1024)
'20 MB'
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import zlib

from kg.errors import InputError

__all__ = ["load_bytes", "decode_text", "decode_utf8", "check_not_binary", "human_size", "GZIP_SUFFIX"]

GZIP_SUFFIX = ".gz"

# Byte order marks that identify an encoding for certain (longest first).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a BOM, UTF-16/32 guesses on NUL-free data are nonsense: never accept them.
_WIDE_CODECS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# Among equally plausible single-byte decodings, Western European is the likeliest for news.
_PREFERRED = "cp1252"
# C0 controls that never appear in text files (tab, LF, FF, CR and ESC excluded).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_BINARY_RATIO = 0.05
_SAMPLE = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_MIB = 1024 * 1024


def human_size(n: int) -> str:
    """Format a byte count the way reasons show it: '23.4 MB', '12 KB', '900 bytes'."""
    for unit, size in (("MB", _MIB), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _os_reason(err: OSError) -> str:
    """A one-line, lower-case reason from an OSError."""
    text = (err.strerror or type(err).__name__).rstrip(".")
    return "cannot read file: " + text[:1].lower() + text[1:]


def _read_capped(path: str, *, max_bytes: int) -> bytes:
    """Read a regular file, refusing it before reading when it is over `max_bytes`."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, "not a regular file")
            if info.st_size > max_bytes:
                raise InputError(path, _over(info.st_size, max_bytes))
            data = fh.read(max_bytes + 1)
    except IsADirectoryError as err:
        raise InputError(path, "is a directory, not a file") from err
    except OSError as err:
        raise InputError(path, _os_reason(err)) from err
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputError(path, _over(len(data), max_bytes))
    return data


def _over(size: int, max_bytes: int) -> str:
    """The 'over the limit' reason."""
    return f"file is {human_size(size)}, over the {human_size(max_bytes)} limit"


def _gunzip(data: bytes, *, path: str, max_bytes: int) -> bytes:
    """Decompress gzip data, never producing more than `max_bytes + 1` bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(max_bytes + 1)
    except (gzip.BadGzipFile, zlib.error) as err:
        raise InputError(path, "corrupt gzip data, not a valid .gz file") from err
    except EOFError as err:
        raise InputError(path, "corrupt gzip data: the file is truncated") from err
    if len(out) > max_bytes:
        raise InputError(path, f"oversized: decompresses to over the {human_size(max_bytes)} limit")
    return out


def load_bytes(path: str, *, max_bytes: int, gzipped: bool) -> bytes:
    """Read a file's content, decompressing gzip within the same cap.

    path (str): the file to read, as named in reasons.
    max_bytes (int): refuse files (or decompressed content) larger than this.
    gzipped (bool): the file is gzip-compressed.
    RETURNS (bytes): the (decompressed) content.
    """
    data = _read_capped(path, max_bytes=max_bytes)
    if gzipped:
        data = _gunzip(data, path=path, max_bytes=max_bytes)
    return data


def check_not_binary(data: bytes, *, path: str) -> None:
    """Raise unless `data` looks like text: no NUL bytes and few other C0 controls."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample or (
        sample and len(sample) - len(sample.translate(None, _BINARY_BYTES)) > _BINARY_RATIO * len(sample)
    ):
        raise InputError(path, "binary file, not text")


def decode_utf8(data: bytes) -> str | None:
    """Decode strict UTF-8 (a leading BOM is dropped), or return None."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _bom_codec(data: bytes) -> str | None:
    """The codec named by a leading byte order mark, if any."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _declared_codec(data: bytes) -> str | None:
    """The codec an HTML `<meta charset>` declares in the first 4 KB, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes) -> str | None:
    """Decode with charset_normalizer when it is confident; prefer cp1252 on ties."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=_WIDE_CODECS))
    if not matches:
        return None
    lowest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos == lowest]
    if any(_PREFERRED in m.could_be_from_charset for m in tied):
        try:
            return data.decode(_PREFERRED)
        except UnicodeDecodeError:
            pass
    return str(max(tied, key=lambda m: m.coherence))


def decode_text(data: bytes, *, path: str, html: bool = False) -> str:
    """Decode file bytes to str: BOM, then strict UTF-8, then a declared HTML charset,
    then charset detection.

    data (bytes): the raw content.
    path (str): named in the reason when decoding fails.
    html (bool): honour a `<meta charset=...>` declaration.
    RETURNS (str): the decoded text (not yet normalised).
    """
    bom = _bom_codec(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as err:
            raise InputError(path, f"invalid {bom.upper()} text after its byte order mark") from err
    check_not_binary(data, path=path)
    text = decode_utf8(data)
    if text is not None:
        return text
    declared = _declared_codec(data) if html else None
    if declared is not None and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    text = _detect(data)
    if text is None:
        raise InputError(path, "not UTF-8 and the encoding could not be detected")
    return text
