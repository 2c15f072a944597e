"""Importable layer kinds: the columns and values each needs, how an upload becomes that layer, its preview
map."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.archives import DEFAULT_LIMITS, UploadLimits, is_zip
from geo.crs import DISPLAY_EPSG
from geo.errors import InputError, Problem
from geo.io import read_table
from geo.messages import msg
from geo.names import fold_text, normalize_gso_code
from geo.tables import TableSchema, header_key, import_commune_table, read_cells
from geo.values import parse_yes_no
from geo.vectors import LINES, POINTS, import_vector, points_from_cells
from layers import palette
from layers.assets import use_local_assets
from layers.catalog import ADMIN_2025_CSV, ADMIN_PRE2025_CSV
from layers.indicators import SURVEY_COLUMNS, SURVEY_YES_NO
from layers.roads import HARDENED_SURFACES

if TYPE_CHECKING:  # folium is imported where the preview is drawn: the print path never loads it
    import folium

OSM_PROVENANCE = "OpenStreetMap contributors, ODbL"
#: The commune survey a user brings: its columns under the names Vietnamese offices use (compared without
#: diacritics, case, spacing or "%"), their kinds and ranges.  Counts of poor, near-poor and grid-powered
#: households give the rate when the table has no rate (rate = 100 × count / households).
SURVEY_SCHEMA = TableSchema(
    numbers={
        "households": (0, None),
        "poor_households": (0, None),
        "near_poor_households": (0, None),
        "poor_hh_rate_pct": (0, 100),
        "near_poor_hh_rate_pct": (0, 100),
        "hh_with_grid_power": (0, None),
        "hh_grid_power_pct": (0, 100),
        "schools_national_standard_pct": (0, 100),
    },
    yes_no=SURVEY_YES_NO,
    aliases={
        "households": (
            "tong_so_ho",
            "so_ho",
            "tong_ho",
            "so_ho_dan",
            "tong_so_ho_dan",
            "ho_dan",
            "total_households",
            "hh",
            "number_of_households",
        ),
        "poor_households": (
            "so_ho_ngheo",
            "ho_ngheo",
            "tong_so_ho_ngheo",
            "poor_hh",
            "number_of_poor_households",
        ),
        "near_poor_households": ("so_ho_can_ngheo", "ho_can_ngheo", "tong_so_ho_can_ngheo", "near_poor_hh"),
        "poor_hh_rate_pct": (
            "ty_le_ho_ngheo",
            "ty_le_ngheo",
            "ti_le_ho_ngheo",
            "ti_le_ngheo",
            "tl_ho_ngheo",
            "tl_ngheo",
            "tyle_ho_ngheo",
            "tyle_ngheo",
            "poverty_rate",
            "poor_rate",
            "poor_hh_rate",
        ),
        "near_poor_hh_rate_pct": (
            "ty_le_ho_can_ngheo",
            "ty_le_can_ngheo",
            "ti_le_ho_can_ngheo",
            "tl_ho_can_ngheo",
            "tl_can_ngheo",
            "near_poor_rate",
            "near_poor_hh_rate",
        ),
        "hh_with_grid_power": (
            "so_ho_co_dien",
            "so_ho_dung_dien",
            "so_ho_su_dung_dien",
            "so_ho_co_dien_luoi",
            "so_ho_dung_dien_luoi",
            "so_ho_su_dung_dien_luoi",
            "hh_with_power",
        ),
        "hh_grid_power_pct": (
            "ty_le_ho_co_dien",
            "ty_le_ho_dung_dien",
            "ty_le_ho_su_dung_dien",
            "ty_le_ho_dung_dien_luoi",
            "ty_le_ho_su_dung_dien_luoi",
            "tl_ho_co_dien",
            "tl_ho_dung_dien",
            "electricity_rate",
        ),
        "schools_national_standard_pct": (
            "ty_le_truong_dat_chuan",
            "tl_truong_dat_chuan",
            "ty_le_truong_dat_chuan_quoc_gia",
        ),
        "allseason_road_to_centre": (
            "duong_o_to_den_trung_tam_xa",
            "co_duong_o_to_den_trung_tam_xa",
            "duong_o_to_quanh_nam",
            "duong_o_to_di_lai_quanh_nam",
            "co_duong_o_to",
        ),
        "grid_connected": (
            "co_dien_luoi",
            "co_dien_luoi_quoc_gia",
            "dien_luoi_quoc_gia",
            "noi_luoi",
            "co_dien",
        ),
        "health_station_national_standard": (
            "tram_y_te_dat_chuan",
            "tyt_dat_chuan",
            "tram_y_te_dat_chuan_quoc_gia",
            "tyt_dat_chuan_quoc_gia",
        ),
    },
    titles={
        c: f"imp_col_{c}"
        for c in (
            "households",
            "poor_households",
            "near_poor_households",
            "poor_hh_rate_pct",
            "near_poor_hh_rate_pct",
            "hh_with_grid_power",
            "hh_grid_power_pct",
            "schools_national_standard_pct",
            "allseason_road_to_centre",
            "grid_connected",
            "health_station_national_standard",
        )
    },
)
#: Rates computed from counts when a survey gives the counts only: rate column → (count column, of
#: households).
SURVEY_RATE_FROM_COUNT = {
    "poor_hh_rate_pct": "poor_households",
    "near_poor_hh_rate_pct": "near_poor_households",
    "hh_grid_power_pct": "hh_with_grid_power",
}


@dataclass(frozen=True)
class LayerKind:
    """What one importable layer needs.

    ``family`` is ``table`` (commune table), ``points``, ``lines`` or ``raster``; ``required`` columns must be
    present (under their name or one of ``aliases``, compared folded); ``values`` maps a column to its allowed
    values and the folded spellings that mean each.
    """

    key: str
    title: str  # message key of the kind's name
    family: str
    required: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    values: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def geometry_types(self) -> tuple[str, ...]:
        """Geometry types this kind accepts."""
        return {"points": POINTS, "lines": LINES}.get(self.family, ())


_VOLTAGE = {"voltage_kv": ("dien_ap_kv", "dien_ap", "cap_dien_ap", "kv", "voltage", "cap_dien_ap_kv")}
KINDS: dict[str, LayerKind] = {
    "roads": LayerKind(
        "roads",
        "layer_roads",
        "lines",
        ("surface", "all_season"),
        {
            "surface": ("mat_duong", "loai_mat", "ket_cau_mat", "ket_cau", "loai_mat_duong"),
            "all_season": ("quanh_nam", "di_quanh_nam", "di_duoc_quanh_nam", "allseason"),
            "road_class": ("cap_duong", "loai_duong", "cap_quan_ly"),
            "name": ("ten", "ten_duong"),
        },
        {
            "surface": {
                "asphalt": ("asphalt", "nhua", "bitum", "tham nhua", "duong nhua", "paved"),
                "concrete": ("concrete", "be tong", "betong", "btxm", "be tong xi mang", "duong be tong"),
                "gravel": ("gravel", "cap phoi", "soi", "da dam", "soi do", "duong cap phoi"),
                "earth": ("earth", "dat", "dirt", "ground", "duong dat"),
            }
        },
    ),
    "power_lines": LayerKind("power_lines", "imp_kind_power_lines", "lines", ("voltage_kv",), _VOLTAGE),
    "grid_mv": LayerKind("grid_mv", "imp_kind_grid_mv", "lines", ("voltage_kv",), _VOLTAGE),
    "power_substations": LayerKind("power_substations", "substation", "points"),
    "schools": LayerKind(
        "schools",
        "layer_schools",
        "points",
        ("level",),
        {"level": ("cap_hoc", "bac_hoc", "loai_truong", "cap"), "name": ("ten", "ten_truong")},
        {
            "level": {
                "mam_non": ("mam_non", "mam non", "mau giao", "kindergarten"),
                "tieu_hoc": ("tieu_hoc", "tieu hoc", "primary", "th"),
                "thcs": ("thcs", "trung hoc co so", "lower secondary", "ptdtbt thcs"),
                "thpt": ("thpt", "trung hoc pho thong", "upper secondary"),
            }
        },
    ),
    "health": LayerKind(
        "health",
        "layer_health",
        "points",
        ("kind",),
        {"kind": ("loai", "loai_co_so", "loai_hinh"), "name": ("ten", "ten_co_so")},
        {
            "kind": {
                "tram_y_te": ("tram_y_te", "tram y te", "tyt", "health station", "clinic"),
                "pkdk_khu_vuc": (
                    "pkdk_khu_vuc",
                    "phong kham",
                    "phong kham da khoa khu vuc",
                    "pkdkkv",
                    "polyclinic",
                ),
                "benh_vien_huyen": (
                    "benh_vien_huyen",
                    "benh vien huyen",
                    "ttyt huyen",
                    "trung tam y te huyen",
                    "district hospital",
                ),
                "benh_vien_tinh": (
                    "benh_vien_tinh",
                    "benh vien tinh",
                    "benh vien da khoa tinh",
                    "provincial hospital",
                ),
            }
        },
    ),
    "commune_centres": LayerKind(
        "commune_centres",
        "layer_commune_centres",
        "points",
        ("gso_code",),
        {"gso_code": ("ma_xa", "ma", "code", "commune_gso", "ma_tctk")},
    ),
    "district_centres": LayerKind(
        "district_centres",
        "layer_district_centres",
        "points",
        ("district_code",),
        {
            "district_code": ("ma_huyen", "district_gso", "ma_tctk_huyen"),
            "district": ("huyen", "ten_huyen"),
            "name": ("ten",),
        },
    ),
    "villages": LayerKind(
        "villages",
        "src_villages",
        "points",
        (),
        {
            "households": ("so_ho", "ho"),
            "population": ("dan_so", "so_dan", "so_nhan_khau"),
            "name": ("ten", "ten_ban", "ten_thon"),
        },
    ),
    "survey": LayerKind("survey", "imp_kind_survey", "table", ("year",)),
    "dem": LayerKind("dem", "imp_kind_dem", "raster"),
    "population": LayerKind("population", "imp_kind_population", "raster"),
}

TABLE_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm", ".xls")
RASTER_EXTENSIONS = (".tif", ".tiff")
OSM_EXTENSIONS = (".osm", ".pbf", ".osm.pbf")


@dataclass
class ImportResult:
    """Layers ready to save (key → frame, or raster payload), notes on what was converted, and provenance."""

    layers: dict[str, object]
    notes: list[Problem]
    source: str
    licence: str = "as declared by the user"


def admin_reference(units: str = "pre2025") -> pd.DataFrame:
    """Return the GSO commune list of a unit set as ``gso_code, commune, admin_type, district,
    district_code``."""
    if units == "2025":
        table = read_table(ADMIN_2025_CSV, dtype=str)
        return pd.DataFrame(
            {
                "gso_code": table["commune_gso"],
                "commune": table["commune_name"],
                "admin_type": table["commune_name"].str.split(" ").str[0],
                "district": [""] * len(table),
                "district_code": [""] * len(table),
            }
        )
    table = read_table(ADMIN_PRE2025_CSV, dtype=str)
    return pd.DataFrame(
        {
            "gso_code": table["commune_gso"],
            "commune": table["commune_name"],
            "admin_type": table["commune_type"],
            "district": table["district_name"],
            "district_code": table["district_gso"],
        }
    )


def crosswalk_table() -> pd.DataFrame:
    """Return the pre-2025 → 2025 crosswalk (``gso_code`` → ``new2025_gso``) from the embedded GSO list."""
    table = read_table(ADMIN_PRE2025_CSV, dtype=str)
    return table.rename(columns={"commune_gso": "gso_code", "new2025_commune_gso": "new2025_gso"})[
        ["gso_code", "new2025_gso"]
    ]


def file_family(name: str, data: bytes) -> str:
    """Return ``table``, ``vector``, ``osm`` or ``raster`` from a file's name (and zip signature)."""
    lower = name.lower()
    if lower.endswith(OSM_EXTENSIONS):
        return "osm"
    if lower.endswith(RASTER_EXTENSIONS):
        return "raster"
    if lower.endswith(TABLE_EXTENSIONS):
        return "table"
    if lower.endswith((".zip", ".kmz")) or is_zip(data) and not lower.endswith(TABLE_EXTENSIONS):
        return "vector"
    return "vector"


