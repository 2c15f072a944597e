"""cli.py villages-rank, suitability and scenario: files a planner opens, their columns and values, exit
codes."""

from __future__ import annotations

import csv
import math

import geopandas as gpd
import numpy as np
import pytest
import rasterio

from analysis.sites import LandNeed
from cli import main
from geo.crs import METRIC_EPSG
from geo.project import save_layer
from workflows.inputs import load_inputs

#: Two communes of Nậm Pồ (Chà Tở, Na Cô Sa) at 90 m: small enough for a quick run, inside the illustrative
#: DEM.
COMMUNES = "03175,03167"
SITE_COLUMNS = [
    "rank",
    "site_id",
    "commune_gso",
    "commune",
    "area_ha",
    "score",
    "capacity_households",
    "slope_mean_deg",
    "minutes_to_allseason_road",
    "km_to_grid",
    "minutes_to_school",
    "minutes_to_health_station",
    "illustrative",
]


def read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def suitability_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("suitability")
    code = main(
        ["suitability", "--communes", COMMUNES, "--resolution", "90", "--min-ha", "5", "--out", str(out)]
    )
    assert code == 0
    return out


def test_suitability_writes_the_surface_as_a_float32_geotiff_in_the_metric_crs(suitability_dir):
    with rasterio.open(suitability_dir / "suitability.tif") as src:
        assert src.dtypes[0] == "float32" and src.crs.to_epsg() == METRIC_EPSG and src.res == (90.0, 90.0)
        assert math.isnan(src.nodata)
        score = src.read(1)
        tags = src.tags()
    finite = score[np.isfinite(score)]
    assert finite.size > 1000 and finite.min() >= 0.0 and finite.max() <= 1.0
    assert np.isnan(score).any()  # outside the communes and excluded cells
    assert tags["ILLUSTRATIVE"].startswith("yes") and "dem" in tags["ILLUSTRATIVE"]


def test_suitability_sites_csv_and_geopackage_agree_and_say_they_are_illustrative(suitability_dir):
    rows = read(suitability_dir / "sites.csv")
    assert rows and list(rows[0])[: len(SITE_COLUMNS)] == SITE_COLUMNS
    sites = gpd.read_file(suitability_dir / "sites.gpkg", layer="sites")
    assert len(sites) == len(rows) and set(sites.geom_type) <= {"Polygon", "MultiPolygon"}
    assert [r["site_id"] for r in rows] == sites["site_id"].tolist()
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    need = LandNeed().total_ha
    for row in rows:
        assert row["illustrative"] == "true" and row["commune_gso"] in COMMUNES.split(",")
        assert float(row["area_ha"]) >= 5.0
        # capacity = area / land need, rounded down (the area as written is rounded to 0.01 ha)
        capacity, households = int(row["capacity_households"]), float(row["area_ha"]) / need
        assert capacity - 0.01 <= households < capacity + 1 + 0.01
    # every site lies inside the chosen communes
    communes = load_inputs("pre2025").communes
    area = communes[communes["gso_code"].isin(COMMUNES.split(","))].to_crs(METRIC_EPSG).union_all()
    assert sites.to_crs(METRIC_EPSG).buffer(-1.0).within(area).all()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--weights", "slope=-1"], "slope"),
        (["--weights", "slope=0,road=0,school=0,health=0,grid=0,water=0"], "0"),
        (["--weights", "speed=2"], "speed=2"),
        (["--communes", "03175,99999"], "99999"),
        (["--min-ha", "-5"], "min_ha"),
    ],
)
def test_suitability_refuses_bad_input_naming_it(tmp_path, capsys, args, needle):
    assert main(["--lang", "en", "suitability", *args, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_suitability_refuses_a_missing_out_folder(tmp_path, capsys):
    assert main(["suitability", "--communes", COMMUNES, "--out", str(tmp_path / "nope")]) == 2
    assert "không tồn tại" in capsys.readouterr().err


def test_villages_rank_keeps_the_chosen_communes_and_explains_each_rank(tmp_path):
    out = tmp_path / "ranked.csv"
    assert main(["villages-rank", "--communes", COMMUNES, "--out", str(out)]) == 0
    rows = read(out)
    assert rows and {r["gso_code"] for r in rows} <= set(COMMUNES.split(","))
    for row in rows:
        parts = sum(float(row[k]) for k in row if k.startswith("contribution_"))
        assert parts == pytest.approx(float(row["score"]), abs=1e-9)
    assert [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True)
    assert all(r["illustrative"] == "true" for r in rows)


@pytest.fixture()
def project(tmp_path):
    path = tmp_path / "du_an.gpkg"
    save_layer(
        path, "roads", load_inputs("pre2025").layers["roads"], source_file="roads.gpkg", source="test copy"
    )
    return path


def test_scenario_create_list_compare_and_refusals(project, tmp_path, capsys):
    assert (
        main(["scenario", "create", "lam_duong", "--project", str(project), "--harden-roads", "RD-0219"]) == 0
    )
    assert main(["scenario", "list", "--project", str(project)]) == 0
    assert "lam_duong" in capsys.readouterr().out
    # a name that exists and an unknown road are refused; the saved scenario stays as it was
    assert main(["--lang", "en", "scenario", "create", "lam_duong", "--project", str(project)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (
        main(
            [
                "--lang",
                "en",
                "scenario",
                "create",
                "other",
                "--project",
                str(project),
                "--harden-roads",
                "RD-NOPE",
            ]
        )
        == 2
    )
    assert "RD-NOPE" in capsys.readouterr().err
    assert main(["scenario", "list", "--project", str(project)]) == 0
    assert "other" not in capsys.readouterr().out
    out = tmp_path / "compare.csv"
    assert main(["scenario", "compare", "lam_duong", "--project", str(project), "--out", str(out)]) == 0
    rows = read(out)
    assert len(rows) == 130
    assert list(rows[0])[:5] == [
        "gso_code",
        "commune",
        "district",
        "lacks_allseason_road_baseline",
        "lacks_allseason_road_scenario",
    ]
    for measure in (
        "minutes_to_district_centre_rainy",
        "minutes_to_district_centre_dry",
        "minutes_to_health_station_rainy",
        "minutes_to_primary_school_dry",
        "rai_share",
    ):
        assert f"{measure}_baseline" in rows[0] and f"{measure}_scenario" in rows[0]
    cha_to = next(r for r in rows if r["commune"].endswith("Chà Tở"))
    # the README's case: hardening RD-0219 never lengthens Chà Tở's rainy trip to its district centre
    assert (
        float(cha_to["minutes_to_district_centre_rainy_scenario"])
        <= float(cha_to["minutes_to_district_centre_rainy_baseline"]) + 1e-9
    )
