"""One place for each I/O job: these tests keep the layout the issue asked for from drifting back."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"


def _sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in KG.rglob("*.py")}


def test_structure_push_lives_in_export():
    assert importlib.util.find_spec("kg.push") is None
    assert importlib.util.find_spec("kg.export.push") is not None


def test_structure_one_turtle_writer_and_one_atomic_writer():
    sources = _sources()
    turtle = [name for name, text in sources.items() if "def generate_turtle(" in text]
    assert turtle == ["kg/graph.py"]
    temp = [name for name, text in sources.items() if "mkstemp(" in text or "mkdtemp(" in text]
    # the atomic writer, and the server's throw-away store of a --graph file
    assert sorted(temp) == ["kg/atomic.py", "kg/serve/app.py"]
    assert not (KG / "export" / "_io.py").exists()


def test_structure_one_node_attribute_model():
    sources = _sources()
    computing = [name for name, text in sources.items() if "GEO.isoCode)" in text and "RDFS.label" in text]
    assert computing == ["kg/convert.py"]


def test_structure_query_is_split():
    parts = {p.stem for p in (KG / "query").glob("*.py")}
    assert {"store", "engine", "named", "formats"} <= parts
    for path in (KG / "query").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path


def test_structure_serve_page_is_static_files():
    static = KG / "serve" / "static"
    assert {p.name for p in static.iterdir()} >= {"index.html", "app.js", "app.css"}
    for path in (KG / "serve").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "addEventListener" not in text and "border-collapse" not in text, path
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno - node.lineno < 50, f"{path}:{node.name}"


def test_structure_static_files_ship_in_the_wheel():
    """Hatch packages every file under kg/: the page and the named queries travel with the code."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["kg"]' in text


def test_structure_pipeline_builds_the_store_from_memory():
    text = (KG / "pipeline.py").read_text(encoding="utf-8")
    assert "suppress(ImportError)" not in text
    assert 'write_store(graph, out / "store")' in text


def test_structure_cache_key_has_no_file_list():
    text = (KG / "cache.py").read_text(encoding="utf-8")
    assert '"resolve.py"' not in text and "_EXTRACTION_SOURCES" not in text
