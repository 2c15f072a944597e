"""Every cached loader of the app, in one module: simple values or frozen dataclasses as keys, fresh results
out.

Each key that reads a project also carries the project file's modification time (:func:`project_stamp`), so a
save elsewhere (another tab, the CLI) is seen at once.  Results are never mutated by the pages
(``st.cache_data`` hands each caller a copy).  An :class:`geo.errors.AppError` is raised to the page, never
cached.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from analysis.classify import classify_values
from analysis.flags import FlagThresholds
from analysis.sites import SiteRules
from analysis.suitability import SuitabilityRules
from analysis.terrain import Terrain
from analysis.village_ranking import NeedRules
from geo.errors import AppError
from geo.provenance import LayerSource
from layers import boundaries
from layers.imports import ImportResult
from layers.mapdata import assemble_map as assemble_map_data
from layers.mapview import MapOptions, build_map
from layers.registry import MAP_LAYERS
from layers.terrain import load_illustrative_terrain
from report.data import render_data
from report.factsheet import render_factsheets, select_units
from report.html import render_html
from report.layout import PrintSettings, render_layout
from report.mapdata import MapBundle, MapRequest, assemble_map
from report.scorecard import render_scorecard_pdf, render_scorecard_table, sources_note
from report.tables import table_csv_bytes, table_xlsx_bytes
from ui.assets import ASSET_BASE_URL
from ui.mapframe import MapFrame, prepare
from workflows.access import AccessRun, run_access
from workflows.exports import build_table, load_access
from workflows.flags import FlagRun, run_flags
from workflows.imports import read_import, upload_layer_names
from workflows.inputs import AnalysisInputs, load_inputs, load_layer
from workflows.programmes import ProgrammeRun, run_programmes
from workflows.resettlement import (
    Comparison,
    ScenarioSpec,
    SuitabilityRun,
    choose_terrain,
    compare_scenario,
    measures,
    run_suitability,
    run_village_ranking,
    suitability_shapes,
)
from workflows.scorecard import ScorecardRun, compute_scorecard, load_scorecard


def clear() -> None:
    """Forget every cached result (after a save or a restore: a project's layers changed under the same
    names)."""
    st.cache_data.clear()


def project_stamp(project: str | None) -> float:
    """Modification time of the project file (0 without one): part of every cache key, so a save elsewhere
    shows."""
    if not project:
        return 0.0
    try:
        return Path(project).stat().st_mtime
    except OSError:
        return 0.0


# --- analyses and layers of the pages
# --------------------------------------------------------------------------


def flag_run(units: str, year: int, thresholds: FlagThresholds, project: str | None) -> FlagRun:
    """Flags of every commune for a unit set, survey year and thresholds."""
    return _flag_run(units, year, thresholds, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=32)
def _flag_run(
    units: str, year: int, thresholds: FlagThresholds, project: str | None, stamp: float
) -> FlagRun:
    return run_flags(units, year=year, thresholds=thresholds, project=project)


def access_run(units: str, season: str, within_min: float, project: str | None) -> AccessRun:
    """Access analysis for a unit set, season and time threshold."""
    return _access_run(units, season, within_min, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=16)
def _access_run(units: str, season: str, within_min: float, project: str | None, stamp: float) -> AccessRun:
    return run_access(units, season=season, within_min=within_min, project=project)


def scorecard_run(level: str, units: str, year: int, project: str | None) -> ScorecardRun:
    """The scorecard of one level, unit set and year (the flag rules' default thresholds, as on the page)."""
    return _scorecard_run(level, units, year, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=16)
def _scorecard_run(level: str, units: str, year: int, project: str | None, stamp: float) -> ScorecardRun:
    return compute_scorecard(level, units=units, year=year, project=project)


def programme_run(
    units: str,
    year: int,
    weights: tuple[tuple[str, float], ...],
    programmes: tuple[str, ...] | None,
    thresholds: FlagThresholds,
    project: str | None,
) -> ProgrammeRun:
    """Programme coverage against need for a unit set, survey year, need weights and programmes judged."""
    return _programme_run(units, year, weights, programmes, thresholds, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=8)
def _programme_run(
    units: str,
    year: int,
    weights: tuple[tuple[str, float], ...],
    programmes: tuple[str, ...] | None,
    thresholds: FlagThresholds,
    project: str | None,
    stamp: float,
) -> ProgrammeRun:
    return run_programmes(
        units, year=year, weights=dict(weights), programmes=programmes, project=project, thresholds=thresholds
    )


@st.cache_data(show_spinner=False, max_entries=8)
def display_communes(units: str) -> gpd.GeoDataFrame:
    """Simplified commune polygons for the browser."""
    return boundaries.load_communes(units, display=True)


@st.cache_data(show_spinner=False)
def display_districts() -> gpd.GeoDataFrame:
    """Simplified district polygons for the browser."""
    return boundaries.load_districts(display=True)


@st.cache_data(show_spinner=False)
def display_province() -> gpd.GeoDataFrame:
    """Simplified province outline for the browser."""
    return boundaries.load_province(display=True)


def layer(key: str, project: str | None) -> tuple[pd.DataFrame, LayerSource]:
    """One layer (project version first, else embedded) and its provenance."""
    return _layer(key, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=32)
def _layer(key: str, project: str | None, stamp: float) -> tuple[pd.DataFrame, LayerSource]:
    return load_layer(key, project=project)


def shown_sources(
    visible: tuple[str, ...], units: str, project: str | None, run: FlagRun | None = None
) -> list[LayerSource]:
    """The provenance of what a page shows: the ``visible`` map layers' sources (registry) and the flag run's
    inputs."""
    found = dict(run.sources) if run is not None else {}
    for map_layer in MAP_LAYERS:
        if map_layer.key not in visible:
            continue
        for key in map_layer.source_keys(units):
            if key not in found:
                try:
                    found[key] = _layer_source(key, project, project_stamp(project))
                except (AppError, KeyError):
                    # not a layer of its own (computed): its inputs are listed instead
                    continue
    return list(found.values())


@st.cache_data(show_spinner=False, max_entries=64)
def _layer_source(key: str, project: str | None, stamp: float) -> LayerSource:
    """Only the provenance of one layer (a cached frame would be copied out of the cache on every rerun)."""
    return layer(key, project)[1]


def map_frame(request: MapRequest, *, online: bool = False) -> MapFrame:
    """The Map page's map for ``request`` (its ``visible`` lists the one theme first), rendered once per
    choice."""
    return _map_frame(request, online, project_stamp(request.project))


@st.cache_data(show_spinner=False, max_entries=24)
def _map_frame(request: MapRequest, online: bool, stamp: float) -> MapFrame:
    problems: list[str] = []
    run = None
    try:
        run = flag_run(request.units, request.year, request.thresholds, request.project)
    except AppError as exc:  # no flags: show the boundaries and say why
        problems.append(exc.render(request.lang))

    def load(key: str):
        try:
            return layer(key, request.project)
        except AppError as exc:  # a missing or corrupt layer: say so, draw the rest
            problems.append(exc.render(request.lang))
            return None, None

    data = assemble_map_data(
        display_communes(request.units),
        display_districts(),
        display_province(),
        load=load,
        survey=None if run is None else run.survey,
        flags=None if run is None else run.flags,
        sources=None if run is None else run.sources,
        district=request.district,
    )
    classification = classify_values(data.communes["poor_hh_rate_pct"], scheme=request.scheme, k=request.k)
    options = MapOptions(
        lang=request.lang,
        visible=request.visible,
        classification=classification,
        bounds=tuple(float(b) for b in data.communes.total_bounds) if request.district else None,
        online_basemap=online,
        asset_base_url=ASSET_BASE_URL,
        layer_list=False,
    )
    return prepare(build_map(data, options), problems)


@st.cache_data(show_spinner=False, ttl=300)
def online_basemap_reachable() -> bool:
    """True when the OpenStreetMap tile server answers within a second (never blocks the offline page
    longer)."""
    try:
        with socket.create_connection(("tile.openstreetmap.org", 443), timeout=1.0):
            return True
    except OSError:
        return False


# --- imports
# ----------------------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def checked_upload(
    name: str, data: bytes, layer: str | None, units: str, epsg: int | None, source_layer: str | None = None
) -> ImportResult:
    """Read and check an upload once per (file, choices) (:func:`workflows.imports.read_import`); nothing is
    written."""
    return read_import(name, data, layer=layer, units=units, assume_epsg=epsg, source_layer=source_layer)


