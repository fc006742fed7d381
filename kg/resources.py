"""Locate data files shipped with kg: the ontology folder and package data.

In a wheel, `ontology/` is installed as `kg/ontology/`; in a source checkout or an
editable install it is the `ontology/` folder beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["ontology_dir", "ontology_file", "data_file"]

_PKG = Path(__file__).resolve().parent


@cache
def ontology_dir() -> Path:
    """Return the folder holding `geopolitics.ttl`, `shapes.ttl` and the lexicon."""
    for candidate in (_PKG / "ontology", _PKG.parent / "ontology"):
        if (candidate / "geopolitics.ttl").is_file():
            return candidate
    raise FileNotFoundError("kg ontology folder not found next to the package")


def ontology_file(name: str) -> Path:
    """Return the path of one file in the ontology folder."""
    return ontology_dir() / name


def data_file(name: str) -> Path:
    """Return the path of a data file under `kg/data/`."""
    return _PKG / "data" / name
