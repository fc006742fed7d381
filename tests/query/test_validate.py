"""kg.validate: SHACL checks with evidence sentences, the build split, and `kg validate`."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

from kg.graph import article_iri, entity_iri, write_turtle
from kg.validate import PROVENANCE_SHAPE, format_violation, split_conforming, split_graph, validate_graph
from kg.vocab import GEO

from . import _graphs as RG

BAD_SENTENCE = "Munitions now lead Russia, the report said."
BAD = (("a3", 0, BAD_SENTENCE, [("munitions", "leaderOf", "RUS")]),)


def _cli(*args: str):
    import kg.cli.query  # noqa: F401  (registers the commands; with one only, typer drops its name)
    import kg.cli.serve  # noqa: F401
    import kg.cli.validate  # noqa: F401
    from kg.cli._app import app

    return CliRunner().invoke(app, list(args))


def test_validate_records_graph_conforms():
    report = validate_graph(RG.make_graph())
    assert report.conforms and report.violations == ()


def test_validate_bad_triple_reported_with_its_sentence():
    report = validate_graph(RG.make_graph(BAD))
    assert not report.conforms
    bad = (str(entity_iri("munitions")), str(GEO.leaderOf), str(entity_iri("Russia")))
    about = [v for v in report.violations if bad in v.triples]
    assert about and all(v.evidence == (("a3", BAD_SENTENCE),) for v in about)
    assert any("must be a geo:Person" in v.message for v in about)
    text = format_violation(about[0])
    assert text.startswith("ent:munitions geo:leaderOf ent:russia: ")
    assert f'evidence [a3]: "{BAD_SENTENCE}"' in text


def test_validate_relation_without_provenance():
    g = RG.make_graph()
    g.add((entity_iri("Russia"), GEO.tradesWith, entity_iri("North Korea")))
    report = validate_graph(g)
    assert [v.shape for v in report.violations] == [str(PROVENANCE_SHAPE)]
    assert report.violations[0].triples == (
        (str(entity_iri("Russia")), str(GEO.tradesWith), str(entity_iri("North Korea"))),
    )


def test_validate_split_moves_bad_triple_to_review():
    g = RG.make_graph(BAD)
    bad = (entity_iri("munitions"), GEO.leaderOf, entity_iri("Russia"))
    split = split_graph(g)
    assert bad in split.review and bad not in split.conforming
    assert (None, GEO.sentence, Literal(BAD_SENTENCE)) in split.review
    assert (None, GEO.sentence, Literal(BAD_SENTENCE)) not in split.conforming
    assert split.final.conforms and not split.report.conforms
    assert len(split.conforming) + len(split.review) - len(
        list(split.review.triples((None, RDFS.comment, None)))
    ) == len(g)
    kept_new = set(split.conforming) - set(RG.make_graph())
    assert kept_new and {s for s, _, _ in kept_new} == {article_iri("a3")}  # the article itself stays
    conforming, review = split_conforming(g)
    assert set(conforming) == set(split.conforming) and set(review) == set(split.review)


def test_validate_split_in_place_gives_the_same_split_without_a_copy():
    copied = split_graph(RG.make_graph(BAD))
    g = RG.make_graph(BAD)
    split = split_graph(g, in_place=True)
    assert split.conforming is g
    assert set(split.conforming) == set(copied.conforming) and set(split.review) == set(copied.review)


def test_validate_split_quarantines_a_malformed_entity():
    g = RG.make_graph()
    kim = entity_iri("Kim Jong Un")
    g.remove((kim, RDFS.label, None))
    split = split_graph(g)
    assert split.final.conforms
    assert not list(split.conforming.triples((kim, None, None)))
    assert not list(split.conforming.triples((None, None, kim)))
    assert (entity_iri("Vladimir Putin"), GEO.meetsWith, kim) in split.review
    assert not list(split.conforming.triples((None, RDF.object, kim)))


def test_validate_split_of_a_conforming_graph_keeps_everything():
    g = RG.make_graph()
    split = split_graph(g)
    assert set(split.conforming) == set(g) and len(split.review) == 0


def test_validate_cli_exit_codes(tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    write_turtle(RG.make_graph(), good)
    write_turtle(RG.make_graph(BAD), bad)
    out = _cli("validate", "--graph", str(good))
    assert out.exit_code == 0 and "conforms" in out.stdout
    out = _cli("validate", "--graph", str(bad))
    assert out.exit_code == 1
    assert BAD_SENTENCE in out.stdout and "violation(s)" in out.stdout
    out = _cli("validate", "--graph", str(tmp_path / "none.ttl"))
    assert out.exit_code == 2 and out.stderr.startswith("kg: error: graph file not found")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    out = _cli("validate", "--graph", str(broken))
    assert out.exit_code == 1 and "broken.ttl: cannot parse the graph" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_validate_sample_graph(sample_graph):
    """The extracted sample graph conforms; if it does not, every violation names its evidence."""
    report = validate_graph(sample_graph)
    for violation in report.violations:
        if violation.triples:
            assert violation.evidence or violation.shape == str(PROVENANCE_SHAPE), format_violation(violation)
    if not report.conforms:
        pytest.fail(
            "sample graph violates the shapes:\n" + "\n".join(map(format_violation, report.violations))
        )


def test_validate_unknown_class_is_a_violation():
    g = RG.make_graph()
    g.add((URIRef(str(entity_iri("oil"))), RDF.type, GEO.Person))  # oil is now also a Person: allowed
    assert validate_graph(g).conforms
    g.remove((entity_iri("oil"), RDF.type, None))
    report = validate_graph(g)
    assert any(v.focus == str(entity_iri("oil")) for v in report.violations)


def _broken_graph():
    """The records graph with one of each kind of mistake the shapes catch."""
    from decimal import Decimal

    from rdflib.namespace import DCTERMS, PROV, XSD

    from kg.vocab import STMT

    g = RG.make_graph(BAD)
    russia, kim, putin = entity_iri("Russia"), entity_iri("Kim Jong Un"), entity_iri("Vladimir Putin")
    g.add((russia, GEO.tradesWith, entity_iri("North Korea")))  # no provenance
    g.remove((kim, RDFS.label, None))  # no label
    g.add((putin, RDFS.label, Literal("Putin")))  # two labels
    g.add((entity_iri("oil"), RDFS.label, Literal("oil", lang="en")))  # two, one not xsd:string
    g.set((russia, GEO.isoCode, Literal("ru")))  # bad code
    g.add((putin, GEO.isoCode, Literal("XXX")))  # on a person
    g.add((putin, GEO.country, entity_iri("oil")))  # not a country, and a second one
    ghost = URIRef("https://example.org/ghost")
    g.add((ghost, RDF.type, RDFS.Resource))
    g.add((article_iri("a1"), GEO.mentions, ghost))  # mentioned, no label, no entity class
    st = STMT["broken"]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, putin))
    g.add((st, RDF.predicate, URIRef(str(GEO._NS) + "hates")))
    g.add((st, RDF.object, kim))
    g.add((st, GEO.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal)))
    g.add((st, GEO.startChar, Literal(90, datatype=XSD.integer)))
    g.add((st, GEO.endChar, Literal(10, datatype=XSD.integer)))
    g.add((st, GEO.sentence, Literal("  ")))
    g.add((st, GEO.rule, Literal("r", lang="en")))
    g.add((st, PROV.wasDerivedFrom, entity_iri("oil")))
    bare = article_iri("bare")
    g.add((bare, RDF.type, GEO.Article))  # no identifier
    g.add((bare, RDFS.seeAlso, Literal("https://example.org/a")))  # a literal, not an IRI
    g.add((article_iri("a2"), DCTERMS.identifier, Literal("second id")))
    return g


def test_validate_same_findings_as_pyshacl():
    """The compiled shapes find exactly what pyshacl finds, mistake for mistake."""
    from kg.validate import pyshacl_violations

    g = _broken_graph()
    ours = {(v.focus, v.path, v.value, v.message) for v in validate_graph(g).violations}
    reference = pyshacl_violations(g)
    assert len(reference) >= 20
    assert ours == reference, (sorted(ours - reference), sorted(reference - ours))


def test_validate_same_findings_as_pyshacl_on_the_sample_graph(sample_graph):
    from kg.validate import pyshacl_violations

    ours = {(v.focus, v.path, v.value, v.message) for v in validate_graph(sample_graph).violations}
    assert ours == pyshacl_violations(sample_graph)
