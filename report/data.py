"""Data package of the visible layers (GeoPackage, GeoJSON, zipped Shapefile, KML), every feature with its
provenance."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import DISPLAY_EPSG
from geo.errors import InputError, Problem
from geo.io import write_gpkg_layers, write_vector
from geo.provenance import LayerSource
from layers.registry import map_layer
from report.mapdata import MapBundle
from report.output import check_out_path, write_atomically

DATA_FORMATS = ("gpkg", "geojson", "shp", "kml")
#: File name endings of each format: GeoJSON and Shapefile are zips (one file per layer), told apart by
#: ".geojson.zip".
SUFFIXES = {"gpkg": (".gpkg",), "geojson": (".zip",), "shp": (".zip",), "kml": (".kml",)}
GEOJSON_ZIP = ".geojson.zip"
#: Shapefile (DBF) limits the export cuts to, stated in the zip's README.
SHP_FIELD_CHARS, SHP_TEXT_BYTES = 10, 254
#: Columns naming a feature that has no name of its own (KML placemarks), in order of preference.
_ID_COLUMNS = ("road_id", "osm_id", "facility_id", "village_id", "unit_id", "gso_code", "district_code")
#: Provenance columns added to every feature (short enough for Shapefile's 10-character field names).
PROVENANCE_COLUMNS = ("source", "licence", "vintage", "illustr")
_COMMUNE_COLUMNS = [
    "unit_id",
    "gso_code",
    "commune",
    "district_code",
    "district",
    "poor_hh_rate_pct",
    "near_poor_hh_rate_pct",
    "households",
    "hh_grid_power_pct",
    "allseason_road_to_centre",
    "grid_connected",
    "lacks_allseason_road",
    "lacks_grid",
    "evidence_vi",
    "evidence_en",
    "dist_allseason_road_km",
    "dist_grid_km",
]


def _with_provenance(
    frame: gpd.GeoDataFrame, src: LayerSource, *, extra: LayerSource | None = None
) -> gpd.GeoDataFrame:
    out = frame.copy()
    illustrative = src.illustrative or bool(extra and extra.illustrative)
    out["source"] = src.source_text() + (f" + {extra.source_text()}" if extra else "")
    out["licence"] = src.licence
    out["vintage"] = src.vintage
    out["illustr"] = illustrative
    return out


def data_layers(bundle: MapBundle) -> dict[str, gpd.GeoDataFrame]:
    """Return the visible layers as named frames (EPSG:4326) with provenance columns; communes always
    included.

    The commune layer carries the attributes of the poverty choropleth and the flags (from the illustrative
    survey and map analysis) when those layers are shown; its ``source`` then names both.
    """
    data = bundle.data
    sources = {src.key: src for src in bundle.shown_sources()}
    sources.update(bundle.sources)
    units_src = sources.get(f"communes_{bundle.request.units}")
    commune_cols = ["unit_id", "gso_code", "commune", "district_code", "district"]
    extra = None
    if {"poverty", "flags"} & set(bundle.visible):
        commune_cols = [c for c in _COMMUNE_COLUMNS if c in data.communes]
        extra = sources.get("survey")
    communes = data.communes[commune_cols + ["geometry"]].copy()
    if "poverty" in bundle.visible:
        classes = bundle.classification.classes.reindex(communes.index).fillna(-1).astype(int)
        communes["poverty_class"] = (classes + 1).where(classes >= 0)
    layers = {"communes": _with_provenance(communes, units_src, extra=extra)}
    for (
        key
    ) in bundle.visible:  # every other layer under its data-layer key (the key a project imports it under)
        for part in map_layer(key).parts:
            frame, src = data.frame(part.frame), sources.get(part.frame)
            if part.frame != "communes" and frame is not None and src is not None:
                layers[part.frame] = _with_provenance(frame, src)
    return {name: frame.to_crs(DISPLAY_EPSG) for name, frame in layers.items()}


def _plain(frame: gpd.GeoDataFrame, *, shapefile: bool = False) -> gpd.GeoDataFrame:
    """Columns every driver accepts, no empty geometries.

    Yes/no columns keep the format's boolean type (GeoPackage BOOLEAN, JSON true/false, DBF logical, KML int
    1/0); a column of yes/no with gaps becomes a nullable boolean; other mixed columns become text.
    """
    out = frame[~frame.geometry.isna() & ~frame.geometry.is_empty].copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        series = out[column]
        if _is_text(series):
            present = series.dropna()
            if len(present) and present.map(lambda v: isinstance(v, bool | np.bool_)).all():
                out[column] = series.astype("boolean")
            else:
                out[column] = series.map(
                    lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                )
    if shapefile:
        for column in out.columns:
            if column != out.geometry.name and _is_text(out[column]):
                out[column] = out[column].map(
                    lambda v: v if not isinstance(v, str) else _fit_bytes(v, SHP_TEXT_BYTES)
                )
        out = out.rename(columns=lambda c: c if c == out.geometry.name else c[:SHP_FIELD_CHARS])
    return out


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


def _fit_bytes(text: str, limit: int) -> str:
    """Cut ``text`` (ending in "…") so that its UTF-8 encoding fits in ``limit`` bytes."""
    if len(text.encode("utf-8")) <= limit:
        return text
    while len((text + "…").encode("utf-8")) > limit:
        text = text[:-1]
    return text + "…"


def _readme(kind: str, layers: dict[str, gpd.GeoDataFrame]) -> str:
    """README of a zipped export: the format's rules, then one line per layer with its provenance."""
    lines = [
        f"{kind} export of the Điện Biên coverage tool (EPSG:4326), one file per layer.",
        "Columns source/licence/vintage give each feature's provenance; illustr = true marks illustrative "
        "(generated, not measured) data.",
        "Yes/no columns are booleans (true/false).",
    ]
    if kind == "Shapefile":
        lines += [
            f"Shapefile (DBF) limits, applied here: field names are cut to their first {SHP_FIELD_CHARS} "
            "characters (e.g. allseason_road_to_centre -> allseason_), and text longer than "
            f"{SHP_TEXT_BYTES} bytes (UTF-8) is cut and ends in '…' (the evidence columns of long flags); "
            "yes/no columns are DBF logical fields (T/F). Encoding UTF-8 (.cpg). For full names and texts "
            "use the GeoPackage or GeoJSON export."
        ]
    lines.append("Layers:")
    for name, frame in layers.items():
        first = frame.iloc[0] if len(frame) else {}
        lines.append(
            f"- {name}: {len(frame)} features; "
            + "; ".join(str(first.get(c, "")) for c in PROVENANCE_COLUMNS[:3])
            + ("; ILLUSTRATIVE" if bool(first.get("illustr", False)) else "")
        )
    return "\n".join(lines) + "\n"


