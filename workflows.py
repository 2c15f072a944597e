"""Load the layers a task needs (embedded data, or the user's project where it has them) and run the analyses.

Shared by ``app.py`` and ``cli.py`` so both give the same numbers: flags, access, the 2020 scorecard, and the loaders of
the exports (tables, map bundles, fact-sheet access).  The app never imports ``commands/``; imports point downwards only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from report.factsheet import AccessInfo
    from report.mapdata import MapBundle, MapRequest

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


def load_survey(units: str = "pre2025", *, project: str | None = None) -> tuple[pd.DataFrame, LayerSource, str]:
    """Return the commune survey the analyses of ``units`` read, its provenance, and the units it is keyed by.

    For the 2025 units a project's ``survey_2025`` (a table imported with ``--units 2025``) is used as it is; without
    one, the pre-2025 survey (the project's or the embedded one) is returned, to be aggregated to the 2025 communes by
    :func:`layers.indicators.survey_for_units`.
    """
    if units == "2025":
        found = project_layer(project, "survey_2025")
        if found is not None:
            return found[0], found[1], "2025"
    frame, source = load_layer("survey", project=project)
    return frame, source, "pre2025"


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
    survey_units: str = "pre2025"
    """Communes ``layers["survey"]`` is keyed by: ``"2025"`` when it is the project's ``survey_2025``."""


def load_inputs(units: str = "pre2025", *, project: str | None = None) -> AnalysisInputs:
    """Load the unit polygons, their centres and every layer of the flag and access analyses."""
    communes = boundaries.load_communes(units)
    layers, sources = {}, {}
    for key in ("roads", "power_lines", "grid_mv", "power_substations", "commune_centres", "district_centres",
                "schools", "health", "villages"):
        layers[key], sources[key] = load_layer(key, project=project)
    layers["survey"], sources["survey"], survey_units = load_survey(units, project=project)
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
                          rasters=rasters, survey_units=survey_units)


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
    survey = indicators.survey_for_units(layers["survey"], communes, year=year, survey_units=inputs.survey_units)
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


def village_units(villages: pd.DataFrame, communes: pd.DataFrame) -> pd.Series:
    """Return the ``unit_id`` of ``communes`` each village lies in (``NaN`` where unknown), in ``villages`` order.

    Pre-2025 units: the village's own ``unit_id`` (set at import by a spatial join, so both polygons of a split GSO
    code keep their villages), else its ``gso_code``.  2025 units: its pre-2025 GSO code through the predecessor lists.
    """
    def column(name: str) -> pd.Series:
        if name not in villages.columns:
            return pd.Series(np.nan, index=villages.index, dtype=object)
        values = villages[name]
        return values.astype(object).where(values.notna(), np.nan).map(lambda v: v if v != v else str(v))

    gso = column("gso_code")
    if "predecessor_gso_codes" in communes.columns:
        link = communes[["unit_id", "predecessor_gso_codes"]].assign(
            gso_code=communes["predecessor_gso_codes"].str.split(";")).explode("gso_code")
        gso = gso.where(gso.notna(), column("unit_id").str.split("-").str[0])
        return gso.map(dict(zip(link["gso_code"], link["unit_id"], strict=True)))
    known = set(communes["unit_id"].astype(str))
    unit = column("unit_id")
    unit = unit.where(unit.isin(known))
    by_gso = gso.map(dict(zip(communes["gso_code"].astype(str), communes["unit_id"], strict=False)))
    return unit.where(unit.notna(), by_gso)


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
    vt = pd.DataFrame({"village_id": villages.get("village_id", pd.Series(villages.index, index=villages.index))})
    vt["unit_id"] = village_units(villages, communes)
    if "population" in villages.columns:
        vt["population"] = pd.to_numeric(villages["population"], errors="coerce").astype(float).to_numpy()
    else:
        vt["population"] = np.nan
    no_unit = vt["unit_id"].isna()
    if no_unit.any():
        names = vt.loc[no_unit, "village_id"].astype(str).tolist()
        notes.append(Problem(
            vi=f"{len(names)} bản không thuộc xã nào ({list_names(names)}): không tính vào số liệu của xã; hãy kiểm tra "
               "tọa độ hoặc nhập lại lớp thôn bản.",
            en=f"{len(names)} villages lie in no commune ({list_names(names)}): left out of the commune figures; check "
               "their coordinates or import the villages again.", value=names[0]))
    no_pop = vt["population"].isna()
    if no_pop.all() and len(vt):
        notes.append(Problem(
            vi="lớp thôn bản không có dân số: RAI và các số bình quân theo dân số để trống; hãy nhập thôn bản có cột "
               "dân số (population, dan_so) hoặc lưới dân số.",
            en="the villages carry no population: RAI and the population-weighted figures are left empty; import villages "
               "with a population column (population, dan_so) or a population grid.", column="population"))
    elif no_pop.any():
        names = vt.loc[no_pop, "village_id"].astype(str).tolist()
        notes.append(Problem(vi=f"{len(names)} bản không có dân số ({list_names(names)}): không tính vào RAI và số bình quân.",
                             en=f"{len(names)} villages have no population ({list_names(names)}): left out of RAI and the "
                                "population-weighted figures.", column="population", value=names[0]))
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
    if no_pop.all():  # no village population: nothing to weigh by (never a made-up number)
        table["population_villages"] = np.nan
        rai["district"]["population_within_2km"] = np.nan
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
    travel = acc.travel_method(season, tobler=dem is not None)
    method_en, method_vi = f"{travel['en']} {rai_method_en}", f"{travel['vi']} {rai_method_vi}"
    return AccessRun(
        units=units, season=season, communes=table, villages=vt, districts=per_district.reset_index(),
        province_rai=province_rai, method_vi=method_vi, method_en=method_en, notes=notes,
        sources={k: inputs.sources[k] for k in ("roads", "schools", "health", "commune_centres", "villages",
                                                  "district_centres", f"communes_{units}", "dem", "population")
                 if k in inputs.sources},
    )


