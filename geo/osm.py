"""OpenStreetMap extracts (.osm, .osm.pbf): roads, grid, schools, health, villages.

Roads are classified by surface and all-season status.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.archives import DEFAULT_LIMITS, UploadLimits, check_upload_size
from geo.crs import DISPLAY_EPSG, PROVINCE_BOUNDS
from geo.errors import InputError, Problem
from geo.formats import check_content
from geo.io import temporary_copy
from geo.names import fold_text
from geo.sandbox import run_isolated

OSM_PROVENANCE = "OpenStreetMap contributors, ODbL"

# --- road rules (written out in the README; keep both in step)
# -----------------------------------------------------

#: highway=* kept as roads → (road_class, surface assumed when neither surface nor tracktype tells).
HIGHWAY_RULES: dict[str, tuple[str, str]] = {
    "motorway": ("national", "asphalt"),
    "trunk": ("national", "asphalt"),
    "primary": ("national", "asphalt"),
    "secondary": ("provincial", "asphalt"),
    "tertiary": ("district", "asphalt"),
    "unclassified": ("commune", "gravel"),
    "residential": ("commune", "concrete"),
    "living_street": ("commune", "concrete"),
    "service": ("commune", "gravel"),
    "road": ("commune", "earth"),
    "track": ("track", "earth"),
}
HIGHWAY_RULES.update(
    {
        f"{k}_link": v
        for k, v in list(HIGHWAY_RULES.items())
        if k in ("motorway", "trunk", "primary", "secondary", "tertiary")
    }
)
#: surface=* value → surface class.
SURFACE_CLASSES: dict[str, str] = {
    **dict.fromkeys(("asphalt", "paved", "chipseal", "bitumen", "tarmac"), "asphalt"),
    **dict.fromkeys(
        (
            "concrete",
            "concrete:plates",
            "concrete:lanes",
            "paving_stones",
            "sett",
            "cobblestone",
            "unhewn_cobblestone",
            "bricks",
            "metal",
        ),
        "concrete",
    ),
    **dict.fromkeys(("gravel", "fine_gravel", "compacted", "pebblestone", "rock", "stone"), "gravel"),
    **dict.fromkeys(("unpaved", "dirt", "earth", "ground", "mud", "sand", "grass", "soil", "clay"), "earth"),
}
#: tracktype=* → surface class (used when surface=* is absent or unknown).
TRACKTYPE_CLASSES = {
    "grade1": "gravel",
    "grade2": "gravel",
    "grade3": "gravel",
    "grade4": "earth",
    "grade5": "earth",
}
HARDENED = ("asphalt", "concrete")
#: smoothness values that make any road impassable in the rainy season.
SMOOTHNESS_IMPASSABLE = ("horrible", "very_horrible", "impassable")
#: smoothness values / tracktypes that make a gravel road fail in the rainy season.
SMOOTHNESS_BAD = ("bad", "very_bad")
TRACKTYPE_SEASONAL = ("grade3", "grade4", "grade5")


def classify_road(tags: dict[str, str]) -> dict[str, object] | None:
    """Return road_class, surface, surface_source, hardened and all_season for one way's tags.

    ``None`` when the way is not a road.

    Rules, first that applies:

    1. surface class from ``surface=*`` (:data:`SURFACE_CLASSES`), else ``tracktype=*``
       (:data:`TRACKTYPE_CLASSES`), else the default of ``highway=*`` (:data:`HIGHWAY_RULES`, marked
       ``assumed``);
    2. hardened = surface is asphalt or concrete;
    3. all-season: never when ``smoothness`` is horrible, very_horrible or impassable; else yes when hardened;
       gravel is all-season unless ``smoothness`` is bad/very_bad or ``tracktype`` is grade3–5; earth never.
    """
    highway = tags.get("highway")
    if highway not in HIGHWAY_RULES:
        return None
    road_class, default_surface = HIGHWAY_RULES[highway]
    surface_tag = tags.get("surface", "").split(";")[0].strip().lower()
    tracktype = tags.get("tracktype", "").strip().lower()
    smoothness = tags.get("smoothness", "").strip().lower()
    if surface_tag in SURFACE_CLASSES:
        surface, source = SURFACE_CLASSES[surface_tag], f"surface={surface_tag}"
    elif tracktype in TRACKTYPE_CLASSES:
        surface, source = TRACKTYPE_CLASSES[tracktype], f"tracktype={tracktype}"
    else:
        surface, source = default_surface, f"assumed from highway={highway}"
    hardened = surface in HARDENED
    if smoothness in SMOOTHNESS_IMPASSABLE:
        all_season = False
    elif hardened:
        all_season = True
    elif surface == "gravel":
        all_season = smoothness not in SMOOTHNESS_BAD and tracktype not in TRACKTYPE_SEASONAL
    else:
        all_season = False
    return {
        "road_class": road_class,
        "surface": surface,
        "surface_source": source,
        "hardened": hardened,
        "all_season": all_season,
        "highway": highway,
    }


def voltage_kv(tag: str | None) -> float:
    """Return the highest voltage of a ``voltage=*`` tag in kV; NaN when unknown.

    For example ``"110000;22000"`` → 110.0.
    """
    values = []
    for part in str(tag or "").replace(",", ";").split(";"):
        try:
            values.append(float(part.strip()) / 1000.0)
        except ValueError:
            continue
    return max(values) if values else float("nan")


def school_level(tags: dict[str, str]) -> str:
    """Return the school level from amenity, isced:level and the name; else ``"unknown"``.

    The levels are mam_non, tieu_hoc, thcs and thpt.
    """
    if tags.get("amenity") == "kindergarten":
        return "mam_non"
    name = fold_text(tags.get("name", ""))
    isced = tags.get("isced:level", "")
    if "thpt" in name or "trung hoc pho thong" in name or isced.startswith("3"):
        return "thpt"
    if "thcs" in name or "trung hoc co so" in name or isced.startswith("2"):
        return "thcs"
    if "tieu hoc" in name or isced.startswith("1"):
        return "tieu_hoc"
    if "mam non" in name or "mau giao" in name or isced.startswith("0"):
        return "mam_non"
    return "unknown"


def health_kind(tags: dict[str, str]) -> str | None:
    """Return the health-facility kind from amenity/healthcare tags and the name.

    ``None`` when not a facility.
    """
    amenity, healthcare = tags.get("amenity", ""), tags.get("healthcare", "")
    if amenity not in ("hospital", "clinic", "doctors") and healthcare not in (
        "hospital",
        "clinic",
        "centre",
        "doctor",
    ):
        return None
    name = fold_text(tags.get("name", ""))
    if "hospital" in (amenity, healthcare) or "benh vien" in name:
        return "benh_vien_tinh" if "tinh" in name else "benh_vien_huyen"
    if "phong kham" in name:
        return "pkdk_khu_vuc"
    return "tram_y_te"


def _centroid(coords: list[tuple[float, float]]) -> shapely.Point:
    if len(coords) >= 4 and coords[0] == coords[-1]:
        return shapely.Polygon(coords).representative_point()
    return shapely.MultiPoint(coords).centroid


def read_osm(name: str, data: bytes, *, limits: UploadLimits = DEFAULT_LIMITS) -> dict[str, gpd.GeoDataFrame]:
    """Read an OSM extract into the app's layers, each in EPSG:4326.

    The layers are roads, power_lines, grid_mv, power_substations, schools, health and villages, with
    ``provenance`` "OpenStreetMap contributors, ODbL"; features outside the province box are dropped.  Raises
    :class:`InputError` when the file cannot be read or holds none of them.

    The content must be OSM XML (``.osm``) or PBF (``.osm.pbf``); libosmium parses it in an isolated child
    process with bounded time and memory (:func:`geo.sandbox.run_isolated`).
    """
    check_upload_size(name, len(data), limits=limits)
    check_content(name, data)
    suffix = ".osm.pbf" if name.lower().endswith(".pbf") else ".osm"
    with temporary_copy("extract" + suffix, data) as path:
        rows = run_isolated(
            _read_rows,
            str(path),
            name,
            file=name,
            seconds=limits.max_seconds,
            memory_mib=limits.max_memory_mib,
        )
    box = shapely.box(*PROVINCE_BOUNDS)
    layers = {}
    for key, items in rows.items():
        if not items:
            continue
        frame = gpd.GeoDataFrame(pd.DataFrame(items), geometry="geometry", crs=DISPLAY_EPSG)
        frame = frame[frame.intersects(box)].reset_index(drop=True)
        if len(frame):
            frame["provenance"] = OSM_PROVENANCE
            layers[key] = frame
    if not layers:
        raise InputError(
            Problem(
                vi=(
                    "tệp OSM không có đường, lưới điện, trường, cơ sở y tế hay thôn bản nào trong tỉnh Điện "
                    "Biên."
                ),
                en=(
                    "the OSM file holds no roads, grid, schools, health facilities or villages inside Điện "
                    "Biên."
                ),
                file=name,
            )
        )
    return layers


def _read_rows(path: str, name: str) -> dict[str, list[dict]]:
    """Collect the rows of every layer from an OSM file; runs inside :func:`geo.sandbox.run_isolated`."""
    import osmium

    rows: dict[str, list[dict]] = {
        k: []
        for k in ("roads", "power_lines", "grid_mv", "power_substations", "schools", "health", "villages")
    }
    try:
        for obj in osmium.FileProcessor(path).with_locations():
            tags = {t.k: t.v for t in obj.tags}
            if not tags:
                continue
            geom: shapely.Geometry
            if isinstance(obj, osmium.osm.Node):
                if not obj.location.valid():
                    continue
                geom = shapely.Point(obj.location.lon, obj.location.lat)
                coords = None
            elif isinstance(obj, osmium.osm.Way):
                coords = [(n.lon, n.lat) for n in obj.nodes if n.location.valid()]
                if len(coords) < 2:
                    continue
                geom = shapely.LineString(coords)
            else:
                continue
            _collect(rows, f"{'n' if isinstance(obj, osmium.osm.Node) else 'w'}{obj.id}", tags, geom, coords)
    except Exception as exc:  # noqa: BLE001 - libosmium raises RuntimeError and others on damaged files
        raise InputError(
            Problem(
                vi=(
                    f"không đọc được tệp OpenStreetMap ({type(exc).__name__}: {str(exc)[:120]}); hãy tải lại "
                    f"bản trích."
                ),
                en=f"cannot read the OpenStreetMap file ({type(exc).__name__}: {str(exc)[:120]}); download "
                f"the "
                "extract again.",
                file=name,
            )
        ) from exc
    return rows


def _collect(rows: dict[str, list[dict]], osm_id: str, tags: dict[str, str], geom, coords) -> None:
    name = tags.get("name:vi") or tags.get("name") or ""
    if coords is not None:
        road = classify_road(tags)
        if road is not None:
            rows["roads"].append({"osm_id": osm_id, "name": name, **road, "geometry": geom})
            return
        power = tags.get("power")
        if power in ("line", "minor_line", "cable"):
            kv = voltage_kv(tags.get("voltage"))
            target = "grid_mv" if power == "minor_line" or (kv == kv and kv < 66) else "power_lines"
            rows[target].append({"osm_id": osm_id, "name": name, "voltage_kv": kv, "geometry": geom})
            return
        point = _centroid(coords)
    else:
        point = geom
    if tags.get("power") == "substation":
        rows["power_substations"].append(
            {"osm_id": osm_id, "name": name, "voltage_kv": voltage_kv(tags.get("voltage")), "geometry": point}
        )
    elif tags.get("amenity") in ("school", "kindergarten", "college"):
        rows["schools"].append(
            {"osm_id": osm_id, "name": name, "level": school_level(tags), "geometry": point}
        )
    elif (kind := health_kind(tags)) is not None:
        rows["health"].append({"osm_id": osm_id, "name": name, "kind": kind, "geometry": point})
    elif coords is None and tags.get("place") in ("village", "hamlet", "isolated_dwelling"):
        population = pd.to_numeric(pd.Series([tags.get("population")]), errors="coerce").iloc[0]
        rows["villages"].append(
            {
                "osm_id": osm_id,
                "name": name,
                "place": tags["place"],
                "population": float(population) if population == population else np.nan,
                "households": np.nan,
                "geometry": point,
            }
        )
