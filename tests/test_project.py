"""Project GeoPackage: versions, provenance, restore, atomic saves, and the workflows hook."""

import contextlib
import hashlib
import io
import json
import multiprocessing
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

import geo.project as project_mod
from cli import build_parser
from cli import main as cli_main
from geo.errors import InputError
from geo.io import exclusive_lock, list_layers, read_lock_holder
from geo.project import (
    META_TABLE,
    NewLayer,
    list_versions,
    lock_path,
    read_current_layer,
    read_layer_version,
    restore_version,
    save_layer,
    save_layers,
)
from geo.provenance import LayerSource

ROOT = Path(__file__).resolve().parents[1]


def schools(n: int = 2) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [f"Trường {i}" for i in range(n)], "level": ["thcs"] * n},
        geometry=[shapely.Point(103.0 + i / 100, 21.4) for i in range(n)],
        crs=4326,
    )


def test_first_save_creates_a_geopackage_with_provenance(tmp_path):
    project = tmp_path / "p.gpkg"
    version = save_layer(
        project,
        "schools",
        schools(),
        source_file="/home/u/truong.geojson",
        note="Sở GD&ĐT 2024",
        licence="internal",
        vintage="2024",
        source_sha256="abc",
    )
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
    table = pd.DataFrame(
        {
            "gso_code": ["03124"],
            "year": [2020],
            "grid_connected": pd.Series([None], dtype=object),
            "allseason_road_to_centre": [True],
        }
    )
    versions = save_layers(
        project, [NewLayer("schools", schools(), "osm.pbf"), NewLayer("survey", table, "s.csv")]
    )
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
    from workflows.inputs import load_layer

    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="mine.geojson")
    frame, source = load_layer("schools", project=str(project))
    assert len(frame) == 1 and not source.illustrative and "mine.geojson" in source.credit()
    embedded, embedded_source = load_layer("schools")
    assert embedded_source.illustrative and len(embedded) > 1


def test_a_save_in_progress_makes_another_retry_and_nothing_is_written(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="a.geojson")
    before = _digest(project)
    with exclusive_lock(lock_path(project)) as held:  # another save holds the project
        assert held
        with pytest.raises(InputError, match="another operation") as info:
            save_layer(project, "schools", schools(2), source_file="b.geojson", wait_s=0)
        assert f"process {os.getpid()}" in info.value.render("en") and "try again" in info.value.render("en")
        assert "thử lại" in info.value.render("vi")
        with pytest.raises(InputError, match="another operation"):
            restore_version(project, "schools", 1, wait_s=0)
    assert _digest(project) == before
    assert save_layer(project, "schools", schools(2), source_file="b.geojson", wait_s=0) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]  # the lock file goes with its holder


def test_a_lock_file_left_behind_never_blocks(tmp_path):
    project = tmp_path / "p.gpkg"
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    dead = int(done.stdout)  # a process that has ended
    lock_path(project).write_text(
        json.dumps({"pid": dead, "host": socket.gethostname(), "since": "2020-01-01"})
    )
    assert save_layer(project, "schools", schools(1), source_file="a.geojson", wait_s=0) == 1
    lock_path(project).write_text("123")  # as an older version of the tool left it
    assert save_layer(project, "schools", schools(2), source_file="b.geojson", wait_s=0) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]


KILLED_SAVE = """
import sys
import geopandas as gpd
import shapely
import geo.project as project_mod
real_write = project_mod.write_gpkg_layer
def stuck_write(path, name, frame):
    real_write(path, name, frame)
    print("writing", flush=True)
    sys.stdin.read()  # stays here, holding the lock with a half-made copy, until killed
project_mod.write_gpkg_layer = stuck_write
frame = gpd.GeoDataFrame({"name": ["killed"]}, geometry=[shapely.Point(103.0, 21.4)], crs=4326)
project_mod.save_layer(sys.argv[1], "schools", frame, source_file="killed.geojson")
"""


def test_a_save_killed_midway_is_taken_over_at_once_and_its_copy_removed(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="a.geojson")
    before = _digest(project)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, str(project)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "writing"
        assert read_lock_holder(lock_path(project))["pid"] == child.pid
    finally:
        child.kill()  # SIGKILL: no clean-up runs
        child.communicate()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert lock_path(project).name in left and any(
        n.startswith(".p.gpkg.") and n.endswith(".tmp.gpkg") for n in left
    )
    assert _digest(project) == before  # the killed save changed nothing
    # wait_s=0: the save may not wait at all, so it succeeds only if the dead process's lock is free at once
    assert save_layer(project, "schools", schools(3), source_file="c.geojson", wait_s=0) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]  # lock file and half-made copy gone
    assert list_versions(project, "schools")["source_file"].tolist() == ["c.geojson", "a.geojson"]
    assert len(read_current_layer(project, "schools")[0]) == 3