# --- attribute conformance
# ---------------------------------------------------------------------------------------


def _rename_aliases(frame: pd.DataFrame, kind: LayerKind) -> pd.DataFrame:
    keys = {header_key(c): c for c in frame.columns if c != "geometry"}
    renames = {}
    for canonical, aliases in kind.aliases.items():
        if canonical in frame.columns:
            continue
        for alias in (canonical, *aliases):
            if alias in keys and keys[alias] not in renames:
                renames[keys[alias]] = canonical
                break
    return frame.rename(columns=renames)


def _fold_value(value: object) -> str:
    return (
        " ".join(fold_text(str(value)).replace("_", " ").split())
        if value is not None and value == value
        else ""
    )


def conform_layer(
    frame: pd.DataFrame,
    kind: LayerKind,
    *,
    file: str,
    units: str = "pre2025",
    row_numbers: list[int] | None = None,
) -> pd.DataFrame:
    """Return ``frame`` with the columns ``kind`` needs, values normalised; raise :class:`InputError` listing
    every gap."""
    frame = _rename_aliases(frame, kind)
    problems = []
    missing = [c for c in kind.required if c not in frame.columns]
    for column in missing:
        names = ", ".join((column, *kind.aliases.get(column, ())))
        problems.append(
            Problem(
                vi=f"thiếu cột '{column}' (chấp nhận: {names}); hãy thêm cột này.",
                en=f"missing column '{column}' (accepted: {names}); add this column.",
                file=file,
                column=column,
            )
        )
    if problems:
        raise InputError(problems)
    rows = row_numbers or list(range(1, len(frame) + 1))
    out = frame.copy()
    _conform_allowed_values(out, kind, rows, file, problems)
    if "all_season" in kind.required:
        _conform_all_season(out, rows, file, problems)
    if "voltage_kv" in out.columns:
        _conform_voltage(out, rows, file, problems)
    if "gso_code" in kind.required:
        _conform_commune_codes(out, rows, file, problems, units=units)
    if "district_code" in kind.required:
        _conform_district_codes(out, rows, file, problems)
    if problems:
        raise InputError(problems)
    if kind.key == "roads":
        out["hardened"] = out["surface"].isin(HARDENED_SURFACES)
        if "road_class" not in out.columns:
            out["road_class"] = "commune"
    return out