# --- exports: the tables, maps and fact sheets of meetings (shared by cli.py and the Export page) ----------------

def check_survey_year(year: int) -> int:
    """Return ``year`` when the survey covers it (2015–2020), else raise :class:`InputError` naming the range."""
    from report.output import export_error

    if year not in indicators.SURVEY_YEARS:
        raise export_error(f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                           f"year {year} is outside the survey years 2015–2020; choose one of them.", column="year",
                           value=str(year))
    return year


def load_bundle(request: MapRequest) -> MapBundle:
    """Run the flags and load the layers of ``request``, then assemble what the export draws."""
    from report.mapdata import MAP_LAYERS, assemble_map

    check_survey_year(request.year)
    run_ = run_flags(request.units, year=request.year, thresholds=request.thresholds, project=request.project)
    layers = {key: load_layer(key, project=request.project) for key in MAP_LAYERS}
    return assemble_map(request, run_, layers)


def build_table(what: str, *, units: str = "pre2025", year: int = 2020, lang: str = "vi",
                thresholds: FlagThresholds = FlagThresholds(), district: str | None = None, season: str = "dry",
                project: str | None = None) -> tuple[pd.DataFrame, str, str]:
    """Return (table, sheet name, note) of ``what`` (flags, access or indicators; the scorecard: :func:`load_scorecard`).

    Every table carries a source column (the illustrative mark when an input is illustrative, and the credits of
    every input); ``note`` says the same for the sources sheet (XLSX) or the final rows (CSV).
    """
    from report.output import export_error
    from report.strings import s
    from report.tables import TABLES, access_table, flags_table, indicators_table, source_text, sources_note

    if what not in TABLES:
        raise export_error(f"bảng '{what}' không có; chọn flags, access, indicators hoặc scorecard.",
                           f"table '{what}' does not exist; choose flags, access, indicators or scorecard.", column="what",
                           value=str(what))
    check_survey_year(year)
    if what == "access":
        result = run_access(units, season=season, project=project)
        frame = result.communes
    else:
        result = run_flags(units, year=year, thresholds=thresholds, project=project)
        frame = result.flags if what == "flags" else result.communes
    srcs = result.sources
    if district:
        frame = frame[frame["district_code"].astype(str) == str(district)]
        if frame.empty:
            raise export_error(f"huyện {district} không có xã nào; hãy kiểm tra mã huyện (3 chữ số của TCTK).",
                               f"district {district} has no communes; check the district code (3-digit GSO).",
                               column="district", value=str(district))
    if what == "flags":
        table = flags_table(frame, lang=lang, sources=source_text(srcs.values()))
    elif what == "indicators":
        survey_sources = [srcs["survey"], srcs[f"communes_{units}"]]
        srcs = {"survey": srcs["survey"], f"communes_{units}": srcs[f"communes_{units}"]}
        table = indicators_table(frame, result.survey, year=year, lang=lang, source=source_text(survey_sources))
    else:
        table = access_table(frame, season=season, lang=lang, source=source_text(srcs.values()))
    method = (result.method_en if lang == "en" else result.method_vi) if what == "access" else ""
    return table, s(f"sheet_{what}", lang), sources_note(srcs.values(), lang=lang, method=method)


