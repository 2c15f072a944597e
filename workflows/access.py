"""Access by season: travel times, the RAI and population summaries, with provenance.

The travel times run to services and to the district centre.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from analysis import access as acc
from analysis.network import RoadNetwork, build_network, list_names
from analysis.power_access import grid_distances_km
from analysis.rai import METHOD_POINTS, METHOD_RASTER, rai_from_points, rai_from_raster, rai_table
from geo.crs import METRIC_EPSG, to_metric
from geo.errors import Problem
from geo.messages import msg
from geo.provenance import LayerSource
from geo.vocab import LANGS, Season, Units
from layers import facilities, power
from workflows.checks import check_season, check_within_min
from workflows.inputs import AnalysisInputs, load_inputs
from workflows.measures import centre_xy, district_centre_xy, metric_xy

#: Services measured from every commune centre and village: (facility layer, type column, value) -> service
#: key.
SERVICES = tuple(
    [f"school_{lvl}" for lvl in facilities.SCHOOL_LEVELS] + [f"health_{k}" for k in facilities.HEALTH_KINDS]
)
#: Layers whose provenance an :class:`AccessRun` carries (those the project holds among the grids).
_SOURCE_KEYS = ("roads", "schools", "health", "commune_centres", "villages", "district_centres")


@dataclass
class AccessRun:
    """Travel times, RAI and provenance for one unit set and season.

    The travel times run to services and to the district centre.
    """

    units: Units
    season: Season
    communes: pd.DataFrame
    """One row per commune: centre times per service (``{service}_min``), district-centre route, RAI,
    population means."""
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
    units: Units = "pre2025",
    *,
    season: Season = "dry",
    within_min: float = 60.0,
    project: str | None = None,
    dem: acc.Dem | None = None,
) -> AccessRun:
    """Load the layers and measure access by ``season``.

    Access here covers services, the district centre, the RAI and the population summaries.
    """
    return analyse_access(load_inputs(units, project=project), season=season, within_min=within_min, dem=dem)


def analyse_access(
    inputs: AnalysisInputs, *, season: Season = "dry", within_min: float = 60.0, dem: acc.Dem | None = None
) -> AccessRun:
    """Measure access by ``season`` from loaded inputs.

    Access here covers services, the district centre, the RAI and the population summaries.
    """
    check_season(season)
    check_within_min(within_min)
    layers = inputs.layers
    network = build_network(layers["roads"])
    notes = list(network.notes)
    dem, pop_grid = _usable_grids(inputs, dem, notes)
    fac, fac_xy = _facilities(layers["schools"], layers["health"], layers["province"], notes)
    ordered, commune_xy = centre_xy(inputs.communes, inputs.centres)
    villages = _located_villages(layers["villages"], notes)
    village_xy = metric_xy(villages)
    times = acc.service_access(
        network,
        np.vstack([commune_xy, village_xy]),
        fac_xy,
        fac["kind"].to_numpy(),
        season=season,
        kinds=SERVICES,
        dem=dem,
    )
    n_c = len(commune_xy)
    table = _commune_times(inputs.communes, ordered, times.iloc[:n_c], fac)
    table = table.assign(
        **_district_route(
            network, commune_xy, table["district_code"], layers["district_centres"], season=season, dem=dem
        )
    )
    vt = _village_times(villages, inputs.communes, table, times.iloc[n_c:], notes)
    allseason_lines = _allseason_lines(network)
    vt["within_2km_allseason"] = rai_from_points(village_xy, vt["population"].to_numpy(), allseason_lines)
    grid = grid_distances_km(
        gpd.GeoSeries(shapely.points(village_xy), crs=METRIC_EPSG),
        power.combine_grid(layers["power_lines"], layers["grid_mv"]),
        layers["power_substations"],
    )
    for column in grid.columns:
        vt[column] = grid[column].to_numpy()
    rai, rai_method = _village_rai(table, vt)
    if pop_grid is not None:
        rai, rai_method = _grid_rai(table, inputs.communes, pop_grid, allseason_lines)
    table, per_district = _population_summaries(table, vt, rai, within_min)
    method_vi, method_en = method_text(season, dem is not None, rai_method)
    return AccessRun(
        units=inputs.units,
        season=season,
        communes=table,
        villages=vt,
        districts=per_district.reset_index(),
        province_rai=acc.finite_or_none(rai["province"]["rai_share"].iloc[0]),
        method_vi=method_vi,
        method_en=method_en,
        notes=notes,
        sources={
            k: inputs.sources[k]
            for k in (*_SOURCE_KEYS, f"communes_{inputs.units}", "dem", "population")
            if k in inputs.sources
        },
    )


def _metric_grid(raster, notes: list[Problem], what_vi: str, what_en: str) -> bool:
    """Return True when ``raster`` is in the metric CRS the analysis measures in.

    Otherwise a note in ``notes`` says it is not used.
    """
    if CRS.from_user_input(raster.crs).to_epsg() == METRIC_EPSG:
        return True
    notes.append(
        Problem(
            vi=f"{what_vi} không ở hệ tọa độ UTM 48N (EPSG:{METRIC_EPSG}): chưa dùng; hãy nhập lại.",
            en=f"{what_en} is not in UTM 48N (EPSG:{METRIC_EPSG}): not used; import it again.",
        )
    )
    return False


def _usable_grids(inputs: AnalysisInputs, dem: acc.Dem | None, notes: list[Problem]):
    """Return the DEM to walk over (the one given, else the project's) and the population grid.

    Each only when metric.
    """
    if (
        dem is None
        and "dem" in inputs.rasters
        and _metric_grid(inputs.rasters["dem"], notes, "DEM", "the DEM")
    ):
        dem = acc.Dem(np.asarray(inputs.rasters["dem"].array, dtype=float), inputs.rasters["dem"].transform)
    pop_grid = inputs.rasters.get("population")
    if pop_grid is not None and not _metric_grid(pop_grid, notes, "lưới dân số", "the population grid"):
        pop_grid = None
    return dem, pop_grid


def _facility_rows(frame: gpd.GeoDataFrame, prefix: str, type_column: str) -> pd.DataFrame:
    """Return one row per facility of ``frame``.

    Each row holds the service kind (``prefix`` + type), label, name and metric geometry.
    """
    return pd.DataFrame(
        {
            "kind": prefix + frame[type_column].astype(str),
            "label": frame.get("facility_id", frame.index),
            "name": frame.get("name", ""),
            "geometry": frame.to_crs(METRIC_EPSG).geometry.to_numpy(),
        }
    )


def _facilities(
    schools: gpd.GeoDataFrame, health: gpd.GeoDataFrame, province: gpd.GeoDataFrame, notes: list[Problem]
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """Return the schools and health facilities with coordinates inside the province.

    Returned with their metric coordinates; the facilities left out are said in ``notes``.
    """
    fac = pd.concat(
        [_facility_rows(schools, "school_", "level"), _facility_rows(health, "health_", "kind")],
        ignore_index=True,
    )
    fac = gpd.GeoDataFrame(fac, geometry="geometry", crs=METRIC_EPSG)
    no_geom = fac.geometry.isna() | fac.geometry.is_empty
    if no_geom.any():
        names = fac.loc[no_geom, "label"].astype(str).tolist()
        notes.append(
            Problem(
                vi=f"bỏ {len(names)} cơ sở không có tọa độ ({list_names(names)}).",
                en=f"left out {len(names)} facilities without coordinates ({list_names(names)}).",
                value=names[0],
            )
        )
        fac = fac[~no_geom].reset_index(drop=True)
    fac_xy = metric_xy(fac)
    area = to_metric(province).geometry.union_all() if len(province) else None
    keep, fac_notes = acc.facilities_outside(fac_xy, fac["label"].astype(str).to_numpy(), area)
    notes += fac_notes
    return fac[keep].reset_index(drop=True), fac_xy[keep]


def _located_villages(villages: gpd.GeoDataFrame, notes: list[Problem]) -> gpd.GeoDataFrame:
    """Return the villages that have coordinates (those left out are named in ``notes``)."""
    no_geom = villages.geometry.isna() | villages.geometry.is_empty
    if not no_geom.any():
        return villages
    names = villages.loc[no_geom].get("village_id", villages.index[no_geom]).astype(str).tolist()
    notes.append(
        Problem(
            vi=f"bỏ {len(names)} bản không có tọa độ ({list_names(names)}).",
            en=f"left out {len(names)} villages without coordinates ({list_names(names)}).",
            value=names[0],
        )
    )
    return villages[~no_geom].reset_index(drop=True)


def _commune_times(
    communes: pd.DataFrame, ordered: pd.DataFrame, times: pd.DataFrame, fac: pd.DataFrame
) -> pd.DataFrame:
    """One row per commune: minutes from its centre to each service, the way there and the facility's name."""
    table = communes[["unit_id", "gso_code", "commune", "district_code", "district"]].reset_index(drop=True)
    table["centre_source"] = ordered["centre_source"].to_numpy()
    names = fac["name"].astype(str).to_numpy()
    for kind in SERVICES:
        table[f"{kind}_min"] = times[f"{kind}_min"].to_numpy()
        table[f"{kind}_via"] = times[f"{kind}_via"].to_numpy()
        idx = times[f"{kind}_facility"].to_numpy()
        table[f"{kind}_name"] = np.where(idx >= 0, names[np.clip(idx, 0, None)] if len(fac) else "", "")
    table["walk_method"] = times["walk_method"].to_numpy()
    return table


def _district_route(
    network: RoadNetwork,
    xy: np.ndarray,
    district_code: pd.Series,
    district_centres: gpd.GeoDataFrame,
    *,
    season: Season,
    dem: acc.Dem | None,
) -> dict[str, np.ndarray]:
    """Return, per commune centre, its distance to an all-season road and route to its district centre.

    The route to the district centre is the best one in ``season``.
    """
    district_xy = district_centre_xy(district_centres)
    district = district_code.astype(str).to_numpy()
    conn = acc.allseason_connection(network, xy, district, district_xy)
    route = acc.district_centre_access(network, xy, district, district_xy, season=season, dem=dem)
    columns = {
        "road_km_to_allseason": conn["dist_allseason_m"].to_numpy() / 1000.0,
        "road_km_to_connected_allseason": conn["dist_connected_m"].to_numpy() / 1000.0,
        "minutes_to_district_centre": route["minutes"].to_numpy(),
        "network_km_to_district_centre": route["network_km"].to_numpy(),
    }
    for column in ("weakest_segment", "weakest_class", "weakest_surface", "route_all_season", "snap_m"):
        columns[column] = route[column].to_numpy()
    return columns


def village_units(villages: pd.DataFrame, communes: pd.DataFrame) -> pd.Series:
    """Return the ``unit_id`` of ``communes`` each village lies in, in ``villages`` order.

    Pre-2025 units: the village's own ``unit_id`` (set at import by a spatial join, so both polygons of a
    split GSO code keep their villages), else its ``gso_code``.  2025 units: its pre-2025 GSO code through the
    predecessor lists.  ``NaN`` where unknown.
    """

    def column(name: str) -> pd.Series:
        if name not in villages.columns:
            return pd.Series(np.nan, index=villages.index, dtype=object)
        values = villages[name]
        return values.astype(object).where(values.notna(), np.nan).map(lambda v: v if v != v else str(v))

    gso = column("gso_code")
    if "predecessor_gso_codes" in communes.columns:
        link = (
            communes[["unit_id", "predecessor_gso_codes"]]
            .assign(gso_code=communes["predecessor_gso_codes"].str.split(";"))
            .explode("gso_code")
        )
        gso = gso.where(gso.notna(), column("unit_id").str.split("-").str[0])
        return gso.map(dict(zip(link["gso_code"], link["unit_id"], strict=True)))
    known = set(communes["unit_id"].astype(str))
    unit = column("unit_id")
    unit = unit.where(unit.isin(known))
    by_gso = gso.map(dict(zip(communes["gso_code"].astype(str), communes["unit_id"], strict=False)))
    return unit.where(unit.notna(), by_gso)


def _village_times(
    villages: gpd.GeoDataFrame,
    communes: pd.DataFrame,
    table: pd.DataFrame,
    times: pd.DataFrame,
    notes: list[Problem],
) -> pd.DataFrame:
    """Return one row per village: its unit, population and minutes.

    The unit: pre-2025 ids are GSO codes; 2025 units through the predecessors.
    """
    vt = pd.DataFrame(
        {"village_id": villages.get("village_id", pd.Series(villages.index, index=villages.index))}
    )
    vt["unit_id"] = village_units(villages, communes)
    if "population" in villages.columns:
        vt["population"] = pd.to_numeric(villages["population"], errors="coerce").astype(float).to_numpy()
    else:
        vt["population"] = np.nan
    notes += _village_notes(vt)
    vt["district_code"] = vt["unit_id"].map(dict(zip(table["unit_id"], table["district_code"], strict=True)))
    for kind in SERVICES:
        vt[f"{kind}_min"] = times[f"{kind}_min"].to_numpy()
    return vt


def _village_notes(vt: pd.DataFrame) -> list[Problem]:
    """Return what the commune figures leave out: villages in no commune, villages without population."""
    notes = []
    no_unit = vt["unit_id"].isna()
    if no_unit.any():
        names = vt.loc[no_unit, "village_id"].astype(str).tolist()
        notes.append(
            Problem(
                vi=f"{len(names)} bản không thuộc xã nào ({list_names(names)}): không tính vào số liệu của "
                f"xã; hãy kiểm tra "
                "tọa độ hoặc nhập lại lớp thôn bản.",
                en=f"{len(names)} villages lie in no commune ({list_names(names)}): left out of the commune "
                f"figures; check "
                "their coordinates or import the villages again.",
                value=names[0],
            )
        )
    no_pop = vt["population"].isna()
    if no_pop.all() and len(vt):
        notes.append(
            Problem(
                vi="lớp thôn bản không có dân số: RAI và các số bình quân theo dân số để trống; hãy nhập "
                "thôn bản có cột dân số (population, dan_so) hoặc lưới dân số.",
                en="the villages carry no population: RAI and the population-weighted figures are left "
                "empty; import villages with a population column (population, dan_so) or a population grid.",
                column="population",
            )
        )
    elif no_pop.any():
        names = vt.loc[no_pop, "village_id"].astype(str).tolist()
        notes.append(
            Problem(
                vi=(
                    f"{len(names)} bản không có dân số ({list_names(names)}): không tính vào RAI và số bình "
                    f"quân."
                ),
                en=f"{len(names)} villages have no population ({list_names(names)}): left out of RAI and the "
                "population-weighted figures.",
                column="population",
                value=names[0],
            )
        )
    return notes


def _allseason_lines(network: RoadNetwork) -> np.ndarray:
    """Geometry of the all-season segments of the network (metric)."""
    if not len(network.segments):
        return np.zeros(0, dtype=object)
    return np.asarray(network.segments.geometry.values)[network.segments["all_season"].to_numpy(bool)]


def _village_rai(table: pd.DataFrame, vt: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Compute the RAI by unit, district and province from village points.

    ``table`` gets ``rai_share``, the population and the source.
    """
    rai = rai_table(
        vt["unit_id"], vt["population"], vt["within_2km_allseason"].to_numpy(), districts=vt["district_code"]
    )
    table["rai_share"] = table["unit_id"].map(rai["unit"]["rai_share"])
    table["population_villages"] = table["unit_id"].map(rai["unit"]["population"])
    if vt["population"].isna().all():  # no village population: nothing to weigh by (never a made-up number)
        table["population_villages"] = np.nan
        rai["district"]["population_within_2km"] = np.nan
    table["rai_source"] = np.where(table["rai_share"].notna(), "villages", "")
    return rai, METHOD_POINTS


def _grid_rai(
    table: pd.DataFrame, communes: gpd.GeoDataFrame, pop_grid, allseason_lines: np.ndarray
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Compute the RAI by unit, district and province from a metric population grid.

    Replaces the village figures in ``table``.
    """
    grid_rai = rai_from_raster(
        np.asarray(pop_grid.array, dtype=float),
        pop_grid.transform,
        np.asarray(to_metric(communes).geometry.values),
        allseason_lines,
        epsg=METRIC_EPSG,
    )
    table["population_grid"] = grid_rai["population"].to_numpy()
    table["rai_share"] = grid_rai["rai_share"].to_numpy()
    table["rai_source"] = np.where(table["rai_share"].notna(), "population grid", "")
    by_d = (
        pd.DataFrame(
            {
                "district_code": table["district_code"],
                "pop": grid_rai["population"].to_numpy(),
                "within": grid_rai["population_within_2km"].to_numpy(),
            }
        )
        .groupby("district_code")
        .sum()
    )
    total = float(by_d["pop"].sum())
    rai = {
        "district": pd.DataFrame(
            {
                "population_within_2km": by_d["within"],
                "rai_share": by_d["within"] / by_d["pop"].where(by_d["pop"] > 0),
            }
        ),
        "province": pd.DataFrame(
            {"rai_share": [float(by_d["within"].sum()) / total if total > 0 else np.nan]}
        ),
    }
    return rai, METHOD_RASTER


def _population_summaries(
    table: pd.DataFrame, vt: pd.DataFrame, rai: dict[str, pd.DataFrame], within_min: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return population-weighted minutes and shares within ``within_min`` per commune and district.

    The commune figures are joined to ``table``.
    """
    minute_cols = [f"{k}_min" for k in SERVICES]
    per_unit = acc.population_summary(
        vt, group="unit_id", population="population", minutes=minute_cols, within_min=within_min
    )
    table = table.join(per_unit.drop(columns="population"), on="unit_id")
    per_district = acc.population_summary(
        vt, group="district_code", population="population", minutes=minute_cols, within_min=within_min
    )
    per_district = per_district.join(rai["district"][["population_within_2km", "rai_share"]])
    names = table.drop_duplicates("district_code").set_index("district_code")["district"]
    per_district.insert(0, "district", per_district.index.map(names))
    return table, per_district


def method_text(season: Season, with_dem: bool, rai_method: dict[str, str]) -> tuple[str, str]:
    """Return how the times and the RAI were measured, in Vietnamese and English.

    The rules of the README's access section (message ``acc_method_travel``), the walking rule (Tobler over
    the DEM, or 4 km/h), then the RAI's method.
    """
    texts = []
    for lang in LANGS:
        walk = msg("acc_walk_tobler" if with_dem else "acc_walk_flat", lang)
        travel = msg("acc_method_travel", lang, season=msg(f"acc_method_season_{season}", lang), walk=walk)
        texts.append(f"{travel} {rai_method[lang]}")
    return texts[0], texts[1]
