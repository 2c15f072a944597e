"""Yes/no answers: one vocabulary (geo.values), the same in commune tables, map layers and the README."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.errors import InputError
from geo.values import NO_WORDS, YES_WORDS, answer_text, parse_yes_no
from layers.imports import KINDS, conform_layer

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        ("có", True),
        ("CÓ", True),
        ("Co", True),
        (" có ", True),
        ("co\u0301", True),
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("x", True),
        ("X", True),
        ("Đạt", True),
        ("1", True),
        ("1.0", True),
        (1, True),
        (1.0, True),
        (True, True),
        (np.True_, True),
        ("không", False),
        ("Khong", False),
        ("no", False),
        ("N", False),
        ("False", False),
        ("chưa", False),
        ("Chưa đạt", False),
        ("không_đạt", False),
        ("0", False),
        ("0.0", False),
        (0, False),
        (False, False),
        ("", None),
        ("  ", None),
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
        ("maybe", None),
        ("2", None),
        (2, None),
        (0.5, None),
        ("chưa có", None),
        ("-1", None),
    ],
)
def test_answers(cell, answer):
    assert parse_yes_no(cell) is answer


@pytest.mark.parametrize(
    ("cell", "blank"),
    [("", True), (None, True), (float("nan"), True), ("maybe", False), (0.5, False), ("không", False)],
)
def test_a_blank_cell_is_told_from_a_cell_that_is_no_answer(cell, blank):
    assert (answer_text(cell) == "") is blank


def test_a_road_layer_reads_the_answers_a_commune_table_reads():
    words = ["Đạt", "chưa đạt", "x", "n", "1.0", "KHÔNG"]
    roads = gpd.GeoDataFrame(
        {"surface": ["nhựa"] * len(words), "all_season": words},
        geometry=[shapely.LineString([(103.0, 21.4 + i / 100), (103.1, 21.5)]) for i in range(len(words))],
        crs=4326,
    )
    out = conform_layer(roads, KINDS["roads"], file="duong.geojson")
    assert out["all_season"].tolist() == [True, False, True, False, True, False]


def test_a_road_without_an_answer_is_refused_naming_its_row():
    roads = gpd.GeoDataFrame(
        {"surface": ["nhựa", "đất"], "all_season": ["có", "có lẽ"]},
        geometry=[shapely.LineString([(103.0, 21.4), (103.1, 21.5)])] * 2,
        crs=4326,
    )
    with pytest.raises(InputError) as caught:
        conform_layer(roads, KINDS["roads"], file="duong.geojson")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "all_season", "có lẽ")


def test_the_readme_states_the_vocabulary():
    text = README.read_text(encoding="utf-8")
    paragraph = re.search(r"\*\*Yes/no answers\.\*\*(.+?)\n\n", text, re.S)
    assert paragraph, "README: no 'Yes/no answers.' paragraph"
    for word in (*YES_WORDS, *NO_WORDS):
        assert f"`{word}`" in paragraph.group(1), word
