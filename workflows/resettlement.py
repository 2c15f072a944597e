"""Resettlement (Mường Nhé): village ranking, suitability surface and candidate sites, scenarios.

One copy for the app and the CLI (inputs loaded, checked and assembled here; the analyses are in
``analysis/``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from affine import Affine
from rasterio.features import shapes

from analysis import access as acc
from analysis.network import build_network
from analysis.scenarios import (
    Scenario,
    apply_scenario,
    check_name,
    commune_measures,
    compare_communes,
    people_reached,
    scenario_frame,
    scenario_from_frame,
)
from analysis.sites import SiteRules, Sites, find_sites
from analysis.suitability import SuitabilityInputs, SuitabilityResult, SuitabilityRules, compute_suitability
from analysis.terrain import Terrain
from analysis.village_ranking import NeedRules, RankInputs, check_communes, programme_communes, rank_villages
from geo.crs import METRIC_EPSG, to_metric
from geo.errors import InputError, Problem
from geo.io import read_upload
from geo.provenance import LayerSource
from geo.scenario_store import delete_scenario, list_scenarios, read_scenario, save_scenario
from geo.vectors import import_vector
from layers import power
from layers.resettlement import SCORE_BANDS, SITES_SOURCE, SUITABILITY_SOURCE, band_of
from layers.terrain import DEM_SOURCE, load_illustrative_terrain
from workflows.access import analyse_access
from workflows.flags import analyse_flags
from workflows.inputs import AnalysisInputs
from workflows.measures import district_centre_xy, metric_xy

#: Layers the resettlement analyses read (their provenance travels with every result).
INPUT_KEYS = ("roads", "schools", "health", "villages", "grid_mv", "power_lines", "district_centres")
#: Largest file a scenario's grid-line or facility file may be (bytes).
MAX_SCENARIO_FILE_BYTES = 20 * 2**20


@dataclass(frozen=True)
class TerrainChoice:
    """The DEM the slopes come from, and ``walk_dem``, the DEM walking follows.

    The slopes' DEM: the project's (real, when imported as such), the illustrative one generated for Mường Nhé
    and Nậm Pồ, or none (slope left out); ``walk_dem``: the project's only, as on the Access page.
    """

    terrain: Terrain | None
    source: LayerSource | None
    walk_dem: acc.Dem | None = None


def choose_terrain(
    inputs: AnalysisInputs, *, illustrative: Terrain | None = None, use_illustrative: bool = True
) -> TerrainChoice:
    """Return the DEM of the analyses.

    The project's imported DEM when it has one in the metric CRS, else the illustrative DEM (``illustrative``,
    generated when not given and ``use_illustrative``), else none.
    """
    raster = inputs.rasters.get("dem")
    if raster is not None and str(raster.crs).upper() == f"EPSG:{METRIC_EPSG}":
        source = inputs.sources.get("dem")
        terrain = Terrain(
            np.asarray(raster.array, dtype=float),
            raster.transform,
            illustrative=bool(source.illustrative) if source is not None else False,
        )
        return TerrainChoice(terrain, source, terrain.as_dem())
    if not use_illustrative:
        return TerrainChoice(None, None)
    return TerrainChoice(
        illustrative if illustrative is not None else load_illustrative_terrain(), DEM_SOURCE
    )


def chosen_communes(inputs: AnalysisInputs, codes: list[str] | tuple[str, ...] | None) -> list[str]:
    """Return the GSO codes to analyse.

    ``codes`` checked (an unknown one is refused, named), or by default the communes of Mường Nhé and Nậm Pồ
    districts.
    """
    if codes is None or len(codes) == 0:
        return programme_communes(inputs.communes)
    return check_communes(inputs.communes, list(codes))


def parse_weights(text: str | None, allowed: tuple[str, ...]) -> dict[str, float]:
    """Return ``"slope=3,road=2"`` as ``{"slope": 3.0, "road": 2.0}``.

    Every unknown name or non-number is named.
    """
    if not text or not str(text).strip():
        return {}
    out: dict[str, float] = {}
    problems = []
    for part in str(text).split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or name not in allowed:
            problems.append(
                Problem(
                    vi=f"trọng số '{part.strip()}' không hợp lệ; dùng tên=số với tên là "
                    f"{', '.join(allowed)}.",
                    en=f"weight '{part.strip()}' is not valid; use name=number with a name among "
                    f"{', '.join(allowed)}.",
                    column="weights",
                    value=part.strip(),
                )
            )
            continue
        try:
            out[name] = float(value.strip().replace(",", "."))
        except ValueError:
            problems.append(
                Problem(
                    vi=f"trọng số của {name} phải là một số.",
                    en=f"the weight of {name} must be a number.",
                    column="weights",
                    value=value.strip(),
                )
            )
    if problems:
        raise InputError(problems)
    return out


def illustrative_inputs(inputs: AnalysisInputs) -> frozenset[str]:
    """Names of the layers of :data:`INPUT_KEYS` that are illustrative."""
    return frozenset(k for k in INPUT_KEYS if k in inputs.sources and inputs.sources[k].illustrative)


def _points(frame: gpd.GeoDataFrame, column: str, value: str) -> np.ndarray:
    chosen = frame[frame[column].astype(str) == value]
    return metric_xy(chosen) if len(chosen) else np.zeros((0, 2))


def suitability_inputs(inputs: AnalysisInputs, codes: list[str], terrain: TerrainChoice) -> SuitabilityInputs:
    """Assemble what the suitability surface of the communes ``codes`` is computed from (metric CRS)."""
    layers = inputs.layers
    communes = to_metric(inputs.communes[inputs.communes["gso_code"].astype(str).isin(codes)])
    grid = to_metric(power.combine_grid(layers["power_lines"], layers["grid_mv"]))
    villages = layers["villages"]
    located = villages[villages.geometry.notna() & ~villages.geometry.is_empty]
    return SuitabilityInputs(
        communes=communes,
        network=build_network(layers["roads"]),
        schools_xy=_points(layers["schools"], "level", "tieu_hoc"),
        health_xy=_points(layers["health"], "kind", "tram_y_te"),
        grid_lines=grid.geometry.to_numpy(),
        settlements_xy=metric_xy(located),
        terrain=terrain.terrain,
        walk_dem=terrain.walk_dem,
        illustrative=illustrative_inputs(inputs),
    )


@dataclass
class SuitabilityRun:
    """A suitability surface and its candidate sites, with the communes and the provenance of every input."""

    codes: list[str]
    result: SuitabilityResult
    sites: Sites
    sources: dict[str, LayerSource] = field(default_factory=dict)


def run_suitability(
    inputs: AnalysisInputs,
    *,
    codes: list[str] | None = None,
    rules: SuitabilityRules = SuitabilityRules(),
    site_rules: SiteRules = SiteRules(),
    terrain: TerrainChoice | None = None,
) -> SuitabilityRun:
    """Compute the suitability surface of the chosen communes (default Mường Nhé + Nậm Pồ) and its sites."""
    codes = chosen_communes(inputs, codes)
    terrain = terrain if terrain is not None else choose_terrain(inputs)
    result = compute_suitability(suitability_inputs(inputs, codes, terrain), rules)
    sites = find_sites(result, site_rules)
    sources = {k: inputs.sources[k] for k in INPUT_KEYS if k in inputs.sources}
    if terrain.source is not None:
        sources["dem"] = terrain.source
    return SuitabilityRun(codes, result, sites, sources)


def rank_inputs(inputs: AnalysisInputs, terrain: TerrainChoice) -> RankInputs:
    """Assemble what the village ranking reads (whole province network; villages of every commune)."""
    layers = inputs.layers
    return RankInputs(
        villages=layers["villages"],
        communes=inputs.communes,
        network=build_network(layers["roads"]),
        schools_xy=_points(layers["schools"], "level", "tieu_hoc"),
        health_xy=_points(layers["health"], "kind", "tram_y_te"),
        district_xy=district_centre_xy(layers["district_centres"]),
        terrain=terrain.terrain,
        walk_dem=terrain.walk_dem,
        illustrative=illustrative_inputs(inputs),
    )


def run_village_ranking(
    inputs: AnalysisInputs,
    *,
    codes: list[str] | None = None,
    rules: NeedRules = NeedRules(),
    terrain: TerrainChoice | None = None,
) -> pd.DataFrame:
    """Rank the villages of the chosen communes (default Mường Nhé + Nậm Pồ) by need, most in need first."""
    codes = chosen_communes(inputs, codes)
    terrain = terrain if terrain is not None else choose_terrain(inputs)
    return rank_villages(rank_inputs(inputs, terrain), codes, rules)


#: Columns of the site table as exported (CSV, XLSX, GeoPackage), in order (issue 11's list).
SITE_COLUMNS = (
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
)


def site_table(run: SuitabilityRun) -> gpd.GeoDataFrame:
    """Return the sites with the exported columns, polygons in EPSG:4326.

    The columns include ``km_to_water`` when rivers were used, the land need and the names of the illustrative
    inputs; values are rounded for reading (score 4 decimals, minutes and slope 0.1, km 0.01, ha 0.01); an
    unreachable mean is left empty.
    """
    table = run.sites.table
    columns = list(SITE_COLUMNS)
    if "water" not in run.result.left_out:
        columns.insert(-1, "km_to_water")
    out = pd.DataFrame(table[columns].copy())
    rounding = {
        "area_ha": 2,
        "score": 4,
        "slope_mean_deg": 1,
        "minutes_to_allseason_road": 1,
        "km_to_grid": 2,
        "minutes_to_school": 1,
        "minutes_to_health_station": 1,
        "km_to_water": 2,
    }
    for column, decimals in rounding.items():
        if column in out.columns:
            values = out[column].astype(float)
            out[column] = values.where(np.isfinite(values)).round(decimals)
    out["land_need_ha_per_household"] = table["land_need_ha_per_household"].astype(float).round(4)
    out["illustrative_inputs"] = ";".join(run.result.illustrative_inputs)
    return gpd.GeoDataFrame(out, geometry=table.geometry.to_numpy(), crs=table.crs).to_crs(4326)


# --- scenarios
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioSpec:
    """A scenario as simple values (what the page keeps and caches by).

    ``harden_roads`` (road ids), ``facilities`` ((layer, kind, lon, lat), ...) and
    ``sites`` ((site_id, households, lon, lat), ...).
    """

    name: str
    harden_roads: tuple[str, ...] = ()
    facilities: tuple[tuple[str, str, float, float], ...] = ()
    sites: tuple[tuple[str, int, float, float], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.harden_roads or self.facilities or self.sites)

    def scenario(self) -> Scenario:
        """Return the :class:`analysis.scenarios.Scenario` of these values (points in EPSG:4326)."""
        facilities = sites = None
        if self.facilities:
            facilities = gpd.GeoDataFrame(
                {"layer": [f[0] for f in self.facilities], "kind": [f[1] for f in self.facilities]},
                geometry=[shapely.Point(f[2], f[3]) for f in self.facilities],
                crs=4326,
            )
        if self.sites:
            sites = gpd.GeoDataFrame(
                {"site_id": [s[0] for s in self.sites], "households": [int(s[1]) for s in self.sites]},
                geometry=[shapely.Point(s[2], s[3]) for s in self.sites],
                crs=4326,
            )
        return Scenario(self.name, harden_roads=tuple(self.harden_roads), facilities=facilities, sites=sites)


def site_points(
    sites: gpd.GeoDataFrame, site_ids: list[str] | tuple[str, ...]
) -> tuple[tuple[str, int, float, float], ...]:
    """Return ``(site_id, capacity, lon, lat)`` of the chosen sites, for a scenario.

    Each site is placed at its representative point, in EPSG:4326.
    """
    chosen = sites[sites["site_id"].astype(str).isin(list(site_ids))]
    metric = chosen.to_crs(METRIC_EPSG).geometry.representative_point()
    lonlat = gpd.GeoSeries(metric, crs=METRIC_EPSG).to_crs(4326)
    return tuple(
        (str(i), int(c), float(p.x), float(p.y))
        for i, c, p in zip(chosen["site_id"], chosen["capacity_households"], lonlat, strict=True)
    )


def province_outline(inputs: AnalysisInputs):
    """Return the province outline in the metric CRS (what scenario features are checked against)."""
    return to_metric(inputs.layers["province"]).geometry.union_all()


def scenario_inputs(inputs: AnalysisInputs, scenario: Scenario) -> AnalysisInputs:
    """Return the inputs with the scenario applied (new frames; ``inputs`` is never modified)."""
    layers = apply_scenario(
        inputs.layers, scenario, province=province_outline(inputs), communes=inputs.communes
    )
    return dataclasses.replace(inputs, layers=layers)


def measures(inputs: AnalysisInputs) -> pd.DataFrame:
    """Return, per commune, the flags, access times of both seasons, RAI and people reached.

    These are the commune measures of ``analysis.scenarios``.
    """
    flags = analyse_flags(inputs).flags
    runs = {s: analyse_access(inputs, season=s) for s in acc.SEASONS}
    return commune_measures(
        flags, {s: r.communes for s, r in runs.items()}, {s: r.villages for s, r in runs.items()}
    )


@dataclass
class Comparison:
    """A scenario beside the baseline: one row per commune, and the province's people counts."""

    name: str
    communes: pd.DataFrame
    people: pd.DataFrame


