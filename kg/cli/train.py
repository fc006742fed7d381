"""`kg train`: train the relation model from hand annotations."""

from __future__ import annotations

from pathlib import Path

from ..errors import KgError
from ..training import DEFAULTS, train
from ._app import Opt, app, err_console, fail, out_console
from ._options import DEFAULT_MODEL

__all__ = ["train_cli"]


@app.command("train")
def train_cli(
    annotations: Path = Opt(Path("annotations"), "--annotations", help="Annotation file or folder."),
    corpus: Path = Opt(..., "--corpus", help="JSONL corpus (.jsonl or .jsonl.gz) holding the annotated ids."),
    out: Path = Opt(..., "--out", "-o", help="Folder to write the model to."),
    model: str = Opt(DEFAULT_MODEL, "--model", help="spaCy pipeline that parses the articles."),
    c: float = Opt(DEFAULTS["C"], "--C", help="Inverse L2 regularisation strength."),
    workers: int = Opt(0, "--workers", "-w", help="Processes for the fits (0: one per CPU); same model."),
) -> None:
    """Train the relation model on the 'train' annotations (never 'dev'); same inputs, same bytes."""
    try:
        for p, what in ((annotations, "annotations"), (corpus, "corpus")):
            if not p.exists():
                raise KgError(f"{what} not found: {p}")
        err_console.print(f"kg: training on {annotations} (articles from {corpus})", markup=False)
        if workers < 0:
            raise KgError("--workers must be 0 (one per CPU) or more")
        report = train(annotations, corpus, out, model=model, C=c, workers=workers or None)
    except KgError as err:
        raise fail(err) from None
    out_console.print(
        f"trained on {report.articles} articles "
        f"({report.examples} candidate pairs, {report.features} features); "
        f"{len(report.labels)} relations, {sum(t <= 1 for t in report.thresholds)} of them beside the rules; "
        f"veto {report.veto}",
        markup=False,
    )
    for source, s in report.oof.items():
        out_console.print(
            f"  out of fold, {source}: strict P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f}; "
            f"pair F1 {s['pair_F1']:.3f}",
            markup=False,
        )
    out_console.print(f"wrote {report.out}", markup=False)