def _geojson_zip(layers: dict[str, gpd.GeoDataFrame], tmp: Path) -> None:
    """One GeoJSON file per layer (RFC 7946, EPSG:4326) in a zip, with a README: each opens as one named
    layer."""
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in layers.items():
            collection = json.loads(_plain(frame).to_json(drop_id=True, ensure_ascii=False))
            collection = {
                "type": "FeatureCollection",
                "name": name,
                **{k: v for k, v in collection.items() if k not in ("type", "name")},
            }
            archive.writestr(f"{name}.geojson", json.dumps(collection, ensure_ascii=False))
        archive.writestr("README.txt", _readme("GeoJSON", layers))


def _shapefile_zip(layers: dict[str, gpd.GeoDataFrame], tmp: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="shp-"))
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, frame in layers.items():
                plain = _plain(frame, shapefile=True)
                if plain.empty:
                    continue
                kinds = plain.geometry.geom_type.str.replace("Multi", "", regex=False)
                for kind in sorted(kinds.unique()):  # a Shapefile holds one geometry type
                    part = plain[kinds == kind]
                    stem = name if kinds.nunique() == 1 else f"{name}_{kind.lower()}"
                    write_vector(part, work / f"{stem}.shp", driver="ESRI Shapefile", encoding="UTF-8")
                    for file in sorted(work.glob(f"{stem}.*")):
                        archive.write(file, arcname=file.name)
            archive.writestr("README.txt", _readme("Shapefile", layers))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _placemark_names(plain: gpd.GeoDataFrame, layer: str) -> pd.Series:
    """The name of each feature: its own name (commune, name, district, zone) when it has one, else the layer
    and its id ("power_lines 123456")."""
    names = pd.Series([""] * len(plain), index=plain.index, dtype=object)
    for column in ("commune", "name", "district", "zone_2026_2030"):
        if column in plain:
            own = plain[column].map(
                lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
            )
            names = names.where(names != "", own)
    ident = next((c for c in _ID_COLUMNS if c in plain), None)
    fallback = (
        plain[ident].astype(str)
        if ident
        else pd.Series(range(1, len(plain) + 1), index=plain.index).astype(str)
    )
    return names.where(names != "", layer + " " + fallback)


