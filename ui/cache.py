"""Cached data access for the pages: simple keys in (strings, ints, tuples), fresh frames out."""

from __future__ import annotations

import socket
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from analysis.flags import FlagThresholds
from geo.errors import AppError
from layers import boundaries, indicators
from layers.catalog import LayerSource
from workflows import FlagRun, load_layer, run_flags


def project_stamp(project: str | None) -> float:
    """Modification time of the project file (0 without one): part of every cache key, so a save elsewhere shows."""
    if not project:
        return 0.0
    try:
        return Path(project).stat().st_mtime
    except OSError:
        return 0.0


def flag_run(units: str, year: int, thresholds: tuple, project: str | None) -> FlagRun:
    """Flags of every commune for a unit set, survey year and thresholds (``FlagThresholds`` fields, in order)."""
    return _flag_run(units, year, thresholds, project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=32)
def _flag_run(units: str, year: int, thresholds: tuple, project: str | None, stamp: float) -> FlagRun:
    return run_flags(units, year=year, thresholds=FlagThresholds(*thresholds), project=project)


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


def layer_sources(keys: tuple[str, ...], project: str | None) -> dict[str, LayerSource]:
    """Provenance of each layer of ``keys`` (project version first, else embedded), for map credits and marks."""
    return _layer_sources(tuple(keys), project, project_stamp(project))


@st.cache_data(show_spinner=False, max_entries=16)
def _layer_sources(keys: tuple[str, ...], project: str | None, stamp: float) -> dict[str, LayerSource]:
    found = {}
    for key in keys:
        try:
            found[key] = _layer(key, project, stamp)[1]
        except AppError:  # the page already says which layer could not be read; the embedded credit is shown
            continue
    return found


@st.cache_data(show_spinner=False)
def poverty_series() -> pd.DataFrame:
    """The real provincial poverty series."""
    return indicators.load_poverty_series()


@st.cache_data(show_spinner=False, ttl=300)
def online_basemap_reachable() -> bool:
    """True when the OpenStreetMap tile server answers within a second (never blocks the offline page longer)."""
    try:
        with socket.create_connection(("tile.openstreetmap.org", 443), timeout=1.0):
            return True
    except OSError:
        return False
