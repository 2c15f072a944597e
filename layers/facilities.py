"""Schools, health facilities, commune and district centres, villages: loading, provenance, map layers and
icons."""

from __future__ import annotations

import geopandas as gpd

from geo.i18n import t
from geo.io import read_vector
from layers import palette
from layers.catalog import ILLUSTRATIVE_GPKG, illustrative_source
from layers.spec import By, DataLayer, Icon, LegendItem, MapContext, MapLayer, Part

SCHOOL_LEVELS = ("mam_non", "tieu_hoc", "thcs", "thpt")
HEALTH_KINDS = ("tram_y_te", "pkdk_khu_vuc", "benh_vien_huyen", "benh_vien_tinh")


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


# --- provenance, map layers and icons
# -------------------------------------------------------------------------------

DATA_LAYERS = (
    DataLayer("schools", illustrative_source("schools"), "point", loader=load_schools, clip="extent"),
    DataLayer("health", illustrative_source("health"), "point", loader=load_health, clip="extent"),
    DataLayer(
        "commune_centres",
        illustrative_source("commune_centres"),
        "point",
        loader=load_commune_centres,
        clip="extent",
    ),
    DataLayer(
        "district_centres", illustrative_source("district_centres"), "point", loader=load_district_centres
    ),
    DataLayer("villages", illustrative_source("villages"), "point", loader=load_villages),
)

# Schools are circles, squares, triangles and diamonds in greens, health facilities crosses in reds
# (layers.palette).
SCHOOL_ICONS = {
    "mam_non": Icon("circle", palette.SCHOOLS["mam_non"], 9),
    "tieu_hoc": Icon("square", palette.SCHOOLS["tieu_hoc"], 10),
    "thcs": Icon("triangle", palette.SCHOOLS["thcs"], 12),
    "thpt": Icon("diamond", palette.SCHOOLS["thpt"], 13),
}
HEALTH_ICONS = {
    "tram_y_te": Icon("cross", palette.HEALTH["tram_y_te"], 12),
    "pkdk_khu_vuc": Icon("cross", palette.HEALTH["pkdk_khu_vuc"], 14),
    "benh_vien_huyen": Icon("hospital", palette.HEALTH["benh_vien_huyen"], 16),
    "benh_vien_tinh": Icon("hospital", palette.HEALTH["benh_vien_tinh"], 18),
}
CENTRE_ICON = Icon("star", palette.CENTRE, 14)


def _facility_layer(key: str, order: int, column: str, prefix: str, icons: dict[str, Icon]) -> MapLayer:
    """A facility layer: one icon per type (``column`` value), named ``{prefix}_{value}`` in the legend."""

    def with_kind_text(frame: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
        return frame.assign(kind_text=frame[column].map(lambda v: t(f"{prefix}_{v}", ctx.lang)))

    return MapLayer(
        key,
        order=order,
        sources=(key,),
        header=f"layer_{key}",
        parts=(
            Part(
                key,
                "point",
                icon=By(column, icons),
                zorder=8,
                prepare=with_kind_text,
                tooltip=(("name", f"layer_{key}"), ("kind_text", "kind")),
                legend=tuple(
                    LegendItem("icon", f"{prefix}_{value}", icon=icon) for value, icon in icons.items()
                ),
            ),
        ),
    )


MAP_LAYERS = (
    _facility_layer("schools", 90, "level", "school", SCHOOL_ICONS),
    _facility_layer("health", 100, "kind", "health", HEALTH_ICONS),
    MapLayer(
        "centres",
        order=110,
        sources=("commune_centres",),
        header="layer_centres",
        parts=(
            Part(
                "commune_centres",
                "point",
                icon=CENTRE_ICON,
                zorder=8,
                tooltip=(("name", "layer_centres"),),
                legend=(LegendItem("icon", "layer_centres", icon=CENTRE_ICON),),
            ),
        ),
    ),
)
