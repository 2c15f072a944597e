"""Programme coverage against need: membership, need, gaps, shares.

For the Programmes page and `cli.py programmes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from analysis import programmes as ap
from analysis.classify import classify_values
from analysis.flags import FlagThresholds
from analysis.population import best_population, population_to_2025
from analysis.programme_targets import (
    NEW_RURAL_INDICATOR,
    named_recognitions_by_year,
    new_rural_measurement,
    new_rural_shares,
    poverty_reference_points,
)
from analysis.targets import PROVINCE_CODE, PROVINCE_NAME, build_scorecard
from geo.errors import InputError, Problem
from geo.provenance import LayerSource
from geo.vocab import Lang, Season, Units
from layers import boundaries
from layers import programmes as lp
from layers.imports import crosswalk_table
from layers.mapdata import assemble_map
from layers.registry import SOURCES
from layers.targets import describe_sources, load_targets
from report.mapdata import MapBundle, MapRequest
from report.tables import source_text
from workflows.access import analyse_access
from workflows.flags import analyse_flags
from workflows.imports import PROGRAMME_LAYER
from workflows.inputs import AnalysisInputs, load_inputs, load_survey, project_layer

#: Programmes whose coverage is judged when the user does not choose: the programmes with a member list that
#: target need in the 2016–2020 period of the survey (30a, QĐ 141, border communes), plus every list the user
#: imported.
DEFAULT_PROGRAMMES = ("nq30a_2009_2020", "qd141_2008_2012", "border_communes")
#: Caveat codes that make a membership answer derived, partial or secondary (said wherever it is shown).
CAVEAT_WORDS = (
    "derived",
    "probable",
    "secondary",
    "list_partial",
    "list_incomplete",
    "user_list_partial",
    "split_since_2008",
    "zone_III_inferred_not_I_or_II",
    "list_as_of_c2012",
    "provincial_category",
)


@dataclass
class ProgrammeRun:
    """Coverage of the programmes against need on one unit set, with everything it was built from."""

    units: Units
    year: int
    programmes: list[str]
    """The programmes judged for coverage (``covered_by``, gaps); the summary covers every programme."""
    weights: dict[str, float]
    catalogue: pd.DataFrame
    """One row per programme (embedded and imported): document, period, listed or count only, count,
    source."""
    membership: pd.DataFrame
    """One row per programme and commune of ``units`` (``analysis.programmes`` values)."""
    coverage: pd.DataFrame
    """One row per commune: names, need indicators, need score, rank, quintile, coverage, gap, population."""
    summary: pd.DataFrame
    """One row per programme: communes by membership, shares of poor and people covered, neediest quintile."""
    sources: dict[str, LayerSource] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)

    @property
    def gaps(self) -> pd.DataFrame:
        """Needy communes covered by nothing known: gaps first, then possible gaps, neediest first."""
        return ap.gap_list(self.coverage)

    @property
    def low_need_covered(self) -> pd.DataFrame:
        """Covered communes in the least-needy quintile, least needy first."""
        return ap.low_need_covered_list(self.coverage)


# --- checks
# -------------------------------------------------------------------------------------------------------


def check_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """Return usable need weights, or raise one :class:`InputError`.

    The error names every weight that cannot be used.
    """
    problems = ap.check_need_weights(weights)
    if not problems:
        return {k: float(v) for k, v in weights.items()}  # type: ignore[arg-type]
    words = {
        "unknown_indicator": (
            "không phải chỉ số nhu cầu; chọn trong: {names}.",
            "is not a need indicator; choose from: {names}.",
        ),
        "not_a_number": ("phải là một số ≥ 0.", "must be a number ≥ 0."),
        "negative": ("không được âm.", "must not be negative."),
        "all_zero": (
            "mọi trọng số đều bằng 0; hãy cho ít nhất một chỉ số trọng số lớn hơn 0.",
            "every weight is 0; give at least one indicator a weight above 0.",
        ),
    }
    names = ", ".join(ap.NEED_INDICATORS)
    raise InputError(
        [
            Problem(
                vi=(f"trọng số '{name}' " if name else "") + words[code][0].format(names=names),
                en=(f"weight '{name}' " if name else "") + words[code][1].format(names=names),
                column="weights",
                value=name or None,
            )
            for name, code in problems.items()
        ]
    )


def parse_weights(text: str | None) -> dict[str, float]:
    """Read ``indicator=weight,indicator=weight`` (the CLI's ``--weights``) on top of the default weights."""
    weights: dict[str, object] = dict(ap.DEFAULT_NEED_WEIGHTS)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, _, value = item.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            weights[name.strip()] = value.strip()
    return check_weights(weights)


def check_programmes(chosen: Iterable[str], known: Iterable[str]) -> list[str]:
    """Return ``chosen`` in order, or raise an :class:`InputError` naming a programme that does not exist."""
    known = list(known)
    chosen = list(dict.fromkeys(chosen))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise InputError(
            [
                Problem(
                    vi=f"chương trình '{c}' không có; chọn trong: {', '.join(known)}.",
                    en=f"programme '{c}' does not exist; choose from: {', '.join(known)}.",
                    column="programmes",
                    value=c,
                )
                for c in unknown
            ]
        )
    if not chosen:
        raise InputError(
            Problem(
                vi="hãy chọn ít nhất một chương trình.",
                en="choose at least one programme.",
                column="programmes",
            )
        )
    return chosen


def check_district(units: Units, district: str | None) -> str | None:
    """Return the district code, or raise an :class:`InputError` when no commune of ``units`` lies in it."""
    if not district:
        return None
    codes = sorted(c for c in set(lp.admin_reference(units)["district_code"].astype(str)) if c)
    if str(district).strip() not in codes:
        raise InputError(
            Problem(
                vi=f"huyện '{district}' không có xã nào trong bộ đơn vị '{units}'; dùng mã huyện TCTK (3 chữ "
                f"số): {', '.join(codes) or '—'}.",
                en=f"district '{district}' has no commune in unit set '{units}'; use a 3-digit GSO district "
                f"code: {', '.join(codes) or '—'}.",
                column="district",
                value=str(district),
            )
        )
    return str(district).strip()


# --- programmes and their members
# -----------------------------------------------------------------------------------


def imported_membership(project: str | None) -> tuple[pd.DataFrame | None, LayerSource | None]:
    """Return the programme lists imported into ``project`` (with a ``units`` column) and their provenance."""
    found = project_layer(project, PROGRAMME_LAYER)
    if found is None:
        return None, None
    frame, provenance = found
    frame = pd.DataFrame(frame).drop(columns="geometry", errors="ignore").copy()
    for column in (
        "programme",
        "gso_code",
        "member",
        "status",
        "proposed_status",
        "basis",
        "caveats",
        "source_url",
        "units",
    ):
        frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
    frame["year"] = pd.to_numeric(frame.get("year"), errors="coerce").astype("Int64")
    source = LayerSource(
        PROGRAMME_LAYER,
        getattr(provenance, "source", "user import") or "user import",
        getattr(provenance, "licence", "as declared by the user"),
        str(getattr(provenance, "vintage", "unknown")),
        bool(getattr(provenance, "illustrative", False)),
    )
    return frame, source


def merge_imported(base: pd.DataFrame, imported: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``base`` with each imported programme's rows in place of that programme's.

    An embedded programme that is imported is replaced by the import.
    """
    if imported is None or imported.empty:
        return base
    keep = base[~base["programme"].isin(set(imported["programme"]))]
    return pd.concat([keep, imported[lp.MEMBERSHIP_COLUMNS]], ignore_index=True)


def load_membership(
    units: Units = "pre2025", *, project: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the membership of every programme on ``units`` and the catalogue of programmes.

    The membership is the embedded one with the project's imported lists; the catalogue lists the embedded
    programmes, then the imported ones (``origin`` says which).

    A list imported on the pre-2025 communes is carried to the 2025 communes through the crosswalk
    (:func:`analysis.programmes.memberships_to_2025`); one imported on the 2025 communes is used on them only.
    """
    boundaries.check_units(units)
    imported, _ = imported_membership(project)
    pre = imported[imported["units"] != "2025"] if imported is not None else None
    native = imported[imported["units"] == "2025"] if imported is not None else None
    membership = merge_imported(lp.load_memberships(), pre)
    if units == "2025":
        native_2025 = merge_imported(lp.membership_zone3_2026("2025"), native)
        membership = ap.memberships_to_2025(membership, crosswalk_table(), native=native_2025)
    catalogue = lp.programme_catalogue().assign(origin="embedded")
    if imported is not None and len(imported):
        for key, rows in imported.groupby("programme", sort=False):
            hit = catalogue["programme"] == key
            source = rows["source_url"].iloc[0]
            if hit.any():  # an embedded programme's list brought by the user: its list is now known
                catalogue.loc[hit, ["listed", "origin", "list_source"]] = [True, "imported", source]
            else:
                catalogue = pd.concat(
                    [
                        catalogue,
                        pd.DataFrame(
                            [
                                {
                                    "programme": key,
                                    "document": key.removeprefix("user_").replace("_", " "),
                                    "listed": True,
                                    "targets_need": True,
                                    "level": "commune",
                                    "units": rows["units"].iloc[0] or "pre2025",
                                    "origin": "imported",
                                    "list_source": source,
                                    "source_url": source,
                                }
                            ]
                        ),
                    ],
                    ignore_index=True,
                )
    catalogue["list_source"] = catalogue.get("list_source", pd.Series("", index=catalogue.index)).fillna("")
    return membership.reset_index(drop=True), catalogue.reset_index(drop=True)


def default_programmes(catalogue: pd.DataFrame) -> list[str]:
    """Return the programmes judged when the user does not choose.

    :data:`DEFAULT_PROGRAMMES` and every imported one.
    """
    imported = catalogue.loc[catalogue["origin"] == "imported", "programme"].tolist()
    return list(dict.fromkeys([*DEFAULT_PROGRAMMES, *imported]))


def programme_caveats(membership: pd.DataFrame, catalogue: pd.DataFrame) -> dict[str, list[str]]:
    """Return, per programme, what makes its data partial, derived or secondary.

    Caveat codes of its rows, ``count_only`` for a programme known as a count, ``unknown_members`` when some
    commune's membership is unknown.
    """
    out: dict[str, list[str]] = {}
    for key in catalogue["programme"]:
        rows = membership[membership["programme"] == key]
        codes = {c for v in rows["caveats"] for c in str(v).split(";") if c}
        words = [c for c in CAVEAT_WORDS if c in codes]
        listed = bool(catalogue.loc[catalogue["programme"] == key, "listed"].iloc[0])
        if not listed:
            words.append("count_only")
        if (rows["member"] == ap.UNKNOWN).any():
            words.append("unknown_members")
        out[key] = words
    return out


def programme_source(
    key: str, catalogue: pd.DataFrame, caveats: Mapping[str, list[str]], lang: Lang = "vi"
) -> LayerSource:
    """Return the credit of one programme's layer: its decision, date and source, and its caveats.

    The caveats (derived, partial ...) are worded in ``lang`` from the catalogue (``prog_caveat_<code>``).
    """
    row = catalogue.set_index("programme").loc[key]
    date = f" ({row['document_date']})" if str(row.get("document_date", "") or "") else ""
    marks = ", ".join(lp.caveat_words(caveats.get(key, []), lang))
    text = f"{lp.document_title(row['document'], lang)}{date}" + (f" [{marks}]" if marks else "")
    url = lp.source_label(row.get("list_source") or row.get("source_url"), lang)
    return LayerSource(
        "programmes",
        f"{text}: {url}" if url else text,
        "public documents" if row["origin"] == "embedded" else "as declared by the user",
        str(row.get("document_date") or ""),
        False,
    )


# --- need and coverage
# ------------------------------------------------------------------------------------------------


def population_table(units: Units, codes: pd.Series) -> pd.DataFrame:
    """Return the best real population figure per commune of ``units``, with its year.

    Summed to the 2025 communes when ``units`` is ``"2025"``.
    """
    figures = lp.load_population_figures()
    if units == "2025":
        pre = best_population(figures, crosswalk_table()["gso_code"])
        return population_to_2025(pre, crosswalk_table())
    return best_population(figures, codes)


def run_programmes(
    units: Units = "pre2025",
    *,
    year: int = 2020,
    weights: Mapping[str, object] | None = None,
    programmes: Iterable[str] | None = None,
    project: str | None = None,
    thresholds: FlagThresholds | None = None,
    season: Season = "dry",
) -> ProgrammeRun:
    """Load the layers of ``units`` (the project's first) and judge programme coverage against need.

    See :func:`analyse_programmes`.
    """
    boundaries.check_units(units)
    check_weights(dict(ap.DEFAULT_NEED_WEIGHTS if weights is None else weights))
    if programmes is not None:  # a wrong choice is said before the layers are loaded
        programmes = check_programmes(programmes, load_membership(units, project=project)[1]["programme"])
    return analyse_programmes(
        load_inputs(units, project=project),
        year=year,
        weights=weights,
        programmes=programmes,
        project=project,
        thresholds=thresholds,
        season=season,
    )


def analyse_programmes(
    inputs: AnalysisInputs,
    *,
    year: int = 2020,
    weights: Mapping[str, object] | None = None,
    programmes: Iterable[str] | None = None,
    project: str | None = None,
    thresholds: FlagThresholds | None = None,
    season: Season = "dry",
) -> ProgrammeRun:
    """Load the programmes, measure need from loaded inputs and judge coverage against it.

    Need: survey, flags, access by ``season``, RAI.

    Parameters
    ----------
    inputs
        The layers of the flag and access analyses of one unit set: ``pre2025`` (129 communes) or ``2025``
        (45; programmes carried through the crosswalk).
    year
        Survey year of the poor-household rate and the flags.
    weights
        Need weights by indicator (default 1 each; see :func:`analysis.programmes.need_scores`).
    programmes
        The programmes judged for ``covered_by`` and the gaps (default :func:`default_programmes`).
    project
        A project whose imported programme lists replace "unknown" (its layers are those of ``inputs``).
    """
    units = inputs.units
    weights = check_weights(dict(ap.DEFAULT_NEED_WEIGHTS if weights is None else weights))
    membership, catalogue = load_membership(units, project=project)
    chosen = check_programmes(
        programmes if programmes is not None else default_programmes(catalogue), catalogue["programme"]
    )
    flag_run = analyse_flags(inputs, year=year, thresholds=thresholds or FlagThresholds())
    access = analyse_access(inputs, season=season)
    survey = flag_run.survey.reset_index()
    indicators = ap.join_need_indicators(
        inputs.communes, survey=survey, flags=flag_run.flags, access=access.communes
    )
    need = ap.need_scores(indicators, weights=weights)
    coverage = ap.coverage_by_commune(membership, need, programmes=chosen)
    population = population_table(units, need["gso_code"])
    poor = ap.poor_counts(indicators, population=population)
    summary = ap.programme_summary(membership, coverage, poor=poor, population=population)
    names = inputs.communes.drop_duplicates("gso_code").set_index("gso_code")[
        ["commune", "district_code", "district"]
    ]
    coverage = (
        coverage.join(names, on="gso_code")
        .merge(indicators, on="gso_code", how="left")
        .merge(poor, on="gso_code", how="left")
        .merge(population, on="gso_code", how="left", suffixes=("", "_population"))
    )
    coverage["gap_kind"] = np.where(
        coverage["gap"], "gap", np.where(coverage["possible_gap"], "possible_gap", "")
    )
    caveats = programme_caveats(membership, catalogue)
    summary = summary.merge(
        catalogue[
            [
                "programme",
                "document",
                "document_date",
                "listed",
                "count_in_document",
                "count_unit",
                "origin",
                "source_url",
                "list_source",
            ]
        ],
        on="programme",
        how="left",
    )
    summary["judged"] = summary["programme"].isin(chosen)
    summary["caveats"] = summary["programme"].map(lambda k: ";".join(caveats.get(k, [])))
    imported, imported_source = imported_membership(project)
    sources = {
        **flag_run.sources,
        **access.sources,
        "programmes": SOURCES["programmes"],
        "population": LayerSource(
            "population",
            "GSO yearbook 2022; censusVN2009; decisions (data/population)",
            "public statistics",
            "2009–2022, years mixed",
            False,
        ),
    }
    if imported_source is not None:
        sources["programmes_imported"] = LayerSource(
            "programmes_imported",
            imported_source.source,
            imported_source.licence,
            imported_source.vintage,
            imported_source.illustrative,
        )
    return ProgrammeRun(
        units=units,
        year=year,
        programmes=chosen,
        weights=weights,
        catalogue=catalogue,
        membership=membership,
        coverage=coverage,
        summary=summary,
        sources=sources,
        notes=[*flag_run.notes, *access.notes],
    )


# --- what the page, the exports and the CLI show
# ------------------------------------------------------------------------


def commune_table(run: ProgrammeRun, *, district: str | None = None) -> pd.DataFrame:
    """Return one row per commune (``cli.py programmes``, the page's CSV/XLSX).

    Codes and names, one column per programme (yes/no/unknown/partial, ``<key>_year`` where the programme has
    years, ``<key>_note`` its caveats), the need indicators, score, rank and quintile, ``covered_by``,
    ``gap``, population with its year, and the sources.  GSO codes stay text.
    """
    keys = run.catalogue["programme"].tolist()
    wide = ap.commune_programme_table(run.coverage, run.membership, programmes=keys)
    table = wide[["gso_code", "commune", "district_code", "district"]].copy()
    caveats = run.membership.drop_duplicates(["programme", "gso_code"]).set_index(["programme", "gso_code"])[
        "caveats"
    ]
    for key in keys:
        table[key] = wide[key]
        if wide[f"{key}_year"].notna().any():
            table[f"{key}_year"] = wide[f"{key}_year"]
        table[f"{key}_note"] = [caveats.get((key, c), "") for c in wide["gso_code"]]
    for name in ap.NEED_INDICATORS:
        if name in wide:
            table[name] = wide[name].astype(float).round(3)
    table["need_score"] = wide["need_score"].astype(float).round(2)
    table["need_rank"] = wide["need_rank"]
    table["need_quintile"] = wide["need_quintile"]
    table["need_indicators_used"] = wide["need_indicators_used"]
    table["programmes_judged"] = ";".join(run.programmes)
    table["covered_by"] = wide["covered_by"]
    table["partly_covered_by"] = wide["partly_covered_by"]
    table["unknown_for"] = wide["unknown_for"]
    table["gap"] = wide["gap_kind"]
    table["low_need_covered"] = wide["low_need_covered"]
    table["poor"] = wide["poor"].astype(float).round(1)
    table["poor_basis"] = wide["poor_basis"]
    table["population"] = wide["population"]
    for column in (
        "population_year",
        "population_year_min",
        "population_year_max",
        "population_complete",
        "population_years_mixed",
    ):
        if column in wide:
            table[column] = wide[column]
    table["illustrative_inputs"] = ";".join(k for k, s in run.sources.items() if s.illustrative)
    table["source"] = source_text(run.sources.values())
    if district:
        check_district(run.units, district)
        table = table[table["district_code"] == str(district).strip()]
    return table.sort_values(["need_rank", "gso_code"], na_position="last").reset_index(drop=True)


def summary_table(run: ProgrammeRun) -> pd.DataFrame:
    """Return one row per programme (``cli.py programmes --summary``).

    Communes covered, shares of the poor and people covered (min–max while membership is unknown), share of
    covered communes in the neediest quintile, caveats.
    """
    s = run.summary
    table = s[
        [
            "programme",
            "document",
            "document_date",
            "origin",
            "listed",
            "count_in_document",
            "count_unit",
            "judged",
            "n_communes",
            "n_yes",
            "n_partial",
            "n_no",
            "n_unknown",
        ]
    ].copy()
    for column in (
        "share_poor_covered_min",
        "share_poor_covered_max",
        "share_population_covered_min",
        "share_population_covered_max",
        "share_covered_in_neediest_quintile",
    ):
        table[column.replace("share_", "pct_")] = (100.0 * s[column].astype(float)).round(1)
    table["n_covered_in_neediest_quintile"] = s["n_covered_in_neediest_quintile"]
    table["n_covered_least_needy"] = s["n_covered_least_needy"]
    table["poor_total"] = s["poor_total"].astype(float).round(0)
    table["population_total"] = s["population_total"].astype(float).round(0)
    table["caveats"] = s["caveats"]
    table["source"] = [
        u or v for u, v in zip(s["list_source"].fillna(""), s["source_url"].fillna(""), strict=True)
    ]
    table["need_source"] = source_text(v for k, v in run.sources.items() if k not in ("programmes",))
    return table


def map_communes(run: ProgrammeRun, communes: gpd.GeoDataFrame, programme: str) -> gpd.GeoDataFrame:
    """Return ``communes`` (display polygons of the run's units) with the columns the programme layers read.

    Need score, rank and quintile, the membership of ``programme`` with its name and caveats, and the gap
    decision.
    """
    coverage = run.coverage.set_index("gso_code")
    out = communes.copy()
    for column in ("need_score", "need_rank", "need_quintile", "gap_kind", "covered_by"):
        out[column] = out["gso_code"].map(coverage[column])
    out["gap_kind"] = out["gap_kind"].fillna("")
    rows = (
        run.membership[run.membership["programme"] == programme]
        .drop_duplicates("gso_code")
        .set_index("gso_code")
    )
    out["programme_member"] = out["gso_code"].map(rows["member"]).fillna(ap.UNKNOWN)
    out["programme"] = programme
    out["programme_document"] = str(run.catalogue.set_index("programme").at[programme, "document"])
    out["programme_note"] = [str(rows["caveats"].get(c, "")) for c in out["gso_code"]]
    return out


def new_rural_targets(year: int = 2020) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the real new-rural figures against the 2020 target.

    The province's scorecard row for ``year`` (as ``workflows.scorecard`` judges it), the provincial counts
    with their shares, and the communes named as recognised by each year (a lower bound).
    """
    counts = lp.load_new_rural_counts()
    targets = load_targets()
    row = build_scorecard(
        targets[targets["indicator_id"] == NEW_RURAL_INDICATOR],
        new_rural_measurement(counts, target_year=year),
        level="province",
        units=pd.DataFrame({"unit_code": [PROVINCE_CODE], "unit_name": [PROVINCE_NAME]}),
    )
    # the real counts, worded in both languages
    row = describe_sources(row, survey=None, flags_illustrative=False)
    named = lp.membership_new_rural(lp.admin_reference("pre2025"), lp.load_programme_events())
    return row, new_rural_shares(counts), named_recognitions_by_year(named)


def poverty_points(*, project: str | None = None) -> pd.DataFrame:
    """Return the sub-provincial poverty figures quoted in the press beside the survey's value for each area.

    The embedded survey is ILLUSTRATIVE: the comparison shows how far it is from the few real figures.
    """
    survey, _, _ = load_survey("pre2025", project=project)
    reference = lp.admin_reference("pre2025").set_index("gso_code")
    for column, source in (("district_code", "district_code"), ("commune", "commune")):
        if column not in survey:
            survey = survey.assign(**{column: survey["gso_code"].map(reference[source])})
    return poverty_reference_points(lp.load_poverty_points(), survey)


#: Layers of a programme map (screen and print): need, the programme's members, gaps, then the boundaries.
PROGRAMME_MAP_LAYERS = ("prog_need", "communes", "prog_member", "districts", "prog_gaps")


def programme_map(
    run: ProgrammeRun, programme: str, *, lang: Lang = "vi", district: str | None = None
) -> MapBundle:
    """Return what the map of one programme draws, for the page (Leaflet) and the print layout alike.

    The need quintiles, the programme's members (partial and unknown apart), the gaps, with the programme's
    own credit and caveats.

    Assembled by :func:`layers.mapdata.assemble_map` (the one assembly of every map); no other layer is
    loaded.
    """
    check_programmes([programme], run.catalogue["programme"])
    district = check_district(run.units, district)
    communes = map_communes(run, boundaries.load_communes(run.units, display=True), programme)
    sources = {
        **run.sources,
        "programmes": programme_source(
            programme, run.catalogue, programme_caveats(run.membership, run.catalogue), lang
        ),
    }
    data = assemble_map(
        communes,
        boundaries.load_districts(display=True),
        boundaries.load_province(display=True),
        load=lambda _key: (None, None),
        sources=sources,
        district=district,
    )
    request = MapRequest(
        units=run.units,
        year=run.year,
        district=district,
        lang=lang,
        visible=PROGRAMME_MAP_LAYERS,
        project=None,
    )
    minx, miny, maxx, maxy = (float(b) for b in data.communes.total_bounds)
    return MapBundle(
        request=request,
        data=data,
        classification=classify_values(data.communes["need_score"]),
        run=run,
        visible=PROGRAMME_MAP_LAYERS,
        bounds=(minx, miny, maxx, maxy),
        sources=data.sources,
        all_districts=boundaries.load_districts(display=True),
    )
