"""Commune indicators: the (illustrative) commune survey, the real provincial poverty series, programme zones;
their map layers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from analysis.crosswalk import aggregate_to_2025
from geo.i18n import format_number, format_percent, t
from geo.io import read_table
from geo.provenance import LayerSource
from geo.values import parse_yes_no
from layers import palette
from layers.boundaries import COMMUNE_TOOLTIP, commune_texts
from layers.catalog import (
    ILLUSTRATIVE_LICENCE,
    ILLUSTRATIVE_VINTAGE,
    POOR_30A_DISTRICTS,
    POVERTY_RATES_CSV,
    PROGRAMME_CSV,
    SURVEY_CSV,
)
from layers.spec import By, DataLayer, LegendItem, MapContext, MapLayer, Paint, Part

#: Survey counts (summed when communes are aggregated) and yes/no answers (true only when every predecessor
#: says yes).
SURVEY_COUNTS = ("households", "hh_with_grid_power")
SURVEY_YES_NO = ("allseason_road_to_centre", "grid_connected", "health_station_national_standard")
#: Every value column of the commune survey, in the order tables show them; those neither counts nor yes/no
#: answers are rates in %, weighted by households when communes are aggregated.
SURVEY_COLUMNS = (
    "poor_hh_rate_pct",
    "near_poor_hh_rate_pct",
    "households",
    "hh_with_grid_power",
    "hh_grid_power_pct",
    "allseason_road_to_centre",
    "grid_connected",
    "health_station_national_standard",
    "schools_national_standard_pct",
)
SURVEY_RATES = tuple(c for c in SURVEY_COLUMNS if c not in SURVEY_COUNTS + SURVEY_YES_NO)


def load_survey() -> pd.DataFrame:
    """Return the commune survey 2015–2020 (illustrative; one row per GSO code and year)."""
    survey = read_table(SURVEY_CSV, dtype={"gso_code": str, "district_code": str})
    for column in SURVEY_YES_NO:
        if column in survey:
            survey[column] = survey[column].map(parse_yes_no)
    return survey


def survey_for_units(
    survey: pd.DataFrame, communes: gpd.GeoDataFrame, *, year: int, survey_units: str = "pre2025"
) -> pd.DataFrame:
    """Return the survey of ``year`` keyed by the ``unit_id`` of ``communes``.

    Parameters
    ----------
    survey
        One row per commune and year, keyed by ``gso_code`` of ``survey_units``.
    communes
        The unit polygons (pre-2025, or 2025 with ``predecessor_gso_codes``).
    year
        Survey year kept.
    survey_units
        ``"pre2025"`` (the embedded survey, or a project's ``survey``) or ``"2025"`` (a project's
        ``survey_2025``, already keyed by the 2025 communes).

    Notes
    -----
    A survey keyed like the units is joined on the GSO code.  A pre-2025 survey on the 2025 units goes
    through :func:`analysis.crosswalk.aggregate_to_2025`: household counts summed, rates weighted by
    households, yes/no answers true only when every predecessor says yes; ``provenance`` says so, with
    ``INCOMPLETE`` when predecessors lack data.
    """
    year_rows = survey[survey["year"] == year]
    to_2025 = "predecessor_gso_codes" in communes.columns
    if survey_units == "2025" and not to_2025:
        raise ValueError("a survey of the 2025 communes cannot be shown on the pre-2025 communes")
    if not to_2025 or survey_units == "2025":
        out = communes[["unit_id", "gso_code"]].merge(
            year_rows.drop(columns=["district_code", "district", "commune"], errors="ignore"),
            on="gso_code",
            how="left",
        )
        return out.set_index("unit_id")
    links = (
        communes[["unit_id", "gso_code", "predecessor_gso_codes"]]
        .assign(predecessor=communes["predecessor_gso_codes"].str.split(";"))
        .explode("predecessor")
    )
    crosswalk = pd.DataFrame(
        {"gso_code": links["predecessor"].to_numpy(), "new2025_gso": links["gso_code"].to_numpy()}
    )
    table = year_rows[
        ["gso_code", *[c for c in SURVEY_COUNTS + SURVEY_RATES + SURVEY_YES_NO if c in year_rows]]
    ]
    table = table.drop_duplicates("gso_code")
    present = set(table.columns)
    aggregated = aggregate_to_2025(
        table,
        crosswalk,
        weight="households",
        counts=[c for c in SURVEY_COUNTS if c in present],
        rates=[c for c in SURVEY_RATES if c in present],
        yes_no=[c for c in SURVEY_YES_NO if c in present],
    )
    by_code = aggregated.set_index("gso_code")
    out = communes[["unit_id", "gso_code"]].set_index("unit_id")
    origin = (
        "; ".join(sorted({str(v) for v in year_rows.get("provenance", pd.Series(dtype=object)).dropna()}))
        or "survey"
    )
    for column in (*SURVEY_COUNTS, *SURVEY_RATES, *SURVEY_YES_NO):
        out[column] = out["gso_code"].map(by_code[column]) if column in by_code else None
    out = out.drop(columns="gso_code")
    out["year"] = year
    method = out.index.map(
        dict(zip(communes["unit_id"], communes["gso_code"].map(by_code["aggregation"]), strict=True))
    )
    out["provenance"] = [
        f"{origin} — {m}" if isinstance(m, str) else f"{origin} — no predecessor has data for {year}"
        for m in method
    ]
    return out


def load_poverty_series() -> pd.DataFrame:
    """Return the real provincial poverty series, keeping each figure's poverty standard (periods not
    comparable)."""
    return read_table(POVERTY_RATES_CSV)


def load_programme_coverage() -> pd.DataFrame:
    """Return the programme-coverage table (30a districts, zone III counts, 2026–2030 zones)."""
    return read_table(PROGRAMME_CSV)


def is_30a_district(district_code: str) -> bool:
    """True for the 30a poor districts (Mường Nhé, Tủa Chùa, Điện Biên Đông, Mường Ảng)."""
    return str(district_code) in POOR_30A_DISTRICTS


# --- provenance, map layers and styles
# ------------------------------------------------------------------------------

DATA_LAYERS = (
    DataLayer(
        "survey",
        LayerSource(
            "survey",
            "Illustrative commune survey 2015–2020, calibrated to real provincial totals",
            ILLUSTRATIVE_LICENCE,
            ILLUSTRATIVE_VINTAGE,
            True,
        ),
        "table",
        loader=load_survey,
    ),
    DataLayer(
        "poverty_series",
        LayerSource(
            "poverty_series",
            "GSO; MOLISA reviews; Điện Biên PPC decisions (per row)",
            "public statistics",
            "2006–2024",
            False,
        ),
        "table",
    ),
    # Zones I/II/III are a column of the 2025 communes (zone_2026_2030), drawn as their own layer.
    DataLayer(
        "zones",
        LayerSource(
            "zones",
            "Điện Biên PPC Decision 46 (2026–2030 zones, via Lao Động)",
            "public decision",
            "2026",
            False,
        ),
        "polygon",
    ),
)

#: The poverty choropleth's ramp (layers.palette, up to 7 classes); grey where there is no figure.
POVERTY_PALETTE = palette.POVERTY
NO_DATA_COLOUR = palette.NO_DATA
ZONE_COLOURS = palette.ZONES


def poverty_palette(k: int) -> tuple[str, ...]:
    """Return the poverty colours of ``k`` classes, spread over :data:`POVERTY_PALETTE` (screen and print
    alike)."""
    if k <= 0:
        return ()
    idx = np.linspace(0, len(POVERTY_PALETTE) - 1, k).round().astype(int)
    return tuple(POVERTY_PALETTE[i] for i in idx)


def _poverty_fill(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The communes with their tooltip texts and the fill colour of their class (grey without a figure)."""
    out = commune_texts(communes, ctx)
    classes = ctx.classification.classes.reindex(out.index).fillna(-1).astype(int)
    colours = poverty_palette(ctx.classification.k)
    out["fill"] = [colours[c] if c >= 0 else NO_DATA_COLOUR for c in classes]
    return out