def _conform_allowed_values(
    out: pd.DataFrame, kind: LayerKind, rows: list[int], file: str, problems: list[Problem]
) -> None:
    """Replace each spelling of an allowed value by the value (``nhựa`` → asphalt); report the others."""
    for column, allowed in kind.values.items():
        if column not in out.columns:
            continue
        lookup = {_fold_value(s): value for value, spellings in allowed.items() for s in spellings}
        mapped = []
        for row, value in zip(rows, out[column], strict=True):
            hit = lookup.get(_fold_value(value))
            if hit is None:
                problems.append(
                    Problem(
                        vi=f"giá trị không hợp lệ; chấp nhận: {', '.join(allowed)}.",
                        en=f"value not recognised; accepted: {', '.join(allowed)}.",
                        file=file,
                        row=row,
                        column=column,
                        value=str(value),
                    )
                )
            mapped.append(hit)
        out[column] = pd.Series(mapped, index=out.index, dtype=object)


def _conform_all_season(out: pd.DataFrame, rows: list[int], file: str, problems: list[Problem]) -> None:
    """Read ``all_season`` as yes/no answers (:func:`geo.values.parse_yes_no`); report the others."""
    values = []
    for row, value in zip(rows, out["all_season"], strict=True):
        hit = parse_yes_no(value)
        if hit is None:
            problems.append(
                Problem(
                    vi="cần trả lời có/không.",
                    en="a yes/no answer is needed.",
                    file=file,
                    row=row,
                    column="all_season",
                    value=str(value),
                )
            )
        values.append(bool(hit))
    out["all_season"] = values


