"""Atomic output, the one writer every kg output goes through: temp file beside the target, fsync, rename.

Files and folders get the permissions a plain `open()` or `mkdir()` would give them under the
process umask (0644 and 0755 under the usual 022; 0755 for an executable file), not the 0600 and
0700 of `tempfile`. A failed or killed write leaves the previous file or folder intact; a killed
process may leave a hidden `.NAME.*.tmp` beside it (see `kg.cache.remove_stale_temp`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "a.txt", "hello").read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from .errors import OutputError

__all__ = [
    "umask",
    "file_mode",
    "atomic_path",
    "atomic_open",
    "atomic_dir",
    "write_bytes_atomic",
    "write_text_atomic",
    "write_folder",
]

_UMASK_LOCK = threading.Lock()


def umask() -> int:
    """Return the process umask without changing it (read and restored under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode(*, executable: bool = False, folder: bool = False) -> int:
    """The mode a new file (or folder) gets under the current umask.

    >>> old = os.umask(0o022); (oct(file_mode()), oct(file_mode(folder=True))); _ = os.umask(old)
    ('0o644', '0o755')
    """
    return (0o777 if executable or folder else 0o666) & ~umask()


def _failed(target: Path, err: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write: {(err.strerror or str(err)).lower()}")


@contextlib.contextmanager
def atomic_path(path: str | Path, *, suffix: str = "", executable: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on error it is removed.

    path (str | Path): the file to create or replace (its folder is created if needed).
    executable (bool): give the file execute permission (as the umask allows).
    RAISES OutputError: when `path` is a folder or its folder cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix + ".tmp", dir=target.parent)
        os.close(fd)
    except OSError as err:
        raise _failed(target, err) from err
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, file_mode(executable=executable))
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", *, executable: bool = False, **kwargs) -> Iterator[IO]:
    """Open a temp file for writing that atomically replaces `path` when the block ends cleanly."""
    with atomic_path(path, executable=executable) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def write_bytes_atomic(path: str | Path, data: bytes, *, executable: bool = False) -> Path:
    """Write bytes atomically and return the target path.

    RAISES OutputError: naming the file, when it cannot be written.
    """
    try:
        with atomic_open(path, "wb", executable=executable) as fh:
            fh.write(data)
    except OSError as err:
        raise _failed(Path(path), err) from err
    return Path(path)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically and return the target path."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_folder(path: str | Path, files: Mapping[str, bytes], *, executable: tuple[str, ...] = ()) -> Path:
    """Write several files into folder `path` (created if needed), each one atomically.

    path (str | Path): the folder; other files already in it are left alone.
    files (Mapping[str, bytes]): file name -> content.
    executable (tuple[str, ...]): names to mark executable (e.g. a shell script).
    RETURNS (Path): the folder.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: exists and is not a folder; this output is a folder")
    for name in sorted(files):
        write_bytes_atomic(folder / name, files[name], executable=name in executable)
    return folder


def _swap_dirs(new: Path, target: Path) -> None:
    """Move `new` to `target`; an existing `target` is renamed aside first, then removed."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old.tmp", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside `path`; on success it replaces `path` in one swap.

    A reader sees the old folder or the new one, never a half-written one. On error the
    temporary folder is removed and `path` is left as it was.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as err:
        raise _failed(target, err) from err
    try:
        yield tmp
        os.chmod(tmp, file_mode(folder=True))
        _swap_dirs(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
