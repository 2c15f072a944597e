"""Copy the real data from ../shared/data into the repository's embedded GeoPackages.

Run once when the shared data changes:  python scripts/build_embedded_data.py [SHARED_DATA_DIR] Reads GeoJSON
(WGS84), repairs invalid geometries, derives districts by dissolving communes on the GSO district code, adds
display versions simplified in the metric CRS, and writes data/boundaries/boundaries.gpkg and
data/infrastructure/infrastructure.gpkg.  The programme, population, resettlement and sub-provincial poverty
tables are copied byte for byte (``--part tables``), each folder with a SOURCE.md that keeps the shared
SOURCE.md unchanged below a header saying how the files were embedded.

    python scripts/build_embedded_data.py [SHARED_DATA_DIR] [--part boundaries|infrastructure|tables ...]
"""

from __future__ import annotations

import hashlib
import shutil
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
    communes_pre.loc[dup, "unit_id"] = (
        communes_pre.loc[dup, "gso_code"] + "-" + communes_pre.loc[dup, "legacy_commune_id"]
    )

    new = gpd.read_file(shared / "boundaries/dien_bien_communes_2025_dissolved.geojson")
    new = repair_polygons(new.reset_index(drop=True))
    zone_name = new["commune_name"]
    # District of a 2025 commune: the district holding most of its predecessors (districts were abolished in
    # 2025).
    pre_csv = pd.read_csv(shared / "admin_units/dien_bien_communes_pre2025_gso.csv", dtype=str)
    major = (
        pre_csv.groupby(["new2025_commune_gso", "district_gso", "district_name"])
        .size()
        .reset_index(name="n")
        .sort_values(["new2025_commune_gso", "n"], ascending=[True, False])
        .drop_duplicates("new2025_commune_gso")
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
            "provenance": (
                "real (derived: dissolve of pre-2025 polygons by 2025 successor; GSO 2025 list, "
                "vietnam-provinces 2025.10.1; zones: Điện Biên PPC Decision 46)"
            ),
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
    districts["n_communes"] = districts["district_code"].map(
        communes_pre.groupby("district_code")["gso_code"].nunique()
    )
    districts["provenance"] = "real (derived: dissolve of commune polygons on GSO district code)"
    districts = districts[["district_code", "district", "n_communes", "area_km2", "provenance", "geometry"]]

    prov = gpd.read_file(shared / "boundaries/dien_bien_province_gischinhphu_2019.geojson")
    prov = repair_polygons(prov.reset_index(drop=True))
    province = gpd.GeoDataFrame(
        {
            "province_code": ["11"],
            "province": ["Tỉnh Điện Biên"],
            "provenance": ["real: gis.chinhphu.vn via dvhcvn (≤ Oct 2019)"],
        },
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
        geometry=centroids.values,
        crs=DISPLAY_EPSG,
    )
    plants = gpd.read_file(inf / "dien_bien_osm_power_plants.geojson")
    plants = gpd.GeoDataFrame(
        {
            "name": plants["name"].fillna(""),
            "source": plants["plant_source"],
            "output": plants["plant_output_electricity"].fillna(""),
            "provenance": osm,
        },
        geometry=to_metric(plants).geometry.centroid.to_crs(DISPLAY_EPSG).values,
        crs=DISPLAY_EPSG,
    )
    roads = gpd.read_file(inf / "dien_bien_main_roads_legocity.geojson")
    roads = gpd.GeoDataFrame(
        {
            "name": roads["ten"],
            "road_class_source": roads["cap_duong"],
            "len_km_in_province": roads["len_km_in_province"],
            "provenance": (
                "real (low confidence): LegoCity opendata 'giaothong', CC BY-SA 4.0, vintage unknown"
            ),
        },
        geometry=roads.geometry.values,
        crs=roads.crs,
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


#: Real tables copied byte for byte: data folder → (shared folder, files).  Only files a workflow reads are
#: copied.
TABLE_COPIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "programmes": (
        "programmes",
        (
            "dien_bien_commune_programme_events.csv",
            "dien_bien_programme_documents.csv",
            "dien_bien_border_communes_DERIVED.csv",
            "dien_bien_border_communes_2025units_DERIVED.csv",
            "dien_bien_district_border_length_DERIVED.csv",
        ),
    ),
    "population": ("population", ("dien_bien_commune_population.csv",)),
    "resettlement": (
        "resettlement",
        ("muong_nhe_resettlement_facts.csv", "muong_nhe_resettlement_named_sites.csv"),
    ),
    "poverty": (
        "poverty",
        (
            "dien_bien_gso_province_indicators.csv",
            "dien_bien_poverty_rates.csv",
            "dien_bien_programme_coverage.csv",
            "dien_bien_subprovincial_poverty_points.csv",
        ),
    ),
}
#: The derived international border line (GeoJSON in the shared folder) → GeoPackage beside the programme
#: tables.
BORDER_GEOJSON = "dien_bien_international_border_DERIVED.geojson"
BORDER_GPKG = "dien_bien_international_border_DERIVED.gpkg"
#: What each folder's header says beyond the copy (the shared SOURCE.md follows it unchanged).
TABLE_NOTES = {
    "programmes": (
        "Real data, partly DERIVED and partly SECONDARY, as the statements below say: the border-commune "
        "files are DERIVED from geometry (29 = 28 `border` + 1 `border_probable`, validated against the "
        "official count of 29, not a legal list); the events and documents files are partial (Programme 135 "
        "2017–2020 and zone III 2021–2025 are known as counts only, never as member lists); two rows are "
        "SECONDARY (QĐ 612/QĐ-UBDT, QĐ 698/QĐ-TTg). The text below refers to the border files as "
        "`../border/`: they are in this folder.\n\n"
        f"`{BORDER_GPKG}` holds the derived border line of `{BORDER_GEOJSON}` (not copied) as layer "
        "`international_border` (EPSG:4326, `length_km` as in the source, `provenance`) and "
        "`international_border_display` (simplified in UTM 48N, 80 m tolerance).\n\n`programme_texts_vi.csv` "
        "is NOT a copy: the project added it (2026-12). It holds the project's Vietnamese translation of "
        "each free-text value that the shared files write in English and the Programmes page shows (20 "
        "texts: the subject, Điện Biên figure, period and confidence notes of "
        "`dien_bien_programme_documents.csv`; two area names and one approximate year of "
        "`../poverty/dien_bien_subprovincial_poverty_points.csv`). Each row names the file, the column and "
        "the exact English text it translates (`text_en`); `text_vi` is a translation of that note and adds "
        "no fact. The English text stays the source of truth and is what English mode shows; a value whose "
        "English changes upstream is shown as the file has it until its translation is updated."
    ),
    "population": (
        "Real figures of MIXED YEARS (2022 yearbook, 2019 and 2012 decisions, 2009 decrees, "
        "citypopulation.de with the census year not stated): keep the `year` of every row; 36 of 129 "
        "communes have no figure."
    ),
    "resettlement": ("Real figures quoted from press and decisions; the named sites have no coordinates."),
    "poverty": (
        "Real data. `dien_bien_subprovincial_poverty_points.csv` holds scattered figures quoted in the "
        "press: NOT representative (the commune figures are for communes that had just reached the new-rural "
        "standard)."
    ),
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_tables(shared: Path, data_dir: Path) -> list[Path]:
    """Copy the real tables byte for byte and write each folder's SOURCE.md; return the files written."""
    written = []
    for folder, (shared_folder, files) in TABLE_COPIES.items():
        target = data_dir / folder
        target.mkdir(parents=True, exist_ok=True)
        rows = []
        for name in files:
            shutil.copyfile(shared / shared_folder / name, target / name)
            rows.append(f"| `{name}` | {(target / name).stat().st_size:,} | `{_sha256(target / name)}` |")
            written.append(target / name)
        if folder == "programmes":
            border = gpd.read_file(shared / shared_folder / BORDER_GEOJSON).to_crs(DISPLAY_EPSG)
            border = gpd.GeoDataFrame(
                {
                    "name": border["name"],
                    "length_km": border["length_km"].astype(float),
                    "provenance": (
                        "real (DERIVED: Điện Biên outline minus the parts within 200 m of Lai Châu and Sơn "
                        "La; gis.chinhphu.vn via dvhcvn, ≤ Oct 2019)"
                    ),
                },
                geometry=border.geometry.values,
                crs=DISPLAY_EPSG,
            )
            write_gpkg_layers(
                target / BORDER_GPKG,
                {
                    "international_border": border,
                    "international_border_display": simplify_for_display(border, tolerance_m=80.0),
                },
            )
            rows.append(
                f"| `{BORDER_GEOJSON}` (source of `{BORDER_GPKG}`) | "
                f"{(shared / shared_folder / BORDER_GEOJSON).stat().st_size:,} | "
                f"`{_sha256(shared / shared_folder / BORDER_GEOJSON)}` |"
            )
            written.append(target / BORDER_GPKG)
        upstream = (shared / shared_folder / "SOURCE.md").read_text(encoding="utf-8")
        header = (
            f"# data/{folder} — embedded copy\n\nCopied by `scripts/build_embedded_data.py --part tables` "
            f"from the project's shared data folder (`shared/data/{shared_folder}`), byte for byte; the "
            f"checksums let anyone check a file against its source. {TABLE_NOTES[folder]}\n\n"
            "| file | bytes | sha256 |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
            "Upstream provenance follows unchanged.\n\n---\n\n"
        )
        (target / "SOURCE.md").write_text(header + upstream, encoding="utf-8")
        written.append(target / "SOURCE.md")
    return written


PARTS = ("boundaries", "infrastructure", "tables")


def main(argv: list[str]) -> int:
    args = argv[1:]
    parts = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--part"] or list(PARTS)
    positional = [a for i, a in enumerate(args) if a != "--part" and (i == 0 or args[i - 1] != "--part")]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        print("unknown --part:", ", ".join(unknown), "(choose from", ", ".join(PARTS) + ")", file=sys.stderr)
        return 2
    shared = Path(positional[0]) if positional else ROOT.parent / "shared" / "data"
    if "boundaries" in parts:
        write_gpkg_layers(DATA_DIR / "boundaries" / "boundaries.gpkg", build_boundaries(shared))
        print("wrote", DATA_DIR / "boundaries" / "boundaries.gpkg")
    if "infrastructure" in parts:
        write_gpkg_layers(DATA_DIR / "infrastructure" / "infrastructure.gpkg", build_infrastructure(shared))
        print("wrote", DATA_DIR / "infrastructure" / "infrastructure.gpkg")
    if "tables" in parts:
        for path in copy_tables(shared, DATA_DIR):
            print("wrote", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
