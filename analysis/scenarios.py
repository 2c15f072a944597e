"""What-if scenarios: harden roads, extend the grid, add facilities or resettlement sites.

A scenario is applied to the inputs, then compared.  :func:`apply_scenario` returns new input layers (the
baseline frames are never modified); the analyses then run on them as on any inputs, and
:func:`compare_communes` / :func:`people_reached` put baseline and scenario side by side.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.access import HARDENING_COLUMNS
from geo.crs import DISPLAY_EPSG, METRIC_EPSG
from geo.errors import InputError, Problem
from geo.i18n import format_number
from geo.vocab import SEASONS, Lang

#: Scenario names: 1–30 characters, lower-case ASCII letters, digits and ``_``, starting with a letter (they
#: become part of a GeoPackage table name, ``scenario_<name>``).
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
#: How far (m) a drawn or imported feature may reach beyond the province outline (digitising slack).
OUTSIDE_TOLERANCE_M = 500.0
#: How far apart (m) the points are at which the part of a feature outside the province is measured.
OUTSIDE_STEP_M = 10.0
#: Persons per household of the programme area: 68,318 persons in 12,205 households (Đề án 79, adjusted plan).
PERSONS_PER_HOUSEHOLD = 68_318 / 12_205
#: Surface a hardened road gets when it is not already asphalt or concrete.
HARDENED_SURFACE = "concrete"
#: Voltage of an added grid line when the drawing gives none (kV).
DEFAULT_GRID_KV = 22


@dataclass(frozen=True, eq=False)
class Scenario:
    """A set of changes to the inputs, all optional.

    ``harden_roads``: ``road_id`` values made all-season (see :func:`apply_scenario`); ``grid_lines``: lines
    (any CRS), optional ``voltage_kv``; ``facilities``: points with ``layer`` (``schools`` or ``health``) and
    ``kind`` (a school level or health kind the layer already has); ``sites``: points or polygons with
    ``households`` and, optionally, ``from_villages`` (``"BAN-0001:20;BAN-0002:15"``: households moved out of
    those villages) and ``site_id``.
    """

    name: str
    harden_roads: tuple[str, ...] = ()
    grid_lines: gpd.GeoDataFrame | None = None
    facilities: gpd.GeoDataFrame | None = None
    sites: gpd.GeoDataFrame | None = None
    note: str = ""


def check_name(name: str, existing: list[str] | tuple[str, ...] = ()) -> str:
    """Return ``name`` when it is a valid, new scenario name.

    Else raise :class:`InputError` saying which rule fails.
    """
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", str(name).lower()).strip("_")[:30] or "kich_ban_1"
        if not suggestion[0].isalpha():
            suggestion = ("kb_" + suggestion)[:30]
        raise InputError(
            Problem(
                vi=f"tên kịch bản phải dài 1–30 ký tự, chỉ gồm chữ thường a–z không dấu, chữ số và '_', bắt "
                f"đầu bằng chữ; ví dụ '{suggestion}'.",
                en=f"a scenario name must be 1–30 characters of lower-case a–z, digits and '_', starting "
                f"with a letter; e.g. '{suggestion}'.",
                column="name",
                value=str(name),
            )
        )
    if name in existing:
        raise InputError(
            Problem(
                vi=f"kịch bản '{name}' đã có trong dự án; hãy chọn tên khác (kịch bản cũ không bị thay đổi).",
                en=f"scenario '{name}' already exists in the project; choose another name (the existing one "
                f"is left as "
                "it is).",
                column="name",
                value=name,
            )
        )
    return name


def _km(value_m: float, lang: Lang) -> str:
    return format_number(value_m / 1000.0, lang, decimals=1)


def _outside(frame: gpd.GeoDataFrame, province, what_vi: str, what_en: str) -> list[Problem]:
    """Return problems for features reaching more than the tolerance beyond the province.

    The problems are by row, with the distance.
    """
    problems: list[Problem] = []
    if frame.crs is None:
        return [
            Problem(
                vi=f"lớp {what_vi} không có hệ tọa độ; hãy gán hệ tọa độ.",
                en=f"the {what_en} layer has no coordinate system; set one.",
                column="geometry",
            )
        ]
    geoms = np.asarray(frame.to_crs(METRIC_EPSG).geometry.values, dtype=object)
    for i, geom in enumerate(geoms):
        if geom is None or shapely.is_empty(geom):
            problems.append(
                Problem(
                    vi=f"{what_vi} không có hình học.",
                    en=f"{what_en} has no geometry.",
                    row=i + 1,
                    column="geometry",
                )
            )
            continue
        beyond = shapely.difference(geom, province)
        if not shapely.is_empty(beyond):
            # every 10 m along the part outside: a straight line over a bend of the border can be farthest
            # midway
            along = shapely.get_coordinates(shapely.segmentize(beyond, OUTSIDE_STEP_M))
            far = float(shapely.distance(shapely.points(along), province).max())
            if far > OUTSIDE_TOLERANCE_M:
                problems.append(
                    Problem(
                        vi=(
                            f"{what_vi} ra ngoài tỉnh Điện Biên (xa tới {_km(far, 'vi')} km); hãy vẽ lại "
                            f"trong tỉnh."
                        ),
                        en=f"{what_en} reaches outside Điện Biên province (up to {_km(far, 'en')} km); draw "
                        f"it inside the "
                        "province.",
                        row=i + 1,
                        column="geometry",
                    )
                )
    return problems


def _harden(
    roads: gpd.GeoDataFrame, ids: tuple[str, ...], name: str
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    if not ids:
        return roads, []
    known = roads["road_id"].astype(str) if "road_id" in roads.columns else pd.Series([], dtype=str)
    unknown = [i for i in ids if i not in set(known)]
    if unknown:
        return roads, [
            Problem(
                vi=f"không có đoạn đường mã {', '.join(unknown[:8])} trong lớp đường đang dùng; hãy chọn "
                f"đoạn trên bản đồ "
                "hoặc kiểm tra cột road_id.",
                en=f"no road segment with id {', '.join(unknown[:8])} in the road layer in use; pick "
                f"segments on the map "
                "or check the road_id column.",
                column="road_id",
                value=unknown[0],
            )
        ]
    out = roads.copy()
    for (
        column
    ) in HARDENING_COLUMNS:  # kept, so the walking links of the baseline stay offered (access.link_masks)
        if f"baseline_{column}" not in out.columns:
            out[f"baseline_{column}"] = roads[column] if column in roads.columns else None
    hit = known.isin(ids).to_numpy()
    surface = out["surface"].astype(str)
    out.loc[hit, "surface"] = np.where(
        surface[hit].isin(("asphalt", "concrete")), surface[hit], HARDENED_SURFACE
    )
    out.loc[hit, "all_season"] = True
    if "hardened" in out.columns:
        out.loc[hit, "hardened"] = True
    if "has_ford_or_unbridged" in out.columns:
        out.loc[hit, "has_ford_or_unbridged"] = False
    if "provenance" in out.columns:
        out.loc[hit, "provenance"] = out.loc[hit, "provenance"].astype(str) + f"; scenario {name}: hardened"
    return out, []


def _append(base: gpd.GeoDataFrame, rows: pd.DataFrame, geometry) -> gpd.GeoDataFrame:
    """Return ``base`` with ``rows`` added below it (its columns; geometry in its CRS)."""
    crs = base.crs or DISPLAY_EPSG
    added = gpd.GeoDataFrame(
        rows, geometry=gpd.GeoSeries(geometry, crs=DISPLAY_EPSG).to_crs(crs).to_numpy(), crs=crs
    )
    added = added.rename_geometry(base.geometry.name) if added.geometry.name != base.geometry.name else added
    combined = pd.concat([base, added[[c for c in added.columns if c in base.columns]]], ignore_index=True)
    return gpd.GeoDataFrame(combined, geometry=base.geometry.name, crs=crs)


def _grid(layers: dict, scenario: Scenario, province) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    lines = scenario.grid_lines
    if lines is None or len(lines) == 0:
        return None, []
    problems = _outside(lines, province, "đường dây", "grid line")
    geoms = lines.geometry.to_numpy()
    # a missing geometry is named once, by _outside
    not_lines = ~np.isin(shapely.get_type_id(geoms), (1, 5)) & ~shapely.is_missing(geoms)
    problems += [
        Problem(
            vi="đường dây phải là đường (LineString).",
            en="a grid line must be a line (LineString).",
            row=int(i) + 1,
            column="geometry",
        )
        for i in np.flatnonzero(not_lines)
    ]
    if problems:
        return None, problems
    voltage = (
        pd.to_numeric(lines["voltage_kv"], errors="coerce")
        if "voltage_kv" in lines.columns
        else pd.Series(np.nan, index=lines.index)
    )
    rows = pd.DataFrame(
        {
            "line_id": [f"SCN-{scenario.name}-G{i + 1}" for i in range(len(lines))],
            "voltage_kv": voltage.fillna(DEFAULT_GRID_KV).to_numpy(),
            "provenance": f"scenario {scenario.name}: planned line (not built)",
        }
    )
    return _append(layers["grid_mv"], rows, lines.to_crs(DISPLAY_EPSG).geometry.to_numpy()), []


def _facilities(layers: dict, scenario: Scenario, province) -> tuple[dict, list[Problem]]:
    points = scenario.facilities
    if points is None or len(points) == 0:
        return {}, []
    problems = _outside(points, province, "cơ sở", "facility")
    column = {"schools": "level", "health": "kind"}
    layer = points["layer"].astype(str).to_numpy() if "layer" in points.columns else np.full(len(points), "")
    kind = points["kind"].astype(str).to_numpy() if "kind" in points.columns else np.full(len(points), "")
    for i in range(len(points)):
        if layer[i] not in column:
            problems.append(
                Problem(
                    vi="cột layer phải là 'schools' (trường) hoặc 'health' (y tế).",
                    en="column layer must be 'schools' or 'health'.",
                    row=i + 1,
                    column="layer",
                    value=layer[i],
                )
            )
            continue
        allowed = sorted(layers[layer[i]][column[layer[i]]].astype(str).unique())
        if kind[i] not in allowed:
            problems.append(
                Problem(
                    vi=f"loại '{kind[i]}' không có trong lớp {layer[i]}; dùng {', '.join(allowed)}.",
                    en=f"kind '{kind[i]}' is not in layer {layer[i]}; use {', '.join(allowed)}.",
                    row=i + 1,
                    column="kind",
                    value=kind[i],
                )
            )
        point = points.geometry.iloc[i]
        if point is not None and shapely.get_type_id(point) != 0:  # a missing geometry is named by _outside
            problems.append(
                Problem(
                    vi="cơ sở phải là một điểm.",
                    en="a facility must be a point.",
                    row=i + 1,
                    column="geometry",
                )
            )
    if problems:
        return {}, problems
    out = {}
    geometry = points.to_crs(DISPLAY_EPSG).geometry.to_numpy()
    for key in ("schools", "health"):
        mine = np.flatnonzero(layer == key)
        if not len(mine):
            continue
        rows = pd.DataFrame(
            {
                "facility_id": [f"SCN-{scenario.name}-{key[0].upper()}{i + 1}" for i in mine],
                "name": [f"{scenario.name} {key} {i + 1}" for i in mine],
                column[key]: kind[mine],
                "provenance": f"scenario {scenario.name}: planned facility (not built)",
            }
        )
        out[key] = _append(layers[key], rows, geometry[mine])
    return out, []


def _moves(text: object, row: int) -> tuple[dict[str, int], list[Problem]]:
    moves: dict[str, int] = {}
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return moves, []
    for part in str(text).split(";"):
        if not part.strip():  # "", "B1:2;" or "B1:2;;B2:1": an empty item is no move
            continue
        village, _, count = part.partition(":")
        village = village.strip()
        try:
            value = int(count.strip())
        except ValueError:
            value = None
        if not village or value is None:
            return {}, [
                Problem(
                    vi="from_villages phải có dạng 'MÃ_BẢN:số_hộ;…'.",
                    en="from_villages must read 'VILLAGE_ID:households;…'.",
                    row=row,
                    column="from_villages",
                    value=str(text),
                )
            ]
        if value < 0:
            return {}, [
                Problem(
                    vi="số hộ chuyển đi phải từ 0 trở lên.",
                    en="households moved must be 0 or more.",
                    row=row,
                    column="from_villages",
                    value=part,
                )
            ]
        moves[village] = moves.get(village, 0) + value
    return moves, []


def _sites(
    layers: dict, scenario: Scenario, province, communes: gpd.GeoDataFrame | None
) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    sites = scenario.sites
    if sites is None or len(sites) == 0:
        return None, []
    problems = _outside(sites, province, "điểm tái định cư", "resettlement site")
    households = (
        pd.to_numeric(sites["households"], errors="coerce")
        if "households" in sites.columns
        else pd.Series(np.nan, index=sites.index)
    )
    villages = layers["villages"].copy()
    ids = (
        villages["village_id"].astype(str).to_numpy()
        if "village_id" in villages.columns
        else np.zeros(0, str)
    )
    for i, value in enumerate(households):
        if not np.isfinite(value) or value < 0 or value != int(value):
            problems.append(
                Problem(
                    vi="số hộ của điểm phải là một số nguyên từ 0 trở lên.",
                    en="a site's households must be a whole number of 0 or more.",
                    row=i + 1,
                    column="households",
                    value=str(sites["households"].iloc[i]) if "households" in sites.columns else "",
                )
            )
    moved: dict[str, int] = {}
    for i in range(len(sites)):
        moves, bad = _moves(
            sites["from_villages"].iloc[i] if "from_villages" in sites.columns else None, i + 1
        )
        problems += bad
        for village, count in moves.items():
            moved[village] = moved.get(village, 0) + count
    unknown = [v for v in moved if v not in set(ids)]
    if unknown:
        problems.append(
            Problem(
                vi=f"không có bản mã {', '.join(unknown[:8])} trong lớp thôn bản.",
                en=f"no village with id {', '.join(unknown[:8])} in the village layer.",
                column="from_villages",
                value=unknown[0],
            )
        )
    hh = pd.to_numeric(villages.get("households", pd.Series(np.nan, index=villages.index)), errors="coerce")
    for village, count in moved.items():
        if village in set(ids):
            have = float(hh[ids == village].sum())
            if count > have:
                problems.append(
                    Problem(
                        vi=f"bản {village} có {format_number(have, 'vi')} hộ, không thể chuyển "
                        f"{format_number(count, 'vi')} hộ.",
                        en=f"village {village} has {format_number(have, 'en')} households; "
                        f"{format_number(count, 'en')} cannot move out.",
                        column="from_villages",
                        value=village,
                    )
                )
    if problems:
        return None, problems
    pop = pd.to_numeric(villages.get("population", pd.Series(np.nan, index=villages.index)), errors="coerce")
    if "population" in villages.columns:
        villages["population"] = pop.astype(float)
    for village, count in moved.items():
        mask = ids == village
        per_household = (pop[mask] / hh[mask]).where(hh[mask] > 0)
        villages.loc[mask, "households"] = hh[mask] - count
        if "population" in villages.columns:
            villages.loc[mask, "population"] = pop[mask] - count * per_household.fillna(PERSONS_PER_HOUSEHOLD)
    point = sites.to_crs(METRIC_EPSG).geometry.map(
        lambda g: g if g.geom_type == "Point" else g.representative_point()
    )
    point = gpd.GeoSeries(point, crs=METRIC_EPSG)
    gso = np.full(len(sites), None, dtype=object)
    if communes is not None and len(communes):
        polys = communes.to_crs(METRIC_EPSG)
        pi, ci = shapely.STRtree(polys.geometry.to_numpy()).query(point.to_numpy(), predicate="within")
        gso[pi] = polys["gso_code"].astype(str).to_numpy()[ci]
    site_ids = (
        sites["site_id"].astype(str).to_numpy()
        if "site_id" in sites.columns
        else np.array([f"{i + 1}" for i in range(len(sites))])
    )
    rows = pd.DataFrame(
        {
            "village_id": [f"SCN-{scenario.name}-V{i + 1}" for i in range(len(sites))],
            "name": [f"Điểm tái định cư {s}" for s in site_ids],
            "gso_code": gso,
            "unit_id": gso,
            "households": households.astype(int).to_numpy(),
            "population": households.to_numpy(dtype=float) * PERSONS_PER_HOUSEHOLD,
            "provenance": f"scenario {scenario.name}: planned resettlement site",
        }
    )
    return _append(villages, rows, point.to_crs(DISPLAY_EPSG).to_numpy()), []


#: Columns of a scenario's stored frame (one row per change; ``part`` says which kind).
FRAME_COLUMNS = ("part", "road_id", "layer", "kind", "voltage_kv", "site_id", "households", "from_villages")


def scenario_frame(scenario: Scenario) -> gpd.GeoDataFrame:
    """Return the scenario as one frame (EPSG:4326) for the project file.

    A row per hardened road (no geometry), grid line, facility and site, ``part`` saying which.
    """
    parts = []
    if scenario.harden_roads:
        parts.append(
            gpd.GeoDataFrame(
                {"part": "harden_road", "road_id": [str(r) for r in scenario.harden_roads]},
                geometry=gpd.GeoSeries([None] * len(scenario.harden_roads), crs=DISPLAY_EPSG),
                crs=DISPLAY_EPSG,
            )
        )
    for part, frame, keep in (
        ("grid_line", scenario.grid_lines, ("voltage_kv",)),
        ("facility", scenario.facilities, ("layer", "kind")),
        ("site", scenario.sites, ("site_id", "households", "from_villages")),
    ):
        if frame is None or len(frame) == 0:
            continue
        shown = frame.to_crs(DISPLAY_EPSG)
        data = {"part": part}
        for column in keep:
            if column in shown.columns:
                data[column] = shown[column].to_numpy()
        parts.append(gpd.GeoDataFrame(data, geometry=shown.geometry.to_numpy(), crs=DISPLAY_EPSG))
    if not parts:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=object) for c in FRAME_COLUMNS},
            geometry=gpd.GeoSeries([], crs=DISPLAY_EPSG),
            crs=DISPLAY_EPSG,
        )
    out = pd.concat(parts, ignore_index=True)
    for column in FRAME_COLUMNS:
        if column not in out.columns:
            out[column] = None
    out["voltage_kv"] = pd.to_numeric(out["voltage_kv"], errors="coerce").astype(float)
    out["households"] = pd.to_numeric(out["households"], errors="coerce").astype(float)
    for column in ("road_id", "layer", "kind", "site_id", "from_villages"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return gpd.GeoDataFrame(out[[*FRAME_COLUMNS, "geometry"]], geometry="geometry", crs=DISPLAY_EPSG)


def scenario_from_frame(name: str, frame: gpd.GeoDataFrame, *, note: str = "") -> Scenario:
    """Return the :class:`Scenario` stored as ``frame`` (the inverse of :func:`scenario_frame`)."""
    part = frame["part"].astype(str)

    def rows(kind: str, columns: tuple[str, ...]) -> gpd.GeoDataFrame | None:
        chosen = frame[part == kind]
        if chosen.empty:
            return None
        return gpd.GeoDataFrame(
            chosen[list(columns)].reset_index(drop=True), geometry=chosen.geometry.to_numpy(), crs=frame.crs
        )

    sites = rows("site", ("site_id", "households", "from_villages"))
    if sites is not None:
        households = pd.to_numeric(sites["households"], errors="coerce")
        whole = households.notna().all() and (households == households.round()).all()
        # a bad value is named on apply
        sites["households"] = households.astype("int64") if whole else households
    return Scenario(
        name=name,
        harden_roads=tuple(frame.loc[part == "harden_road", "road_id"].astype(str)),
        grid_lines=rows("grid_line", ("voltage_kv",)),
        facilities=rows("facility", ("layer", "kind")),
        sites=sites,
        note=note,
    )


def apply_scenario(
    layers: dict[str, pd.DataFrame], scenario: Scenario, *, province, communes: gpd.GeoDataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """Return the input layers with the scenario's changes; ``layers`` itself is never modified.

    - hardened roads (``road_id``): ``all_season`` and ``hardened`` true, no ford or unbridged crossing (a
      bridge is part of hardening), surface ``concrete`` unless already asphalt or concrete; the road layer
      keeps the baseline's ``surface``, ``all_season`` and ``has_ford_or_unbridged`` as ``baseline_<column>``
      (every point keeps its baseline walking links, so hardening never makes a trip longer);
    - grid lines: added to ``grid_mv`` (``voltage_kv`` as given, else 22);
    - facilities: added to ``schools`` (``level`` = kind) or ``health`` (``kind``);
    - sites: added to ``villages`` as a point (a polygon's representative point) with its households and
      population = households × 68,318 / 12,205 (persons per household of the programme); households named in
      ``from_villages`` leave those villages (their population falls by the same persons per household as the
      village has, or the programme's when it has no count).

    Every problem is gathered, then :class:`InputError` is raised naming each: an unknown road id, a feature
    reaching more than 500 m beyond the province (``province``: its metric outline), a wrong geometry type, an
    unknown facility kind, households that are not a whole number, a village id that does not exist or moving
    more households than a village has.
    """
    check_name(scenario.name)
    problems: list[Problem] = []
    out = dict(layers)
    roads, bad = _harden(layers["roads"], tuple(str(r) for r in scenario.harden_roads), scenario.name)
    problems += bad
    grid, bad = _grid(layers, scenario, province)
    problems += bad
    facilities, bad = _facilities(layers, scenario, province)
    problems += bad
    villages, bad = _sites(layers, scenario, province, communes)
    problems += bad
    if problems:
        raise InputError(problems)
    out["roads"] = roads
    if grid is not None:
        out["grid_mv"] = grid
    out.update(facilities)
    if villages is not None:
        out["villages"] = villages
    return out


#: Per-commune measures compared between baseline and scenario, in table order.
MEASURES = (
    "lacks_allseason_road",
    "lacks_grid",
    "minutes_to_district_centre_dry",
    "minutes_to_district_centre_rainy",
    "minutes_to_primary_school_dry",
    "minutes_to_primary_school_rainy",
    "minutes_to_health_station_dry",
    "minutes_to_health_station_rainy",
    "rai_share",
    "population",
    "population_within_2km_allseason",
    "population_health_30min_dry",
    "population_health_60min_dry",
    "population_health_30min_rainy",
    "population_health_60min_rainy",
)
#: Minutes to a health station within which people count as reached.
HEALTH_WITHIN_MIN = (30, 60)


def commune_measures(
    flags: pd.DataFrame, communes: dict[str, pd.DataFrame], villages: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """Return one row per commune (index ``unit_id``) with :data:`MEASURES` from the flag and access tables.

    ``flags``: the flag table (``lacks_allseason_road``, ``lacks_grid``); ``communes[season]``: the access
    table of each season (``minutes_to_district_centre``, ``school_tieu_hoc_min``, ``health_tram_y_te_min``,
    ``rai_share``); ``villages[season]``: the village table of each season (``unit_id``, ``population``,
    ``within_2km_allseason``, ``health_tram_y_te_min``).  People counts sum village populations: within 2 km
    (straight line) of an all-season road, and within 30 / 60 minutes of a commune health station in each
    season.
    """
    out = flags.set_index("unit_id")[
        ["gso_code", "commune", "district_code", "district", "lacks_allseason_road", "lacks_grid"]
    ].copy()
    for season in SEASONS:
        table = communes[season].set_index("unit_id")
        out[f"minutes_to_district_centre_{season}"] = table["minutes_to_district_centre"].reindex(out.index)
        out[f"minutes_to_primary_school_{season}"] = table["school_tieu_hoc_min"].reindex(out.index)
        out[f"minutes_to_health_station_{season}"] = table["health_tram_y_te_min"].reindex(out.index)
    out["rai_share"] = communes["rainy"].set_index("unit_id")["rai_share"].reindex(out.index)
    rainy = villages["rainy"]
    pop = pd.to_numeric(rainy["population"], errors="coerce").fillna(0.0)
    out["population"] = pop.groupby(rainy["unit_id"]).sum().reindex(out.index).fillna(0.0)
    within = pop.where(rainy["within_2km_allseason"].astype(bool), 0.0)
    out["population_within_2km_allseason"] = (
        within.groupby(rainy["unit_id"]).sum().reindex(out.index).fillna(0.0)
    )
    for season in SEASONS:
        vt = villages[season]
        people = pd.to_numeric(vt["population"], errors="coerce").fillna(0.0)
        minutes = pd.to_numeric(vt["health_tram_y_te_min"], errors="coerce")
        for limit in HEALTH_WITHIN_MIN:
            reached = people.where(minutes <= limit, 0.0)
            out[f"population_health_{limit}min_{season}"] = (
                reached.groupby(vt["unit_id"]).sum().reindex(out.index).fillna(0.0)
            )
    return out


def compare_communes(baseline: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Return one row per commune, baseline beside scenario.

    Columns: ``gso_code, commune, district``, ``<measure>_baseline`` and ``<measure>_scenario`` for every
    :data:`MEASURES`, then ``flags_changed`` (either flag differs) and ``changed`` (any measure differs:
    flags, or a number by more than 1e-9 in either direction, or known in one and missing in the other).
    """
    rows = baseline.index.union(scenario.index, sort=False)
    base, scen = baseline.reindex(rows), scenario.reindex(rows)
    out = pd.DataFrame(
        {
            "unit_id": rows,
            "gso_code": base["gso_code"].fillna(scen["gso_code"]).to_numpy(),
            "commune": base["commune"].fillna(scen["commune"]).to_numpy(),
            "district": base["district"].fillna(scen["district"]).to_numpy(),
        }
    )
    changed = np.zeros(len(rows), dtype=bool)
    for measure in MEASURES:
        b, s = base[measure].to_numpy(), scen[measure].to_numpy()
        out[f"{measure}_baseline"] = b
        out[f"{measure}_scenario"] = s
        if measure.startswith("lacks_"):
            differs = b.astype(object) != s.astype(object)
        else:
            bf, sf = b.astype(float), s.astype(float)
            with np.errstate(invalid="ignore"):
                differs = (np.isfinite(bf) != np.isfinite(sf)) | (np.abs(bf - sf) > 1e-9)
        changed |= differs
    out["flags_changed"] = (
        base["lacks_allseason_road"].to_numpy() != scen["lacks_allseason_road"].to_numpy()
    ) | (base["lacks_grid"].to_numpy() != scen["lacks_grid"].to_numpy())
    out["changed"] = changed
    return out


def people_reached(comparison: pd.DataFrame) -> pd.DataFrame:
    """Return the province's people counts, baseline and scenario, and ``newly`` = scenario − baseline.

    ``newly`` is a net change: people moving from a reached village to one not reached count against it.

    Rows: within 2 km of an all-season road; within 30 and 60 minutes of a health station, dry and rainy
    season.
    """
    names = [
        "population_within_2km_allseason",
        "population_health_30min_dry",
        "population_health_60min_dry",
        "population_health_30min_rainy",
        "population_health_60min_rainy",
    ]
    rows = []
    for name in names:
        base = float(np.nansum(comparison[f"{name}_baseline"].astype(float)))
        scen = float(np.nansum(comparison[f"{name}_scenario"].astype(float)))
        rows.append({"measure": name, "baseline": base, "scenario": scen, "newly": scen - base})
    return pd.DataFrame(rows)