def _conform_voltage(out: pd.DataFrame, rows: list[int], file: str, problems: list[Problem]) -> None:
    """Read ``voltage_kv`` as kV (a decimal comma read, volts divided by 1000); report what is not a
    number."""
    volts = pd.to_numeric(out["voltage_kv"].astype(str).str.replace(",", ".", regex=False), errors="coerce")
    for row, value, number in zip(rows, out["voltage_kv"], volts, strict=True):
        if number != number and value is not None and str(value).strip() not in ("", "nan", "None"):
            problems.append(
                Problem(
                    vi="điện áp phải là số (kV).",
                    en="the voltage must be a number (kV).",
                    file=file,
                    row=row,
                    column="voltage_kv",
                    value=str(value),
                )
            )
    out["voltage_kv"] = np.where(volts > 1000, volts / 1000.0, volts)  # volts given: 35000 → 35


def _known_codes(
    out: pd.DataFrame,
    rows: list[int],
    file: str,
    problems: list[Problem],
    *,
    column: str,
    names: pd.Series,
    digits: int,
    problem: tuple[str, str],
) -> list[str | None]:
    """Normalise the GSO codes of ``column`` (``digits`` long) in place; report each one ``names`` (indexed by
    code) does not know, with ``problem`` (vi, en) as the words; return the codes."""
    codes = []
    for row, value in zip(rows, out[column], strict=True):
        code = normalize_gso_code(value, digits=digits)
        if code is None or code not in names.index:
            problems.append(
                Problem(vi=problem[0], en=problem[1], file=file, row=row, column=column, value=str(value))
            )
        codes.append(code)
    out[column] = codes
    return codes


