"""Commune, district and province boundaries: loading (pre-2025 or 2025 units), provenance, map layers and
styles."""

from __future__ import annotations

import functools

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import InputError, Problem, UnknownCommuneError
from geo.i18n import format_percent, t
from geo.io import read_table, read_vector
from geo.messages import msg
from geo.names import find_name, official_key, spelling_groups, spelling_key
from geo.provenance import LayerSource
from geo.vocab import UNITS
from layers import palette
from layers.catalog import ADMIN_PRE2025_CSV, BOUNDARIES_GPKG, NAME_VARIANTS_CSV
from layers.flags import flag_texts
from layers.spec import DataLayer, LegendItem, MapContext, MapLayer, Paint, Part


def check_units(units: str) -> str:
    """Return ``units`` when it is a known unit set, else raise :class:`InputError`."""
    if units not in UNITS:
        raise InputError(
            Problem(
                vi=(
                    f"bộ đơn vị '{units}' không tồn tại; hãy chọn 'pre2025' (130 xã trước 2025) hoặc '2025' "
                    f"(45 xã từ 1/7/2025)."
                ),
                en=(
                    f"unit set '{units}' does not exist; choose 'pre2025' (130 communes before 2025) or "
                    f"'2025' (45 from 1 July 2025)."
                ),
                column="units",
                value=units,
            )
        )
    return units


def load_communes(units: str = "pre2025", *, display: bool = False) -> gpd.GeoDataFrame:
    """Return the commune polygons of a unit set (EPSG:4326); ``display=True`` gives the simplified
    version."""
    layer = f"communes_{check_units(units)}" + ("_display" if display else "")
    return read_vector(BOUNDARIES_GPKG, layer=layer)


def load_districts(*, display: bool = False) -> gpd.GeoDataFrame:
    """Return the 10 district polygons derived from the pre-2025 communes."""
    return read_vector(BOUNDARIES_GPKG, layer="districts" + ("_display" if display else ""))


def load_province(*, display: bool = False) -> gpd.GeoDataFrame:
    """Return the province outline."""
    return read_vector(BOUNDARIES_GPKG, layer="province" + ("_display" if display else ""))


@functools.lru_cache(maxsize=1)
def name_variants() -> tuple[tuple[str, str], ...]:
    """The ``(GSO name, variant)`` pairs of ``data/admin_units/dien_bien_commune_name_variants.csv`` (each row
    there says which source uses the variant)."""
    table = read_table(NAME_VARIANTS_CSV, dtype=str)
    return tuple(zip(table["gso_name"], table["variant"], strict=True))


@functools.lru_cache(maxsize=1)
def name_spellings() -> dict[str, tuple[str, ...]]:
    """Known spellings of commune names, as :func:`geo.names.spelling_groups` gives them. Cached: not to be
    mutated."""
    return spelling_groups(name_variants())


@functools.lru_cache(maxsize=1)
def _pre2025_gso_names() -> dict[str, str]:
    table = read_table(ADMIN_PRE2025_CSV, dtype=str)
    return dict(zip(table["commune_gso"], table["commune_name"], strict=True))


def official_name(row: pd.Series) -> str:
    """The GSO name of a commune row (``commune_gso_name`` where the polygon's own name is a census
    spelling)."""
    gso = row.get("commune_gso_name")
    return gso if isinstance(gso, str) and gso.strip() else str(row["commune"])


def search_names(row: pd.Series) -> list[str]:
    """Every name a commune row is known by, best first: GSO name, the boundary file's spelling, former
    communes (a 2025 unit is also found by the GSO names of the communes merged into it)."""
    names = [official_name(row), str(row["commune"])]
    codes = row.get("predecessor_gso_codes")
    if isinstance(codes, str):
        former = _pre2025_gso_names()
        names += [former[c] for c in codes.split(";") if c in former]
    return list(dict.fromkeys(names))


