""":mod:`kg.cache`: a per-article extraction cache, so a rebuild processes only new or changed articles.

An entry is keyed by the SHA-256 of the article's content and metadata (not its file path) and
lives under a folder named by the *fingerprint* of everything else that decides the output:
`PIPELINE_VERSION`, the spaCy and model versions, the settings that filter relations, and hashes
of the lexicon, the gazetteer data and the extraction source files. Changing any of them starts a
fresh folder; the old one is left for another run with the old settings (delete it to reclaim space).

Layout: `CACHE_DIR/<fingerprint>/<key[:2]>/<key>.json`, one small JSON file per article, written
atomically (hidden temp file + rename), so a run killed at any point keeps every entry it finished.
A hidden temp file left by a killed run is ignored by readers and removed by a later run once it is
older than `STALE_AFTER` seconds. A damaged entry reads as a miss and is rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

from .atomic import atomic_path
from .records import Article, ArticleResult, Entity, Evidence, Relation
from .resources import data_file, ontology_file
from .settings import PIPELINE_VERSION, Settings

__all__ = [
    "ExtractionCache",
    "article_key",
    "fingerprint",
    "encode_result",
    "decode_result",
    "remove_stale_temp",
    "cache_size",
    "FORMAT",
    "STALE_AFTER",
]

FORMAT = 1  # layout of one entry; bump when encode_result changes
STALE_AFTER = 3600.0  # seconds after which a hidden temp file is a leftover of a killed run
_PKG = Path(__file__).resolve().parent
# Source files whose code decides what is extracted from an article (relative to the package).
_EXTRACTION_SOURCES = (
    "nlp.py",
    "gazetteer.py",
    "resolve",
    "patterns.py",
    "wordsets.py",
    "records.py",
    "relations",
)
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name != "path")


def _json(value: object) -> bytes:
    """Canonical JSON bytes; ASCII-escaped, so lone surrogates survive the round trip."""
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")


def article_key(article: Article) -> str:
    """Return the SHA-256 hex digest of an article's content and metadata (its path excluded).

    >>> article_key(Article("a", "Text.")) == article_key(Article("a", "Text.", path="elsewhere/a.txt"))
    True
    >>> article_key(Article("a", "Text.")) == article_key(Article("a", "Text!"))
    False
    """
    return hashlib.sha256(_json([getattr(article, name) for name in _ARTICLE_FIELDS])).hexdigest()


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts
    )


@cache
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    """SHA-256 of a file's bytes (cached on path, mtime and size)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_digest(paths: Iterable[Path], *, root: Path) -> str:
    """One digest over the relative names and contents of every file under `paths`."""
    h = hashlib.sha256()
    for path in paths:
        for f in _files_under(path):
            st = f.stat()
            rel = f.relative_to(root) if f.is_relative_to(root) else Path(f.name)
            h.update(f"{rel.as_posix()}\0{_file_digest(f, st.st_mtime_ns, st.st_size)}\n".encode())
    return h.hexdigest()


def _model_version(model: str) -> str:
    """Installed version of a spaCy pipeline package ('' when it is not a package)."""
    import spacy

    return spacy.util.get_package_version(model) or ""


def fingerprint(settings: Settings) -> str:
    """Return the digest of everything besides the article that decides an extraction result.

    settings (Settings): the run's settings (model, min_confidence and keep_hedged count).
    RETURNS (str): a 32-character hex name for the cache folder.
    """
    import spacy

    lexicon = ontology_file("lexicon.tsv")
    parts = {
        "format": FORMAT,
        "pipeline": PIPELINE_VERSION,
        "spacy": spacy.about.__version__,
        "model": [settings.model, _model_version(settings.model)],
        "min_confidence": settings.min_confidence,
        "keep_hedged": settings.keep_hedged,
        "source": settings.source,
        "relation_model": (
            _tree_digest([Path(settings.relation_model)], root=Path(settings.relation_model))
            if settings.relation_model
            else "shipped"  # kg/data/relation_model, part of "data"
        ),
        "lexicon": _tree_digest([lexicon], root=lexicon.parent),
        "data": _tree_digest([data_file("")], root=_PKG),
        "code": _tree_digest([_PKG / name for name in _EXTRACTION_SOURCES], root=_PKG),
    }
    return hashlib.sha256(_json(parts)).hexdigest()[:32]


def encode_result(result: ArticleResult) -> bytes:
    """Serialise the extraction part of a result (entities and relations) to JSON bytes."""
    payload = {
        "format": FORMAT,
        "key": article_key(result.article),
        "entities": [asdict(e) for e in result.entities],
        "relations": [asdict(r) for r in result.relations],
    }
    return _json(payload)


def _relation(d: dict) -> Relation:
    return Relation(
        **{
            **d,
            "subject": Entity(**d["subject"]),
            "object": Entity(**d["object"]),
            "evidence": Evidence(**d["evidence"]),
        }
    )


def decode_result(data: bytes, article: Article) -> ArticleResult | None:
    """Rebuild a result for `article` from `encode_result` bytes; None if they are damaged or stale."""
    try:
        payload = json.loads(data)
        if payload.get("format") != FORMAT or payload.get("key") != article_key(article):
            return None
        entities = tuple(Entity(**e) for e in payload["entities"])
        relations = tuple(_relation(r) for r in payload["relations"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return ArticleResult(article, entities, relations)


def remove_stale_temp(folder: str | Path, *, max_age: float = STALE_AFTER, recursive: bool = False) -> int:
    """Delete hidden temp files and folders (`.NAME.*.tmp`) older than `max_age` seconds.

    They are what `kg.atomic` leaves behind when a process is killed before its rename. Younger
    ones may belong to a run still going, so they are kept.
    RETURNS (int): how many were removed.
    """
    root = Path(folder)
    if not root.is_dir():
        return 0
    found = root.rglob(".*.tmp") if recursive else root.glob(".*.tmp")
    limit = time.time() - max_age
    removed = 0
    for path in found:
        with contextlib.suppress(OSError):
            if path.lstat().st_mtime > limit:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
    return removed


@dataclass(frozen=True, slots=True)
class ExtractionCache:
    """The cache folder of one fingerprint: get and put results by article.

    root (Path): `CACHE_DIR/<fingerprint>`.
    """

    root: Path

    @classmethod
    def open(cls, cache_dir: str | Path, settings: Settings) -> ExtractionCache:
        """Open (creating it) the folder for these settings and clear stale temp files in it."""
        root = Path(cache_dir) / fingerprint(settings)
        root.mkdir(parents=True, exist_ok=True)
        remove_stale_temp(root, recursive=True)
        return cls(root)

    def path(self, key: str) -> Path:
        """The entry file of an article key."""
        return self.root / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleResult | None:
        """Return the cached result for this exact article, or None."""
        try:
            data = self.path(article_key(article)).read_bytes()
        except OSError:
            return None
        return decode_result(data, article)

    def put(self, result: ArticleResult) -> bool:
        """Store a result atomically; returns False (and the build goes on) if it cannot be written."""
        target = self.path(article_key(result.article))
        try:
            with atomic_path(target) as tmp:
                tmp.write_bytes(encode_result(result))
        except OSError:
            return False
        return True

    def count(self) -> int:
        """Number of entries stored for this fingerprint."""
        return sum(1 for _ in self.root.glob("??/*.json"))


def cache_size(cache_dir: str | Path) -> int:
    """Number of entries under a cache folder, all fingerprints included."""
    return sum(1 for _ in Path(cache_dir).glob("*/??/*.json"))
