"""Rasters: a DEM or population grid in any CRS, clipped to the province, reprojected once, kept in the
project."""

import io
import re

import numpy as np
import pytest
import rasterio
from affine import Affine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from geo.project import read_current_layer, save_layer
from geo.rasters import import_raster
from layers.boundaries import load_province


@pytest.fixture(scope="module")
def province():
    return load_province()


def geotiff(array, *, crs="EPSG:32648", transform=None, nodata=None) -> bytes:
    # UTM 48N cells of 2 km over Điện Biên Phủ and around it
    transform = transform or Affine(2000.0, 0, 190000.0, 0, -2000.0, 2510000.0)
    buffer = io.BytesIO()
    profile = {
        "driver": "GTiff",
        "width": array.shape[1],
        "height": array.shape[0],
        "count": 1,
        "dtype": str(array.dtype),
        "transform": transform,
        "nodata": nodata,
    }
    if crs:
        profile["crs"] = crs
    with rasterio.MemoryFile() as memory:
        with memory.open(**profile) as dst:
            dst.write(array, 1)
        buffer.write(memory.read())
    return buffer.getvalue()


def test_dem_is_clipped_reprojected_and_saved(tmp_path, province):
    dem = np.linspace(300, 2800, 120 * 90, dtype="float32").reshape(120, 90)
    layer, notes = import_raster("dem.tif", geotiff(dem), province=province, kind="dem")
    assert layer.crs == "EPSG:32648"
    values = layer.array[np.isfinite(layer.array)]
    assert values.min() >= 300 - 1e-3 and values.max() <= 2800 + 1e-3
    assert np.isnan(layer.array).any()  # cells outside the province emptied
    save_layer(tmp_path / "p.gpkg", "dem", layer, source_file="dem.tif", note="SRTM 30 m")
    back, provenance = read_current_layer(tmp_path / "p.gpkg", "dem")
    np.testing.assert_array_equal(back.array, layer.array)
    assert back.transform.almost_equals(layer.transform) and back.crs == "EPSG:32648"
    assert provenance.note == "SRTM 30 m"


def test_population_total_is_kept(province):
    population = np.full((120, 90), 10.0, dtype="float32")
    layer, notes = import_raster("pop.tif", geotiff(population), province=province, kind="population")
    assert any("population inside the province" in n.en for n in notes)
    expected = province.to_crs(32648).area.sum() / 4e6 * 10  # 10 people per 4 km² cell
    assert abs(np.nansum(layer.array) - expected) / expected < 0.15  # edge cells counted whole


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: geotiff(np.ones((10, 10), dtype="float32"), crs=None), "no coordinate system"),
        (
            lambda: geotiff(
                np.ones((10, 10), dtype="float32"), transform=Affine(100.0, 0, 100000.0, 0, -100.0, 1000000.0)
            ),
            "does not cover",
        ),
        (lambda: b"not a tiff", "its content is a text file"),
        (lambda: b"II*\x00" + b"\x00" * 64, "cannot read"),
        (lambda: geotiff(np.full((120, 90), -9999, dtype="float32"), nodata=-9999), "no cell with a value"),
    ],
)
def test_invalid_rasters(province, data, message):
    with pytest.raises(InputError) as caught:
        import_raster("bad.tif", data(), province=province, kind="dem")
    assert message in caught.value.render("en")


@pytest.fixture(scope="module")
def simple_province(province):
    return province.set_geometry(province.simplify(0.01))


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_rasters_only_raise_input_errors(simple_province):
    seen = {"accepted": 0, "refused": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.integers(1, 6),
        st.integers(1, 6),
        st.floats(10.0, 200_000.0),
        st.floats(-50_000.0, 400_000.0),
        st.floats(2_250_000.0, 2_550_000.0),
        st.sampled_from(["EPSG:32648", "EPSG:9205", "EPSG:4326", None]),
        st.sampled_from(["dem", "population"]),
    )
    def check(rows, cols, cell, x0, y0, crs, kind):
        if crs == "EPSG:4326":
            cell, x0, y0 = cell / 100_000, 102.0 + x0 / 400_000, 20.5 + (y0 - 2_250_000) / 150_000
        data = geotiff(
            np.arange(rows * cols, dtype="float32").reshape(rows, cols),
            crs=crs,
            transform=Affine(cell, 0, x0, 0, -cell, y0),
        )
        try:
            layer, _ = import_raster("f.tif", data, province=simple_province, kind=kind)
        except InputError as exc:
            assert all(p.file == "f.tif" for p in exc.problems)
            seen["refused"] += 1
            return
        assert layer.crs == "EPSG:32648" and np.isfinite(layer.array).any()
        seen["accepted"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 2, seen


def test_population_note_writes_each_languages_numbers(province):
    population = np.full((120, 90), 10.0, dtype="float32")
    _, notes = import_raster("pop.tif", geotiff(population), province=province, kind="population")
    note = next(n for n in notes if "population inside the province" in n.en)
    thousands_vi, thousands_en = r"\d{1,3}(?:\.\d{3})+", r"\d{1,3}(?:,\d{3})+"
    assert re.search(rf"chuyển lưới: {thousands_vi} \(trước: {thousands_vi} trong khung cắt\)", note.vi), (
        note.vi
    )
    assert re.search(rf"regridding: {thousands_en} \(before: {thousands_en} in the clip box\)", note.en), (
        note.en
    )
