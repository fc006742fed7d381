"""Dateline recognition on the first body paragraph."""

from __future__ import annotations

import pytest

from kg.ingest._dateline import Dateline, parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("SEOUL, South Korea (AP) - Russian President Vladimir Putin arrived.", ("SEOUL, South Korea", "AP")),
        ("WASHINGTON (Reuters) - The U.S. said.", ("WASHINGTON", "Reuters")),
        ("MOSCOW, Jan. 5 (AFP) - The Kremlin said.", ("MOSCOW", "AFP")),
        ("KYIV, Ukraine, June 19, 2024 (AP) -- Air raid.", ("KYIV, Ukraine", "AP")),
        ("ST. PETERSBURG, Russia (AP) - x", ("ST. PETERSBURG, Russia", "AP")),
        ("New York (CNN) - x", ("New York", "CNN")),
        ("BEIJING, 5 March (Xinhua) : x", ("BEIJING", "Xinhua")),
        ("WASHINGTON - The Senate voted.", ("WASHINGTON", "")),
        ("GAZA CITY, Gaza Strip - Strikes continued.", ("GAZA CITY, Gaza Strip", "")),
    ],
)
def test_dateline_recognised(paragraph, expected):
    assert parse_dateline(paragraph) == Dateline(*expected)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russian President Vladimir Putin made a historic visit to North Korea.",
        "NATO - the alliance - met.",
        "Russian President Vladimir Putin (AP) - x",
        "The United Nations (UN) - said.",
        "In Moscow (Reuters) - x",
        "MOSCOW (AFP)-no space",
        "",
    ],
)
def test_dateline_not_recognised(paragraph):
    assert parse_dateline(paragraph) is None