@st.cache_data(show_spinner=False, max_entries=4)
def upload_layers(name: str, data: bytes) -> list[str]:
    """The layers of an uploaded map file (:func:`workflows.imports.upload_layer_names`)."""
    return upload_layer_names(name, data)


# --- exports of the Export page
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportKey:
    """What an export reproduces: the page's choices as a map request, and the project file's modification
    time.

    A table or scorecard key holds only the choices it depends on (the other fields keep their defaults), so
    that changing, say, the map's classes does not build the table again.
    """

    request: MapRequest
    stamp: float = 0.0

    @classmethod
    def of(cls, request: MapRequest) -> ExportKey:
        """The key of ``request`` with its project file's current stamp."""
        return cls(request, project_stamp(request.project))


def map_bundle(request: MapRequest) -> MapBundle:
    """What an exported map draws, from the cached flag run and layers of the pages."""
    run = flag_run(request.units, request.year, request.thresholds, request.project)
    return assemble_map(request, run, lambda key: layer(key, request.project))


@st.cache_data(show_spinner=False, max_entries=8)
def map_bytes(key: ExportKey, fmt: str, settings: PrintSettings) -> bytes:
    """The print layout (``pdf``/``png``) or the standalone HTML map (``html``: title and subtitle of
    ``settings``)."""
    bundle = map_bundle(key.request)
    if fmt == "html":
        return render_html(bundle, title=settings.title, subtitle=settings.subtitle).encode("utf-8")
    data, _ = render_layout(bundle, settings, fmt)
    return data


@st.cache_data(show_spinner=False, max_entries=8)
def data_bytes(key: ExportKey, fmt: str) -> bytes:
    """The visible layers as a data package (``gpkg``, ``geojson``, ``shp`` zip or ``kml``)."""
    return render_data(map_bundle(key.request), fmt)


