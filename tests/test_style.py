"""The code keeps the project's style: ruff-clean, and data flows one way (import-linter layers).

Both tools run through this interpreter (`python -m ruff`, import-linter's Python API), so the
tests run wherever the test extra is installed and never skip for want of a PATH entry.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_style_ruff_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "kg", "tests", "bench", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_style_layers_kept():
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
