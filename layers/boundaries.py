"""Commune, district and province boundaries: loading (pre-2025 or 2025 units) and map styles."""

from __future__ import annotations

import geopandas as gpd

from geo.errors import InputError, Problem, UnknownCommuneError
from geo.io import read_vector
from geo.names import matches_query
from layers.catalog import BOUNDARIES_GPKG

UNITS = ("pre2025", "2025")

COMMUNE_STYLE = {"color": "#5b5b5b", "weight": 0.8, "fillColor": "#ffffff", "fillOpacity": 0.0}
DISTRICT_STYLE = {"color": "#202020", "weight": 2.2, "fill": False}
PROVINCE_STYLE = {"color": "#000000", "weight": 3, "fill": False}


def check_units(units: str) -> str:
    """Return ``units`` when it is a known unit set, else raise :class:`InputError`."""
    if units not in UNITS:
        raise InputError(Problem(
            vi=f"bộ đơn vị '{units}' không tồn tại; hãy chọn 'pre2025' (130 xã trước 2025) hoặc '2025' (45 xã từ 1/7/2025).",
            en=f"unit set '{units}' does not exist; choose 'pre2025' (130 communes before 2025) or '2025' (45 from 1 July 2025).",
            column="units", value=units))
    return units


def load_communes(units: str = "pre2025", *, display: bool = False) -> gpd.GeoDataFrame:
    """Return the commune polygons of a unit set (EPSG:4326); ``display=True`` gives the simplified version."""
    layer = f"communes_{check_units(units)}" + ("_display" if display else "")
    return read_vector(BOUNDARIES_GPKG, layer=layer)


def load_districts(*, display: bool = False) -> gpd.GeoDataFrame:
    """Return the 10 district polygons derived from the pre-2025 communes."""
    return read_vector(BOUNDARIES_GPKG, layer="districts" + ("_display" if display else ""))


def load_province(*, display: bool = False) -> gpd.GeoDataFrame:
    """Return the province outline."""
    return read_vector(BOUNDARIES_GPKG, layer="province" + ("_display" if display else ""))


def find_communes(communes: gpd.GeoDataFrame, query: str) -> gpd.GeoDataFrame:
    """Return the communes whose name matches ``query`` with or without diacritics ("muong nhe" finds Mường Nhé)."""
    if not query or not query.strip():
        return communes.iloc[0:0]
    mask = communes["commune"].map(lambda name: matches_query(name, query))
    return communes[mask.astype(bool)]


def commune_row(communes: gpd.GeoDataFrame, unit_id: str) -> gpd.GeoSeries:
    """Return the row of commune ``unit_id``; raise :class:`UnknownCommuneError` naming the code when unknown."""
    hit = communes[communes["unit_id"] == unit_id]
    if hit.empty:
        raise UnknownCommuneError(Problem(
            vi=f"mã xã {unit_id} không có trong dữ liệu đang dùng; hãy kiểm tra mã (5 chữ số của TCTK) và bộ đơn vị "
               "(trước/sau sáp nhập 2025).",
            en=f"commune code {unit_id} is not in the loaded data; check the code (5-digit GSO) and the unit set "
               "(before/after the 2025 merger).",
            column="gso_code", value=str(unit_id)))
    return hit.iloc[0]
