"""report/resettlement.py and the map frames of workflows/resettlement.py: what a planner opens carries the
illustrative mark; the map's score bands agree with the surface."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from analysis.suitability import SuitabilityRules
from geo.crs import METRIC_EPSG
from layers import boundaries
from layers.mapdata import assemble_map
from layers.registry import load_embedded
from layers.resettlement import SCORE_BANDS
from report.resettlement import site_map_pdf, sites_xlsx_bytes, to_bytes, write_sites_gpkg
from workflows.inputs import load_inputs
from workflows.resettlement import (
    layer_sources,
    parse_weights,
    run_suitability,
    site_table,
    sites_for_map,
    suitability_shapes,
)

CODES = ["03175", "03167"]


@pytest.fixture(scope="module")
def run():
    return run_suitability(load_inputs("pre2025"), codes=CODES, rules=SuitabilityRules(resolution_m=90.0))


def test_score_bands_hold_the_block_means_of_the_surface(run):
    shapes = suitability_shapes(run.result, block_m=270.0)  # 3 x 3 cells of 90 m
    assert set(shapes["band"]) <= set(range(len(SCORE_BANDS))) and len(shapes) > 0
    score, grid = run.result.score, run.result.grid
    # blocks read by hand: the mean score of a block (at least half of it scored) falls in the band of the
    # polygon holding the block's centre
    rows, cols = np.nonzero(np.isfinite(score))
    checked = 0
    for k in np.linspace(0, len(rows) - 1, 40).astype(int):
        r0, c0 = (rows[k] // 3) * 3, (cols[k] // 3) * 3
        block = score[r0 : r0 + 3, c0 : c0 + 3]
        if block.shape != (3, 3) or np.isfinite(block).sum() * 2 < 9:
            continue
        mean = float(np.nanmean(block.astype(np.float64)))
        x, y = grid.centres(np.array([r0 + 1]), np.array([c0 + 1]))[0]  # the middle cell holds the centre
        centre = gpd.GeoSeries(gpd.points_from_xy([x], [y]), crs=METRIC_EPSG).to_crs(4326).iloc[0]
        band = shapes.loc[shapes.contains(centre), "band"]
        assert len(band) == 1
        low = 0.0 if band.iloc[0] == 0 else SCORE_BANDS[band.iloc[0] - 1]
        assert low <= mean <= SCORE_BANDS[band.iloc[0]]
        checked += 1
    assert checked >= 10


def test_site_exports_say_they_are_illustrative(run, tmp_path):
    sites = site_table(run)
    assert len(sites) and sites["illustrative"].all()
    book = pd.read_excel(
        io.BytesIO(sites_xlsx_bytes(sites, lang="en", illustrative_inputs=("dem", "roads"))), sheet_name=None
    )
    assert list(book) == ["sites", "notes"] and len(book["sites"]) == len(sites)
    assert (
        "ILLUSTRATIVE DATA" in book["notes"]["note"].iloc[0] and "dem, roads" in book["notes"]["note"].iloc[0]
    )
    data = to_bytes(lambda p: write_sites_gpkg(sites, p), ".gpkg")
    path = tmp_path / "sites.gpkg"
    path.write_bytes(data)
    back = gpd.read_file(path, layer="sites")
    assert back["site_id"].tolist() == sites["site_id"].tolist() and back["illustrative"].all()


def test_printable_map_draws_the_sites_with_the_illustrative_mark(run):
    communes = boundaries.load_communes("pre2025", display=True)
    data = assemble_map(
        communes[communes["gso_code"].isin(CODES)],
        boundaries.load_districts(display=True),
        boundaries.load_province(display=True),
        load=load_embedded,
    )
    data.frames["res_suitability"] = suitability_shapes(run.result)
    data.frames["res_sites"] = sites_for_map(run)
    data.sources.update(layer_sources(run))
    pdf = site_map_pdf(data, lang="vi", title="Điểm tái định cư")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert all(src.illustrative for key, src in data.sources.items() if key.startswith("res_"))


@pytest.mark.parametrize(
    ("text", "needle"), [("slope=x", "slope"), ("height=2", "height=2"), ("slope", "slope")]
)
def test_weights_text_names_what_is_wrong(text, needle):
    from geo.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_weights(text, ("slope", "road"))
    assert needle in caught.value.render("en")
