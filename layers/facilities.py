"""Schools, health facilities and commune centres: loading and distinct map icons by type."""

from __future__ import annotations

import geopandas as gpd

from geo.io import read_vector
from layers.catalog import ILLUSTRATIVE_GPKG

SCHOOL_LEVELS = ("mam_non", "tieu_hoc", "thcs", "thpt")
HEALTH_KINDS = ("tram_y_te", "pkdk_khu_vuc", "benh_vien_huyen", "benh_vien_tinh")

# (shape, fill colour, size px).  Schools are squares/triangles in blues, health facilities crosses in reds.
ICONS = {
    "school_mam_non": ("circle", "#9ecae1", 9),
    "school_tieu_hoc": ("square", "#4292c6", 10),
    "school_thcs": ("triangle", "#2171b5", 12),
    "school_thpt": ("diamond", "#08306b", 13),
    "health_tram_y_te": ("cross", "#e31a1c", 12),
    "health_pkdk_khu_vuc": ("cross", "#b10026", 14),
    "health_benh_vien_huyen": ("hospital", "#800026", 16),
    "health_benh_vien_tinh": ("hospital", "#4d0013", 18),
    "commune_centre": ("star", "#ffd700", 14),
    "substation": ("square", "#d7191c", 11),
}


def icon_svg(icon_key: str) -> str:
    """Return an inline SVG (no font, no network) for an icon key of :data:`ICONS`."""
    shape, fill, size = ICONS[icon_key]
    s = size
    h = s / 2
    stroke = 'stroke="#222" stroke-width="1"'
    if shape == "circle":
        body = f'<circle cx="{h}" cy="{h}" r="{h - 1}" fill="{fill}" {stroke}/>'
    elif shape == "square":
        body = f'<rect x="1" y="1" width="{s - 2}" height="{s - 2}" fill="{fill}" {stroke}/>'
    elif shape == "triangle":
        body = f'<polygon points="{h},1 {s - 1},{s - 1} 1,{s - 1}" fill="{fill}" {stroke}/>'
    elif shape == "diamond":
        body = f'<polygon points="{h},1 {s - 1},{h} {h},{s - 1} 1,{h}" fill="{fill}" {stroke}/>'
    elif shape == "star":
        pts = "50,2 61,38 98,38 68,60 79,96 50,74 21,96 32,60 2,38 39,38"
        body = f'<polygon points="{pts}" transform="scale({s / 100})" fill="{fill}" stroke="#222" stroke-width="6"/>'
    else:  # cross / hospital: a red cross on white, the hospital framed
        w = s / 3
        frame = f'<rect x="0.5" y="0.5" width="{s - 1}" height="{s - 1}" fill="#fff" stroke="{fill}" stroke-width="1.5"/>'
        body = (frame if shape == "hospital" else "") + (
            f'<rect x="{w}" y="1.5" width="{w}" height="{s - 3}" fill="{fill}"/>'
            f'<rect x="1.5" y="{w}" width="{s - 3}" height="{w}" fill="{fill}"/>')
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">{body}</svg>'


def load_schools() -> gpd.GeoDataFrame:
    """Return the schools (illustrative) with ``level`` in :data:`SCHOOL_LEVELS`."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="schools")


def load_health() -> gpd.GeoDataFrame:
    """Return the health facilities (illustrative) with ``kind`` in :data:`HEALTH_KINDS`."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="health")


def load_commune_centres() -> gpd.GeoDataFrame:
    """Return the commune centres (UBND xã points; illustrative)."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="commune_centres")


def load_district_centres() -> gpd.GeoDataFrame:
    """Return the district centres (illustrative: the commune centre of each district seat)."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="district_centres")


def load_villages() -> gpd.GeoDataFrame:
    """Return the villages / populated places (illustrative) with households and population."""
    return read_vector(ILLUSTRATIVE_GPKG, layer="villages")