def _poverty_header(ctx: MapContext) -> str:
    """The measure and the classification ("Poor-household rate (Quantiles)"); on paper with the survey
    year."""
    year = f" {ctx.year}" if ctx.year is not None else ""
    return f"{t('poverty_rate', ctx.lang)}{year} ({t(ctx.classification.scheme, ctx.lang)})"


def _poverty_legend(ctx: MapContext) -> tuple[LegendItem, ...]:
    """One row per class with its range, then "no data"."""
    lang, classes = ctx.lang, ctx.classification
    colours = poverty_palette(classes.k)
    rows = [
        LegendItem(
            "patch",
            f"{format_number(low, lang, decimals=1)} – {format_percent(high, lang, decimals=1)}",
            colours[i],
            literal=True,
        )
        for i, (low, high) in enumerate(classes.ranges())
    ]
    return (*rows, LegendItem("patch", "no_data", NO_DATA_COLOUR))


MAP_LAYERS = (
    MapLayer(
        "poverty",
        order=10,
        sources=("survey",),
        header=_poverty_header,
        visible=True,
        theme=True,
        requires=("poor_hh_rate_pct",),
        classified=True,
        parts=(
            Part(
                "communes",
                "polygon",
                Paint(
                    colour=palette.COMMUNE_LINE,
                    width=0.6,
                    fill=By("fill"),
                    fill_opacity=0.75,
                    paper_width=0,
                    paper_fill_opacity=0.8,
                ),
                zorder=1,
                tooltip=COMMUNE_TOOLTIP,
                prepare=_poverty_fill,
                hover={"weight": 3, "color": palette.HOVER_LINE},
                legend=_poverty_legend,
            ),
        ),
    ),
    MapLayer(
        "zones",
        order=30,
        sources=("zones",),
        header="layer_zones",
        theme=True,
        parts=(
            Part(
                "zones",
                "polygon",
                Paint(
                    colour=palette.COMMUNE_LINE,
                    width=1,
                    fill=By("zone_2026_2030", ZONE_COLOURS, palette.ZONE_UNKNOWN),
                    fill_opacity=0.45,
                    paper_width=0,
                ),
                zorder=1.5,
                tooltip=(("commune", "commune"), ("zone_2026_2030", "zone")),
                legend=tuple(
                    LegendItem("patch", f"zone_{zone}", colour) for zone, colour in ZONE_COLOURS.items()
                ),
            ),
        ),
    ),
)