def compare_scenario(
    inputs: AnalysisInputs, scenario: Scenario, *, baseline: pd.DataFrame | None = None
) -> Comparison:
    """Recompute every commune measure with the scenario and put it beside the baseline.

    The baseline is computed when not given.
    """
    base = measures(inputs) if baseline is None else baseline
    table = compare_communes(base, measures(scenario_inputs(inputs, scenario)))
    return Comparison(scenario.name, table, people_reached(table))


def read_scenario_file(path: str | Path, *, what: str) -> gpd.GeoDataFrame:
    """Read a grid-line (``what="grid_line"``) or facility (``"facility"``) file for a scenario; EPSG:4326.

    It goes through the import path (sandboxed reader, province check).
    """
    name, data = read_upload(path, max_bytes=MAX_SCENARIO_FILE_BYTES)
    types = ("LineString", "MultiLineString") if what == "grid_line" else ("Point",)
    frame, _ = import_vector(name, data, geometry_types=types)
    return frame


def create_scenario(inputs: AnalysisInputs, project: str | Path, scenario: Scenario) -> int:
    """Check the scenario against the inputs (every problem named), then save it in the project.

    Returns the layer version.  A name that exists is refused; nothing is written when anything is wrong.
    """
    existing = list_scenarios(project)["name"].tolist() if Path(project).exists() else []
    check_name(scenario.name, existing)
    scenario_inputs(inputs, scenario)  # raises with every problem before anything is written
    frame = scenario_frame(scenario)
    return save_scenario(
        project, scenario.name, frame, note=scenario.note, illustrative=bool(illustrative_inputs(inputs))
    )