def _kml_types(plain: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """KML's Schema has int, float, bool and string: 64-bit integers (GDAL writes them as string) go to 32
    bits."""
    out = plain.copy()
    for column in out.columns:
        series = out[column]
        if (
            column != out.geometry.name
            and pd.api.types.is_integer_dtype(series)
            and not pd.api.types.is_bool_dtype(series)
        ):
            if series.isna().any() or series.abs().max() >= 2**31:
                out[column] = series.astype("float64")
            else:
                out[column] = series.astype("int32")
    return out


def _kml_file(layers: dict[str, gpd.GeoDataFrame], tmp: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="kml-"))
    try:
        target = work / "export.kml"
        for name, frame in layers.items():
            plain = _kml_types(_plain(frame))
            if plain.empty:
                continue
            plain.insert(0, "Name", _placemark_names(plain, name))
            write_vector(plain, target, driver="KML", layer=name, append=target.exists())
        if not target.exists():
            raise InputError(
                Problem("không có đối tượng nào để xuất ra KML.", "there are no features to export to KML.")
            )
        shutil.copyfile(target, tmp)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export_data(bundle: MapBundle, out: str | Path, *, fmt: str | None = None) -> Path:
    """Write the visible layers to ``out`` (GeoPackage, zipped GeoJSON or Shapefile, KML) atomically.

    Without ``fmt`` the format comes from the file name; ``.geojson.zip`` is GeoJSON, any other ``.zip``
    Shapefile.
    """
    name = Path(out).name.lower()
    fmt = (fmt or ("geojson" if name.endswith(GEOJSON_ZIP) else Path(out).suffix.lstrip("."))).lower()
    if fmt == "zip":
        fmt = "shp"
    if fmt not in DATA_FORMATS:
        raise InputError(
            Problem(
                f"định dạng dữ liệu '{fmt}' không hỗ trợ; chọn gpkg, geojson, shp (zip) hoặc kml.",
                f"data format '{fmt}' is not supported; choose gpkg, geojson, shp (zip) or kml.",
                column="format",
                value=fmt,
            )
        )
    path = check_out_path(out, suffixes=SUFFIXES[fmt])
    layers = data_layers(bundle)
    if fmt == "gpkg":
        write_gpkg_layers(path, {name: _plain(frame) for name, frame in layers.items()})
        return path
    writer = {"geojson": _geojson_zip, "shp": _shapefile_zip, "kml": _kml_file}[fmt]
    return write_atomically(path, lambda tmp: writer(layers, tmp), suffixes=SUFFIXES[fmt])


def render_data(bundle: MapBundle, fmt: str) -> bytes:
    """Return the data package as bytes (for a download button), written through a private temporary
    folder."""
    fmt = {"zip": "shp", "json": "geojson"}.get(fmt.lower(), fmt.lower())
    if fmt not in DATA_FORMATS:
        raise InputError(
            Problem(
                f"định dạng dữ liệu '{fmt}' không hỗ trợ.",
                f"data format '{fmt}' is not supported.",
                column="format",
                value=fmt,
            )
        )
    work = Path(tempfile.mkdtemp(prefix="export-"))
    try:
        return export_data(
            bundle, work / ("export" + (GEOJSON_ZIP if fmt == "geojson" else SUFFIXES[fmt][0])), fmt=fmt
        ).read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
