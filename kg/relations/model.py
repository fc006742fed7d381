""":mod:`kg.relations.model`: the trained relation model, how it scores candidates and how its
triples combine with the rules'.

The model is a multinomial logistic regression (a linear softmax) over the features of a
candidate pair (`kg.relations.features`: sparse indicator features and the pipeline's dense token
vectors). Its classes are "no relation" and each relation it was trained on; only the relations
whose domain and range admit the pair's entity classes compete with "no relation", and a
temperature fitted on held-out folds calibrates the probabilities. It ships as three files in a
folder: `meta.json` (labels, temperature, threshold, veto, dense width and scale, training record),
`features.txt` (the sparse feature vocabulary, one per line) and `weights.npy` (float32, one column
for "no relation" then one per label: a row per sparse feature, a row per dense dimension, the
biases). Loading needs numpy only; training (`kg.training`) needs scikit-learn.

Its architecture is registered with spaCy as `kg.RelationLinear.v1` (see `kg.relations.component`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ..errors import ConfigError
from ..ontology import symmetric
from ..records import Article, Evidence, Relation
from ..resources import data_file
from .candidates import Candidate, allowed_labels

__all__ = [
    "ARCHITECTURE",
    "MODEL_RULE",
    "LinearRelationModel",
    "load_model",
    "default_model_path",
    "model_fingerprint",
    "ScoredCandidate",
]

ARCHITECTURE = "kg.RelationLinear.v1"
MODEL_RULE = "kg.model.linear.v1"  # the rule id of the model's triples
_FILES = ("meta.json", "features.txt", "weights.npy")
_OWN_KEYS = frozenset(
    {"labels", "temperature", "thresholds", "model_thresholds", "veto", "dense", "dense_scale"}
)


@dataclass(frozen=True)
class LinearRelationModel:
    """A trained model: labels, feature index, weights, temperature, threshold and veto.

    weights (np.ndarray): (n_features + dense + 1, 1 + n_labels); column 0 is "no relation", the
        last row the biases.
    temperature (float): calibration, p = softmax(z / temperature) over the allowed classes.
    thresholds (tuple[float, ...]): per label, the probability from which the model adds a triple to
        the rules' (source "both"); above 1 for a relation left to the rules.
    model_thresholds (tuple[float, ...]): per label, the same for the model alone (source "model").
    veto (float): a rule triple whose candidate the model scores below this is dropped.
    """

    labels: tuple[str, ...]
    features: dict[str, int]
    weights: np.ndarray
    temperature: float
    thresholds: tuple[float, ...]
    model_thresholds: tuple[float, ...]
    veto: float
    dense: int = 0  # width of the dense block (0: none)
    dense_scale: float = 0.0
    meta: dict = field(default_factory=dict)

    def decision(self, feature_lists: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Raw scores z (n_candidates x (1 + n_labels)) of sparse feature strings and dense vectors."""
        n = len(feature_lists)
        out = np.tile(self.weights[-1], (n, 1)).astype(np.float64)
        index = self.features
        rows: list[int] = []  # the rows with known features, and where each one's ids start
        starts: list[int] = []
        flat: list[int] = []
        for row, feats in enumerate(feature_lists):
            ids = [i for f in feats if (i := index.get(f)) is not None]
            if ids:
                rows.append(row)
                starts.append(len(flat))
                flat.extend(ids)
        if rows:  # one gather and one segmented sum for all rows (the same sums, row by row)
            out[rows] += np.add.reduceat(self.weights[flat], starts, axis=0)
        if self.dense and dense is not None and n:
            start = len(index)
            block = self.weights[start : start + self.dense].astype(np.float64)
            out += (np.asarray(dense, dtype=np.float64)[:, : self.dense] * self.dense_scale) @ block
        return out

    def probabilities(
        self,
        feature_lists: Sequence[Sequence[str]],
        dense: np.ndarray | None = None,
        allowed: np.ndarray | None = None,
    ) -> np.ndarray:
        """Calibrated label probabilities (n_candidates x n_labels); `allowed` (a boolean
        n_candidates x n_labels mask) keeps the other labels out of the softmax."""
        z = self.decision(feature_lists, dense) / self.temperature
        if allowed is not None:
            z[:, 1:] = np.where(allowed, z[:, 1:], -np.inf)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True))[:, 1:]

    def save(self, folder: str | Path) -> Path:
        """Write the model's three files (byte-identical for the same model)."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.__getitem__)
        meta = {
            **self.meta,
            "architecture": ARCHITECTURE,
            "labels": list(self.labels),
            "temperature": round(float(self.temperature), 6),
            "thresholds": dict(zip(self.labels, self.thresholds, strict=True)),
            "model_thresholds": dict(zip(self.labels, self.model_thresholds, strict=True)),
            "veto": self.veto,
            "dense": self.dense,
            "dense_scale": self.dense_scale,
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        (out / "features.txt").write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
        with open(out / "weights.npy", "wb") as fh:
            np.save(fh, self.weights.astype(np.float32), allow_pickle=False)
        return out

    @classmethod
    def load(cls, folder: str | Path) -> LinearRelationModel:
        """Read a model folder written by `save`.

        RAISES ConfigError: when a file is missing or does not fit the others.
        """
        root = Path(folder)
        missing = [f for f in _FILES if not (root / f).is_file()]
        if missing:
            raise ConfigError(f"{root}: not a kg relation model (missing {', '.join(missing)})")
        try:
            meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
            names = (root / "features.txt").read_text(encoding="utf-8").splitlines()
            weights = np.load(root / "weights.npy", allow_pickle=False)
        except (OSError, ValueError) as err:
            raise ConfigError(f"{root}: cannot read the relation model: {err}") from None
        if not isinstance(meta, dict) or not all(
            k in meta for k in ("labels", "thresholds", "model_thresholds", "veto")
        ):
            raise ConfigError(f"{root}: meta.json lacks labels, thresholds, model_thresholds or veto")
        if meta.get("architecture") != ARCHITECTURE:
            raise ConfigError(f"{root}: unknown model architecture {meta.get('architecture')!r}")
        labels = tuple(meta["labels"])
        dense = int(meta.get("dense", 0))
        if weights.shape != (len(names) + dense + 1, len(labels) + 1):
            raise ConfigError(
                f"{root}: weights {weights.shape} do not fit {len(names)} features, {dense} dense "
                f"and {len(labels)} labels"
            )
        return cls(
            labels=labels,
            features={n: i for i, n in enumerate(names)},
            weights=weights.astype(np.float32),
            temperature=float(meta.get("temperature", 1.0)),
            thresholds=tuple(float(meta["thresholds"][lab]) for lab in labels),
            model_thresholds=tuple(float(meta["model_thresholds"][lab]) for lab in labels),
            veto=float(meta["veto"]),
            dense=dense,
            dense_scale=float(meta.get("dense_scale", 0.0)),
            meta={k: v for k, v in meta.items() if k not in _OWN_KEYS},
        )


def default_model_path() -> Path:
    """The model that ships with kg (`kg/data/relation_model/`)."""
    return data_file("relation_model")


@cache
def load_model(path: str | None = None) -> LinearRelationModel:
    """Load (and cache) a relation model folder; the shipped one by default."""
    return LinearRelationModel.load(path or default_model_path())


def model_fingerprint(path: str | Path | None = None) -> str:
    """SHA-256 of a model folder's files, for the extraction cache key ("none" when absent)."""
    root = Path(path) if path else default_model_path()
    h = hashlib.sha256()
    for name in _FILES:
        f = root / name
        if not f.is_file():
            return "none"
        h.update(name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class ScoredCandidate:
    """A candidate with the model's calibrated probability for each label."""

    candidate: Candidate
    probs: dict[str, float]


def score_candidates(
    model: LinearRelationModel,
    cands: Sequence[Candidate],
    feature_lists: Sequence[Sequence[str]],
    dense: np.ndarray | None = None,
) -> list[ScoredCandidate]:
    """Calibrated probabilities of the labels each candidate's entity classes allow."""
    if not cands:
        return []
    allowed = [allowed_labels(c.a.entity.type, c.b.entity.type) for c in cands]
    mask = allowed_mask(model.labels, allowed)
    probs = model.probabilities(feature_lists, dense, mask)
    labels = model.labels
    return [
        ScoredCandidate(cand, {lab: p for lab, p, a in zip(labels, row, ok, strict=True) if a})
        for cand, row, ok in zip(cands, probs.tolist(), mask.tolist(), strict=True)
    ]


def allowed_mask(labels: Sequence[str], allowed: Sequence[Sequence[str]]) -> np.ndarray:
    """Boolean (n_candidates x n_labels) mask of the labels each candidate admits."""
    rows: dict[tuple[str, ...], list[bool]] = {}  # candidates share a few label sets
    for labs in allowed:
        key = tuple(labs)
        if key not in rows:
            rows[key] = [lab in key for lab in labels]
    if not allowed:
        return np.zeros((0, len(labels)), dtype=bool)
    return np.array([rows[tuple(labs)] for labs in allowed], dtype=bool)


def _evidence(doc: Doc, article: Article, cand: Candidate) -> Evidence:
    sent = doc[cand.sent_start : cand.sent_end]
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    start = sent.start_char + lead
    return Evidence(article.id, body, start, start + len(body))


def model_relations(
    doc: Doc,
    article: Article,
    scored: Iterable[ScoredCandidate],
    thresholds: dict[str, float],
    modality_of,
) -> list[Relation]:
    """The model's triples: each label at or above its threshold, symmetric ones stored one way round."""
    sym = symmetric()
    out: dict[tuple[str, str, str, int], Relation] = {}
    for sc in scored:
        cand = sc.candidate
        for label, p in sc.probs.items():
            if p < thresholds.get(label, 2.0):
                continue
            s, o = cand.a.entity, cand.b.entity
            if label in sym and o.name < s.name:
                s, o = o, s
            ev = _evidence(doc, article, cand)
            key = (s.name, label, o.name, ev.start)
            if key in out and out[key].confidence >= p:
                continue
            out[key] = Relation(s, label, o, ev, round(p, 3), MODEL_RULE, modality_of(doc[cand.lca]))
    return list(out.values())


def veto_index(scored: Iterable[ScoredCandidate]) -> dict[tuple[int, str, str], dict[str, float]]:
    """(sentence start token, subject, object) -> label probabilities, both ways for symmetric labels."""
    sym = symmetric()
    index: dict[tuple[int, str, str], dict[str, float]] = {}
    for sc in scored:
        c = sc.candidate
        index[(c.sent_start, c.a.entity.name, c.b.entity.name)] = sc.probs
    for (sent, a, b), probs in list(index.items()):
        rev = index.get((sent, b, a))
        if rev is None:
            continue
        for lab in sym:
            if lab in probs and lab in rev:
                probs[lab] = rev[lab] = max(probs[lab], rev[lab])
    return index


def combine(
    doc: Doc,
    rules: Sequence[Relation],
    model: Sequence[Relation],
    scored: Sequence[ScoredCandidate],
    veto: float,
) -> list[Relation]:
    """Rule triples the model does not veto, then model triples the rules did not already give."""
    index = veto_index(scored)
    sent_of = {}
    for sc in scored:
        c = sc.candidate
        sent_of[doc[c.sent_start].idx] = c.sent_start
    kept: list[Relation] = []
    for rel in rules:
        start_tok = _sentence_token(doc, rel.evidence.start)
        probs = index.get((start_tok, rel.subject.name, rel.object.name)) if start_tok is not None else None
        if probs is not None and rel.predicate in probs and probs[rel.predicate] < veto:
            continue
        kept.append(rel)
    have = {(r.subject.name, r.predicate, r.object.name, r.evidence.start) for r in kept}
    kept.extend(
        r for r in model if (r.subject.name, r.predicate, r.object.name, r.evidence.start) not in have
    )
    return kept


def _sentence_token(doc: Doc, char: int) -> int | None:
    """The first token of the sentence that holds character `char`."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent.start if span is not None else None


__all__ += ["score_candidates", "model_relations", "veto_index", "combine", "allowed_mask"]