def load_scenario(project: str | Path, name: str) -> Scenario:
    """Return scenario ``name`` as saved in the project."""
    return scenario_from_frame(name, read_scenario(project, name))


def scenario_list(project: str | Path) -> pd.DataFrame:
    """Return the project's scenarios (not deleted): name, version, saved_at, note, n_features."""
    return list_scenarios(project)


def remove_scenario(project: str | Path, name: str) -> int:
    """Mark scenario ``name`` deleted (an earlier version can be restored)."""
    return delete_scenario(project, name)


def comparison_table(comparison: Comparison) -> pd.DataFrame:
    """Return the comparison as exported.

    ``gso_code, commune, district``, then ``<measure>_baseline`` and ``<measure>_scenario`` for the flags,
    rainy and dry minutes to the district centre, school and health station, ``rai_share`` and the people
    counts, then ``flags_changed`` and ``changed``.
    """
    table = comparison.communes.drop(columns=["unit_id"])
    return table.reset_index(drop=True)


# --- what the maps draw
# ------------------------------------------------------------------------------------------

#: Side of the blocks the suitability surface is averaged over for the maps (m); the GeoTIFF keeps every cell.
MAP_BLOCK_M = 300.0


def suitability_shapes(result: SuitabilityResult, *, block_m: float = MAP_BLOCK_M) -> gpd.GeoDataFrame:
    """Return the surface as polygons of score bands for the maps, in EPSG:4326.

    The bands are ``layers.resettlement.SCORE_BANDS``.  The score is averaged over blocks of about ``block_m``
    (a whole number of cells, at least one; a block with fewer than half of its cells scored is left out),
    banded, and the blocks of one band joined (4-connected) and simplified by a quarter of a block: a picture
    of the surface, light enough for the browser; the numbers are in the GeoTIFF and the sites. Columns
    ``band`` (0–4), ``score_low``, ``score_high``.
    """
    score = result.score
    h, w = score.shape
    b = max(1, round(block_m / result.grid.resolution_m))
    ph, pw = -(-h // b) * b, -(-w // b) * b
    padded = np.full((ph, pw), np.nan, dtype=np.float32)
    padded[:h, :w] = score
    blocks = padded.reshape(ph // b, b, pw // b, b)
    finite = np.isfinite(blocks)
    count = finite.sum(axis=(1, 3))
    total = np.where(finite, blocks, 0.0).sum(axis=(1, 3), dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count * 2 >= b * b, total / np.maximum(count, 1), np.nan)
    band = band_of(mean).astype(np.int16)
    transform = result.grid.transform @ Affine.scale(b, b)
    geoms, bands = [], []
    for geometry, value in shapes(band, mask=band >= 0, connectivity=4, transform=transform):
        geoms.append(shapely.geometry.shape(geometry))
        bands.append(int(value))
    frame = gpd.GeoDataFrame({"band": np.asarray(bands, dtype=int)}, geometry=geoms, crs=METRIC_EPSG)
    frame["score_low"] = [0.0 if k == 0 else SCORE_BANDS[k - 1] for k in frame["band"]]
    frame["score_high"] = [SCORE_BANDS[k] for k in frame["band"]]
    frame["geometry"] = frame.geometry.simplify(result.grid.resolution_m * b / 4.0)
    return frame.to_crs(4326)


#: Sites whose label is written on the maps (all are drawn, every one has its tooltip).
LABELLED_SITES = 10


def sites_for_map(run: SuitabilityRun, *, labelled: int = LABELLED_SITES) -> gpd.GeoDataFrame:
    """Return the sites as the maps draw them (EPSG:4326).

    ``label`` ("#rank site_id"), ``tag`` (the label of the ``labelled`` best, else empty), commune, score,
    area, capacity.
    """
    table = site_table(run)
    out = table[["rank", "site_id", "commune", "score", "area_ha", "capacity_households", "geometry"]].copy()
    out.insert(0, "label", [f"#{r} {s}" for r, s in zip(out["rank"], out["site_id"], strict=True)])
    out.insert(
        1,
        "tag",
        [label if rank <= labelled else "" for label, rank in zip(out["label"], out["rank"], strict=True)],
    )
    return out


def layer_sources(run: SuitabilityRun) -> dict[str, LayerSource]:
    """Provenance of the computed map layers of a run: illustrative when any input is (the inputs named)."""
    names = ", ".join(run.result.illustrative_inputs)
    vintage = f"computed from: {names} (illustrative)" if run.result.illustrative else "computed on request"
    return {
        src.key: dataclasses.replace(src, vintage=vintage, illustrative=run.result.illustrative)
        for src in (SUITABILITY_SOURCE, SITES_SOURCE)
    }
