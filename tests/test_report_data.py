"""Data package: GeoPackage, GeoJSON, zipped Shapefile and KML of the visible layers, each feature with
provenance."""

from __future__ import annotations

import zipfile

import geopandas as gpd
import pyogrio
import pytest

from geo.errors import InputError
from report.data import PROVENANCE_COLUMNS, data_layers, export_data
from report.mapdata import MapRequest

#: The request of this module's ``bundle`` fixture (tests/conftest.py).
BUNDLE_REQUEST = MapRequest(
    district="094", visible=("poverty", "communes", "districts", "roads", "power", "schools")
)


def test_layers_carry_provenance(bundle):
    layers = data_layers(bundle)
    assert {"communes", "districts", "roads", "power_lines", "schools"} <= set(layers)
    for name, frame in layers.items():
        assert set(PROVENANCE_COLUMNS) <= set(frame.columns), name
        assert frame.crs.to_epsg() == 4326
    assert set(layers["roads"]["illustr"]) == {True}
    assert set(layers["power_lines"]["illustr"]) == {False}
    assert set(layers["communes"]["illustr"]) == {True}  # joined with the illustrative survey


def test_geopackage(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.gpkg")
    names = {row[0] for row in pyogrio.list_layers(out)}
    assert {"communes", "roads", "schools"} <= names
    communes = gpd.read_file(out, layer="communes")
    assert len(communes) == 13 and "Phường Him Lam" in set(communes["commune"])
    assert communes["source"].str.contains("censusVN2009").all()


def test_geojson_is_one_file_per_layer_in_a_zip(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.geojson.zip")
    names = zipfile.ZipFile(out).namelist()
    assert "README.txt" in names and {"communes.geojson", "roads.geojson", "schools.geojson"} <= set(names)
    for name in (n for n in names if n.endswith(".geojson")):  # as QGIS opens it: one named layer per file
        (layer,) = pyogrio.list_layers(f"/vsizip/{out}/{name}")[:, 0]
        assert layer == name.removesuffix(".geojson")
        frame = gpd.read_file(f"/vsizip/{out}/{name}")
        assert frame.crs.to_epsg() == 4326 and len(frame) and frame["licence"].notna().all()
        assert len(set(frame.geom_type.str.replace("Multi", ""))) == 1  # one geometry family per file


def test_shapefile_zip(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.zip")
    names = zipfile.ZipFile(out).namelist()
    assert {"communes.shp", "communes.dbf", "communes.cpg", "communes.prj", "README.txt"} <= set(names)
    communes = gpd.read_file(f"zip://{out}!communes.shp")
    assert "Phường Him Lam" in set(communes["commune"]) and "illustr" in communes.columns


def test_kml(bundle, tmp_path):
    out = export_data(bundle, tmp_path / "x.kml")
    text = out.read_text(encoding="utf-8")
    assert "<kml" in text and "Phường Him Lam" in text and 'name="licence"' in text


def test_bad_format(bundle, tmp_path):
    with pytest.raises(InputError):
        export_data(bundle, tmp_path / "x.dxf")
    with pytest.raises(InputError):
        export_data(bundle, tmp_path / "x.txt", fmt="kml")
