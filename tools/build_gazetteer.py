"""Generate `kg/data/gazetteer/countries.json` from the country libraries.

The country list, ISO codes and English names are taken from country_converter
(its `country_data.tsv` table) and pycountry, never typed by hand. Demonyms, capitals,
organisations and people are curated in the other files of `kg/data/gazetteer/`.

Run from the repository root:

    python tools/build_gazetteer.py            # rewrite the file
    python tools/build_gazetteer.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

__all__ = ["country_rows", "generate_countries", "render", "main"]

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer" / "countries.json"


def _coco_table() -> list[dict[str, str]]:
    """Read country_converter's own data table, with "NA" (Namibia) kept as a string.

    `coco.CountryConverter()` needs pandas < 3 (it reads Namibia's ISO2 "NA" as missing
    and then fails); the table it wraps is read here with the csv module instead.
    """
    table = resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _pycountry_names(iso3: str) -> list[str]:
    """English names pycountry knows for a code (comma-inverted ISO forms left out)."""
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return []
    names = [getattr(record, key, None) for key in ("name", "common_name", "official_name")]
    return [name for name in names if name and "," not in name and "(" not in name]


def country_rows() -> list[dict[str, object]]:
    """Current (not obsolete) countries and territories, one dict each, sorted by ISO3."""
    rows = []
    for row in _coco_table():
        if row["obsolete"].strip():
            continue
        iso3 = row["ISO3"].strip()
        names = [row["name_short"].strip(), row["name_official"].strip(), *_pycountry_names(iso3)]
        rows.append(
            {
                "iso3": iso3,
                "iso2": row["ISO2"].strip(),
                "name_short": row["name_short"].strip(),
                "name_official": row["name_official"].strip(),
                "names": sorted({n for n in names if n and "(" not in n and "," not in n}),
                "un_member": bool(row["UNmember"].strip()),
                "continent": row["continent"].strip(),
                "un_region": row["UNregion"].strip(),
            }
        )
    return sorted(rows, key=lambda r: r["iso3"])


def generate_countries() -> dict[str, object]:
    """The whole generated document."""
    import country_converter
    import pycountry

    return {
        "_generated_by": "tools/build_gazetteer.py; do not edit by hand",
        "_sources": {
            "country_converter": getattr(country_converter, "__version__", "unknown"),
            "pycountry": getattr(pycountry, "__version__", "unknown"),
        },
        "countries": country_rows(),
    }


def render(document: dict[str, object]) -> str:
    """Stable JSON text: one country per line, so diffs stay readable."""
    head = {k: v for k, v in document.items() if k != "countries"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)},")
    lines.append('  "countries": [')
    rows = document["countries"]
    for i, row in enumerate(rows):
        comma = "," if i < len(rows) - 1 else ""
        lines.append("    " + json.dumps(row, ensure_ascii=False) + comma)
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temp file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the file is current")
    args = parser.parse_args(argv)
    text = render(generate_countries())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT} is out of date; run python tools/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    _write_atomic(OUT, text)
    print(f"wrote {OUT} ({len(text.splitlines()) - 6} countries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
