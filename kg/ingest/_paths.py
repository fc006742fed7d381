"""Turn the paths a caller names into the files to read, in a deterministic order.

Directories are walked recursively in sorted order; hidden entries (a leading dot) inside
them are ignored (caches, version control). A file with an unsupported suffix, inside a
directory or named, and a named path that cannot be used yield a `Skipped` with the reason.

>>> split_name("x.txt.gz")
('x', '.txt', True)
>>> split_name("000_abc.TXT")
('000_abc', '.txt', False)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from kg.ingest._decode import GZIP_SUFFIX
from kg.records import Skipped

__all__ = ["FileRef", "split_name", "iter_files"]


@dataclass(frozen=True, slots=True)
class FileRef:
    """One file to read.

    path (str): the path as given (or joined onto a given directory).
    stem (str): the name without its format and gzip suffixes: the article id.
    suffix (str): the lower-case format suffix, e.g. ".txt".
    gzipped (bool): the name ends in ".gz".
    """

    path: str
    stem: str
    suffix: str
    gzipped: bool


def split_name(name: str) -> tuple[str, str, bool]:
    """Split a file name into (stem, lower-case format suffix, gzipped)."""
    pure = PurePath(name)
    gzipped = pure.suffix.lower() == GZIP_SUFFIX
    if gzipped:
        pure = PurePath(pure.stem)
    return pure.stem, pure.suffix.lower(), gzipped


def _ref(path: str) -> FileRef:
    """A FileRef for a path string."""
    stem, suffix, gzipped = split_name(os.path.basename(path))
    return FileRef(path=path, stem=stem, suffix=suffix, gzipped=gzipped)


_Key = tuple[int, int]  # (device, inode): identifies a file however it is named


def _walk(
    directory: str, supported: Collection[str], visited: set[_Key]
) -> Iterator[tuple[FileRef, _Key] | Skipped]:
    """Yield supported files (with their identity) under `directory`, depth first, entries
    sorted by name.
    """
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as err:
        yield Skipped(directory, _reason("cannot read directory", err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            info = entry.stat()
        except OSError:
            continue  # a broken symlink or a vanished entry inside a directory
        key = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if key not in visited:  # symlink loops are walked once
                visited.add(key)
                yield from _walk(path, supported, visited)
        elif stat.S_ISREG(info.st_mode):
            ref = _ref(path)
            if ref.suffix in supported:
                yield ref, key
            else:
                yield _unsupported(ref, supported)


def _reason(prefix: str, err: OSError) -> str:
    """'prefix: lower-case strerror'."""
    text = (err.strerror or type(err).__name__).rstrip(".")
    return f"{prefix}: {text[:1].lower()}{text[1:]}"


def _unsupported(ref: FileRef, supported: Collection[str]) -> Skipped:
    """The `Skipped` of a file whose suffix has no reader."""
    shown = ref.suffix + (GZIP_SUFFIX if ref.gzipped else "") or "(no suffix)"
    return Skipped(
        ref.path, f"unsupported file type {shown}; supported: {_describe(supported)} (or .gz of them)"
    )


def _describe(supported: Collection[str]) -> str:
    """List the supported suffixes for a reason."""
    return ", ".join(sorted(supported))


def iter_files(
    paths: Iterable[str | os.PathLike[str]], *, supported: Collection[str]
) -> Iterator[FileRef | Skipped]:
    """Yield each file to read (each at most once) or a `Skipped` for a named path that
    cannot be used.

    paths (Iterable[str | PathLike]): files and directories, in the caller's order.
    supported (Collection[str]): lower-case format suffixes with a reader, e.g. {".txt"}.
    """
    seen: set[_Key] = set()
    for given in paths:
        display = os.fspath(given)
        try:
            info = os.stat(display)
        except (FileNotFoundError, NotADirectoryError):
            yield Skipped(display, "no such file or directory")
            continue
        except OSError as err:
            yield Skipped(display, _reason("cannot read", err))
            continue
        except ValueError:
            yield Skipped(display, "invalid path")
            continue
        if stat.S_ISDIR(info.st_mode):
            visited = {(info.st_dev, info.st_ino)}
            found = False
            for item in _walk(display, supported, visited):
                found = found or not isinstance(item, Skipped)
                if isinstance(item, Skipped):
                    yield item
                elif item[1] not in seen:
                    seen.add(item[1])
                    yield item[0]
            if not found:
                yield Skipped(display, f"no {_describe(supported)} files in directory (gzipped or not)")
            continue
        ref = _ref(display)
        if ref.suffix not in supported:
            yield _unsupported(ref, supported)
            continue
        key = (info.st_dev, info.st_ino)
        if key not in seen:
            seen.add(key)
            yield ref
