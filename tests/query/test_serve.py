"""kg.serve over real HTTP on 127.0.0.1 with a real SPARQL client (SPARQLWrapper) and httpx."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import uvicorn
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.graph import write_turtle
from kg.query import named_queries
from kg.serve import ServeSettings, create_app, negotiate, prepare_store, render_page

from . import _graphs as RG

pytestmark = pytest.mark.server

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNTRIES = "PREFIX geo: <https://w3id.org/geokg/ontology#> SELECT ?c WHERE { ?c a geo:Country } ORDER BY ?c"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """Serve the records graph on a free loopback port; yields the base URL."""
    graph = tmp_path_factory.mktemp("serve") / "graph.ttl"
    write_turtle(RG.make_graph(RG.XSS_SENTENCES), graph)
    settings = ServeSettings(timeout=1.5, max_rows=5, workers=1)
    with prepare_store(graph) as store_dir:
        port = _free_port()
        config = uvicorn.Config(
            create_app(store_dir, settings=settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while not server.started:
                assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(15)


def _client(base: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_serve_select_json_with_sparqlwrapper(endpoint):
    result = _client(endpoint, COUNTRIES, JSON).query()
    assert result.response.headers["Content-Type"] == "application/sparql-results+json"
    rows = [b["c"]["value"] for b in result.convert()["results"]["bindings"]]
    assert [r.rsplit("/", 1)[1] for r in rows] == ["north-korea", "russia", "ukraine", "united-states"]


@pytest.mark.parametrize(
    "fmt,content_type",
    [(XML, "application/sparql-results+xml"), (CSV, "text/csv"), (TSV, "text/tab-separated-values")],
)
def test_serve_content_negotiation(endpoint, fmt, content_type):
    result = _client(endpoint, COUNTRIES, fmt).query()
    assert result.response.headers["Content-Type"].split(";")[0] == content_type
    body = result.response.read().decode("utf-8")
    assert "united-states" in body


def test_serve_construct_turtle_and_post(endpoint):
    client = _client(endpoint, "CONSTRUCT WHERE { ?s geo:meetsWith ?o }", TURTLE)
    client.setMethod("POST")
    result = client.query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=result.response.read().decode("utf-8"), format="turtle")
    assert len(g) == 1


def test_serve_post_sparql_query_body(endpoint):
    reply = httpx.post(
        f"{endpoint}/sparql",
        content="ASK { ?s geo:condemns ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    assert reply.status_code == 200 and reply.json() == {"head": {}, "boolean": True}


def test_serve_update_refused_403(endpoint):
    client = _client(endpoint, "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", JSON)
    client.setMethod("POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403
    raw = httpx.post(
        f"{endpoint}/sparql",
        content="DELETE WHERE { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert raw.status_code == 403 and "read-only" in raw.text
    still = httpx.get(f"{endpoint}/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert still.json()["boolean"] is True


def test_serve_malformed_400_with_message(endpoint):
    with pytest.raises(QueryBadFormed):
        _client(endpoint, "SELECT ?s WHERE { ?s ?p }", JSON).query()
    reply = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert reply.status_code == 400
    assert reply.text.startswith("malformed SPARQL query at line 1, column")
    assert httpx.get(f"{endpoint}/sparql").status_code == 400


def test_serve_timeout_503_then_recovers(endpoint):
    started = time.monotonic()
    reply = httpx.get(f"{endpoint}/sparql", params={"query": SLOW}, timeout=60)
    assert reply.status_code == 503 and "timed out after 1.5 s" in reply.text
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 30  # the killed worker is replaced in the background
    while True:
        after = httpx.get(f"{endpoint}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        if after.status_code != 503 or time.monotonic() > deadline:
            break
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_serve_result_cap(endpoint):
    reply = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert reply.status_code == 200 and reply.headers["X-KG-Truncated"] == "true"
    assert len(reply.json()["results"]["bindings"]) == 5


def test_serve_cors(endpoint):
    origin = {"Origin": "http://localhost:3000"}
    reply = httpx.get(f"{endpoint}/sparql", params={"query": "ASK {}"}, headers=origin)
    assert reply.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(
        f"{endpoint}/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]


def test_serve_page_offline_and_escaped(endpoint):
    reply = httpx.get(f"{endpoint}/")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    page = reply.text
    for name in ("suppliers", "condemnations", "leaders", "evidence", "matrix", "central"):
        assert f">use {name}</button>" in page
    assert 'src="http' not in page and 'href="http' not in page and "//cdn" not in page
    assert "SELECT ?supplier ?item ?recipient" in page and "&lt;https://w3id.org" in page
    assert "default-src 'none'" in reply.headers["content-security-policy"]
    script = httpx.get(f"{endpoint}/app.js")
    assert script.status_code == 200 and "http" not in script.text and "innerHTML" not in script.text


class _Pre(HTMLParser):
    """Collect the text of every <pre> element, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def test_serve_page_escapes_every_query_string():
    parser = _Pre()
    parser.feed(render_page(ServeSettings()))
    assert parser.blocks == [q.text for q in named_queries().values()]


def test_serve_negotiate():
    assert negotiate("application/sparql-results+xml;q=0.5, text/csv", "select") == "csv"
    assert negotiate("", "ask") == "json"
    assert negotiate("application/rdf+xml", "graph") == "rdfxml"
    assert negotiate("text/csv", "graph") == "turtle"
    assert negotiate("text/csv", "select", requested="tsv") == "tsv"
    assert negotiate("image/png", "select") == "json"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")
def test_serve_page_runs_a_named_query_in_chromium(endpoint):
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(endpoint):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(f"{endpoint}/")
            page.click("button >> text=use evidence")
            text = page.input_value("#query")
            assert "VALUES ?param_object { UNDEF }" in text
            text = text.replace("?param_object { UNDEF }", '?param_object { "ukraine" }')
            page.fill("#query", text.replace("?param_subject { UNDEF }", '?param_subject { "russia" }'))
            page.click("button[type=submit]")
            page.wait_for_selector("#out table tr:nth-child(2)", timeout=15_000)
            cells = page.locator("#out table td").all_text_contents()
            assert any("<script>window.__pwned=2</script>" in c for c in cells)
            assert page.evaluate("window.__pwned") is None
            assert page.locator("#status").text_content() == "4 rows"
        finally:
            browser.close()
    assert outside == [] and errors == []
