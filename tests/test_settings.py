"""Settings check themselves: every caller (CLI, Python API, Dask) gets the same one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_confidence": 1.5}, "--min-confidence must be between 0 and 1"),
        ({"min_confidence": -0.1}, "--min-confidence must be between 0 and 1"),
        ({"min_confidence": float("nan")}, "--min-confidence must be a number"),
        ({"workers": 0}, "--workers must be a whole number of at least 1"),
        ({"batch_size": 0}, "--batch-size must be a whole number of at least 1"),
        ({"max_bytes": 0}, "max_bytes must be a positive number"),
        ({"executor": "spark"}, "unknown executor 'spark'; choose one of: local, dask"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler goes with --executor dask"),
        ({"model": " "}, "--model must name"),
    ],
)
def test_settings_validate_themselves(options, message):
    with pytest.raises(ConfigError, match=message) as info:
        Settings(**options)
    assert info.value.exit_code == 2


def test_settings_python_api_gets_the_same_check(tmp_path):
    from kg.pipeline import run

    with pytest.raises(ConfigError, match="--workers"):
        run([ROOT / "data"], out_dir=tmp_path, settings=Settings(workers=-1))
    assert not any(tmp_path.iterdir())


def test_settings_checked_in_one_place():
    """The CLI and the runner no longer repeat the checks Settings makes."""
    for name in ("kg/cli/_options.py", "kg/runner.py", "kg/pipeline.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "must be between 0 and 1" not in text and "unknown executor" not in text, name
