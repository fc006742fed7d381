"""Shared fixtures: the real spaCy pipeline and the graph built from the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with kg's components, loaded once per session."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """Run the real `kg build` pipeline on data/ once; returns the RunReport."""
    from kg.pipeline import run
    from kg.settings import Settings

    out = tmp_path_factory.mktemp("sample-build")
    return run([DATA], out_dir=out, settings=Settings())


@pytest.fixture(scope="session")
def sample_graph_path(sample_build) -> Path:
    """Path of the Turtle graph built from the sample articles."""
    return Path(sample_build.out_dir) / "graph.ttl"


@pytest.fixture(scope="session")
def sample_graph(sample_graph_path):
    """The sample graph parsed with rdflib."""
    from kg.graph import read_graph

    return read_graph(sample_graph_path)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for test artifacts (screenshots); kept after the run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
