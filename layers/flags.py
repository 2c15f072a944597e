"""The flag highlight: communes the rules flag (no all-season road, no grid power, or both), its columns,
words and style."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import format_number, format_threshold, t
from geo.messages import msg
from geo.vocab import LANGS
from layers import palette
from layers.spec import By, Icon, LegendItem, MapContext, MapLayer, Paint, Part

#: Flag-run columns the maps carry on each commune (tooltips, the commune panel, fact sheets, data exports).
FLAG_COLUMNS = (
    "lacks_allseason_road",
    "lacks_grid",
    "evidence_vi",
    "evidence_en",
    "dist_allseason_road_km",
    "dist_grid_km",
    "centre_source",
    "disagreement_vi",
    "disagreement_en",
    "minutes_to_district_dry",
    "minutes_to_district_rainy",
    "weakest_class",
    "weakest_surface",
)
#: Inputs a commune flag is decided from (its credit and illustrative mark follow all of them).
FLAG_SOURCES = ("survey", "commune_centres", "roads", "grid_mv", "power_lines")
#: Every flag in the one flag colour (layers.palette): a thick outline, a symbol per missing service, hatching
#: on paper.
FLAG_COLOURS = {key: palette.FLAG for key in palette.FLAG_HATCH}
#: The symbol of each flag, drawn at the commune's representative point: road pictogram, lightning bolt, both.
FLAG_ICONS = {
    "flag_road": Icon("road", palette.FLAG, 15),
    "flag_grid": Icon("bolt", palette.FLAG, 15),
    "flag_both": Icon("road_bolt", palette.FLAG, 22),
}


def _flagged(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The flagged communes only, with their flag's key and words."""
    road = communes["lacks_allseason_road"].fillna(False).astype(bool)
    grid = communes["lacks_grid"].fillna(False).astype(bool)
    out = communes[road | grid].copy()
    out["flag"] = np.where(
        road[road | grid] & grid[road | grid],
        "flag_both",
        np.where(road[road | grid], "flag_road", "flag_grid"),
    )
    out["flag_text"] = out["flag"].map(lambda k: t(k, ctx.lang))
    return out