def _conform_commune_codes(
    out: pd.DataFrame, rows: list[int], file: str, problems: list[Problem], *, units: str
) -> None:
    """Key rows by the GSO commune code of ``units``, with the commune's name; report unknown codes."""
    names = admin_reference(units).set_index("gso_code")["commune"]
    codes = _known_codes(
        out,
        rows,
        file,
        problems,
        column="gso_code",
        names=names,
        digits=5,
        problem=(
            "mã xã không có trong danh mục TCTK của tỉnh.",
            "commune code not in the province's GSO list.",
        ),
    )
    out["unit_id"] = codes
    out["commune"] = [names.get(c) if c else None for c in codes]


def _conform_district_codes(out: pd.DataFrame, rows: list[int], file: str, problems: list[Problem]) -> None:
    """Key rows by the GSO district code, with the district's name; report unknown codes."""
    names = admin_reference("pre2025").drop_duplicates("district_code").set_index("district_code")["district"]
    codes = _known_codes(
        out,
        rows,
        file,
        problems,
        column="district_code",
        names=names,
        digits=3,
        problem=(
            "mã huyện không có trong danh mục TCTK của tỉnh (094–103).",
            "district code not in the province's GSO list (094–103).",
        ),
    )
    out["district"] = [names.get(c) if c else None for c in codes]


# --- one upload → layers
# ----------------------------------------------------------------------------------------


def _choose_kind(name: str, layer: str | None, family: str) -> LayerKind:
    if layer is None:
        if family == "table":
            return KINDS["survey"]
        raise InputError(
            Problem(
                vi="hãy chọn loại lớp (--layer): " + ", ".join(KINDS) + ".",
                en="choose the kind of layer (--layer): " + ", ".join(KINDS) + ".",
                file=name,
            )
        )
    if layer not in KINDS:
        raise InputError(
            Problem(
                vi=f"loại lớp '{layer}' không tồn tại; chọn một trong: {', '.join(KINDS)}.",
                en=f"unknown layer kind '{layer}'; choose one of: {', '.join(KINDS)}.",
                file=name,
                value=layer,
            )
        )
    return KINDS[layer]