def load_access(units: str, *, project: str | None = None) -> AccessInfo | None:
    """Travel times of every commune (dry and rainy season) for the fact sheets, with their provenance.

    ``None`` when the inputs of the access analysis are refused (:class:`geo.errors.AppError`: the fact sheet then
    says there is no access data); any other failure is a bug and is raised.
    """
    from geo.errors import AppError
    from report.factsheet import AccessInfo

    try:
        runs = {season: run_access(units, season=season, project=project) for season in ("dry", "rainy")}
    except AppError:
        return None
    sources: dict[str, LayerSource] = {}
    for result in runs.values():
        sources.update(result.sources)
    return AccessInfo(tables={season: result.communes for season, result in runs.items()}, sources=sources)


# --- scorecard: every 2020 target of Conclusion 05-KL/TU judged at province, district or commune level ----------

SCORECARD_BASELINE_YEAR = 2015


@dataclass
class ScorecardRun:
    """A scorecard and the frames it was built from (units for the map, the real rates for the chart)."""

    level: str
    units: str
    year: int
    scorecard: pd.DataFrame
    unit_shapes: gpd.GeoDataFrame
    poverty_rates: pd.DataFrame
    """The real provincial rates of every standard (column ``standard``), for the chart."""
    targets: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)
    """Provenance of every layer the measured values come from (survey, flag inputs, real poverty series)."""


def check_level(level: str) -> str:
    """Return ``level`` when known, else raise :class:`InputError` naming the choices."""
    from analysis.targets import LEVELS, input_error

    if level not in LEVELS:
        raise input_error(Problem(vi=f"cấp '{level}' không hợp lệ; chọn province (tỉnh), district (huyện) hoặc commune (xã).",
                                  en=f"level '{level}' is not valid; choose province, district or commune.",
                                  column="level", value=level))
    return level


def check_year(year: int) -> int:
    """Return ``year`` when the survey covers it (2015–2020), else raise :class:`InputError`."""
    from analysis.targets import input_error

    if year not in indicators.SURVEY_YEARS:
        raise input_error(Problem(vi=f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                                  en=f"year {year} is outside the survey years 2015–2020; choose one of them.",
                                  column="year", value=str(year)))
    return year


def _commune_rows(survey: pd.DataFrame, communes: gpd.GeoDataFrame, years: list[int], *,
                  survey_units: str = "pre2025") -> pd.DataFrame:
    frames = []
    names = communes.set_index("unit_id")[["commune", "district_code", "district"]]
    for year in years:
        per_unit = indicators.survey_for_units(survey, communes, year=year, survey_units=survey_units).drop(
            columns=["year"], errors="ignore")
        per_unit = per_unit.join(names).reset_index().rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
        frames.append(per_unit.assign(year=year))
    return pd.concat(frames, ignore_index=True)


def _flags_per_commune(flags: pd.DataFrame) -> pd.DataFrame:
    """One row per GSO commune (a commune drawn as two polygons lacks when either polygon lacks)."""
    grouped = flags.groupby("gso_code", sort=True)
    return pd.DataFrame({
        "unit_id": grouped["gso_code"].first(), "commune": grouped["commune"].first(),
        "district_code": grouped["district_code"].first(), "district": grouped["district"].first(),
        "lacks_allseason_road": grouped["lacks_allseason_road"].any(), "lacks_grid": grouped["lacks_grid"].any(),
    }).reset_index(drop=True)


