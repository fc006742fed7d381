"""Build the rdflib graph from extracted relations, with provenance per evidence sentence.

Shape of the graph (see `ontology/geopolitics.ttl`)::

    ent:vladimir-putin a geo:Person ; rdfs:label "Vladimir Putin" ; geo:country ent:russia .
    ent:russia a geo:Country ; rdfs:label "Russia" ; geo:isoCode "RUS" .
    ent:vladimir-putin geo:visits ent:north-korea .
    stmt:1f2e... a rdf:Statement ; rdf:subject ent:vladimir-putin ; rdf:predicate geo:visits ;
        rdf:object ent:north-korea ; prov:wasDerivedFrom art:001 ; geo:sentence "..." ;
        geo:startChar 120 ; geo:endChar 260 ; geo:confidence 0.9 ; geo:rule "kg.rules.active.v1" .
    art:001 a geo:Article ; dcterms:identifier "001" ; dcterms:title "..." ; geo:mentions ent:russia .

No blank nodes are used, so Turtle output is deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .records import Article, ArticleResult, Entity, Relation
from .vocab import ART, ENT, GEO, STMT, XSD, bind

__all__ = [
    "slug",
    "entity_iri",
    "article_iri",
    "statement_iri",
    "build_graph",
    "generate_turtle",
    "write_turtle",
    "read_graph",
    "safe_url",
]

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Return a safe, readable IRI segment for a name.

    >>> slug("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    >>> slug("S-400")
    's-400'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = _NON_SLUG.sub("-", folded).strip("-")[:80].strip("-")
    if text:
        return text
    return "x-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def entity_iri(name: str) -> URIRef:
    """Return the IRI of an entity from its canonical name."""
    return ENT[slug(name)]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article; ids that are not safe slugs get a hash suffix."""
    s = slug(article_id)
    if s != article_id.lower() or s != article_id:
        s = f"{s}-{hashlib.sha1(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return ART[s]


def statement_iri(rel: Relation) -> URIRef:
    """Return a deterministic IRI for one piece of evidence of a triple."""
    key = "\x1f".join(
        (rel.evidence.article, rel.subject.name, rel.predicate, rel.object.name, str(rel.evidence.start))
    )
    return STMT[hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]]


# the control characters (Unicode category Cc) but tab and newline
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Drop characters that RDF literals cannot carry (lone surrogates, NUL, other controls)."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text
    return _CONTROLS.sub("", text)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def safe_url(url: str) -> URIRef | None:
    """Return an article's http(s) URL as a safe IRI (characters IRIs forbid are percent-encoded), or None.

    >>> safe_url('https://example.org/a b"<x>')
    rdflib.term.URIRef('https://example.org/a%20b%22%3Cx%3E')
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    from urllib.parse import quote

    url = _clean(url).strip()
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        return None
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"))


def _add_entity(g: Graph, ent: Entity, countries: dict[str, str], added: dict[str, URIRef]) -> URIRef:
    if ent.name in added:
        return added[ent.name]
    node = added[ent.name] = entity_iri(ent.name)
    if (node, RDFS.label, None) in g:
        return node  # first description wins (results arrive in a deterministic order)
    g.add((node, RDF.type, GEO[ent.type]))
    g.add((node, RDFS.label, Literal(_clean(ent.name))))
    if ent.country:
        if ent.type == "Country":
            g.add((node, GEO.isoCode, Literal(ent.country)))
        elif ent.country in countries:
            c_node = entity_iri(countries[ent.country])
            if (c_node, RDFS.label, None) not in g:
                g.add((c_node, RDF.type, GEO.Country))
                g.add((c_node, RDFS.label, Literal(countries[ent.country])))
                g.add((c_node, GEO.isoCode, Literal(ent.country)))
            g.add((node, GEO.country, c_node))
    return node


def _add_article(g: Graph, art: Article) -> URIRef:
    node = article_iri(art.id)
    g.add((node, RDF.type, GEO.Article))
    g.add((node, DCTERMS.identifier, Literal(_clean(art.id))))
    for prop, value in (
        (DCTERMS.title, art.title),
        (DCTERMS.source, art.source),
        (DCTERMS.date, art.date),
        (GEO.datelinePlace, art.place),
        (GEO.agency, art.agency),
    ):
        if value:
            g.add((node, prop, Literal(_clean(value))))
    url = safe_url(art.url)
    if url is not None:
        g.add((node, RDFS.seeAlso, url))
    return node


def _add_statement(g: Graph, rel: Relation, s: URIRef, o: URIRef, art: URIRef) -> None:
    node = statement_iri(rel)
    p = GEO[rel.predicate]
    g.add((s, p, o))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, PROV.wasDerivedFrom, art))
    g.add((node, GEO.sentence, Literal(_clean(rel.evidence.sentence))))
    g.add((node, GEO.startChar, Literal(rel.evidence.start, datatype=XSD.integer)))
    g.add((node, GEO.endChar, Literal(rel.evidence.end, datatype=XSD.integer)))
    g.add((node, GEO.confidence, Literal(Decimal(f"{rel.confidence:.3f}"), datatype=XSD.decimal)))
    g.add((node, GEO.rule, Literal(rel.rule)))


def build_graph(results: Iterable[ArticleResult], *, country_names: dict[str, str] | None = None) -> Graph:
    """Return an rdflib Graph holding entities, relations and their evidence.

    results (Iterable[ArticleResult]): per-article extraction output.
    country_names (dict[str, str]): ISO alpha-3 -> canonical country name, to link `geo:country`.
    RETURNS (Graph): the knowledge graph, prefixes bound.
    """
    g = Graph()
    bind(g)
    results = list(results)
    countries = dict(country_names or {})
    for res in results:
        for ent in (*res.entities, *(e for r in res.relations for e in (r.subject, r.object))):
            if ent.type == "Country" and ent.country:
                countries.setdefault(ent.country, ent.name)
    added: dict[str, URIRef] = {}  # entity name -> node, described already
    for res in results:
        art = _add_article(g, res.article)
        for ent in res.entities:
            g.add((art, GEO.mentions, _add_entity(g, ent, countries, added)))
        for rel in res.relations:
            s = _add_entity(g, rel.subject, countries, added)
            o = _add_entity(g, rel.object, countries, added)
            g.add((art, GEO.mentions, s))
            g.add((art, GEO.mentions, o))
            _add_statement(g, rel, s, o, art)
    return g


def generate_turtle(g: Graph) -> bytes:
    """Serialise a graph to Turtle bytes, deterministically (no blank nodes, sorted by rdflib)."""
    return g.serialize(format="turtle", encoding="utf-8")


def write_turtle(g: Graph, path: str | Path) -> Path:
    """Write Turtle atomically (temp file + rename) and return the path."""
    from .atomic import write_bytes_atomic

    return write_bytes_atomic(path, generate_turtle(g))


def read_graph(path: str | Path) -> Graph:
    """Parse an RDF file (format by suffix, Turtle by default) into an rdflib Graph with kg prefixes.

    pyoxigraph parses (fast, every format, no deprecated rdflib dataset code); a TriG or N-Quads
    file gives the union of its graphs.
    RAISES SyntaxError, ValueError, OSError: when the file cannot be read or parsed.
    """
    import pyoxigraph as ox

    path = Path(path)
    suffix = {"nquads": "nq", "json": "jsonld"}.get(path.suffix.lstrip(".").lower(), path.suffix.lstrip("."))
    fmt = ox.RdfFormat.from_extension(suffix.lower()) or ox.RdfFormat.TURTLE
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)]
    g = Graph()
    bind(g)
    if triples:
        g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g