def test_leftover_copies_of_this_project_only_are_removed(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="a.geojson")
    leftovers = [
        ".p.gpkg.0a1b2c3d.tmp.gpkg",
        ".p.gpkg.0a1b2c3d.tmp.gpkg-journal",
        ".p.gpkg.ffffffff.tmp.gpkg-wal",
    ]
    kept = [
        ".q.gpkg.0a1b2c3d.tmp.gpkg",
        "p.gpkg.0a1b2c3d.tmp.gpkg",
        ".p.gpkg.notmine.tmp.gpkg",
        "ghi_chu.txt",
    ]
    for name in leftovers + kept:
        (tmp_path / name).write_bytes(b"x")
    save_layer(project, "schools", schools(2), source_file="b.geojson")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.gpkg", *kept])


def _import_worker(barrier, source: str, project: str, results) -> None:
    """One `cli.py import` in its own process, started with the others at the same moment."""
    out, err = io.StringIO(), io.StringIO()
    barrier.wait(timeout=60)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["--lang", "en", "import", source, "--project", project, "--layer", "schools"])
    results.put((source, code, out.getvalue(), err.getvalue()))


def test_imports_at_the_same_moment_each_get_their_own_version(tmp_path):
    n = 8
    project = tmp_path / "p.gpkg"
    sources = {}
    for i in range(n):
        source = tmp_path / f"truong_{i}.geojson"
        source.write_text(
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"name": f"Trường {i}", "level": "thcs"},
                            "geometry": {"type": "Point", "coordinates": [103.0 + i / 100, 21.4]},
                        }
                    ],
                }
            ),
            encoding="utf-8",
        )
        sources[str(source)] = f"Trường {i}"
    # imports every command module here, once: the forked workers then start the import together
    build_parser()
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(n), ctx.Queue()
    workers = [
        ctx.Process(target=_import_worker, args=(barrier, source, str(project), results))
        for source in sources
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    printed = {}
    for source, code, out, err in outcomes:
        assert code == 0, err
        key, version, count = out.split("\t")[:3]
        assert (key, count) == ("schools", "1")
        printed[int(version.removeprefix("v"))] = source
    assert sorted(printed) == list(range(1, n + 1))  # each import told its own version
    versions = list_versions(project, "schools")
    assert sorted(versions["version"]) == list(range(1, n + 1))  # none lost
    assert versions["current"].tolist() == [1] + [0] * (n - 1)
    for version, source in printed.items():  # every version readable, holding what its import said it stored
        frame, provenance = read_layer_version(project, "schools", version)
        assert frame["name"].tolist() == [sources[source]]
        assert provenance.source_file == Path(source).name
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".geojson")) == ["p.gpkg"]


def test_a_new_project_is_a_geopackage_1_2(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "schools", schools(1), source_file="a.geojson")
    save_layer(project, "schools", schools(2), source_file="b.geojson")

    def gpkg_version(path):
        with contextlib.closing(sqlite3.connect(path)) as db:
            return db.execute("PRAGMA application_id").fetchone()[0], db.execute(
                "PRAGMA user_version"
            ).fetchone()[0]

    assert gpkg_version(project) == (0x47504B47, 10200)  # 'GPKG', version 1.2.0


def test_credit_of_a_project_layer_says_file_and_import_time_in_the_page_language():
    """Issue 14 item 9: the import is worded in Vietnamese, at local time (UTC+7), in the Vietnamese
    interface."""
    source = LayerSource(
        "schools",
        "user import: truong.geojson",
        "internal",
        "2024",
        False,
        source_file="truong.geojson",
        imported_at="2026-12-01T20:30:00+00:00",
        note="Sở GD&ĐT",
    )
    vi, en = source.credit("vi"), source.credit("en")
    assert "(tệp truong.geojson, nhập lúc 02/12/2026 03:30; Sở GD&ĐT)" in vi and "imported" not in vi
    assert "(file truong.geojson, imported 2026-12-02 03:30; Sở GD&ĐT)" in en
    assert source.source == "user import: truong.geojson"  # the stored source is not rewritten
