"""Load the layers a task needs (embedded data, or the user's project where it has them) and run the analyses.

Shared by ``app.py`` and ``cli.py`` so both give the same numbers.  Imports point downwards only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis import access as acc
from analysis.centres import centres_for_units
from analysis.flags import FlagThresholds, flag_communes
from analysis.network import RoadNetwork, build_network, list_names
from analysis.power_access import grid_distances_km
from analysis.rai import METHOD_POINTS, METHOD_RASTER, rai_from_points, rai_from_raster, rai_table
from geo.crs import METRIC_EPSG, to_metric
from geo.errors import Problem
from layers import boundaries, facilities, indicators, power, roads
from layers.catalog import SOURCES, LayerSource

#: Embedded loader of every layer a user may replace through a project file.
EMBEDDED_LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "roads": roads.load_roads,
    "main_roads": roads.load_main_roads,
    "power_lines": power.load_power_lines,
    "power_substations": power.load_substations,
    "grid_mv": power.load_grid_mv,
    "schools": facilities.load_schools,
    "health": facilities.load_health,
    "commune_centres": facilities.load_commune_centres,
    "villages": facilities.load_villages,
    "survey": indicators.load_survey,
    "district_centres": facilities.load_district_centres,
}


def project_layer(project: str | None, key: str) -> tuple[pd.DataFrame, LayerSource] | None:
    """Return the user's current version of layer ``key`` from a project GeoPackage, or ``None``.

    Hook for the project file (imports issue): the embedded data stays read-only, a user layer replaces its
    embedded counterpart everywhere.
    """
    if not project:
        return None
    from geo.project import read_current_layer  # imported lazily: optional until a project is used

    return read_current_layer(project, key)


def load_layer(key: str, *, project: str | None = None) -> tuple[pd.DataFrame, LayerSource]:
    """Return layer ``key`` and its provenance: the project's version when there is one, else the embedded one."""
    found = project_layer(project, key)
    if found is not None:
        return found
    return EMBEDDED_LOADERS[key](), SOURCES[key]


@dataclass
class FlagRun:
    """Everything a flag computation used and produced, with the provenance of each input."""

    units: str
    year: int
    communes: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    flags: pd.DataFrame
    survey: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    """What was repaired or assumed in the inputs (dropped duplicate roads, closed gaps, reprojection ...)."""


