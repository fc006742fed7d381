"""File output for exporters: every file is written atomically through `kg.atomic`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..atomic import atomic_path
from ..errors import ExportError

__all__ = ["write_file", "write_folder"]


def write_file(path: str | Path, data: bytes, *, executable: bool = False) -> Path:
    """Write `data` to `path` atomically (temp file beside it, fsync, rename) and return the path."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; pass a file path to --out")
    try:
        with atomic_path(target) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o755 if executable else 0o644)
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from err
    return target


def write_folder(path: str | Path, files: Mapping[str, bytes], *, executable: tuple[str, ...] = ()) -> Path:
    """Write several files into folder `path` (created if needed), each one atomically.

    path (str | Path): the folder; other files already in it are left alone.
    files (Mapping[str, bytes]): file name -> content.
    executable (tuple[str, ...]): names to mark executable (e.g. a shell script).
    RETURNS (Path): the folder.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: exists and is not a folder; this format writes a folder")
    for name in sorted(files):
        write_file(folder / name, files[name], executable=name in executable)
    return folder
