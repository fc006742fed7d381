"""The README's set-up commands are the ones CI runs, in a fresh virtual environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".ci" / "run"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```bash", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]


def _ci_lines() -> list[str]:
    return [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]


def test_readme_starts_with_two_setup_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "kg build" in commands[0] and "pip install" in commands[0]
    assert "pytest" in commands[1] and "pip install" in commands[1]


def test_readme_commands_are_what_ci_runs_in_order():
    lines = _ci_lines()
    positions = [lines.index(command) for command in _readme_commands()]
    assert positions == sorted(positions)


def test_readme_ci_runs_them_in_a_fresh_venv():
    """A dependency missing from pyproject.toml must fail CI: the venv is new and activated first."""
    lines = _ci_lines()
    first = lines.index(_readme_commands()[0])
    before = lines[:first]
    create = next(i for i, line in enumerate(before) if re.match(r"python3? -m venv (\S+)$", line))
    venv = before[create].split()[-1]
    assert any(line == f"rm -rf {venv}" for line in before[:create]), "the venv must start empty"
    assert "--system-site-packages" not in before[create]
    assert any(line in (f"source {venv}/bin/activate", f". {venv}/bin/activate") for line in before[create:])
    assert f"{venv}/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_readme_lazy_dependencies_declared():
    """What kg imports only when a command needs it must still be declared (the fresh-venv CI run
    proves it): scipy for `kg query --pagerank` (networkx PageRank), scikit-learn for `kg train`."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for name in ("scipy", "scikit-learn"):
        assert any(re.match(rf"{name}\b", d) for d in deps), name