def find_communes(communes: gpd.GeoDataFrame, query: str) -> gpd.GeoDataFrame:
    """Return the communes that ``query`` finds, with or without diacritics, by their GSO name, the boundary
    file's spelling, a known variant spelling or (2025 units) a former commune's name: "phu luong" finds Pu
    Luông.

    Column ``found_as`` holds the name the query found when it is not the GSO name (else ``""``).
    """
    if not query or not query.strip():
        return communes.iloc[0:0].assign(found_as=pd.Series(dtype=str))
    groups = name_spellings()
    found = [find_name(search_names(row), query, groups=groups) for _, row in communes.iterrows()]
    hits = communes.assign(
        found_as=[
            "" if name is None or official_key(name) == official_key(official_name(row)) else name
            for name, (_, row) in zip(found, communes.iterrows(), strict=True)
        ]
    )
    return hits[[name is not None for name in found]]


def search_label(row: pd.Series, lang: str) -> str:
    """How a search result reads: the GSO name, the district, and the name the query found when it differs."""
    label = official_name(row) + (
        f" — {row['district']}" if isinstance(row.get("district"), str) and row["district"] else ""
    )
    found_as = row.get("found_as")
    if isinstance(found_as, str) and found_as:
        return label + " (" + msg("nm_found_as", lang, name=found_as) + ")"
    if official_key(str(row["commune"])) != official_key(official_name(row)):
        return label + " (" + msg("nm_drawn_as", lang, name=row["commune"]) + ")"
    return label


def name_notes(communes: gpd.GeoDataFrame, unit_id: str, lang: str) -> list[str]:
    """Notes on a commune's names for its panel: the boundary file's spelling when it is not the GSO one,
    known variant spellings, and a GSO code that several polygons share (Tà Lèng, merged into Thanh Minh,
    keeps its own polygon and carries Thanh Minh's code 03145)."""
    row = commune_row(communes, unit_id)
    official = official_name(row)
    notes = []
    sharing = communes[communes["gso_code"] == row["gso_code"]]
    if len(sharing) == 1 and official_key(str(row["commune"])) != official_key(official):
        notes.append(msg("nm_census_spelling", lang, name=row["commune"], official=official))
    shown = {official_key(official), official_key(str(row["commune"]))}
    group = set(name_spellings().get(official_key(official), ()))
    others = dict.fromkeys(
        n
        for pair in name_variants()
        for n in pair
        if spelling_key(n) in group and spelling_key(n) not in shown
    )
    if others:
        notes.append(msg("nm_variants", lang, names=", ".join(others)))
    if len(sharing) > 1:
        names = " / ".join(str(n) for n in sharing["commune"])
        notes.append(
            msg("nm_shared_code", lang, code=row["gso_code"], names=names, n=len(sharing), official=official)
        )
    return notes


def commune_at(communes: gpd.GeoDataFrame, lon: float, lat: float) -> str | None:
    """The ``unit_id`` of the commune containing the point (``lon``, ``lat``, the frame's CRS); ``None``
    outside all.

    A click on the map is resolved here, on the server, so a road or a flag drawn over the commune never hides
    it.
    """
    point = shapely.Point(float(lon), float(lat))
    hits = communes[communes.geometry.intersects(point)]
    return None if hits.empty else str(hits["unit_id"].iloc[0])


def commune_row(communes: gpd.GeoDataFrame, unit_id: str) -> gpd.GeoSeries:
    """Return the row of commune ``unit_id``; raise :class:`UnknownCommuneError` naming the code when
    unknown."""
    hit = communes[communes["unit_id"] == unit_id]
    if hit.empty:
        raise UnknownCommuneError(
            Problem(
                vi=f"mã xã {unit_id} không có trong dữ liệu đang dùng; hãy kiểm tra mã (5 chữ số của TCTK) "
                f"và bộ đơn vị "
                "(trước/sau sáp nhập 2025).",
                en=f"commune code {unit_id} is not in the loaded data; check the code (5-digit GSO) and the "
                f"unit set "
                "(before/after the 2025 merger).",
                column="gso_code",
                value=str(unit_id),
            )
        )
    return hit.iloc[0]


# --- provenance, map layers and styles
# ------------------------------------------------------------------------------