def import_upload(
    name: str,
    data: bytes,
    *,
    layer: str | None = None,
    units: str = "pre2025",
    assume_epsg: int | None = None,
    source_layer: str | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Turn one uploaded file into the layer(s) it holds, fully checked; nothing is written.

    ``layer`` is the kind of layer (a key of :data:`KINDS`); ``source_layer`` chooses one layer of a file
    holding several (a GeoPackage with two tables).

    Raises :class:`geo.errors.InputError` (or :class:`~geo.errors.UnsafeInputError`) carrying every problem.
    """
    name = Path(name).name
    family = file_family(name, data)
    provenance = f"user import: {name}"
    if family == "osm":
        from geo.osm import read_osm

        found = read_osm(name, data, limits=limits)
        if layer is not None:
            found = {k: v for k, v in found.items() if k == layer}
            if not found:
                title_vi, title_en = (
                    (msg(KINDS[layer].title, "vi"), msg(KINDS[layer].title, "en"))
                    if layer in KINDS
                    else (layer, layer)
                )
                raise InputError(
                    Problem(
                        vi=f"tệp OSM không có đối tượng loại '{title_vi}' trong tỉnh Điện Biên; hãy chọn "
                        f"loại lớp khác "
                        "hoặc để tự nhận.",
                        en=f"the OSM file holds no '{title_en}' inside Điện Biên; choose another layer kind "
                        f"or let it be "
                        "detected.",
                        file=name,
                        value=layer,
                    )
                )
        return ImportResult(layers=found, notes=[], source=OSM_PROVENANCE, licence="ODbL 1.0")
    kind = _choose_kind(name, layer, family)
    if family == "raster" or kind.family == "raster":
        if kind.family != "raster" or family != "raster":
            raise InputError(
                Problem(
                    vi=f"lớp '{kind.key}' cần tệp GeoTIFF (.tif); hãy chọn đúng tệp hoặc loại lớp.",
                    en=f"layer '{kind.key}' needs a GeoTIFF (.tif); choose the right file or kind.",
                    file=name,
                )
            )
        from geo.rasters import import_raster
        from layers.boundaries import load_province

        raster, notes = import_raster(name, data, province=load_province(), kind=kind.key, limits=limits)
        return ImportResult(layers={kind.key: raster}, notes=notes, source=provenance)
    if kind.family == "table":
        if family != "table":
            raise InputError(
                Problem(
                    vi="bảng số liệu cấp xã cần tệp CSV hoặc XLSX.",
                    en="a commune table needs a CSV or XLSX file.",
                    file=name,
                )
            )
        result = import_commune_table(
            name, data, reference=admin_reference(units), schema=SURVEY_SCHEMA, limits=limits
        )
        frame = rates_from_counts(result.frame, file=name, notes=result.notes)
        if "year" not in frame.columns:
            raise InputError(
                Problem(
                    vi="thiếu cột năm (year, năm); hãy thêm cột năm của số liệu.",
                    en="missing year column (year, năm); add the year of the figures.",
                    file=name,
                )
            )
        for column in SURVEY_COLUMNS:
            if column not in frame.columns:
                frame[column] = None if column in SURVEY_YES_NO else np.nan
        frame["provenance"] = provenance
        # A table keyed by the 2025 communes must not replace the pre-2025 survey that the analyses aggregate.
        key = "survey" if units == "pre2025" else "survey_2025"
        return ImportResult(layers={key: frame}, notes=result.notes, source=provenance)
    if family == "table":
        if kind.family != "points":
            raise InputError(
                Problem(
                    vi=f"lớp '{kind.key}' là đường; bảng chỉ nhập được điểm.",
                    en=f"layer '{kind.key}' holds lines; a table can only give points.",
                    file=name,
                )
            )
        raw = read_cells(name, data, limits=limits)
        frame, notes = points_from_cells(name, raw, assume_epsg=assume_epsg)
        rows = [
            raw.first_row + i
            for i, r in enumerate(raw.rows)
            if any(str(v).strip() for v in r if v is not None)
        ]
    else:
        frame, notes = import_vector(
            name,
            data,
            geometry_types=kind.geometry_types,
            assume_epsg=assume_epsg,
            layer=source_layer,
            limits=limits,
        )
        rows = None
    frame = conform_layer(frame, kind, file=name, units=units, row_numbers=rows)
    frame["provenance"] = provenance
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=DISPLAY_EPSG)
    if kind.key == "villages":
        frame, commune_notes = villages_in_communes(frame, file=name, row_numbers=rows)
        notes = [*notes, *commune_notes]
    return ImportResult(layers={kind.key: frame}, notes=notes, source=provenance)


def rates_from_counts(frame: pd.DataFrame, *, file: str, notes: list[Problem]) -> pd.DataFrame:
    """Fill a missing rate from its count and the households (rate = 100 × count / households), said in
    ``notes``.

    A count above the households of its row is refused, naming the row (the table's own order, from 1).
    """
    out = frame.copy()
    problems = []
    if "households" not in out:
        return out
    households = pd.to_numeric(out["households"], errors="coerce")
    for rate, count in SURVEY_RATE_FROM_COUNT.items():
        if count not in out:
            continue
        counts = pd.to_numeric(out[count], errors="coerce")
        for position in np.flatnonzero((counts > households).to_numpy()):
            problems.append(
                Problem(
                    vi=f"{SURVEY_SCHEMA.title(count, 'vi')} lớn hơn tổng số hộ; hãy kiểm tra số liệu.",
                    en=f"{SURVEY_SCHEMA.title(count, 'en')} exceed the households; check the figures.",
                    file=file,
                    row=int(position) + 1,
                    column=count,
                    value=f"{counts.iloc[position]:g} > {households.iloc[position]:g}",
                )
            )
        computed = 100.0 * counts / households.where(households > 0)
        current = (
            pd.to_numeric(out[rate], errors="coerce") if rate in out else pd.Series(np.nan, index=out.index)
        )
        fill = current.isna() & computed.notna()
        if fill.any():
            out[rate] = current.where(~fill, computed.round(2))
            notes.append(
                Problem(
                    vi=f"{SURVEY_SCHEMA.title(rate, 'vi')} được tính từ {SURVEY_SCHEMA.title(count, 'vi')} / "
                    f"tổng số hộ cho {int(fill.sum())} dòng.",
                    en=f"{SURVEY_SCHEMA.title(rate, 'en')} computed from {SURVEY_SCHEMA.title(count, 'en')} "
                    f"/ households for {int(fill.sum())} row(s).",
                    file=file,
                    column=rate,
                )
            )
    if problems:
        raise InputError(problems)
    return out


def villages_in_communes(
    villages: gpd.GeoDataFrame, *, file: str, row_numbers: list[int] | None = None
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Give each village the ``gso_code`` and ``unit_id`` of the pre-2025 commune polygon it lies in.

    The polygon decides (not a code typed in the file): both polygons of a GSO code drawn twice keep their own
    villages.  ``population`` stays optional (a number when given, else empty: never made up).  Villages
    outside every commune keep empty codes, and a note names them.
    """
    from layers.boundaries import load_communes

    communes = load_communes("pre2025")[["unit_id", "gso_code", "geometry"]].to_crs(villages.crs)
    out = villages.drop(columns=[c for c in ("gso_code", "unit_id") if c in villages.columns])
    joined = gpd.sjoin(out[["geometry"]], communes, how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated(keep="first")].reindex(out.index)
    out["gso_code"] = joined["gso_code"].astype(object).where(joined["gso_code"].notna(), None)
    out["unit_id"] = joined["unit_id"].astype(object).where(joined["unit_id"].notna(), None)
    if "population" in out.columns:
        out["population"] = pd.to_numeric(out["population"], errors="coerce")
    notes = []
    rows = row_numbers or list(range(1, len(out) + 1))
    outside = [row for row, code in zip(rows, out["unit_id"], strict=True) if code is None]
    if outside:
        shown = ", ".join(str(r) for r in outside[:10]) + (" …" if len(outside) > 10 else "")
        notes.append(
            Problem(
                vi=f"{len(outside)} bản nằm ngoài mọi xã của tỉnh (dòng {shown}): chưa gán mã xã; hãy kiểm "
                "tra tọa độ.",
                en=f"{len(outside)} villages lie outside every commune of the province (rows {shown}): no "
                "commune code given; check their coordinates.",
                file=file,
                row=outside[0],
            )
        )
    return out, notes


# --- preview
# ---------------------------------------------------------------------------------------------------


def escaped_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells are HTML-escaped (names are shown as text, never run as markup)."""
    out = frame.copy()
    for column in out.columns:
        if column != "geometry" and (
            out[column].dtype == object or str(out[column].dtype) in ("str", "string")
        ):
            out[column] = out[column].map(lambda v: html.escape(v) if isinstance(v, str) else v)
    return out


def preview_map(
    frame: gpd.GeoDataFrame, *, max_features: int = 500, lang: str = "vi", asset_base_url: str = "inline://"
) -> folium.Map:
    """Small offline map of an import preview: geometry in EPSG:4326, the first text columns as an escaped
    tooltip (values and column names shown as text).  Leaflet comes from ``asset_base_url`` (the app's own
    copy, see :func:`layers.assets.use_local_assets`), never from a CDN."""
    # here, not at the top: the importers and the programme template run without the web-map library
    import folium

    shown = frame.iloc[:max_features].to_crs(DISPLAY_EPSG)
    text_columns = [c for c in shown.columns if c != "geometry" and shown[c].dtype != "geometry"][:4]
    shown = escaped_for_display(shown[text_columns + ["geometry"]])
    for column in text_columns:
        shown[column] = shown[column].map(lambda v: "" if v is None or v != v else str(v))
    minx, miny, maxx, maxy = shown.total_bounds if len(shown) else (102.1, 20.9, 103.6, 22.6)
    fmap = folium.Map(tiles=None, control_scale=True)
    use_local_assets(fmap, asset_base_url)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    aliases = [html.escape(str(c)) for c in text_columns]  # folium puts aliases into the tooltip as HTML
    tooltip = folium.GeoJsonTooltip(fields=text_columns, aliases=aliases) if text_columns else None
    folium.GeoJson(
        shown.__geo_interface__,
        tooltip=tooltip,
        marker=folium.CircleMarker(radius=4, color=palette.IMPORT_PREVIEW, fill=True),
        style_function=lambda _feature: {"color": palette.IMPORT_PREVIEW, "weight": 2},
    ).add_to(fmap)
    return fmap
