"""Copy the real data from ../shared/data into the repository's embedded GeoPackages.

Run once when the shared data changes:  python scripts/build_embedded_data.py [SHARED_DATA_DIR]
Reads GeoJSON (WGS84), repairs invalid geometries, derives districts by dissolving communes on the
GSO district code, adds display versions simplified in the metric CRS, and writes
data/boundaries/boundaries.gpkg and data/infrastructure/infrastructure.gpkg.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.crs import DISPLAY_EPSG, simplify_for_display, to_metric  # noqa: E402
from geo.io import DATA_DIR, write_gpkg_layers  # noqa: E402
from geo.validate import repair_polygons  # noqa: E402

BOUNDARY_PROVENANCE = (
    "censusVN2009 (M. Choisy, MIT as declared; upstream govt 1:250k) + GSO codes 2025-03-01 (dvhcvn)"
)


def build_boundaries(shared: Path) -> dict[str, gpd.GeoDataFrame]:
    pre = gpd.read_file(shared / "boundaries/dien_bien_communes_pre2025.geojson")
    pre = repair_polygons(pre.reset_index(drop=True))
    communes_pre = gpd.GeoDataFrame(
        {
            "gso_code": pre["gso_commune_code"].astype(str),
            "commune": pre["commune_vn"],
            "commune_gso_name": pre["gso_commune_name"],
            "district_code": pre["gso_district_code"].astype(str),
            "district": pre["gso_district_name"],
            "new2025_gso": pre["new2025_commune_gso"].astype(str),
            "new2025_name": pre["new2025_commune_name"],
            "legacy_commune_id": pre["legacy_commune_id"].astype(str),
            "pop2009_census": pre["pop2009_census"].astype("int64"),
            "match_note": pre["match_note"].fillna(""),
            "provenance": "real: " + BOUNDARY_PROVENANCE,
        },
        geometry=pre.geometry.values,
        crs=pre.crs,
    )
    # Polygon key: 130 polygons, 129 GSO codes (Ta Leng carries its successor's code).
    communes_pre.insert(0, "unit_id", communes_pre["gso_code"])
    dup = communes_pre["unit_id"].duplicated(keep="first")
    communes_pre.loc[dup, "unit_id"] = communes_pre.loc[dup, "gso_code"] + "-" + communes_pre.loc[dup, "legacy_commune_id"]

    new = gpd.read_file(shared / "boundaries/dien_bien_communes_2025_dissolved.geojson")
    new = repair_polygons(new.reset_index(drop=True))
    zone_name = new["commune_name"]
    # District of a 2025 commune: the district holding most of its predecessors (districts were abolished in 2025).
    pre_csv = pd.read_csv(shared / "admin_units/dien_bien_communes_pre2025_gso.csv", dtype=str)
    major = (
        pre_csv.groupby(["new2025_commune_gso", "district_gso", "district_name"]).size().reset_index(name="n")
        .sort_values(["new2025_commune_gso", "n"], ascending=[True, False]).drop_duplicates("new2025_commune_gso")
        .set_index("new2025_commune_gso")
    )
    codes = new["commune_gso"].astype(str)
    pop = communes_pre.groupby("new2025_gso")["pop2009_census"].sum()
    communes_2025 = gpd.GeoDataFrame(
        {
            "unit_id": codes,
            "gso_code": codes,
            "commune": zone_name,
            "district_code": codes.map(major["district_gso"]).values,
            "district": codes.map(major["district_name"]).values,
            "n_predecessors": new["n_predecessor_communes"].astype("int64"),
            "predecessor_gso_codes": new["predecessor_gso_codes"],
            "area_km2_published": new["area_km2_published"].astype(float),
            "zone_2026_2030": new["ethnic_mountain_zone_2026_2030"],
            "pop2009_census": codes.map(pop).fillna(0).astype("int64").values,
            "n_parts": new["n_parts"].astype("int64"),
            "provenance": "real (derived: dissolve of pre-2025 polygons by 2025 successor; GSO 2025 list, "
            "vietnam-provinces 2025.10.1; zones: Điện Biên PPC Decision 46)",
        },
        geometry=new.geometry.values,
        crs=new.crs,
    )

    districts = communes_pre.dissolve(by="district_code", as_index=False, aggfunc={"district": "first"})
    districts = repair_polygons(districts.reset_index(drop=True))
    # Neighbouring commune polygons do not share vertices: close the metre-wide slivers between them.
    districts_proj = to_metric(districts)
    districts_proj["geometry"] = districts_proj.geometry.buffer(40).buffer(-40)
    districts = districts_proj.to_crs(DISPLAY_EPSG)
    districts["area_km2"] = (districts_proj.area / 1e6).round(1)
    districts["n_communes"] = districts["district_code"].map(communes_pre.groupby("district_code")["gso_code"].nunique())
    districts["provenance"] = "real (derived: dissolve of commune polygons on GSO district code)"
    districts = districts[["district_code", "district", "n_communes", "area_km2", "provenance", "geometry"]]

    prov = gpd.read_file(shared / "boundaries/dien_bien_province_gischinhphu_2019.geojson")
    prov = repair_polygons(prov.reset_index(drop=True))
    province = gpd.GeoDataFrame(
        {"province_code": ["11"], "province": ["Tỉnh Điện Biên"],
         "provenance": ["real: gis.chinhphu.vn via dvhcvn (≤ Oct 2019)"]},
        geometry=[prov.geometry.union_all()],
        crs=prov.crs,
    )
    layers = {
        "communes_pre2025": communes_pre,
        "communes_2025": communes_2025,
        "districts": districts,
        "province": province,
    }
    for name in list(layers):
        layers[name + "_display"] = simplify_for_display(layers[name], tolerance_m=80.0)
    return {k: v.to_crs(DISPLAY_EPSG) for k, v in layers.items()}


def build_infrastructure(shared: Path) -> dict[str, gpd.GeoDataFrame]:
    inf = shared / "infrastructure"
    osm = "real: © OpenStreetMap contributors, ODbL 1.0 (via PowerFlowCascade, ≤ Jul 2025)"
    lines = gpd.read_file(inf / "dien_bien_osm_power_lines.geojson")
    lines["voltage_kv"] = pd.to_numeric(lines["voltage"], errors="coerce") / 1000.0
    lines = lines[["osm_id", "voltage_kv", "len_km_total", "geometry"]].assign(provenance=osm)
    subs = gpd.read_file(inf / "dien_bien_osm_power_substations.geojson")
    subs["voltage_kv"] = pd.to_numeric(subs["voltage"], errors="coerce") / 1000.0
    centroids = to_metric(subs).geometry.centroid.to_crs(DISPLAY_EPSG)
    subs = gpd.GeoDataFrame(
        {"osm_id": subs["osm_id"].astype(str), "voltage_kv": subs["voltage_kv"], "provenance": osm},
        geometry=centroids.values, crs=DISPLAY_EPSG,
    )
    plants = gpd.read_file(inf / "dien_bien_osm_power_plants.geojson")
    plants = gpd.GeoDataFrame(
        {"name": plants["name"].fillna(""), "source": plants["plant_source"],
         "output": plants["plant_output_electricity"].fillna(""), "provenance": osm},
        geometry=to_metric(plants).geometry.centroid.to_crs(DISPLAY_EPSG).values, crs=DISPLAY_EPSG,
    )
    roads = gpd.read_file(inf / "dien_bien_main_roads_legocity.geojson")
    roads = gpd.GeoDataFrame(
        {"name": roads["ten"], "road_class_source": roads["cap_duong"], "len_km_in_province": roads["len_km_in_province"],
         "provenance": "real (low confidence): LegoCity opendata 'giaothong', CC BY-SA 4.0, vintage unknown"},
        geometry=roads.geometry.values, crs=roads.crs,
    )
    hydro = gpd.read_file(inf / "dien_bien_hydropower_legocity.geojson")
    hydro = hydro.assign(provenance="real (dated): LegoCity opendata hydropower, CC BY-SA 4.0, c.2016")
    return {
        "power_lines": lines,
        "power_substations": subs,
        "power_plants": plants,
        "main_roads": roads,
        "hydropower": hydro,
    }


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    write_gpkg_layers(DATA_DIR / "boundaries" / "boundaries.gpkg", build_boundaries(shared))
    write_gpkg_layers(DATA_DIR / "infrastructure" / "infrastructure.gpkg", build_infrastructure(shared))
    print("wrote", DATA_DIR / "boundaries" / "boundaries.gpkg", DATA_DIR / "infrastructure" / "infrastructure.gpkg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