@st.cache_data(show_spinner=False, max_entries=4)
def factsheet_bytes(key: ExportKey, district: str) -> bytes:
    """One PDF with the fact sheet of every commune of ``district``, with their travel times."""
    bundle = map_bundle(key.request)
    units = select_units(bundle, district=district)
    return render_factsheets(
        bundle, units, access=load_access(key.request.units, project=key.request.project)
    )


@st.cache_data(show_spinner=False, max_entries=8)
def table_bytes(key: ExportKey, what: str, fmt: str) -> bytes:
    """A commune table (flags, access or indicators) as CSV or XLSX, with its sources."""
    request = key.request
    table, sheet, note = build_table(
        what,
        units=request.units,
        year=request.year,
        lang=request.lang,
        thresholds=request.thresholds,
        district=request.district,
        project=request.project,
    )
    return (
        table_csv_bytes(table, note=note)
        if fmt == "csv"
        else table_xlsx_bytes(table, sheet=sheet, title_note=note)
    )


@st.cache_data(show_spinner=False, max_entries=8)
def scorecard_bytes(key: ExportKey, kind: str, level: str) -> bytes:
    """The scorecard table (``csv``/``xlsx``) of ``level``, or its PDF (``pdf``, province).

    The flag rules run with their default thresholds, as on the scorecard page.
    """
    request = key.request
    if kind == "pdf":
        run = load_scorecard("province", year=request.year, project=request.project)
        data, _ = render_scorecard_pdf(
            run.scorecard,
            run.poverty_rates,
            run.targets,
            year=run.year,
            lang=request.lang,
            sources=run.sources.values(),
        )
        return data
    run = load_scorecard(
        level,
        units=request.units,
        year=request.year,
        district=request.district if level != "province" else None,
        project=request.project,
    )
    return render_scorecard_table(
        run.scorecard,
        kind,
        lang=request.lang,
        note=sources_note(run.scorecard, run.sources.values(), lang=request.lang),
    )


# --- resettlement
# ------------------------------------------------------------------------------------------------ Suitability
# runs hold grids of millions of cells: kept as resources (never copied, never mutated by the pages).


@st.cache_resource(show_spinner=False, max_entries=1)
def illustrative_terrain() -> Terrain:
    """The illustrative DEM of Mường Nhé and Nậm Pồ (generated once per server)."""
    return load_illustrative_terrain()


def resettlement_inputs(project: str | None) -> AnalysisInputs:
    """Every layer the resettlement analyses read (embedded, or the project's)."""
    return _resettlement_inputs(project, project_stamp(project))


@st.cache_resource(show_spinner=False, max_entries=2)
def _resettlement_inputs(project: str | None, stamp: float) -> AnalysisInputs:
    return load_inputs("pre2025", project=project)


def suitability_run(
    codes: tuple[str, ...], rules: SuitabilityRules, site_rules: SiteRules, project: str | None
) -> tuple[SuitabilityRun, gpd.GeoDataFrame]:
    """The suitability surface and sites of the communes ``codes``, and the surface's score bands for the
    map."""
    return _suitability_run(codes, rules, site_rules, project, project_stamp(project))


@st.cache_resource(show_spinner=False, max_entries=2)
def _suitability_run(
    codes: tuple[str, ...], rules: SuitabilityRules, site_rules: SiteRules, project: str | None, stamp: float
) -> tuple[SuitabilityRun, gpd.GeoDataFrame]:
    inputs = resettlement_inputs(project)
    terrain = choose_terrain(inputs, illustrative=illustrative_terrain())
    run = run_suitability(inputs, codes=list(codes), rules=rules, site_rules=site_rules, terrain=terrain)
    return run, suitability_shapes(run.result)


def village_ranking(codes: tuple[str, ...], rules: NeedRules, project: str | None) -> pd.DataFrame:
    """The villages of ``codes`` ranked by need."""
    return _village_ranking(codes, rules, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=8)
def _village_ranking(
    codes: tuple[str, ...], rules: NeedRules, project: str | None, stamp: float
) -> pd.DataFrame:
    inputs = resettlement_inputs(project)
    terrain = choose_terrain(inputs, illustrative=illustrative_terrain())
    return run_village_ranking(inputs, codes=list(codes), rules=rules, terrain=terrain)


@st.cache_data(show_spinner=False, max_entries=2)
def _baseline_measures(project: str | None, stamp: float) -> pd.DataFrame:
    return measures(resettlement_inputs(project))


def scenario_comparison(spec: ScenarioSpec, project: str | None) -> Comparison:
    """The scenario ``spec`` beside the baseline (every commune measure recomputed)."""
    stamp = project_stamp(project)
    return _scenario_comparison(spec, project, stamp)


@st.cache_data(show_spinner=False, max_entries=8)
def _scenario_comparison(spec: ScenarioSpec, project: str | None, stamp: float) -> Comparison:
    return compare_scenario(
        resettlement_inputs(project), spec.scenario(), baseline=_baseline_measures(project, stamp)
    )
