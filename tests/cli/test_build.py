"""End-to-end tests of `kg build` and `kg extract` on real files with the real model."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import _commands  # noqa: F401  (registers commands)
from kg.cli._app import app
from kg.pipeline import run
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {
    "article",
    "subject",
    "subject_type",
    "subject_country",
    "predicate",
    "object",
    "object_type",
    "object_country",
    "evidence",
    "confidence",
}
runner = CliRunner()


def test_build_turtle_parses_in_rdflib_and_pyoxigraph(sample_graph_path):
    data = sample_graph_path.read_bytes()
    g = Graph().parse(data=data, format="turtle")
    assert len(g) > 50
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_build_writes_html_and_store(sample_build):
    out = Path(sample_build.out_dir)
    assert (out / "graph.html").stat().st_size > 1000
    assert (out / "store").is_dir()
    assert sample_build.articles == 2
    assert sample_build.skipped == ()


def test_build_is_byte_identical_on_rerun(sample_graph_path, tmp_path):
    again = run([ROOT / "data"], out_dir=tmp_path, settings=Settings(), html=False, store=False)
    assert (Path(again.out_dir) / "graph.ttl").read_bytes() == sample_graph_path.read_bytes()


def test_build_keeps_provenance_queryable(sample_graph):
    rows = list(
        sample_graph.query(
            """
            PREFIX geo: <https://w3id.org/geokg/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?sentence ?conf ?id WHERE {
              ?st rdf:subject ?s ; rdf:predicate geo:leaderOf ; rdf:object ?o ;
                  geo:sentence ?sentence ; geo:confidence ?conf ; prov:wasDerivedFrom ?a .
              ?a dcterms:identifier ?id .
            }"""
        )
    )
    assert rows, "every triple keeps its evidence sentence, confidence and article"
    for sentence, conf, art_id in rows:
        assert str(sentence) and 0 <= float(conf) <= 1 and str(art_id).startswith(("000_", "001_"))


def _bad_batch(tmp_path: Path) -> Path:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(ROOT / "data" / "000_237b645d6072802c.txt", batch / "good.txt")
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (batch / "latin.txt").write_bytes(
        "Caf\xe9 talks\n\nFrance condemned the attack on Mali.".encode("cp1252")
    )
    (batch / "lines.jsonl").write_text(
        '{"id": "j1", "text": "Japan and India agreed to cooperate on defence."}\n{not json}\n{"id": "j2"}\n'
    )
    (batch / "huge.txt").write_bytes(b"a" * (21 * 1024 * 1024))
    with gzip.open(batch / "zipped.txt.gz", "wt") as fh:
        fh.write("Brazil talks\n\nBrazil signed a trade deal with Argentina.")
    return batch


def test_build_bad_files_are_reported_and_good_ones_built(tmp_path):
    batch = _bad_batch(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(batch), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    g = Graph().parse(out / "graph.ttl")
    ids = {str(o) for o in g.objects(None, __import__("rdflib").namespace.DCTERMS.identifier)}
    assert {"good", "latin", "j1", "zipped"} <= ids
    err = result.stderr if hasattr(result, "stderr") else result.output
    for name in ("empty.txt", "binary.txt", "huge.txt", "lines.jsonl:2", "lines.jsonl:3"):
        assert name in err


def test_build_nothing_readable_exits_1_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(tmp_path / "empty.txt"), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "empty.txt" in proc.stderr
    assert not (out / "graph.ttl").exists()


def test_build_usage_error_exits_2(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(ROOT / "data"), "--format", "xml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "xml" in proc.stderr


def test_build_missing_path_is_usage_error():
    result = runner.invoke(app, ["build", "/nonexistent/articles", "--quiet"])
    assert result.exit_code == 2


def test_extract_jsonl_rows_have_every_field():
    result = runner.invoke(app, ["extract", str(ROOT / "data"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert row.keys() >= FIELDS
        assert 0 <= row["confidence"] <= 1
        assert row["subject_country"] is None or len(row["subject_country"]) == 3
    keys = [(r["article"], r["subject"], r["predicate"], r["object"]) for r in rows]
    assert len(keys) == len(set(keys)), "each triple once per article"


@pytest.mark.parametrize("fmt", ["tsv", "table"])
def test_extract_other_formats(fmt):
    result = runner.invoke(app, ["extract", str(ROOT / "data"), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "leaderOf" in result.stdout


def test_extract_min_confidence_filters():
    hi = runner.invoke(app, ["extract", str(ROOT / "data"), "--min-confidence", "0.9"])
    lo = runner.invoke(app, ["extract", str(ROOT / "data"), "--min-confidence", "0"])
    n_hi, n_lo = len(hi.stdout.splitlines()), len(lo.stdout.splitlines())
    assert 0 < n_hi < n_lo
    assert all(json.loads(x)["confidence"] >= 0.9 for x in hi.stdout.splitlines())


def test_eval_scores_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"article": "t1", "s": "Japan", "p": "condemns", "o": "North Korea"})
        + "\n"
        + json.dumps({"article": "t1", "s": "Japan", "p": "meetsWith", "o": "India"})
        + "\n"
    )
    arts = tmp_path / "arts.jsonl"
    arts.write_text(json.dumps({"id": "t1", "text": "Japan condemned North Korea on Monday."}) + "\n")
    result = runner.invoke(app, ["eval", str(arts), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["strict"]["tp"] == 1 and report["strict"]["gold"] == 2
    assert report["per_predicate"]["condemns"]["R"] == 1.0