DATA_LAYERS = (
    DataLayer(
        "communes_pre2025",
        LayerSource(
            "communes_pre2025",
            "censusVN2009 (M. Choisy; govt 1:250k) + GSO codes 2025-03-01 (dvhcvn)",
            "MIT as declared; upstream terms undocumented",
            "c.2013–2016",
            False,
        ),
        "polygon",
    ),
    DataLayer(
        "communes_2025",
        LayerSource(
            "communes_2025",
            "Dissolve of pre-2025 polygons by 2025 successor (GSO list via vietnam-provinces 2025.10.1)",
            "MIT",
            "1 Jul 2025",
            False,
        ),
        "polygon",
    ),
    DataLayer(
        "districts",
        LayerSource(
            "districts",
            "Dissolve of commune polygons on GSO district code",
            "MIT as declared",
            "c.2013–2016",
            False,
        ),
        "polygon",
    ),
    DataLayer(
        "province",
        LayerSource(
            "province", "gis.chinhphu.vn via dvhcvn", "Government data (repo GPL-3.0)", "≤ Oct 2019", False
        ),
        "polygon",
    ),
)

#: Colour around the province (screen background, print frames and inset).
MAP_BACKGROUND = palette.BACKGROUND
#: The province under every map (screen, print, inset): always drawn, not a switchable layer.
PROVINCE_PAINT = Paint(colour=palette.PROVINCE_LINE, width=3, fill=palette.PROVINCE_FILL, fill_opacity=1.0)
#: The neighbouring districts around a printed district.
CONTEXT_PAINT = Paint(colour=palette.CONTEXT_LINE, width=1.2, fill=palette.CONTEXT_FILL, fill_opacity=1.0)
#: The commune selected on screen.
SELECTION_PAINT = Paint(colour=palette.SELECTION, width=5)
#: Tooltip of a commune on screen: (column, label key).
COMMUNE_TOOLTIP = (
    ("commune", "commune"),
    ("gso_code", "gso_code"),
    ("district", "district"),
    ("poverty_text", "poverty_rate"),
    ("flag_text", "layer_flags"),
)


def commune_texts(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """Return the communes with the formatted text columns their tooltip shows: the poverty rate (or "no
    data") and the flags in words (or "no data" when the flag rules did not run)."""
    out = communes.copy()
    rate = out["poor_hh_rate_pct"] if "poor_hh_rate_pct" in out else pd.Series(np.nan, index=out.index)
    out["poverty_text"] = [format_percent(v, ctx.lang) or t("no_data", ctx.lang) for v in rate]
    out["flag_text"] = [text or t("no_data", ctx.lang) for text in flag_texts(out, ctx.lang)]
    return out


MAP_LAYERS = (
    # The layer a click on the screen map selects a commune from (a near-transparent fill catches the click).
    MapLayer(
        "communes",
        order=20,
        sources=("communes_{units}",),
        visible=True,
        base=True,
        parts=(
            Part(
                "communes",
                "polygon",
                Paint(
                    colour=palette.COMMUNE_LINE,
                    width=0.8,
                    fill="#ffffff",
                    fill_opacity=0.01,
                    paper_fill_opacity=0.0,
                ),
                zorder=2,
                tooltip=COMMUNE_TOOLTIP,
                prepare=commune_texts,
                label="commune",
                label_min_zoom=11,
                hover={"weight": 3, "color": palette.HOVER_LINE, "fillOpacity": 0.08},
                legend=(LegendItem("line", "layer_communes", palette.COMMUNE_LINE, width=0.8),),
            ),
        ),
    ),
    MapLayer(
        "districts",
        order=40,
        sources=("districts",),
        visible=True,
        base=True,
        parts=(
            Part(
                "districts",
                "polygon",
                Paint(colour=palette.DISTRICT_LINE, width=2.2, paper_width=2.6),
                zorder=3,
                interactive=False,
                label="district",
                legend=(LegendItem("line", "layer_districts", palette.DISTRICT_LINE, width=2.0),),
            ),
        ),
    ),
)
