"""Hostile input never crashes kg and always yields Turtle that rdflib and pyoxigraph both parse.

Property-based (hypothesis): arbitrary Unicode with control characters, huge tokens, right-to-left
text, emoji and lone surrogates goes through JSONL ingest, the real spaCy pipeline and the graph
builder; records built directly from such strings go through `kg.graph`. Each example runs the
real pipeline, so the runs are kept small (the loaded pipeline is shared by every example).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from kg.gazetteer import load_gazetteer
from kg.graph import build_graph, generate_turtle
from kg.pipeline import extract
from kg.records import Article, ArticleResult, Entity, Evidence, Relation, Skipped
from kg.settings import Settings

# An absolute IRI with no character that Turtle's IRIREF forbids (RFC 3987 syntax, loosely).
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+$")
_RUNS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_SPECIAL = [
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",  # Arabic
    "שלום עולם",  # Hebrew
    "🇺🇦🇷🇺 👨\u200d👩\u200d👧",  # flags and a ZWJ sequence
    "\x00\x01\x07\x1b[31m\x7f",  # C0 controls, an ANSI escape, DEL
    "\u2028\u2029\ufeff\u200b",  # line/paragraph separators, BOM, zero width space
    "<script>alert(1)</script> & \"q\" 'a' `b` {c} |d| ^e \\f",
    "a\u0301 ﬁ İ ß ǅ",  # combining marks and case-folding oddities
    "\r\n\r\n\t\t",
]


@st.composite
def _sentences(draw) -> str:
    """Sentences about gazetteer names (read at run time), so extraction has something to find."""
    names = sorted({e.name for e in load_gazetteer().entries if e.type in {"Country", "Organization"}})
    a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
    verb = draw(
        st.sampled_from(["visited", "met", "imposed sanctions on", "supplied weapons to", "criticised"])
    )
    return f"{a} {verb} {b}."


_fragment = st.one_of(
    st.text(max_size=40),
    st.sampled_from(_SPECIAL),
    st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3),  # lone surrogates
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=5),
    st.integers(2_000, 10_000).map(lambda n: "Q" * n),  # one huge token
    st.integers(200, 2_000).map(lambda n: "🙂" * n),
    _sentences(),
    _sentences(),
)
_hostile = st.lists(_fragment, min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from([" ", "\n\n", "", "\n"]).map(lambda sep: sep.join(parts))
)
_record = st.fixed_dictionaries(
    {"id": st.one_of(st.text(min_size=1, max_size=30), st.integers(), _hostile), "text": _hostile},
    optional={"title": _hostile, "source": _hostile, "date": st.text(max_size=20), "url": _hostile},
)


def _check_turtle(g: Graph) -> None:
    """Serialise; both parsers accept it, with the same triple count; every IRI is valid."""
    data = generate_turtle(g)
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(g)
    parsed = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(g)
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                assert _IRI.match(str(term)), repr(str(term))


@pytest.mark.filterwarnings("ignore::UserWarning")
@_RUNS
@given(records=st.lists(_record, min_size=1, max_size=3))
def test_hardening_hostile_jsonl_builds_valid_turtle(nlp, records):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.jsonl"
        lines = [json.dumps(r, ensure_ascii=True).encode("ascii") for r in records]
        # the same records written raw: lone surrogates make the line invalid UTF-8
        lines += [json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass") for r in records]
        path.write_bytes(b"\n".join(lines) + b"\n")
        results, skipped = extract([path], Settings())
    assert all(isinstance(s, Skipped) and s.line is not None for s in skipped)
    assert len(results) + len(skipped) >= len(records)
    event("relations extracted" if any(r.relations for r in results) else "no relation")
    _check_turtle(build_graph(results))


_types = st.sampled_from(["Country", "Person", "Organization", "City", "Item", "Bloc"])
_predicates = st.sampled_from(["visits", "sanctions", "meetsWith", "supplies", "leaderOf", "locatedIn"])
_text = st.one_of(_hostile, st.text(min_size=1))


@st.composite
def _results(draw) -> list[ArticleResult]:
    out = []
    for i in range(draw(st.integers(1, 3))):
        art = Article(
            id=draw(_text),
            text=draw(_text),
            title=draw(_text),
            source=draw(_text),
            date=draw(_text),
            url=draw(_text),
            place=draw(_text),
            agency=draw(_text),
        )
        ents = [Entity(draw(_text), draw(_types), draw(st.none() | st.text(max_size=3))) for _ in range(3)]
        rels = tuple(
            Relation(
                draw(st.sampled_from(ents)),
                draw(_predicates),
                draw(st.sampled_from(ents)),
                Evidence(art.id, draw(_text), i, i + 10),
                draw(st.floats(0, 1)),
                draw(_text),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        out.append(ArticleResult(art, tuple(ents), rels))
    return out


@_RUNS
@given(results=_results())
def test_hardening_graph_from_hostile_records_is_valid_turtle(results):
    _check_turtle(build_graph(results))
