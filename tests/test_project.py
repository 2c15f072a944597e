"""Project GeoPackage: versions, provenance, restore, atomic saves, and the workflows hook."""

import hashlib

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

import geo.project as project_mod
from geo.errors import InputError
from geo.io import list_layers
from geo.project import (
    META_TABLE,
    NewLayer,
    list_versions,
    read_current_layer,
    read_layer_version,
    restore_version,
    save_layer,
    save_layers,
)


def schools(n: int = 2) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": [f"Trường {i}" for i in range(n)], "level": ["thcs"] * n},
                            geometry=[shapely.Point(103.0 + i / 100, 21.4) for i in range(n)], crs=4326)


def test_first_save_creates_a_geopackage_with_provenance(tmp_path):
    project = tmp_path / "p.gpkg"
    version = save_layer(project, "schools", schools(), source_file="/home/u/truong.geojson", note="Sở GD&ĐT 2024",
                         licence="internal", vintage="2024", source_sha256="abc")
    assert version == 1
    assert set(list_layers(project)) == {"schools_v001", META_TABLE}
    frame, provenance = read_current_layer(project, "schools")
    assert_geodataframe_equal(frame, schools(), check_crs=True)
    assert provenance.source_file == "truong.geojson"  # never the user's full path
    assert provenance.note == "Sở GD&ĐT 2024" and provenance.licence == "internal"
    assert provenance.imported_at.endswith("+00:00")
    assert not provenance.illustrative
    assert "truong.geojson" in provenance.credit()


def test_versions_are_listed_and_restorable(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(2), source_file="a.geojson")
    save_layer(project, "schools", schools(3), source_file="b.geojson")
    versions = list_versions(project, "schools")
    assert versions["version"].tolist() == [2, 1]
    assert versions["current"].tolist() == [1, 0]
    assert len(read_current_layer(project, "schools")[0]) == 3
    restore_version(project, "schools", 1)
    frame, provenance = read_current_layer(project, "schools")
    assert len(frame) == 2 and provenance.version == 1
    assert len(list_versions(project, "schools")) == 2  # nothing deleted
    with pytest.raises(InputError):
        restore_version(project, "schools", 9)


def test_several_layers_in_one_save(tmp_path):
    project = tmp_path / "p.gpkg"
    table = pd.DataFrame({"gso_code": ["03124"], "year": [2020], "grid_connected": pd.Series([None], dtype=object),
                          "allseason_road_to_centre": [True]})
    versions = save_layers(project, [NewLayer("schools", schools(), "osm.pbf"), NewLayer("survey", table, "s.csv")])
    assert versions == {"schools": 1, "survey": 1}
    survey, _ = read_current_layer(project, "survey")
    assert survey["gso_code"].tolist() == ["03124"]
    assert survey["grid_connected"].tolist() == [None]
    assert survey["allseason_road_to_centre"].tolist() == [True]


def test_absent_layer_or_project_gives_none(tmp_path):
    assert read_current_layer(tmp_path / "none.gpkg", "roads") is None
    save_layer(tmp_path / "p.gpkg", "schools", schools(), source_file="a.geojson")
    assert read_current_layer(tmp_path / "p.gpkg", "roads") is None


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fail_on", ["layer", "metadata"])
def test_interrupted_save_leaves_the_previous_project_intact(tmp_path, monkeypatch, fail_on):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(2), source_file="a.geojson")
    before = _digest(project)
    real_write = project_mod.write_gpkg_layer

    def failing_write(path, name, frame):
        if (fail_on == "metadata") == (name == META_TABLE):
            real_write(path, name, frame)  # part of the new file is written ...
            raise OSError("disk full")  # ... then the writer dies midway
        real_write(path, name, frame)

    monkeypatch.setattr(project_mod, "write_gpkg_layer", failing_write)
    with pytest.raises(OSError, match="disk full"):
        save_layer(project, "schools", schools(5), source_file="b.geojson")
    assert _digest(project) == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.gpkg"]  # no temporary file left behind
    monkeypatch.undo()
    assert len(read_current_layer(project, "schools")[0]) == 2


def test_interrupted_restore_leaves_the_project_intact(tmp_path, monkeypatch):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(2), source_file="a.geojson")
    save_layer(project, "schools", schools(3), source_file="b.geojson")
    before = _digest(project)
    monkeypatch.setattr(project_mod, "replace_file", lambda *a: (_ for _ in ()).throw(OSError("killed")))
    with pytest.raises(OSError):
        restore_version(project, "schools", 1)
    assert _digest(project) == before


def test_invalid_layer_key_is_refused(tmp_path):
    with pytest.raises(InputError):
        save_layer(tmp_path / "p.gpkg", "../etc", schools(), source_file="a")


def test_round_trip_in_a_projected_crs(tmp_path):
    frame = schools().to_crs(32648)
    save_layer(tmp_path / "p.gpkg", "schools", frame, source_file="a.gpkg")
    back, _ = read_layer_version(tmp_path / "p.gpkg", "schools", 1)
    assert_geodataframe_equal(back, frame, check_crs=True)


def test_workflows_use_the_project_layer(tmp_path):
    from workflows import load_layer

    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="mine.geojson")
    frame, source = load_layer("schools", project=str(project))
    assert len(frame) == 1 and not source.illustrative and "mine.geojson" in source.credit()
    embedded, embedded_source = load_layer("schools")
    assert embedded_source.illustrative and len(embedded) > 1


def test_a_save_in_progress_blocks_another(tmp_path):
    project = tmp_path / "p.gpkg"
    lock = tmp_path / ".p.gpkg.lock"
    lock.write_text("123")
    with pytest.raises(InputError, match="another operation"):
        save_layer(project, "schools", schools(), source_file="a.geojson")
    assert not project.exists()
    lock.unlink()
    save_layer(project, "schools", schools(), source_file="a.geojson")
    assert not lock.exists()