def _xy(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """Metric coordinates of point features (representative point of anything else)."""
    geom = to_metric(frame).geometry if isinstance(frame, gpd.GeoDataFrame) else to_metric(frame)
    geom = geom.where(geom.geom_type == "Point", geom.representative_point())
    return np.column_stack([geom.x.to_numpy(), geom.y.to_numpy()]) if len(geom) else np.zeros((0, 2))


def district_centre_xy(district_centres: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Metric coordinates of each district centre by district code."""
    xy = _xy(district_centres)
    return {str(c): (x, y) for c, (x, y) in zip(district_centres["district_code"], xy, strict=True)}


def road_measures(network: RoadNetwork, communes: pd.DataFrame, centres: gpd.GeoDataFrame,
                  district_xy: dict[str, tuple[float, float]], *, dem: acc.Dem | None = None) -> pd.DataFrame:
    """Per commune (in ``communes`` order): all-season distances, and the best route to the district centre by season."""
    centres = centres.set_index("unit_id").reindex(communes["unit_id"])
    xy = _xy(gpd.GeoSeries(centres.geometry.to_numpy(), crs=centres.crs))
    district = communes["district_code"].astype(str).to_numpy()
    out = acc.allseason_connection(network, xy, district, district_xy)
    for season in acc.SEASONS:
        route = acc.district_centre_access(network, xy, district, district_xy, season=season, dem=dem)
        out[f"minutes_to_district_{season}"] = route["minutes"].to_numpy()
        out[f"network_km_to_district_{season}"] = route["network_km"].to_numpy()
        if season == "dry":
            out["snap_m"] = route["snap_m"].to_numpy()
            out["route_all_season"] = route["route_all_season"].to_numpy()
            for column in ("weakest_segment", "weakest_class", "weakest_surface"):
                out[column] = route[column].to_numpy()
    return out


@dataclass
class AnalysisInputs:
    """Every layer the flag and access analyses read, loaded once (embedded or the project's), with provenance.

    ``centres`` holds one point per unit (UBND point or representative point, said in ``centre_source``).
    """

    units: str
    communes: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    layers: dict[str, pd.DataFrame]
    sources: dict[str, LayerSource]
    rasters: dict = field(default_factory=dict)
    """Optional grids from the project (``geo.rasters.RasterLayer``): ``"dem"`` and ``"population"``."""


def load_inputs(units: str = "pre2025", *, project: str | None = None) -> AnalysisInputs:
    """Load the unit polygons, their centres and every layer of the flag and access analyses."""
    communes = boundaries.load_communes(units)
    layers, sources = {}, {}
    for key in ("roads", "power_lines", "grid_mv", "power_substations", "commune_centres", "district_centres", "survey",
                "schools", "health", "villages"):
        layers[key], sources[key] = load_layer(key, project=project)
    layers["province"] = boundaries.load_province()
    sources[f"communes_{units}"] = SOURCES[f"communes_{units}"]
    missing = [key for key, frame in layers.items() if isinstance(frame, gpd.GeoDataFrame) and frame.crs is None]
    if missing:
        from geo.errors import InputError

        raise InputError([Problem(
            vi=f"lớp {key} không có hệ tọa độ; hãy gán hệ tọa độ (ví dụ EPSG:4326 hoặc VN-2000 EPSG:9205) rồi nạp lại.",
            en=f"layer {key} has no coordinate system; set one (e.g. EPSG:4326 or VN-2000 EPSG:9205) and load it again.",
            column="geometry", value=key) for key in missing])
    centres = centres_for_units(communes, layers["commune_centres"])
    rasters = {}
    for key in ("dem", "population"):
        found = project_layer(project, key)
        if found is not None:
            rasters[key], sources[key] = found
    return AnalysisInputs(units=units, communes=communes, centres=centres, layers=layers, sources=sources,
                          rasters=rasters)


def _metric_grid(raster, notes: list[Problem], what_vi: str, what_en: str) -> bool:
    """True when ``raster`` is in the metric CRS the analysis measures in; otherwise say it is not used."""
    from pyproj import CRS

    if CRS.from_user_input(raster.crs).to_epsg() == METRIC_EPSG:
        return True
    notes.append(Problem(vi=f"{what_vi} không ở hệ tọa độ UTM 48N (EPSG:{METRIC_EPSG}): chưa dùng; hãy nhập lại.",
                         en=f"{what_en} is not in UTM 48N (EPSG:{METRIC_EPSG}): not used; import it again."))
    return False


def analyse_flags(inputs: AnalysisInputs, *, year: int = 2020, thresholds: FlagThresholds = FlagThresholds()) -> FlagRun:
    """Flag every commune (network rule set) from loaded inputs."""
    communes, centres, layers = inputs.communes, inputs.centres, inputs.layers
    survey = indicators.survey_for_units(layers["survey"], communes, year=year)
    network = build_network(layers["roads"])
    road = road_measures(network, communes, centres, district_centre_xy(layers["district_centres"]))
    ordered = centres.set_index("unit_id").reindex(communes["unit_id"])
    grid = grid_distances_km(gpd.GeoSeries(ordered.geometry.to_numpy(), crs=centres.crs),
                             power.combine_grid(layers["power_lines"], layers["grid_mv"]), layers["power_substations"])
    flags = flag_communes(communes, centres, road, grid, survey, thresholds=thresholds)
    keys = ("roads", "power_lines", "grid_mv", "power_substations", "commune_centres", "district_centres", "survey",
            f"communes_{inputs.units}")
    return FlagRun(units=inputs.units, year=year, communes=communes, centres=centres, flags=flags, survey=survey,
                   sources={k: inputs.sources[k] for k in keys}, notes=list(network.notes))


def run_flags(
    units: str = "pre2025",
    *,
    year: int = 2020,
    thresholds: FlagThresholds = FlagThresholds(),
    project: str | None = None,
) -> FlagRun:
    """Load the inputs of the flag rules for a unit set and survey year, and flag every commune (network rule set)."""
    return analyse_flags(load_inputs(units, project=project), year=year, thresholds=thresholds)


#: Services measured from every commune centre and village: (facility layer, type column, value) -> service key.
SERVICES = tuple([f"school_{lvl}" for lvl in facilities.SCHOOL_LEVELS] + [f"health_{k}" for k in facilities.HEALTH_KINDS])


@dataclass
class AccessRun:
    """Travel times to services and the district centre for one unit set and season, with RAI and provenance."""

    units: str
    season: str
    communes: pd.DataFrame
    """One row per commune: centre times per service (``{service}_min``), district-centre route, RAI, population means."""
    villages: pd.DataFrame
    """One row per village: times per service, distance to an all-season road, within 2 km."""
    districts: pd.DataFrame
    """Population-weighted summaries and RAI per district."""
    province_rai: float | None
    method_vi: str
    method_en: str
    notes: list[Problem] = field(default_factory=list)
    sources: dict[str, LayerSource] = field(default_factory=dict)


def run_access(
    units: str = "pre2025",
    *,
    season: str = "dry",
    within_min: float = 60.0,
    project: str | None = None,
    dem: acc.Dem | None = None,
) -> AccessRun:
    """Load the layers and measure access by ``season``: services, district centre, RAI, population summaries."""
    return analyse_access(load_inputs(units, project=project), season=season, within_min=within_min, dem=dem)


def analyse_access(inputs: AnalysisInputs, *, season: str = "dry", within_min: float = 60.0,
                   dem: acc.Dem | None = None) -> AccessRun:
    """Measure access by ``season`` from loaded inputs: services, district centre, RAI, population summaries."""
    if season not in acc.SEASONS:
        from geo.errors import InputError

        raise InputError(Problem(vi=f"mùa '{season}' không tồn tại; chọn 'dry' (mùa khô) hoặc 'rainy' (mùa mưa).",
                                 en=f"season '{season}' does not exist; choose 'dry' or 'rainy'.",
                                 column="season", value=season))
    units, communes, centres, layers = inputs.units, inputs.communes, inputs.centres, inputs.layers
    road_frame, schools, health = layers["roads"], layers["schools"], layers["health"]
    villages, districts, province = layers["villages"], layers["district_centres"], layers["province"]
    network = build_network(road_frame)
    notes = list(network.notes)
    if dem is None and "dem" in inputs.rasters and _metric_grid(inputs.rasters["dem"], notes, "DEM", "the DEM"):
        dem = acc.Dem(np.asarray(inputs.rasters["dem"].array, dtype=float), inputs.rasters["dem"].transform)
    pop_grid = inputs.rasters.get("population")
    if pop_grid is not None and not _metric_grid(pop_grid, notes, "lưới dân số", "the population grid"):
        pop_grid = None

    fac = pd.concat([
        pd.DataFrame({"kind": "school_" + schools["level"].astype(str), "label": schools.get("facility_id", schools.index),
                      "name": schools.get("name", ""), "geometry": schools.to_crs(METRIC_EPSG).geometry.to_numpy()}),
        pd.DataFrame({"kind": "health_" + health["kind"].astype(str), "label": health.get("facility_id", health.index),
                      "name": health.get("name", ""), "geometry": health.to_crs(METRIC_EPSG).geometry.to_numpy()}),
    ], ignore_index=True)
    fac = gpd.GeoDataFrame(fac, geometry="geometry", crs=METRIC_EPSG)
    no_geom = fac.geometry.isna() | fac.geometry.is_empty
    if no_geom.any():
        names = fac.loc[no_geom, "label"].astype(str).tolist()
        notes.append(Problem(vi=f"bỏ {len(names)} cơ sở không có tọa độ ({list_names(names)}).",
                             en=f"left out {len(names)} facilities without coordinates ({list_names(names)}).",
                             value=names[0]))
        fac = fac[~no_geom].reset_index(drop=True)
    fac_xy = _xy(fac)
    area = to_metric(province).geometry.union_all() if len(province) else None
    keep, fac_notes = acc.facilities_outside(fac_xy, fac["label"].astype(str).to_numpy(), area)
    notes += fac_notes
    fac, fac_xy = fac[keep].reset_index(drop=True), fac_xy[keep]

    ordered = centres.set_index("unit_id").reindex(communes["unit_id"])
    centre_xy = _xy(gpd.GeoSeries(ordered.geometry.to_numpy(), crs=centres.crs))
    no_geom = villages.geometry.isna() | villages.geometry.is_empty
    if no_geom.any():
        names = villages.loc[no_geom].get("village_id", villages.index[no_geom]).astype(str).tolist()
        notes.append(Problem(vi=f"bỏ {len(names)} bản không có tọa độ ({list_names(names)}).",
                             en=f"left out {len(names)} villages without coordinates ({list_names(names)}).", value=names[0]))
        villages = villages[~no_geom].reset_index(drop=True)
    village_xy = _xy(villages)
    origins = np.vstack([centre_xy, village_xy])
    times = acc.service_access(network, origins, fac_xy, fac["kind"].to_numpy(), season=season, kinds=SERVICES, dem=dem)
    n_c = len(centre_xy)
    table = communes[["unit_id", "gso_code", "commune", "district_code", "district"]].reset_index(drop=True)
    table["centre_source"] = ordered["centre_source"].to_numpy()
    for kind in SERVICES:
        table[f"{kind}_min"] = times[f"{kind}_min"].to_numpy()[:n_c]
        table[f"{kind}_via"] = times[f"{kind}_via"].to_numpy()[:n_c]
        idx = times[f"{kind}_facility"].to_numpy()[:n_c]
        table[f"{kind}_name"] = np.where(idx >= 0, fac["name"].astype(str).to_numpy()[np.clip(idx, 0, None)] if len(fac)
                                         else "", "")
    table["walk_method"] = times["walk_method"].to_numpy()[:n_c]
    district_xy = district_centre_xy(districts)
    district = table["district_code"].astype(str).to_numpy()
    conn = acc.allseason_connection(network, centre_xy, district, district_xy)
    route = acc.district_centre_access(network, centre_xy, district, district_xy, season=season, dem=dem)
    table["road_km_to_allseason"] = conn["dist_allseason_m"].to_numpy() / 1000.0
    table["road_km_to_connected_allseason"] = conn["dist_connected_m"].to_numpy() / 1000.0
    table["minutes_to_district_centre"] = route["minutes"].to_numpy()
    table["network_km_to_district_centre"] = route["network_km"].to_numpy()
    for column in ("weakest_segment", "weakest_class", "weakest_surface", "route_all_season", "snap_m"):
        table[column] = route[column].to_numpy()

    # villages: unit of each village (pre-2025 unit ids are GSO codes; 2025 units through their predecessors)
    vt = pd.DataFrame({"village_id": villages.get("village_id", villages.index), "gso_code": villages["gso_code"].astype(str),
                       "population": villages["population"].astype(float)})
    if "predecessor_gso_codes" in communes.columns:
        link = communes[["unit_id", "predecessor_gso_codes"]].assign(
            gso_code=communes["predecessor_gso_codes"].str.split(";")).explode("gso_code")
        vt["unit_id"] = vt["gso_code"].map(dict(zip(link["gso_code"], link["unit_id"], strict=True)))
    else:
        vt["unit_id"] = vt["gso_code"].map(dict(zip(communes["gso_code"].astype(str), communes["unit_id"], strict=False)))
    vt["district_code"] = vt["unit_id"].map(dict(zip(table["unit_id"], table["district_code"], strict=True)))
    for kind in SERVICES:
        vt[f"{kind}_min"] = times[f"{kind}_min"].to_numpy()[n_c:]
    allseason_lines = np.asarray(network.segments.geometry.values)[network.segments["all_season"].to_numpy(bool)] \
        if len(network.segments) else np.zeros(0, dtype=object)
    vt["within_2km_allseason"] = rai_from_points(village_xy, vt["population"].to_numpy(), allseason_lines)
    grid = grid_distances_km(gpd.GeoSeries(shapely.points(village_xy), crs=METRIC_EPSG),
                             power.combine_grid(layers["power_lines"], layers["grid_mv"]), layers["power_substations"])
    for column in grid.columns:
        vt[column] = grid[column].to_numpy()
    rai = rai_table(vt["unit_id"], vt["population"], vt["within_2km_allseason"].to_numpy(), districts=vt["district_code"])
    table["rai_share"] = table["unit_id"].map(rai["unit"]["rai_share"])
    table["population_villages"] = table["unit_id"].map(rai["unit"]["population"])
    table["rai_source"] = np.where(table["rai_share"].notna(), "villages", "")
    rai_method_vi, rai_method_en = METHOD_POINTS["vi"], METHOD_POINTS["en"]
    if pop_grid is not None:
        grid_rai = rai_from_raster(np.asarray(pop_grid.array, dtype=float), pop_grid.transform,
                                   np.asarray(to_metric(communes).geometry.values), allseason_lines, epsg=METRIC_EPSG)
        table["population_grid"] = grid_rai["population"].to_numpy()
        table["rai_share"] = grid_rai["rai_share"].to_numpy()
        table["rai_source"] = np.where(table["rai_share"].notna(), "population grid", "")
        by_d = pd.DataFrame({"district_code": table["district_code"], "pop": grid_rai["population"].to_numpy(),
                             "within": grid_rai["population_within_2km"].to_numpy()}).groupby("district_code").sum()
        rai["district"] = pd.DataFrame({"population_within_2km": by_d["within"],
                                        "rai_share": by_d["within"] / by_d["pop"].where(by_d["pop"] > 0)})
        total = float(by_d["pop"].sum())
        rai["province"] = pd.DataFrame({"rai_share": [float(by_d["within"].sum()) / total if total > 0 else np.nan]})
        rai_method_vi, rai_method_en = METHOD_RASTER["vi"], METHOD_RASTER["en"]
    minute_cols = [f"{k}_min" for k in SERVICES]
    per_unit = acc.population_summary(vt, group="unit_id", population="population", minutes=minute_cols, within_min=within_min)
    table = table.join(per_unit.drop(columns="population"), on="unit_id")
    per_district = acc.population_summary(vt, group="district_code", population="population", minutes=minute_cols,
                                          within_min=within_min)
    per_district = per_district.join(rai["district"][["population_within_2km", "rai_share"]])
    names = table.drop_duplicates("district_code").set_index("district_code")["district"]
    per_district.insert(0, "district", per_district.index.map(names))
    province_rai = acc.finite_or_none(rai["province"]["rai_share"].iloc[0])
    walk = "Tobler over the DEM" if dem is not None else "straight line at 4 km/h (no DEM loaded)"
    walk_vi = "hàm Tobler theo độ dốc DEM" if dem is not None else "đường chim bay 4 km/giờ (chưa có DEM)"
    method_en = (f"Season {season}. Travel = walk to the nearest open road ({walk}) + drive at the speed of each segment "
                 "(surface and class, by season; fords and non-all-season earth roads closed in the rainy season) + "
                 "walk to the facility, or walking straight there when quicker. Nearest facility anywhere (across "
                 f"commune and district borders). {rai_method_en}")
    method_vi = (f"Mùa {'khô' if season == 'dry' else 'mưa'}. Thời gian = đi bộ tới đường mở gần nhất ({walk_vi}) + đi xe "
                 "theo tốc độ từng đoạn (mặt đường, cấp đường, theo mùa; ngầm/đường đất không quanh năm đóng mùa mưa) + "
                 "đi bộ tới cơ sở, hoặc đi bộ thẳng nếu nhanh hơn. Cơ sở gần nhất ở bất kỳ đâu (kể cả xã/huyện khác). "
                 f"{rai_method_vi}")
    return AccessRun(
        units=units, season=season, communes=table, villages=vt, districts=per_district.reset_index(),
        province_rai=province_rai, method_vi=method_vi, method_en=method_en, notes=notes,
        sources={k: inputs.sources[k] for k in ("roads", "schools", "health", "commune_centres", "villages",
                                                  "district_centres", f"communes_{units}", "dem", "population")
                 if k in inputs.sources},
    )
