""":mod:`kg.cache`: a per-article extraction cache, so a rebuild processes only new or changed articles.

An entry is keyed by the SHA-256 of the article's content and metadata (not its file path) and
lives under a folder named by the *fingerprint* of everything else that decides the output:
`PIPELINE_VERSION`, the spaCy and model versions, the settings that filter relations, and hashes
of the lexicon, the gazetteer data and the source of every module the extraction code imports
(`extraction_modules`, read from the import statements, so no file list to keep up to date).
Changing any of them starts a fresh folder; the old one is left for another run with the old
settings (delete it to reclaim space).

Layout: `CACHE_DIR/<fingerprint>/<key[:2]>/<key>.json`, one small JSON file per article, written
atomically (hidden temp file + rename), so a run killed at any point keeps every entry it finished.
A hidden temp file left by a killed run is ignored by readers and removed by a later run once it is
older than `STALE_AFTER` seconds. A damaged entry reads as a miss and is rewritten.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

from .atomic import atomic_path
from .errors import KgError
from .records import Article, ArticleResult, Entity, Evidence, Relation
from .resources import data_file, ontology_file
from .settings import PIPELINE_VERSION, Settings

__all__ = [
    "ExtractionCache",
    "article_key",
    "fingerprint",
    "file_part",
    "extraction_modules",
    "code_digest",
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
# The function whose imports (and theirs, transitively) are the extraction code.
_ENTRY = ("runner", "process_articles")
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


def _module_file(root: Path, module: str) -> Path | None:
    """The source file of a `kg.*` module under package folder `root`, or None if there is none."""
    parts = module.split(".")
    if parts[0] != "kg":
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _import_nodes(tree: ast.AST, *, lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a tree: all of them (`lazy`), or those run when the module is imported
    (module level, outside functions and `if TYPE_CHECKING:` blocks)."""
    if lazy:
        return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    found: list[ast.Import | ast.ImportFrom] = []
    todo = list(ast.iter_child_nodes(tree))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo += node.orelse
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo += list(ast.iter_child_nodes(node))
    return found


def _imports(tree: ast.AST, module: str, root: Path, *, lazy: bool = True) -> dict[str, bool]:
    """The `kg.*` modules an AST imports: name -> used (True), or only a package that a submodule is
    taken from (False: importing the submodule runs the package's module-level code, no more)."""
    found: dict[str, bool] = {}
    path = _module_file(root, module)
    package = module if path is not None and path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _import_nodes(tree, lazy=lazy):
        if isinstance(node, ast.Import):
            found.update({alias.name: True for alias in node.names})
            continue
        if node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            base = f"{base}.{node.module}" if node.module else base
        else:
            base = node.module or ""
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if _module_file(root, sub) is not None:  # `from . import nlp`: a submodule
                found[sub] = True
                found.setdefault(base, False)
            else:  # `from .nlp import annotate`: a name defined in the module
                found[base] = True
    return {name: used for name, used in found.items() if name == "kg" or name.startswith("kg.")}


def _entry_imports(root: Path) -> set[str]:
    """The modules imported inside the extraction entry point (`kg.runner.process_articles`)."""
    module, function = _ENTRY
    tree = ast.parse((root / f"{module}.py").read_text(encoding="utf-8"))
    body = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function), None)
    if body is None:
        raise KgError(f"kg.{module}.{function} not found: the extraction cache key cannot be computed")
    return {name for name, used in _imports(body, f"kg.{module}", root).items() if used}


@cache
def extraction_modules(root: Path = _PKG) -> tuple[str, ...]:
    """Return every `kg` module the extraction code imports, found by reading the import statements.

    Starts from the imports inside `kg.runner.process_articles` and follows each module's imports
    (lazy ones inside functions too) and its parent packages (their module-level imports, which
    importing a submodule runs), so a new, moved or renamed module is part of the cache key as soon
    as the extraction imports it. Static: nothing is imported.
    root (Path): the `kg` package folder (a copy, in tests).
    RETURNS (tuple[str, ...]): sorted dotted names, e.g. ("kg", "kg.gazetteer", "kg.nlp", ...).
    """
    seen: dict[str, bool] = {}  # module -> followed with its lazy imports
    todo = [(name, True) for name in sorted(_entry_imports(root))]
    while todo:
        module, lazy = todo.pop()
        path = _module_file(root, module)
        if path is None or seen.get(module, False) or (module in seen and not lazy):
            continue
        seen[module] = lazy
        parents = module.split(".")
        todo += [(".".join(parents[:i]), False) for i in range(1, len(parents))]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = _imports(tree, module, root, lazy=lazy)
        todo += sorted(names.items())
    return tuple(sorted(seen))


def code_digest(root: Path = _PKG) -> str:
    """One digest over the source of every module in `extraction_modules(root)`."""
    files = [_module_file(root, m) for m in extraction_modules(root)]
    return _tree_digest([f for f in files if f is not None], root=root)


def _model_version(model: str) -> str:
    """Installed version of a spaCy pipeline package ('' when it is not a package)."""
    import spacy

    return spacy.util.get_package_version(model) or ""


def file_part(path: str | Path) -> str:
    """A fingerprint part for a file or folder (e.g. a trained model): the digest of its contents."""
    target = Path(path)
    return _tree_digest([target], root=target.parent)


def fingerprint(settings: Settings, *, extra: Mapping[str, object] | None = None) -> str:
    """Return the digest of everything besides the article that decides an extraction result.

    settings (Settings): the run's settings (model, min_confidence and keep_hedged count).
    extra (Mapping[str, object]): further parts, JSON-serialisable, by name: the hook for anything
        else that decides the output, e.g. `{"relation_model": file_part(path)}` for a trained model.
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
        "code": code_digest(),
    }
    for name, value in sorted((extra or {}).items()):
        if name in parts:
            raise KgError(f"fingerprint part '{name}' is already used by kg")
        parts[name] = value
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
    def open(
        cls, cache_dir: str | Path, settings: Settings, *, extra: Mapping[str, object] | None = None
    ) -> ExtractionCache:
        """Open (creating it) the folder for these settings (and `extra` parts, see `fingerprint`)."""
        root = Path(cache_dir) / fingerprint(settings, extra=extra)
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
