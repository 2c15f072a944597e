"""Closed vocabularies (geo.vocab): spelled once, offered by the CLI as they are."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import cli
from geo.vocab import LANGS, LEVELS, SEASONS, SURVEY_YEARS, UNITS

ROOT = Path(__file__).resolve().parents[1]


def test_values():
    assert UNITS == ("pre2025", "2025") and SEASONS == ("dry", "rainy") and LANGS == ("vi", "en")
    assert LEVELS == ("province", "district", "commune") and SURVEY_YEARS == (
        2015,
        2016,
        2017,
        2018,
        2019,
        2020,
    )


def test_no_module_spells_a_vocabulary_again():
    spelled = {
        vocab: re.compile(
            r"[(\[]\s*" + r",\s*".join(re.escape(repr(v).replace("'", '"')) for v in vocab) + r"\s*[)\]]"
        )
        for vocab in (UNITS, SEASONS, LANGS, LEVELS)
    }
    offenders = []
    for package in ("analysis", "geo", "layers", "report", "workflows", "ui", "commands"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "vocab.py":
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [
                f"{path.relative_to(ROOT)}: {vocab}"
                for vocab, pattern in spelled.items()
                if pattern.search(text)
            ]
    for name in ("app.py", "cli.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        offenders += [f"{name}: {vocab}" for vocab, pattern in spelled.items() if pattern.search(text)]
        assert "range(2015, 2021)" not in text
    assert offenders == []


def _choices(parser: argparse.ArgumentParser, command: str, option: str) -> tuple:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return tuple(next(a for a in sub._actions if option in a.option_strings).choices)


@pytest.mark.parametrize(
    ("command", "option", "values"),
    [
        ("flags", "--units", UNITS),
        ("access", "--units", UNITS),
        ("access", "--season", SEASONS),
    ],
)
def test_the_cli_offers_the_vocabulary(command, option, values):
    assert _choices(cli.build_parser(), command, option) == values
