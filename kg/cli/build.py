"""`kg build`: articles in, knowledge graph out (Turtle, HTML view, SPARQL store)."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from ..errors import KgError
from ..pipeline import RunReport, run
from ._app import Arg, Opt, app, err_console, fail
from ._options import DEFAULT_MODEL, DEFAULT_SOURCE, check_paths, report_skip, settings_from
from ._progress import article_progress

__all__ = ["build_cli", "print_summary"]


def print_summary(report: RunReport) -> None:
    """Print the end-of-run summary: articles, entities, distinct triples per predicate, skipped files.

    The numbers are those of the graph written, counted as `kg export` and the views count them:
    one per distinct (subject, predicate, object); the evidence sentences behind them are a
    separate figure.
    """
    counts = report.counts
    table = Table(title="kg build", show_header=True, header_style="bold")
    table.add_column("predicate")
    table.add_column("triples", justify="right")
    for pred, n in report.predicate_counts().items():
        table.add_row(pred, str(n))
    err_console.print(table)
    err_console.print(
        f"articles: {report.articles}  entities: {counts.entities} ({counts.related} in a relation)  "
        f"triples: {report.triple_count()}  evidence sentences: {counts.evidence}  "
        f"skipped files: {len(report.skipped)}",
        markup=False,
    )
    for s in report.skipped:
        err_console.print(f"  skipped {s}", markup=False)
    if report.review:
        err_console.print(
            f"  {report.review} triple(s) that break the shapes moved to {report.outputs.get('review')}",
            markup=False,
        )
    for name, path in report.outputs.items():
        err_console.print(f"  wrote {name}: {path}", markup=False)


@app.command("build")
def build_cli(
    paths: list[Path] = Arg(None, help="Files or folders of articles (default: data/)."),
    out: Path = Opt(Path("output"), "--out", "-o", help="Output folder."),
    model: str = Opt(DEFAULT_MODEL, "--model", help="Installed spaCy pipeline package."),
    min_confidence: float = Opt(0.0, "--min-confidence", help="Drop triples below this confidence."),
    workers: int = Opt(1, "--workers", "-w", help="Worker processes for extraction."),
    source: str = Opt(DEFAULT_SOURCE, "--source", help="What extracts relations: rules, model or both."),
    relation_model: Path = Opt(None, "--relation-model", help="Model folder from 'kg train'."),
    executor: str = Opt("local", "--executor", help="local or dask."),
    scheduler: str = Opt(None, "--scheduler", help="Dask scheduler address (with --executor dask)."),
    cache: Path = Opt(None, "--cache", help="Extraction cache folder (default: OUT/.cache)."),
    no_cache: bool = Opt(False, "--no-cache", help="Do not read or write the extraction cache."),
    validate: bool = Opt(False, "--validate", hidden=True, help="Always on: kept for old scripts."),
    infer: bool = Opt(
        False, "--infer", help="Materialise symmetric/inverse properties and superclasses (OWL RL)."
    ),
    quiet: bool = Opt(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Build the knowledge graph: OUT/graph.ttl, OUT/graph.html and OUT/store/.

    Triples that break the SHACL shapes go to OUT/review.ttl with the reason. Exit 0 when a graph
    was built, 1 when no article could be read, 2 for a usage error or a missing path.
    """
    try:
        paths = check_paths(paths or [Path("data")])
        settings = settings_from(
            model=model,
            min_confidence=min_confidence,
            workers=workers,
            source=source,
            relation_model=str(relation_model) if relation_model else None,
            executor=executor,
            scheduler=scheduler,
            cache_dir=None if no_cache else str(cache or out / ".cache"),
        )
        with article_progress(enabled=not quiet) as progress:
            report = run(
                paths,
                out_dir=out,
                settings=settings,
                progress=progress,
                on_skip=report_skip,
                infer=infer,
            )
    except KgError as err:
        raise fail(err) from None
    if not quiet:
        print_summary(report)