def compute_scorecard(level: str = "province", *, units: str = "pre2025", year: int = 2020,
                      project: str | None = None, thresholds: FlagThresholds | None = None) -> ScorecardRun:
    """Load targets, survey, flags and the real poverty series, and judge every target at ``level``.

    District and province figures always aggregate the pre-2025 communes (districts were abolished on 1 July 2025);
    ``units`` chooses the communes of the commune level (a project's ``survey_2025`` is then used for the 2025
    units); ``thresholds`` those of the flag rules (default: the rules' defaults, as on the scorecard page).
    """
    from analysis.targets import PROVINCE_CODE, PROVINCE_NAME, build_scorecard, measure_indicators
    from layers.catalog import POOR_30A_DISTRICTS
    from layers.targets import STANDARD_2016, load_provincial_poverty_rates, load_targets, rates_on_standard

    thresholds = thresholds or FlagThresholds()
    check_level(level)
    boundaries.check_units(units)
    check_year(year)
    targets = load_targets()
    all_rates = load_provincial_poverty_rates()
    real = rates_on_standard(all_rates, STANDARD_2016)
    survey, survey_source, survey_units = load_survey(units if level == "commune" else "pre2025", project=project)
    years = sorted({SCORECARD_BASELINE_YEAR, year})
    flag_units = units if level == "commune" else "pre2025"
    flag_run = run_flags(flag_units, year=year, thresholds=thresholds, project=project)
    flags_now = flag_run.flags
    sources = {"poverty_series": SOURCES["poverty_series"], **(flag_run.sources or {}), "survey": survey_source}
    flags_base = (run_flags(flag_units, year=SCORECARD_BASELINE_YEAR, thresholds=thresholds, project=project).flags
                  if year > SCORECARD_BASELINE_YEAR else None)
    if level == "commune":
        communes = boundaries.load_communes(units)
        rows = _commune_rows(survey, communes, years, survey_units=survey_units)
        shapes = communes.rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
    else:
        rows = survey[survey["year"].isin(years)].rename(columns={"gso_code": "unit_code", "commune": "unit_name"})
        flags_now = _flags_per_commune(flags_now)
        flags_base = _flags_per_commune(flags_base) if flags_base is not None else None
        if level == "district":
            shapes = boundaries.load_districts().rename(columns={"district_code": "unit_code", "district": "unit_name"})
        else:
            shapes = boundaries.load_province().assign(unit_code=PROVINCE_CODE, unit_name=PROVINCE_NAME)
    measurements = measure_indicators(level=level, year=year, communes_years=rows, flags=flags_now,
                                      flags_baseline=flags_base, real_rates=real, poor_districts=POOR_30A_DISTRICTS)
    unit_list = shapes[["unit_code", "unit_name"]].astype(str).drop_duplicates("unit_code")
    if level == "district":
        poor = unit_list[unit_list["unit_code"].isin(POOR_30A_DISTRICTS)]
    elif level == "commune":
        poor_codes = shapes.loc[shapes["district_code"].astype(str).isin(POOR_30A_DISTRICTS), "unit_code"]
        poor = unit_list[unit_list["unit_code"].isin(poor_codes)]
    else:
        poor = unit_list
    scorecard = build_scorecard(targets, measurements, level=level, units=unit_list, poor_units=poor)
    return ScorecardRun(level=level, units=units, year=year, scorecard=scorecard, unit_shapes=shapes,
                        poverty_rates=all_rates, targets=targets, sources=sources)


def load_scorecard(level: str = "province", *, units: str = "pre2025", year: int = 2020,
                   thresholds: FlagThresholds | None = None, district: str | None = None,
                   project: str | None = None) -> ScorecardRun:
    """Return the :class:`ScorecardRun` of ``level``, its rows cut to ``district`` when given.

    ``district`` (a GSO district code) keeps that district's row at district level and its communes at commune
    level; at province level it is refused (the province has one row per indicator).
    """
    from report.output import export_error

    check_level(level)
    check_year(year)
    if district and level == "province":
        raise export_error("--district chỉ dùng với --level district hoặc commune (cấp tỉnh chỉ có một dòng mỗi chỉ tiêu).",
                           "--district works only with --level district or commune (the province has one row per "
                           "indicator).", column="district", value=str(district))
    run_ = compute_scorecard(level, units=units, year=year, project=project, thresholds=thresholds)
    if district:
        code = str(district).strip()
        if level == "district":
            keep = {code}
        else:
            shapes = run_.unit_shapes
            keep = set(shapes.loc[shapes["district_code"].astype(str) == code, "unit_code"].astype(str))
        card = run_.scorecard[run_.scorecard["unit_code"].astype(str).isin(keep)].reset_index(drop=True)
        if card.empty:
            raise export_error(f"huyện {code} không có trong bảng theo dõi; hãy kiểm tra mã huyện (3 chữ số của TCTK).",
                               f"district {code} is not in the scorecard; check the district code (3-digit GSO).",
                               column="district", value=code)
        run_.scorecard = card
    return run_
