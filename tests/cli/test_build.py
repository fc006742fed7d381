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


def test_build_files_get_the_modes_of_the_umask(tmp_path):
    """Outputs are 0644 and folders 0755 under the usual umask (not tempfile's 0600 / 0700)."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        report = run([ROOT / "data"], out_dir=tmp_path / "out", settings=Settings())
    finally:
        os.umask(old)
    out = Path(report.out_dir)
    for name in ("graph.ttl", "graph.html"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o644, name
    assert stat.S_IMODE((out / "store").stat().st_mode) == 0o755
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_build_atomic_writer_follows_a_stricter_umask(tmp_path):
    import os
    import stat

    from kg.atomic import atomic_dir, write_bytes_atomic

    old = os.umask(0o077)
    try:
        path = write_bytes_atomic(tmp_path / "a.txt", b"x")
        script = write_bytes_atomic(tmp_path / "run.sh", b"#!/bin/sh\n", executable=True)
        with atomic_dir(tmp_path / "folder") as tmp:
            (tmp / "f").write_bytes(b"y")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(script.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == 0o700


def test_build_summary_counts_distinct_triples(sample_build, sample_graph):
    """The summary counts what the graph holds, as exports and views do; evidence is its own figure."""
    from rdflib.namespace import RDF

    from kg.convert import to_networkx
    from kg.export._model import property_graph
    from kg.vocab import GEO

    counts = sample_build.predicate_counts()
    for pred, n in counts.items():
        assert n == len(set(sample_graph.subject_objects(GEO[pred]))), pred
    assert sample_build.triple_count() == to_networkx(sample_graph).number_of_edges()
    assert sample_build.triple_count() == len(property_graph(sample_graph).edges)
    assert sample_build.counts.evidence == len(set(sample_graph.subjects(RDF.type, RDF.Statement)))
    assert sample_build.counts.related == len(property_graph(sample_graph).nodes)


def test_build_summary_printed(tmp_path):
    result = runner.invoke(app, ["build", str(ROOT / "data"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stderr.split())
    assert "evidence sentences:" in text and "in a relation)" in text
    report = run([ROOT / "data"], out_dir=tmp_path / "again", settings=Settings(), html=False, store=False)
    assert f"triples: {report.triple_count()} " in text


def test_build_moves_triples_that_break_the_shapes_to_review(tmp_path):
    """A person made the subject of memberOf by a typo'd gazetteer type lands in review.ttl, with why."""
    from rdflib import Graph as RGraph
    from rdflib.namespace import RDFS

    from kg.graph import build_graph
    from kg.pipeline import _review
    from kg.records import Article, ArticleResult, Entity, Evidence, Relation
    from kg.validate import split_graph, validate_graph
    from kg.vocab import GEO

    art = Article("x1", "Oil joined NATO. Russia attacked Ukraine.")
    oil, nato = Entity("oil", "Item"), Entity("NATO", "Organization")
    russia, ukraine = Entity("Russia", "Country", "RUS"), Entity("Ukraine", "Country", "UKR")
    rels = (
        Relation(oil, "memberOf", nato, Evidence("x1", "Oil joined NATO.", 0, 16), 0.9, "test"),
        Relation(russia, "attacks", ukraine, Evidence("x1", "Russia attacked Ukraine.", 17, 41), 0.9, "test"),
    )
    split = split_graph(build_graph([ArticleResult(art, (oil, nato, russia, ukraine), rels)]))
    assert validate_graph(split.conforming).conforms
    moved, path = _review(split.review, tmp_path)
    assert moved == 1 and path == str(tmp_path / "review.ttl")
    review = RGraph().parse(path)
    assert any(review.triples((None, GEO.memberOf, None)))
    reasons = {str(o) for o in review.objects(None, RDFS.comment)}
    assert "SHACL: The subject of geo:memberOf must be a geo:Country or geo:Person." in reasons
    assert any(split.conforming.triples((None, GEO.attacks, None)))
    _review(RGraph(), tmp_path)  # a later build with nothing to review removes the stale file
    assert not (tmp_path / "review.ttl").exists()


def test_build_store_from_the_graph_in_memory(tmp_path):
    """The store holds the graph built in memory: the same triples as graph.ttl, no re-read needed."""
    report = run([ROOT / "data"], out_dir=tmp_path, settings=Settings(), html=False)
    store = pyoxigraph.Store.read_only(str(tmp_path / "store"))
    in_store = len(list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())))
    assert in_store == len(Graph().parse(tmp_path / "graph.ttl"))
    assert report.outputs["store"] == str(tmp_path / "store")


def test_build_store_import_error_is_not_swallowed(tmp_path, monkeypatch):
    """A broken install (pyoxigraph missing) fails the build instead of silently skipping the store."""
    import builtins

    real_import = builtins.__import__

    def no_store(name, *args, **kwargs):
        if name == "query" and args and args[2] and "write_store" in args[2]:
            raise ImportError("no pyoxigraph")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_store)
    with pytest.raises(ImportError):
        run([ROOT / "data"], out_dir=tmp_path, settings=Settings(), html=False)


def test_extract_table_keeps_full_ids_and_shows_evidence():
    result = runner.invoke(app, ["extract", str(ROOT / "data"), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "001_b81149d785273360" in result.stdout.splitlines()
    assert '"Russian President Vladimir Putin arrived in North Korea' in result.stdout
