"""What the exports draw and list, for the CLI and the Export page.

Map bundles, commune tables and the fact sheets' travel times.
"""

from __future__ import annotations

import pandas as pd

from analysis.flags import FlagThresholds
from geo.errors import AppError, InputError, Problem
from geo.i18n import t
from geo.provenance import LayerSource
from geo.vocab import SEASONS, Lang, Season, Units
from report.factsheet import AccessInfo
from report.mapdata import MapBundle, MapRequest, assemble_map
from report.tables import access_table, flags_table, indicators_table, source_text, sources_note
from workflows.access import run_access
from workflows.checks import check_survey_year, check_table
from workflows.flags import run_flags
from workflows.inputs import load_layer


def load_bundle(request: MapRequest) -> MapBundle:
    """Run the flags and load the layers of ``request``, then assemble what the export draws."""
    check_survey_year(request.year)
    run_ = run_flags(request.units, year=request.year, thresholds=request.thresholds, project=request.project)
    return assemble_map(request, run_, lambda key: load_layer(key, project=request.project))


def build_table(
    what: str,
    *,
    units: Units = "pre2025",
    year: int = 2020,
    lang: Lang = "vi",
    thresholds: FlagThresholds = FlagThresholds(),
    district: str | None = None,
    season: Season = "dry",
    project: str | None = None,
) -> tuple[pd.DataFrame, str, str]:
    """Return (table, sheet name, note) of ``what``: flags, access or indicators.

    The scorecard's is :func:`workflows.scorecard.load_scorecard`.

    Every table carries a source column (the illustrative mark when an input is illustrative, and the credits
    of every input); ``note`` says the same for the sources sheet (XLSX) or the final rows (CSV).
    """
    check_table(what)
    check_survey_year(year)
    if what == "access":
        access = run_access(units, season=season, project=project)
        frame, srcs = access.communes, access.sources
        method = access.method_en if lang == "en" else access.method_vi
    else:
        flag_run = run_flags(units, year=year, thresholds=thresholds, project=project)
        frame, srcs = (flag_run.flags if what == "flags" else flag_run.communes), flag_run.sources
        method = ""
    if district:
        frame = frame[frame["district_code"].astype(str) == str(district)]
        if frame.empty:
            raise InputError(
                Problem(
                    vi=f"huyện {district} không có xã nào; hãy kiểm tra mã huyện (3 chữ số của TCTK).",
                    en=f"district {district} has no communes; check the district code (3-digit GSO).",
                    column="district",
                    value=str(district),
                )
            )
    if what == "flags":
        table = flags_table(frame, lang=lang, sources=source_text(srcs.values(), lang=lang))
    elif what == "indicators":
        survey_sources = [srcs["survey"], srcs[f"communes_{units}"]]
        srcs = {"survey": srcs["survey"], f"communes_{units}": srcs[f"communes_{units}"]}
        table = indicators_table(
            frame, flag_run.survey, year=year, lang=lang, source=source_text(survey_sources, lang=lang)
        )
    else:
        table = access_table(frame, season=season, lang=lang, source=source_text(srcs.values(), lang=lang))
    return table, t(f"sheet_{what}", lang), sources_note(srcs.values(), lang=lang, method=method)


def load_access(units: Units, *, project: str | None = None) -> AccessInfo | None:
    """Travel times of every commune (dry and rainy season) for the fact sheets, with their provenance.

    ``None`` when the inputs of the access analysis are refused (:class:`geo.errors.AppError`: the fact sheet
    then says there is no access data); any other failure is a bug and is raised.
    """
    try:
        runs = {season: run_access(units, season=season, project=project) for season in SEASONS}
    except AppError:
        return None
    sources: dict[str, LayerSource] = {}
    for result in runs.values():
        sources.update(result.sources)
    return AccessInfo(tables={season: result.communes for season, result in runs.items()}, sources=sources)


#: Layers a fact sheet's map draws.
FACTSHEET_LAYERS = ("communes", "districts", "flags", "roads", "power", "centres")


def factsheet_request(
    *,
    units: Units = "pre2025",
    year: int = 2020,
    lang: Lang = "vi",
    thresholds: FlagThresholds = FlagThresholds(),
    project: str | None = None,
) -> MapRequest:
    """Return the map request of the fact sheets: the whole province and their layers.

    Each sheet frames its commune.
    """
    return MapRequest(
        units=units, year=year, lang=lang, thresholds=thresholds, visible=FACTSHEET_LAYERS, project=project
    )