def _flag_symbols(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The flagged communes as points (a point inside each polygon, whatever the CRS) for the symbols."""
    out = _flagged(communes, ctx)
    return out.set_geometry(out.geometry.representative_point())


def flag_texts(communes: gpd.GeoDataFrame, lang: str) -> list[str]:
    """The flags of each commune in words ("" when none, or when the flag run did not run): tooltips and
    tables."""
    if "lacks_allseason_road" not in communes or "lacks_grid" not in communes:
        return [""] * len(communes)
    words = []
    for road, grid in zip(communes["lacks_allseason_road"], communes["lacks_grid"], strict=True):
        keys = [
            key for key, on in (("lacks_allseason_road", road), ("lacks_grid", grid)) if on is True or on == 1
        ]
        words.append("; ".join(t(key, lang) for key in keys) or t("map_no_flag", lang))
    return words


#: Message of each answer of the survey (no answer: ``flg_ev_survey_no_answer``).
_SURVEY_ROAD = {True: "flg_ev_survey_road_yes", False: "flg_ev_survey_road_no"}
_SURVEY_GRID = {True: "flg_ev_survey_grid_yes", False: "flg_ev_survey_grid_no"}
#: What the map found near the centre (analysis.flags.ROAD_FINDINGS): the message, and the detail with its
#: distance.
_ROAD_FOUND = {
    "no_allseason_road": ("flg_ev_road_none", None, None),
    "joined_within": ("flg_ev_road_joined", None, None),
    "unjoined_within": ("flg_ev_road_not_joined", "flg_ev_road_unjoined_near", "dist_allseason_road_km"),
    "joined_beyond": ("flg_ev_road_not_joined", "flg_ev_nearest", "dist_connected_allseason_km"),
    "none_joined": ("flg_ev_road_not_joined", None, None),
}


def _km(value: float, lang: str) -> str:
    """A distance with one decimal; "?" when unknown (never a made-up number)."""
    return format_number(value, lang, decimals=1) or "?"


def _answer(value: object) -> bool | None:
    """A yes/no decision column's value: True, False, or None (the source says nothing; NaN after a join)."""
    return bool(value) if isinstance(value, bool | np.bool_) else None


def _survey(answer: bool | None, keys: Mapping[bool, str], lang: str) -> str:
    return msg(keys[answer] if answer is not None else "flg_ev_survey_no_answer", lang)


def _with_detail(main: str, detail: str) -> str:
    return f"{main} ({detail})" if detail else main


def _road_map(row: Mapping, lang: str) -> tuple[str, str]:
    """What the map found on roads: the finding, and its detail ("" when none)."""
    key, detail_key, column = _ROAD_FOUND[row["road_map_finding"]]
    main = msg(
        key,
        lang,
        km=_km(row["dist_connected_allseason_km"], lang),
        limit=format_threshold(row["threshold_road_km"], lang),
    )
    return main, msg(detail_key, lang, km=_km(row[column], lang)) if detail_key else ""


def _weakest_link(row: Mapping, lang: str) -> str:
    """The weakest link on the best route to the district centre, in words ("" when the route has none)."""
    weak = row.get("weakest_segment", "")
    if not (isinstance(weak, str) and weak):
        return ""
    return msg(
        "flg_ev_weakest",
        lang,
        segment=weak,
        road_class=t(f"class_{row.get('weakest_class', '')}", lang),
        surface=t(f"surface_{row.get('weakest_surface', '')}", lang),
    )


def _grid_map(row: Mapping, lang: str) -> tuple[str, str]:
    """What the map found on the grid: the finding, and its detail."""
    says, limit = _answer(row["grid_access_map"]), format_threshold(row["threshold_grid_km"], lang)
    km = _km(row["dist_grid_km"], lang)
    if says is None:
        return msg("flg_ev_grid_none", lang), ""
    if says:
        return msg("flg_ev_grid_within", lang, km=km), msg("flg_ev_at_most", lang, limit=limit)
    return msg("flg_ev_grid_beyond", lang, limit=limit), msg("flg_ev_nearest", lang, km=km)


def _evidence(row: Mapping, lang: str) -> tuple[str, str]:
    """The evidence and the disagreement of one commune (``analysis.flags.flag_communes`` row) in ``lang``."""
    road_main, road_detail = _road_map(row, lang)
    road_map = _with_detail(road_main, road_detail)
    weakest = _weakest_link(row, lang)
    grid_main, grid_detail = _grid_map(row, lang)
    grid_map = _with_detail(grid_main, grid_detail)
    road_answer, grid_answer = _answer(row["allseason_access_survey"]), _answer(row["grid_access_survey"])
    road_said, grid_said = _survey(road_answer, _SURVEY_ROAD, lang), _survey(grid_answer, _SURVEY_GRID, lang)
    road_shown = bool(row["lacks_allseason_road"] or row["road_disagreement"])
    grid_shown = bool(row["lacks_grid"] or row["grid_disagreement"])
    parts, disagree = [], []
    if road_shown:
        parts += [road_said, f"{road_map}; {weakest}" if weakest else road_map]
    if row["road_disagreement"]:
        disagree.append(f"{road_said}, {road_main}")
    if grid_shown:
        parts += [grid_said, grid_map]
    if row["grid_household_low"]:
        parts.append(
            msg(
                "flg_ev_households_low",
                lang,
                pct=format_number(row["hh_grid_power_pct"], lang, decimals=1),
                limit=format_threshold(row["threshold_grid_household_pct"], lang),
            )
        )
    if row["grid_disagreement"]:
        disagree.append(f"{grid_said}, {grid_main}")
    # nothing flagged: both measures, and what the survey answered (maybe nothing)
    if not (road_shown or grid_shown):
        said = msg("flg_ev_survey_both", lang) if road_answer and grid_answer else f"{road_said}; {grid_said}"
        parts.append(f"{road_map}; {grid_map}; {said}")
    if row["centre_source"] != "ubnd":
        parts.append(msg("flg_ev_centre_unknown", lang))
    return "; ".join(dict.fromkeys(parts)), "; ".join(disagree)


def with_evidence(flags: pd.DataFrame) -> pd.DataFrame:
    """``flags`` (:func:`analysis.flags.flag_communes`) with each commune's evidence and disagreement in
    words.

    ``evidence_vi`` / ``evidence_en``: what decided each flag (the survey's answer, what the map found, with
    the figures and thresholds), or, for a commune not flagged, both measures and the survey's answers; a
    commune without a known UBND point says so.  ``disagreement_vi`` / ``disagreement_en``: the survey's and
    the map's answers where they disagree ("" elsewhere).
    """
    rows = flags.to_dict("records")
    words = {lang: [_evidence(row, lang) for row in rows] for lang in LANGS}
    return flags.assign(
        **{f"disagreement_{lang}": [d for _, d in words[lang]] for lang in LANGS},
        **{f"evidence_{lang}": [e for e, _ in words[lang]] for lang in LANGS},
    )


MAP_LAYERS = (
    MapLayer(
        "flags",
        order=120,
        sources=FLAG_SOURCES,
        header="layer_flags",
        visible=True,
        requires=("lacks_allseason_road", "lacks_grid"),
        parts=(
            # The outline and the symbol do not catch the mouse: the commune under them keeps its tooltip and
            # click.
            Part(
                "communes",
                "polygon",
                Paint(colour=palette.FLAG, width=4, hatch=By("flag", palette.FLAG_HATCH), paper_width=2.6),
                zorder=6,
                prepare=_flagged,
                interactive=False,
                legend=tuple(
                    LegendItem(
                        "outline", key, palette.FLAG, icon=FLAG_ICONS[key], hatch=palette.FLAG_HATCH[key]
                    )
                    for key in FLAG_ICONS
                ),
            ),
            Part(
                "communes",
                "point",
                icon=By("flag", FLAG_ICONS),
                zorder=9,
                prepare=_flag_symbols,
                interactive=False,
            ),
        ),
    ),
)
