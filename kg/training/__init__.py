""":mod:`kg.training`: train the relation model from hand annotations (`kg train`).

`train(annotations, corpus, out)` reads the `train` annotation files (never `dev` or `double`),
the articles they name from a JSONL corpus, parses and resolves them with kg's own pipeline,
turns every candidate pair into an example (`kg.training.examples`), fits one logistic
classifier per relation (`kg.training.fit`), calibrates it and chooses the threshold and veto
on out-of-fold scores of the training articles (`kg.training.tune`), and writes the model folder.
The same annotations, corpus and spaCy model give byte-identical model files (lbfgs has no
randomness).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..annotations import GoldTriple, check_offsets, load_annotations, make_folder
from ..errors import InputError
from ..relations.features import FEATURES_NAME
from ..relations.model import LinearRelationModel
from ..settings import DEFAULT_MODEL
from .corpus import read_selected
from .examples import ArticleExamples, prepare
from .fit import design, fit_all, labels_of, softmax_probs, temperature
from .tune import Scorer, Triples, ablation, choose

__all__ = ["TrainReport", "train", "fit_model", "DEFAULTS"]

DEFAULTS = {
    "C": 1.0,  # inverse L2 strength of the logistic regression
    "min_count": 2,
    "min_positives": 3,
    "folds": 5,
    "prune": 1e-3,
    "dense_scale": 0.1,
}


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What `train` did and how well the chosen setting scored out of fold on the training articles."""

    out: str
    articles: int
    examples: int
    features: int
    labels: tuple[str, ...]
    positives: dict[str, int]
    thresholds: tuple[float, ...]
    veto: float
    oof: dict[str, dict[str, float]]


def _gold(files) -> tuple[list[str], dict[str, list[GoldTriple]], str]:
    """Training articles, their gold and a digest of the annotations used. An article of the
    development set is never trained on, even if a `train` file lists it; a second annotation
    (`double`) is never read here, and does not hold out the training article it annotates again."""
    held_out = {a for f in files if f.split == "dev" for a in f.articles}
    ids: set[str] = set()
    gold: dict[str, list[GoldTriple]] = {}
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.path):
        if f.split != "train":
            continue
        for a in f.articles:
            if a not in held_out:
                ids.add(a)
        for t in f.triples:
            if t.article not in held_out:
                gold.setdefault(t.article, []).append(t)
                digest.update(repr(t.as_gold()).encode() + repr(t.evidence).encode())
    return sorted(ids), gold, digest.hexdigest()


def train(
    annotations: str | Path,
    corpus: str | Path,
    out: str | Path,
    *,
    model: str = DEFAULT_MODEL,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    **options: float,
) -> TrainReport:
    """Train the relation model and write it to `out` (a folder).

    annotations (str | Path): an annotation file or folder (`kg.annotations` format).
    corpus (str | Path): the JSONL corpus (`.jsonl` or `.jsonl.gz`) the annotated ids come from.
    model (str): the spaCy pipeline that parses the articles (the one kg will extract with).
    workers (int | None): processes for the six logistic fits (default: one per CPU; same model).
    options: C, min_count, min_positives, folds, prune, dense_scale (see DEFAULTS).
    RAISES InputError: for invalid annotations, missing articles or offsets outside an article.
    """
    opt = {**DEFAULTS, **options}
    files = load_annotations(annotations)
    ids, gold, digest = _gold(files)
    if not ids:
        raise InputError(str(annotations), "no 'train' annotations found")
    texts = read_selected(corpus, ids)
    missing = [i for i in ids if i not in texts]
    if missing:
        raise InputError(
            str(corpus), f"{len(missing)} annotated articles are not in the corpus, e.g. {missing[0]}"
        )
    problems = check_offsets([f for f in files if f.split == "train"], {i: a.text for i, a in texts.items()})
    if problems:
        raise InputError(problems[0].split(": ", 1)[0], problems[0].split(": ", 1)[-1])
    canon = make_folder()
    arts = prepare([texts[i] for i in ids], gold, canon, model=model, progress=progress)
    m, oof = fit_model(arts, canon, opt, spacy_model=model, annotations_sha256=digest, workers=workers)
    m.save(out)
    return TrainReport(
        str(out),
        len(ids),
        m.meta["trained_on"]["examples"],
        len(m.features),
        m.labels,
        m.meta["trained_on"]["positives"],
        m.thresholds,
        m.veto,
        oof,
    )


def fit_model(
    arts: list[ArticleExamples],
    canon: Callable[[str], str],
    opt: dict[str, float],
    *,
    spacy_model: str = DEFAULT_MODEL,
    annotations_sha256: str = "",
    workers: int | None = None,
) -> tuple[LinearRelationModel, dict[str, dict[str, float]]]:
    """Fit, calibrate and tune a model on prepared articles; returns it and its out-of-fold ablation.
    The fits run in `workers` processes (default: one per CPU); the model is the same for any number."""
    examples = [ex for a in arts for ex in a.examples]
    labels = labels_of(examples, int(opt["min_positives"]))
    scale, C = float(opt["dense_scale"]), float(opt["C"])
    d = design(examples, labels, min_count=int(opt["min_count"]), dense_scale=scale)
    z, weights = fit_all(d, [ex.article for ex in examples], folds=int(opt["folds"]), C=C, workers=workers)
    temp = temperature(z, d)
    probs = softmax_probs(z, d.allowed, temp)[:, 1:]
    per_article, k = [], 0
    for a in arts:
        per_article.append(probs[k : k + len(a.examples)])
        k += len(a.examples)
    triples = Triples(arts, per_article, labels, canon)
    both, alone = choose(triples, Scorer(arts, canon), len(labels))
    n_sparse = len(d.vocab)
    keep = np.flatnonzero(np.abs(weights[:n_sparse]).max(axis=1) >= opt["prune"])
    names = sorted(d.vocab, key=d.vocab.__getitem__)
    vocab = {names[i]: n for n, i in enumerate(keep)}
    final = np.vstack([weights[keep], weights[n_sparse:-1], weights[-1:]])
    counts = Counter(lab for ex in examples for lab in ex.positive if lab in labels)
    oof = ablation(arts, triples, canon, both, alone)
    meta = {
        "features": FEATURES_NAME,
        "spacy_model": spacy_model,
        "options": {k: opt[k] for k in sorted(opt)},
        "trained_on": {
            "articles": len(arts),
            "examples": len(examples),
            "positives": {lab: counts[lab] for lab in labels},
            "annotations_sha256": annotations_sha256,
        },
        "out_of_fold": oof,
    }
    model = LinearRelationModel(
        labels,
        vocab,
        final.astype(np.float32),
        temp,
        both.thresholds,
        alone.thresholds,
        both.veto,
        d.dense,
        scale,
        meta,
    )
    return model, oof
