"""Programme data embedded from the real files (membership yes / no / unknown, counts, documents) and its map
layers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import geopandas as gpd
import pandas as pd

from analysis.programmes import NO, PARTIAL, UNKNOWN, YES
from geo.i18n import format_number, t
from geo.io import DATA_DIR, read_table, read_vector
from geo.messages import has, msg
from geo.provenance import LayerSource
from geo.vocab import Lang
from layers import palette
from layers.boundaries import load_communes
from layers.catalog import ADMIN_2025_CSV, ADMIN_PRE2025_CSV, POOR_30A_DISTRICTS, PROGRAMME_CSV
from layers.imports import admin_reference
from layers.spec import By, DataLayer, Icon, LegendItem, MapContext, MapLayer, Paint, Part
from layers.targets import standard_period

PROGRAMMES_DIR = DATA_DIR / "programmes"
EVENTS_CSV = PROGRAMMES_DIR / "dien_bien_commune_programme_events.csv"
DOCUMENTS_CSV = PROGRAMMES_DIR / "dien_bien_programme_documents.csv"
BORDER_CSV = PROGRAMMES_DIR / "dien_bien_border_communes_DERIVED.csv"
BORDER_2025_CSV = PROGRAMMES_DIR / "dien_bien_border_communes_2025units_DERIVED.csv"
BORDER_LENGTH_CSV = PROGRAMMES_DIR / "dien_bien_district_border_length_DERIVED.csv"
BORDER_GPKG = PROGRAMMES_DIR / "dien_bien_international_border_DERIVED.gpkg"
#: The project's Vietnamese wording of the free-text values the shared data writes in English (SOURCE.md says
#: so).
TEXTS_VI_CSV = PROGRAMMES_DIR / "programme_texts_vi.csv"
POPULATION_CSV = DATA_DIR / "population" / "dien_bien_commune_population.csv"
POVERTY_POINTS_CSV = DATA_DIR / "poverty" / "dien_bien_subprovincial_poverty_points.csv"
RESETTLEMENT_FACTS_CSV = DATA_DIR / "resettlement" / "muong_nhe_resettlement_facts.csv"
RESETTLEMENT_SITES_CSV = DATA_DIR / "resettlement" / "muong_nhe_resettlement_named_sites.csv"

#: GSO codes of the districts that hold the territory of the 2008 district of Mường Nhé (Nậm Pồ was formed in
#: 2012 from parts of Mường Nhé and Mường Chà) and of the Đề án 79 area ("21 xã thuộc hai huyện Mường Nhé và
#: Nậm Pồ").
MUONG_NHE, NAM_PO = "096", "103"
#: Columns of a membership table (one row per programme and commune).
MEMBERSHIP_COLUMNS = [
    "programme",
    "gso_code",
    "member",
    "status",
    "proposed_status",
    "year",
    "basis",
    "caveats",
    "source_url",
]


@dataclass(frozen=True)
class Programme:
    """One programme (or classification) as the data knows it.

    ``listed`` is False when only a count is known (``count`` of ``count_unit`` in ``document``); ``units`` is
    the unit set its list names; ``targets_need`` says whether membership means targeted support (counted when
    asking which programmes cover a commune); a new-rural recognition is an outcome, not targeting.
    """

    key: str
    document: str
    period: tuple[int, int] | None
    level: str
    units: str = "pre2025"
    listed: bool = True
    targets_need: bool = True
    count: int | None = None
    count_unit: str = "communes"


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "nq30a_2009_2020",
        "Nghị quyết 30a/2008/NQ-CP",
        (2009, 2020),
        "district",
        count=4,
        count_unit="districts",
    ),
    Programme("qd141_2008_2012", "Quyết định 141/QĐ-TTg", (2008, 2012), "commune", count=10),
    Programme(
        "border_communes", "Công an tỉnh Điện Biên portal (introduction page)", None, "commune", count=29
    ),
    Programme("ntm_recognised", "Nông thôn mới", (2015, 2019), "commune", targets_need=False),
    Programme(
        "zone3_2026_2030", "Decision No. 46, Điện Biên PPC", (2026, 2030), "commune", units="2025", count=38
    ),
    Programme("zone3_2021_2025", "Quyết định 861/QĐ-TTg", (2021, 2025), "commune", listed=False, count=94),
    Programme("p135_2017_2020", "Quyết định 900/QĐ-TTg", (2017, 2020), "commune", listed=False, count=103),
    Programme("de_an_79_2012_2020", "Quyết định 79/QĐ-TTg", (2012, 2020), "commune", listed=False, count=21),
    Programme(
        "poor_districts_2021_2025",
        "Quyết định 353/QĐ-TTg",
        (2021, 2025),
        "district",
        listed=False,
        count_unit="districts",
    ),
    Programme(
        "villages_dbkk_2021_2025",
        "Quyết định 433/QĐ-UBDT",
        (2021, 2025),
        "village",
        listed=False,
        count=57,
        count_unit="villages",
    ),
)
PROGRAMME_KEYS = tuple(p.key for p in PROGRAMMES)


def programme(key: str) -> Programme:
    """Return the programme ``key`` (``KeyError`` when unknown)."""
    for candidate in PROGRAMMES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


# --- the files as they are
# ---------------------------------------------------------------------------------------


def load_programme_events() -> pd.DataFrame:
    """Return the commune × programme events (QĐ 141 scope, new-rural recognitions and proposals, a zone
    change)."""
    return read_table(EVENTS_CSV, dtype=str).fillna("")


def load_programme_documents() -> pd.DataFrame:
    """Return one row per decision or statistic: document, date, issuer, subject, period, figure, source,
    quote."""
    return read_table(DOCUMENTS_CSV, dtype=str).fillna("")


@lru_cache(maxsize=1)
def _texts_vi() -> Mapping[tuple[str, str, str], str]:
    rows = read_table(TEXTS_VI_CSV, dtype=str).fillna("")
    return MappingProxyType(
        {
            (f, c, en): vi
            for f, c, en, vi in zip(
                rows["file"], rows["column"], rows["text_en"], rows["text_vi"], strict=True
            )
        }
    )


def data_text(text: object, lang: Lang, *, file: str, column: str) -> str:
    """A free-text value of a shared data file as a reader of ``lang`` reads it.

    English: the value as the file holds it (the source of truth).  Vietnamese: the project's translation of
    that exact text (:data:`TEXTS_VI_CSV`, keyed by file, column and English text), or the value as it is when
    it has none (a value already in Vietnamese, a number, a name).
    """
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if lang == "en":
        return value
    return _texts_vi().get((file, column, value), value)


#: Documents of the shared data named in English: their names in each language come from the catalogue.
_DOCUMENT_KEYS = {
    "Công an tỉnh Điện Biên portal (introduction page)": "prog_doc_police_portal",
    "Decision No. 46, Điện Biên PPC": "prog_doc_ppc_46",
}
#: A press article as the documents file names it: "press (<outlet>)".
_PRESS = re.compile(r"press \((.+)\)")
#: The source of the new-rural programme, whose members each have their own (:func:`programme_catalogue`).
PER_COMMUNE_SOURCE = "per commune, see the events file"


def document_title(document: object, lang: Lang) -> str:
    """A document of the programme data as a reader of ``lang`` names it: a press article ("press
    (VietNamNet)") worded from the catalogue with its outlet, a document the data names in English from the
    catalogue, a decision by its own (Vietnamese) name."""
    text = str(document or "")
    if text in _DOCUMENT_KEYS:
        return msg(_DOCUMENT_KEYS[text], lang)
    press = _PRESS.fullmatch(text)
    return msg("prog_doc_press", lang, outlet=press.group(1)) if press else text


def source_label(source: object, lang: Lang) -> str:
    """A programme's source as shown: its address, or the catalogue's words for a source given per commune."""
    text = str(source or "")
    return msg("prog_src_per_commune", lang) if text == PER_COMMUNE_SOURCE else text


def load_border_communes() -> pd.DataFrame:
    """Return the 29 DERIVED border communes (pre-2025 GSO codes, ``border`` or ``border_probable``)."""
    return read_table(
        BORDER_CSV, dtype={"gso_commune_code": str, "gso_district_code": str, "new2025_commune_gso": str}
    )


def load_border_communes_2025() -> pd.DataFrame:
    """Return the 15 DERIVED 2025 communes holding at least one border predecessor."""
    return read_table(BORDER_2025_CSV, dtype={"new2025_commune_gso": str})


def load_district_border_length() -> pd.DataFrame:
    """Return the DERIVED international border length (km) per pre-2025 district."""
    return read_table(BORDER_LENGTH_CSV, dtype={"district_gso": str})


def load_international_border(*, display: bool = False) -> gpd.GeoDataFrame:
    """Return the DERIVED international border line (EPSG:4326, 416.8 km; official ≈ 455 km)."""
    return read_vector(BORDER_GPKG, layer="international_border" + ("_display" if display else ""))


def load_resettlement_facts() -> pd.DataFrame:
    """Return the Mường Nhé resettlement facts (Đề án 141 → Đề án 79), one quoted figure per row."""
    return read_table(RESETTLEMENT_FACTS_CSV, dtype=str).fillna("")


def load_resettlement_sites() -> pd.DataFrame:
    """Return the named resettlement villages (no coordinates; commune as the source places them)."""
    return read_table(RESETTLEMENT_SITES_CSV, dtype=str).fillna("")


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", str(text))]


def load_poverty_points() -> pd.DataFrame:
    """Return the sub-provincial poverty figures quoted in the press, with parsed years and standard period.

    Adds ``year_first`` / ``year_last`` (the years named in ``year``: "c.2019-2020" → 2019, 2020),
    ``standard`` (period key of :func:`layers.targets.standard_period`) and ``district_code`` (GSO code of a
    district row).
    """
    points = read_table(POVERTY_POINTS_CSV, dtype={"gso_commune_code": str, "year": str}).fillna("")
    years = points["year"].map(_years)
    points["year_first"] = pd.array([min(y) if y else pd.NA for y in years], dtype="Int64")
    points["year_last"] = pd.array([max(y) if y else pd.NA for y in years], dtype="Int64")
    points["value"] = pd.to_numeric(points["value"], errors="coerce")
    points["standard"] = [standard_period(s) for s in points["poverty_standard"]]
    districts = admin_reference("pre2025").drop_duplicates("district_code")
    by_name = {
        name.replace("Huyện ", ""): code
        for name, code in zip(districts["district"], districts["district_code"], strict=True)
    }
    points["district_code"] = [
        by_name.get(unit, "") if level == "district" else ""
        for level, unit in zip(points["admin_level"], points["unit_name"], strict=True)
    ]
    return points


# --- population figures
# ----------------------------------------------------------------------------------------

#: Rows of the population file that describe a unit before a boundary change (population SOURCE.md,
#: "Caveats").
_NOT_CURRENT_UNIT = {("03145", "2019"): "before_merger"}  # old Thanh Minh only; it absorbed Tà Lèng in 2020


def load_population_figures() -> pd.DataFrame:
    """Return every real commune population figure held, one row per figure, with its year.

    Rows of ``data/population`` (2022 yearbook, decisions, citypopulation.de with the census year not stated)
    and the 2009 census of the commune polygons (summed per GSO code; 0 for communes created after the census
    is left out, their population sits in an unrecorded parent).  Columns: ``gso_code, population, year`` (NA
    when not stated), ``kind`` (``yearbook``, ``census2009``, ``other``), ``source_url``,
    ``matches_current_unit`` (False for a figure of the unit before a boundary change), ``caveat``.
    """
    rows = read_table(POPULATION_CSV, dtype={"gso_code": str, "year": str}).fillna(
        {"year": "", "source_url": ""}
    )
    figures = pd.DataFrame(
        {
            "gso_code": rows["gso_code"],
            "population": pd.to_numeric(rows["population"], errors="coerce"),
            "year": pd.array([int(y) if y else pd.NA for y in rows["year"]], dtype="Int64"),
            "kind": rows["kind"],
            "source_url": rows["source_url"],
            "caveat": [
                _NOT_CURRENT_UNIT.get((c, y), "") or ("year_not_stated_pre2012_units" if not y else "")
                for c, y in zip(rows["gso_code"], rows["year"], strict=True)
            ],
        }
    )
    census = load_communes("pre2025").groupby("gso_code")["pop2009_census"].sum()
    census = census[census > 0]
    figures = pd.concat(
        [
            figures,
            pd.DataFrame(
                {
                    "gso_code": census.index,
                    "population": census.to_numpy(dtype=float),
                    "year": pd.array([2009] * len(census), dtype="Int64"),
                    "kind": "census2009",
                    "source_url": (
                        "censusVN2009 (M. Choisy), pop2009_census of data/boundaries/boundaries.gpkg"
                    ),
                    "caveat": "parent_may_include_later_split",
                }
            ),
        ],
        ignore_index=True,
    )
    figures["matches_current_unit"] = figures["caveat"] != "before_merger"
    return figures.drop_duplicates(["gso_code", "population", "year", "kind"]).reset_index(drop=True)


# --- membership per commune
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Why:
    """Why each commune has its membership: the basis, the caveats and the source (one value for every
    commune, or a list with one value per commune)."""

    basis: object = ""
    caveats: object = ""
    source_url: object = ""


def _frame(
    key: str, codes: pd.Series, member, why: _Why, *, status="", proposed="", year=pd.NA
) -> pd.DataFrame:
    """One programme's membership rows (:data:`MEMBERSHIP_COLUMNS`): ``member``, ``status``, ``proposed`` and
    ``year`` are one value for every commune or a list with one value per commune of ``codes``."""
    n = len(codes)
    frame = pd.DataFrame({"programme": key, "gso_code": codes.to_numpy()}, index=range(n))
    for column, value in (
        ("member", member),
        ("status", status),
        ("proposed_status", proposed),
        ("basis", why.basis),
        ("caveats", why.caveats),
        ("source_url", why.source_url),
    ):
        frame[column] = list(value) if isinstance(value, list | pd.Series) else [value] * n
    frame["year"] = pd.array(list(year) if isinstance(year, list | pd.Series) else [year] * n, dtype="Int64")
    return frame[MEMBERSHIP_COLUMNS]


def _document_url(documents: pd.DataFrame, document: str) -> str:
    hit = documents.loc[documents["document"] == document, "source_url"]
    return str(hit.iloc[0]) if len(hit) else ""


def membership_30a(reference: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """30a poor districts (c.2012 list) → their communes; Nậm Pồ (formed 2012, status not verified)
    unknown."""
    district = reference["district_code"]
    member = [YES if d in POOR_30A_DISTRICTS else UNKNOWN if d == NAM_PO else NO for d in district]
    basis = [
        "district_listed"
        if d in POOR_30A_DISTRICTS
        else "district_formed_2012_not_verified"
        if d == NAM_PO
        else "district_not_listed"
        for d in district
    ]
    why = _Why(
        basis=basis,
        caveats="list_as_of_c2012",
        source_url=_document_url(documents, "Nghị quyết 30a/2008/NQ-CP"),
    )
    return _frame(
        "nq30a_2009_2020",
        reference["gso_code"],
        member,
        why,
        status=[f"district_{d}" if m == YES else "" for d, m in zip(district, member, strict=True)],
    )


def membership_qd141(reference: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The 10 communes named by QĐ 141/QĐ-TTg (2008), mapped to the pre-2025 commune of the same name.

    A 2008 commune later split keeps ``yes`` on its same-name successor; the other pre-2025 communes of the
    districts that hold the 2008 district of Mường Nhé (Mường Nhé, Nậm Pồ) are ``unknown`` (they may hold 2008
    territory of a named commune); communes of every other district are ``no``.
    """
    rows = events[events["document"] == "Quyết định 141/QĐ-TTg"]
    named = dict(zip(rows["gso_commune_code"], rows["note"], strict=True))
    url = rows["source_url"].iloc[0] if len(rows) else ""
    codes, district = reference["gso_code"], reference["district_code"]
    member = [
        YES if c in named else UNKNOWN if d in (MUONG_NHE, NAM_PO) else NO
        for c, d in zip(codes, district, strict=True)
    ]
    basis = [
        "named_in_decision"
        if m == YES
        else "may_hold_2008_territory"
        if m == UNKNOWN
        else "outside_2008_district"
        for m in member
    ]
    caveats = [
        "split_since_2008" + (";district_changed" if "district changed" in named.get(c, "") else "")
        if m == YES
        else ""
        for c, m in zip(codes, member, strict=True)
    ]
    return _frame(
        "qd141_2008_2012",
        codes,
        member,
        _Why(basis=basis, caveats=caveats, source_url=url),
        status=["in_scope" if m == YES else "" for m in member],
        year=[2008 if m == YES else pd.NA for m in member],
    )


def membership_border(reference: pd.DataFrame, border: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The 29 DERIVED border communes (28 ``border`` + 1 ``border_probable``); every other commune ``no``
    (derived)."""
    classes = dict(zip(border["gso_commune_code"], border["border_class"], strict=True))
    codes = reference["gso_code"]
    member = [YES if c in classes else NO for c in codes]
    caveats = ["derived;probable" if classes.get(c) == "border_probable" else "derived" for c in codes]
    why = _Why(
        basis="derived_geometry",
        caveats=caveats,
        source_url=_document_url(documents, "Công an tỉnh Điện Biên portal (introduction page)"),
    )
    return _frame("border_communes", codes, member, why, status=[classes.get(c, "") for c in codes])


_NTM_STATUSES = ("dat_chuan", "co_ban_dat_chuan", "nang_cao")


def _ntm_status(text: str) -> tuple[str, bool]:
    """Return (status code, proposed?) of an event's status text ("co_ban_dat_chuan PROPOSED at ...")."""
    code = next((s for s in sorted(_NTM_STATUSES, key=len, reverse=True) if text.startswith(s)), "")
    return code, "PROPOSED" in text


def membership_new_rural(reference: pd.DataFrame, events: pd.DataFrame, *, as_of: int = 2019) -> pd.DataFrame:
    """New-rural (nông thôn mới) recognitions by the end of ``as_of``: ``yes`` with status and year.

    ``dat_chuan`` (national standard) and ``co_ban_dat_chuan`` (provincial interim category) are kept apart; a
    proposal at an appraisal meeting (year unknown, after 2020) is ``proposed_status``, never a recognition.
    The named list is partial (22 recognised by 30/6/2019 against 21 named by the end of 2019), so every
    commune not named is ``unknown``, never ``no``.
    """
    rows = events[events["programme"] == "Nông thôn mới"].copy()
    parsed = rows["status"].map(_ntm_status)
    rows["code"], rows["proposed"] = parsed.str[0], parsed.str[1]
    rows["year_num"] = rows["period_or_year"].map(lambda t: min(_years(t)) if _years(t) else None)
    recognised = rows[~rows["proposed"] & rows["year_num"].notna() & (rows["year_num"] <= as_of)]
    recognised = recognised.sort_values(["year_num", "document_date"]).drop_duplicates(
        "gso_commune_code", keep="last"
    )
    proposals = rows[rows["proposed"]].drop_duplicates("gso_commune_code", keep="last")
    by_code = recognised.set_index("gso_commune_code")
    proposed = dict(zip(proposals["gso_commune_code"], proposals["code"], strict=True))
    codes = reference["gso_code"]
    known = [c in by_code.index for c in codes]
    why = _Why(
        basis=["recognition_reported" if k else "not_in_partial_list" for k in known],
        caveats=[
            "provincial_category"
            if k and by_code.at[c, "code"] == "co_ban_dat_chuan"
            else "list_partial"
            if not k
            else ""
            for c, k in zip(codes, known, strict=True)
        ],
        source_url=[by_code.at[c, "source_url"] if k else "" for c, k in zip(codes, known, strict=True)],
    )
    return _frame(
        "ntm_recognised",
        codes,
        [YES if k else UNKNOWN for k in known],
        why,
        status=[by_code.at[c, "code"] if k else "" for c, k in zip(codes, known, strict=True)],
        proposed=[proposed.get(c, "") for c in codes],
        year=[int(by_code.at[c, "year_num"]) if k else pd.NA for c, k in zip(codes, known, strict=True)],
    )


def _zones_2026_source() -> str:
    """Source of the 2026–2030 zones (the programme-coverage row of Decision No. 46)."""
    coverage = read_table(PROGRAMME_CSV, dtype=str)
    return str(coverage.loc[coverage["period"].str.startswith("2026"), "source"].iloc[0])


def membership_zone3_2026(units: str = "pre2025") -> pd.DataFrame:
    """Zone III 2026–2030 (Điện Biên PPC Decision 46) on the 45 communes of 2025; zones I and II are ``no``.

    On the pre-2025 units each commune takes the zone of its 2025 successor (no pre-2025 commune was split in
    2025, so each lies wholly inside one 2025 commune); ``basis`` says so.
    """
    zones = read_table(ADMIN_2025_CSV, dtype=str)
    url = _zones_2026_source()
    zone = dict(zip(zones["commune_gso"], zones["ethnic_mountain_zone_2026_2030"], strict=True))
    if units == "2025":
        codes, zone_of, basis = zones["commune_gso"], [zone[c] for c in zones["commune_gso"]], "listed"
    else:
        pre = read_table(ADMIN_PRE2025_CSV, dtype=str)
        codes, zone_of, basis = (
            pre["commune_gso"],
            [zone[c] for c in pre["new2025_commune_gso"]],
            "successor_2025",
        )
    why = _Why(
        basis=basis,
        caveats=["zone_III_inferred_not_I_or_II" if z == "III" else "" for z in zone_of],
        source_url=url,
    )
    return _frame(
        "zone3_2026_2030",
        codes,
        [YES if z == "III" else NO for z in zone_of],
        why,
        status=[f"zone_{z}" for z in zone_of],
    )


def membership_counts_only(
    reference: pd.DataFrame, events: pd.DataFrame, documents: pd.DataFrame
) -> pd.DataFrame:
    """Programmes known as counts: every commune ``unknown``, except what the sources do say.

    Zone III 2021–2025: Mường Báng moved to zone III by QĐ 698/QĐ-TTg (2024, SECONDARY).  Đề án 79: its 21
    communes lie in Mường Nhé and Nậm Pồ, so communes of other districts are ``no``.  Poor districts 2021–2025
    (QĐ 353): three districts named in a truncated excerpt are ``yes``, every other commune ``unknown``.
    """
    codes, district = reference["gso_code"], reference["district_code"]
    frames = []
    change = events[events["document"].str.startswith("Quyết định 698/QĐ-TTg")]
    moved = set(change["gso_commune_code"])
    moved_why = _Why(
        basis=["zone_change_decision" if c in moved else "count_only" for c in codes],
        caveats=["secondary" if c in moved else "" for c in codes],
        source_url=[
            change["source_url"].iloc[0] if c in moved else _document_url(documents, "Quyết định 861/QĐ-TTg")
            for c in codes
        ],
    )
    frames.append(
        _frame(
            "zone3_2021_2025",
            codes,
            [YES if c in moved else UNKNOWN for c in codes],
            moved_why,
            status=["moved_kv2_to_kv3" if c in moved else "" for c in codes],
            year=[2024 if c in moved else pd.NA for c in codes],
        )
    )
    frames.append(
        _frame(
            "p135_2017_2020",
            codes,
            UNKNOWN,
            _Why(basis="count_only", source_url=_document_url(documents, "Quyết định 900/QĐ-TTg")),
        )
    )
    in_area = [d in (MUONG_NHE, NAM_PO) for d in district]
    frames.append(
        _frame(
            "de_an_79_2012_2020",
            codes,
            [UNKNOWN if a else NO for a in in_area],
            _Why(
                basis=["count_only" if a else "outside_scope_districts" for a in in_area],
                source_url=_document_url(documents, "Quyết định 79/QĐ-TTg"),
            ),
        )
    )
    poor = {"101", "102", "096"}  # Điện Biên Đông (#28), Mường Ảng (#29), Mường Nhé (#30) in the excerpt
    poor_why = _Why(
        basis=["district_listed" if d in poor else "list_truncated" for d in district],
        caveats="list_incomplete",
        source_url=_document_url(documents, "Quyết định 353/QĐ-TTg"),
    )
    frames.append(
        _frame(
            "poor_districts_2021_2025",
            codes,
            [YES if d in poor else UNKNOWN for d in district],
            poor_why,
            status=[f"district_{d}" if d in poor else "" for d in district],
        )
    )
    frames.append(
        _frame(
            "villages_dbkk_2021_2025",
            codes,
            UNKNOWN,
            _Why(basis="count_only_villages", source_url=_document_url(documents, "Quyết định 433/QĐ-UBDT")),
        )
    )
    return pd.concat(frames, ignore_index=True)


def load_memberships(*, new_rural_as_of: int = 2019) -> pd.DataFrame:
    """Return the membership of every programme on the 129 pre-2025 communes (see :data:`MEMBERSHIP_COLUMNS`).

    One row per programme and GSO code; ``member`` is ``yes``, ``no`` or ``unknown`` (never ``no`` for want of
    a list).  On the 2025 units use :func:`analysis.programmes.memberships_to_2025`, with the 2025 zones from
    :func:`membership_zone3_2026` (``units="2025"``).
    """
    reference = admin_reference("pre2025")
    events, documents = load_programme_events(), load_programme_documents()
    return pd.concat(
        [
            membership_30a(reference, documents),
            membership_qd141(reference, events),
            membership_border(reference, load_border_communes(), documents),
            membership_new_rural(reference, events, as_of=new_rural_as_of),
            membership_zone3_2026("pre2025"),
            membership_counts_only(reference, events, documents),
        ],
        ignore_index=True,
    )


#: New-rural counts for the whole province as printed (dien_bien_programme_documents.csv): document, its date
#: in the file, the date the count refers to, communes "đạt chuẩn" + "cơ bản đạt chuẩn", each part, communes
#: counted against as printed (None: not printed).
_NEW_RURAL_COUNTS = (
    ("Kế hoạch 3055/KH-UBND", "2018-10-22", "2018-06-30", 16, None, None, None),
    ("press (VietNamNet)", "", "2019-06-30", 22, 18, 4, None),
    ("press (Điện Biên TV)", "2022-10-11", "2022-10-11", 44, 21, 23, 115),
)


def _cited_as(document: str) -> str:
    """A document as a citation names it in either language: a press article by its outlet, with its
    address."""
    press = _PRESS.fullmatch(document)
    return press.group(1) if press else document


def load_new_rural_counts() -> pd.DataFrame:
    """Return the province's new-rural counts (communes "đạt chuẩn" or "cơ bản đạt chuẩn"), each with its
    source.

    ``n_xa`` is the number of rural communes (xã) the count is a share of: as printed where the source prints
    it (115 in 2022), else the xã of the commune polygons (the c.2013–2016 units, valid until Tà Lèng merged
    into Thanh Minh in 2020: 116), with ``n_xa_basis`` saying which.  ``citation``: document, date, quote and
    address.
    """
    documents = load_programme_documents().set_index(["document", "document_date"])
    n_xa_polygons = int(load_communes("pre2025")["commune"].str.startswith("Xã").sum())
    rows = []
    for document, date, as_of, total, dat, co_ban, n_xa in _NEW_RURAL_COUNTS:
        doc = documents.loc[(document, date)]
        rows.append(
            {
                "document": document,
                "as_of": as_of,
                "as_of_year": int(as_of[:4]),
                "n_recognised": total,
                "n_dat_chuan": dat,
                "n_co_ban_dat_chuan": co_ban,
                "n_xa": n_xa or n_xa_polygons,
                "n_xa_basis": "printed" if n_xa else "xa_polygons_2013_2016_units",
                "source_url": doc["source_url"],
                "evidence_quote": doc["evidence_quote"],
                "citation": (
                    f"{_cited_as(document)} ({as_of}): “{doc['evidence_quote']}” — {doc['source_url']}"
                ),
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("n_dat_chuan", "n_co_ban_dat_chuan"):
        frame[column] = frame[column].astype("Int64")
    return frame


def programme_catalogue() -> pd.DataFrame:
    """Return one row per programme: key, document, date, period, level, listed or count only, count, source.

    ``count_in_document`` is the count the document states for Điện Biên (NaN where none); ``listed`` False
    means the members are not known and an import of the list is needed.
    """
    documents = load_programme_documents().drop_duplicates("document").set_index("document")
    rows = []
    for p in PROGRAMMES:
        doc = documents.loc[p.document] if p.document in documents.index else None
        other_source = {"zone3_2026_2030": _zones_2026_source(), "ntm_recognised": PER_COMMUNE_SOURCE}
        rows.append(
            {
                "programme": p.key,
                "document": p.document,
                "document_date": "" if doc is None else doc["document_date"],
                "period_start": p.period[0] if p.period else pd.NA,
                "period_end": p.period[1] if p.period else pd.NA,
                "level": p.level,
                "units": p.units,
                "listed": p.listed,
                "targets_need": p.targets_need,
                "count_in_document": p.count,
                "count_unit": p.count_unit,
                "figure_in_document": "" if doc is None else doc["dien_bien_figure"],
                "confidence": "" if doc is None else doc["confidence"],
                "source_url": other_source.get(p.key, "") if doc is None else doc["source_url"],
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("period_start", "period_end", "count_in_document"):
        frame[column] = frame[column].astype("Int64")
    return frame


def caveat_words(codes: Iterable[str], lang: Lang) -> list[str]:
    """Caveat codes of a membership or a programme (``derived``, ``list_partial`` ...) in ``lang``: the
    catalogue's ``prog_caveat_<code>`` (derived, partial and secondary data said as such), an unknown code
    with spaces."""
    return [
        msg(f"prog_caveat_{c}", lang) if has(f"prog_caveat_{c}") else c.replace("_", " ") for c in codes if c
    ]


# --- map layers (read by every renderer through layers.registry)
# ---------------------------------------------------

#: Provenance of the programme layer; a map of one programme replaces it with that programme's own credit
#: (``workflows.programmes.programme_source``: its decision, and "derived", "partial" or "secondary" where
#: due).
PROGRAMMES_SOURCE = LayerSource(
    "programmes",
    "Programme decisions and lists (data/programmes, SOURCE.md)",
    "public documents",
    "2008–2026",
    False,
)
#: Inputs a need score is built from (its credit and illustrative mark follow all of them).
NEED_SOURCES = ("survey", "commune_centres", "roads", "grid_mv", "power_lines", "health", "villages")
DATA_LAYERS = (DataLayer("programmes", PROGRAMMES_SOURCE, "table"),)

#: Need quintiles, 1 = the neediest fifth (ColorBrewer Purples, darkest first); grey: no score.
NEED_COLOURS = palette.NEED
NEED_NO_SCORE = palette.NEED_NO_SCORE
#: Outline of a commune by its membership of the programme shown (``no``: not drawn).
MEMBER_COLOURS = {YES: palette.MEMBER, PARTIAL: palette.MEMBER, UNKNOWN: palette.MEMBER_UNKNOWN}
MEMBER_DASH = {PARTIAL: "6 4", UNKNOWN: "2 4"}
GAP_ICONS = {"gap": Icon("star", palette.GAP, 18), "possible_gap": Icon("triangle", palette.POSSIBLE_GAP, 13)}


def programme_title(key: str, document: str, lang: str = "vi") -> str:
    """The name a planner reads for programme ``key``: its message (``prog_name_<key>``), else its
    document."""
    return t(f"prog_name_{key}", lang) if has(f"prog_name_{key}") else str(document)


def programme_titles(catalogue: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """The name of every programme of ``catalogue`` (``programme``, ``document``), by key; two programmes of
    one name (a user's list named like another) are told apart by their keys."""
    keys = catalogue["programme"].tolist()
    titles = [programme_title(k, d, lang) for k, d in zip(keys, catalogue["document"], strict=True)]
    return {k: f"{n} ({k})" if titles.count(n) > 1 else n for k, n in zip(keys, titles, strict=True)}


def programme_names(keys: object, catalogue: pd.DataFrame, lang: Lang) -> str:
    """``;``-joined programme keys (``covered_by``, ``unknown_for`` ...) as the names a planner reads
    (:func:`programme_titles`), ``; `` between them."""
    titles = programme_titles(catalogue, lang)
    return "; ".join(titles.get(k, k) for k in str("" if pd.isna(keys) else keys).split(";") if k)


def member_word(code: object, lang: Lang) -> str:
    """A commune's membership of a programme (``yes``, ``no``, ``unknown``, ``partial``) in words; empty when
    missing."""
    text = "" if pd.isna(code) else str(code)
    return msg(f"prog_member_{text}", lang) if has(f"prog_member_{text}") else text


def gap_word(kind: object, lang: Lang) -> str:
    """A commune's gap decision (``gap``, ``possible_gap``) in words; empty when the commune is no gap."""
    text = "" if pd.isna(kind) else str(kind)
    return msg(f"prog_{text}", lang) if text in GAP_ICONS else text


def list_status(origin: object, listed: object) -> str:
    """The message key of what is known of a programme's members: its list imported by the user, its list
    known from the documents, or only its count."""
    if origin == "imported":
        return "prog_list_imported"
    return "prog_list_known" if bool(listed) else "prog_list_count_only"


def _need_text(communes: gpd.GeoDataFrame, ctx: MapContext) -> list[str]:
    """The need score, rank and quintile of each commune in words ("no score" without one)."""
    return [
        t("prog_no_score", ctx.lang)
        if pd.isna(q)
        else t("prog_need_tooltip", ctx.lang).format(
            score=format_number(s, ctx.lang, decimals=1), rank=int(r), quintile=int(q)
        )
        for s, r, q in zip(
            communes["need_score"],
            communes["need_rank"],
            pd.to_numeric(communes["need_quintile"], errors="coerce"),
            strict=True,
        )
    ]


def _need_fill(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The communes with the key of their need quintile and the texts of their tooltip."""
    out = communes.copy()
    out["need_class"] = [
        "" if pd.isna(q) else f"q{int(q)}" for q in pd.to_numeric(out["need_quintile"], errors="coerce")
    ]
    out["need_text"] = _need_text(out, ctx)
    return out


def _members_drawn(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """The communes of the programme shown that are members, partly members or of unknown membership, with
    texts."""
    out = communes[communes["programme_member"].isin(list(MEMBER_COLOURS))].copy()
    out["programme_member_text"] = [member_word(m, ctx.lang) for m in out["programme_member"]]
    out["programme_name"] = [
        programme_title(k, d, ctx.lang)
        for k, d in zip(out["programme"], out["programme_document"], strict=True)
    ]
    out["programme_note"] = [
        ";".join(
            t(f"prog_caveat_{c}", ctx.lang) if has(f"prog_caveat_{c}") else c for c in str(n).split(";") if c
        )
        for n in out["programme_note"]
    ]
    return out


def _gap_points(communes: gpd.GeoDataFrame, ctx: MapContext) -> gpd.GeoDataFrame:
    """One point per gap or possible gap (the commune's representative point), with its words."""
    out = communes[communes["gap_kind"].isin(list(GAP_ICONS))].copy()
    out["geometry"] = out.geometry.representative_point()
    out["gap_text"] = [gap_word(k, ctx.lang) for k in out["gap_kind"]]
    out["need_text"] = _need_text(out, ctx)
    return out


def _need_legend(ctx: MapContext) -> tuple[LegendItem, ...]:
    rows = tuple(LegendItem("patch", f"prog_need_{key}", colour) for key, colour in NEED_COLOURS.items())
    return (*rows, LegendItem("patch", "prog_no_score", NEED_NO_SCORE))


MAP_LAYERS = (
    MapLayer(
        "prog_need",
        order=12,
        sources=NEED_SOURCES,
        header="layer_prog_need",
        requires=("need_quintile",),
        offered=False,
        parts=(
            Part(
                "communes",
                "polygon",
                Paint(
                    colour="#666666",
                    width=0.6,
                    fill=By("need_class", NEED_COLOURS, NEED_NO_SCORE),
                    fill_opacity=0.8,
                    paper_width=0,
                    paper_fill_opacity=0.85,
                ),
                zorder=1.2,
                prepare=_need_fill,
                hover={"weight": 3, "color": "#000"},
                tooltip=(("commune", "commune"), ("district", "district"), ("need_text", "prog_need")),
                legend=_need_legend,
            ),
        ),
    ),
    MapLayer(
        "prog_member",
        order=14,
        sources=("programmes",),
        header="layer_prog_member",
        requires=("programme_member",),
        offered=False,
        parts=(
            Part(
                "communes",
                "polygon",
                Paint(
                    colour=By("programme_member", MEMBER_COLOURS, "#000000"),
                    width=3.0,
                    dash=By("programme_member", MEMBER_DASH),
                    paper_width=1.8,
                ),
                zorder=5.5,
                prepare=_members_drawn,
                tooltip=(
                    ("commune", "commune"),
                    ("programme_name", "prog_programme"),
                    ("programme_member_text", "prog_membership"),
                    ("programme_note", "prog_note"),
                ),
                legend=(
                    LegendItem("line", "prog_member_yes", MEMBER_COLOURS[YES], width=1.8),
                    LegendItem("line", "prog_member_partial", MEMBER_COLOURS[PARTIAL], dashed=True),
                    LegendItem("line", "prog_member_unknown", MEMBER_COLOURS[UNKNOWN], dashed=True),
                ),
            ),
        ),
    ),
    MapLayer(
        "prog_gaps",
        order=16,
        sources=(*NEED_SOURCES, "programmes"),
        header="layer_prog_gaps",
        requires=("gap_kind",),
        offered=False,
        parts=(
            Part(
                "communes",
                "point",
                icon=By("gap_kind", GAP_ICONS),
                zorder=9,
                prepare=_gap_points,
                tooltip=(("commune", "commune"), ("gap_text", "prog_gap_kind"), ("need_text", "prog_need")),
                legend=tuple(LegendItem("icon", f"prog_{k}", icon=i) for k, i in GAP_ICONS.items()),
            ),
        ),
    ),
)
