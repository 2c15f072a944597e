"""Data package of the visible layers (GeoPackage, GeoJSON, zipped Shapefile, KML), every feature with its provenance."""

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
from report.output import check_out_path, write_atomically, write_bytes_atomically

DATA_FORMATS = ("gpkg", "geojson", "shp", "kml")
SUFFIXES = {"gpkg": (".gpkg",), "geojson": (".geojson", ".json"), "shp": (".zip",), "kml": (".kml",)}
#: Provenance columns added to every feature (short enough for Shapefile's 10-character field names).
PROVENANCE_COLUMNS = ("source", "licence", "vintage", "illustr")
_COMMUNE_COLUMNS = ["unit_id", "gso_code", "commune", "district_code", "district", "poor_hh_rate_pct",
                    "near_poor_hh_rate_pct", "households", "hh_grid_power_pct", "allseason_road_to_centre", "grid_connected",
                    "lacks_allseason_road", "lacks_grid", "evidence_vi", "evidence_en", "dist_allseason_road_km",
                    "dist_grid_km"]


def _with_provenance(frame: gpd.GeoDataFrame, src: LayerSource, *, extra: LayerSource | None = None) -> gpd.GeoDataFrame:
    out = frame.copy()
    illustrative = src.illustrative or bool(extra and extra.illustrative)
    out["source"] = src.source + (f" + {extra.source}" if extra else "")
    out["licence"] = src.licence
    out["vintage"] = src.vintage
    out["illustr"] = "true" if illustrative else "false"
    return out


def data_layers(bundle: MapBundle) -> dict[str, gpd.GeoDataFrame]:
    """Return the visible layers as named frames (EPSG:4326) with provenance columns; communes always included.

    The commune layer carries the attributes of the poverty choropleth and the flags (from the illustrative survey
    and map analysis) when those layers are shown; its ``source`` then names both.
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
    for key in bundle.visible:  # every other layer under its data-layer key (the key a project imports it under)
        for part in map_layer(key).parts:
            frame, src = data.frame(part.frame), sources.get(part.frame)
            if part.frame != "communes" and frame is not None and src is not None:
                layers[part.frame] = _with_provenance(frame, src)
    return {name: frame.to_crs(DISPLAY_EPSG) for name, frame in layers.items()}


def _plain(frame: gpd.GeoDataFrame, *, shapefile: bool = False) -> gpd.GeoDataFrame:
    """Columns every driver accepts: booleans and mixed objects as text, no empty geometries."""
    out = frame[~frame.geometry.isna() & ~frame.geometry.is_empty].copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        series = out[column]
        if series.dtype == bool:
            out[column] = series.map({True: "true", False: "false"})
        elif _is_text(series):
            out[column] = series.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                     else ("true" if v is True or v is np.True_ else "false" if v is False or v is np.False_
                                           else str(v)))
    if shapefile:  # DBF: 10-character names, text fields of at most 254 bytes
        for column in out.columns:
            if column != out.geometry.name and _is_text(out[column]):
                out[column] = out[column].map(lambda v: v if not isinstance(v, str) else _fit_bytes(v, 254))
        out = out.rename(columns=lambda c: c if c == out.geometry.name else c[:10])
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


def _geojson_bytes(layers: dict[str, gpd.GeoDataFrame]) -> bytes:
    features = []
    for name, frame in layers.items():
        collection = json.loads(_plain(frame).to_json(drop_id=True, ensure_ascii=False))
        for feature in collection["features"]:
            feature["properties"] = {"layer": name, **feature["properties"]}
            features.append(feature)
    return json.dumps({"type": "FeatureCollection", "name": "dien_bien_export", "features": features},
                      ensure_ascii=False).encode("utf-8")


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
            archive.writestr("README.txt", "Shapefile export of the Điện Biên coverage tool. Encoding UTF-8 (.cpg). "
                             "Columns source/licence/vintage/illustr give each feature's provenance; illustr=true marks "
                             "illustrative (generated, not measured) data.\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _kml_file(layers: dict[str, gpd.GeoDataFrame], tmp: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="kml-"))
    try:
        target = work / "export.kml"
        for name, frame in layers.items():
            plain = _plain(frame)
            if plain.empty:
                continue
            label = next((c for c in ("commune", "name", "district", "zone_2026_2030") if c in plain), None)
            plain.insert(0, "Name", plain[label].astype(str) if label else name)
            write_vector(plain, target, driver="KML", layer=name, append=target.exists())
        if not target.exists():
            raise InputError(Problem("không có đối tượng nào để xuất ra KML.", "there are no features to export to KML."))
        shutil.copyfile(target, tmp)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export_data(bundle: MapBundle, out: str | Path, *, fmt: str | None = None) -> Path:
    """Write the visible layers to ``out`` (GeoPackage, GeoJSON, zipped Shapefile or KML) atomically."""
    fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
    if fmt == "zip":
        fmt = "shp"
    if fmt not in DATA_FORMATS:
        raise InputError(Problem(f"định dạng dữ liệu '{fmt}' không hỗ trợ; chọn gpkg, geojson, shp (zip) hoặc kml.",
                                 f"data format '{fmt}' is not supported; choose gpkg, geojson, shp (zip) or kml.",
                                 column="format", value=fmt))
    path = check_out_path(out, suffixes=SUFFIXES[fmt])
    layers = data_layers(bundle)
    if fmt == "gpkg":
        write_gpkg_layers(path, {name: _plain(frame) for name, frame in layers.items()})
        return path
    if fmt == "geojson":
        return write_bytes_atomically(path, _geojson_bytes(layers), suffixes=SUFFIXES[fmt])
    writer = _shapefile_zip if fmt == "shp" else _kml_file
    return write_atomically(path, lambda tmp: writer(layers, tmp), suffixes=SUFFIXES[fmt])


def render_data(bundle: MapBundle, fmt: str) -> bytes:
    """Return the data package as bytes (for a download button), written through a private temporary folder."""
    fmt = {"zip": "shp", "json": "geojson"}.get(fmt.lower(), fmt.lower())
    if fmt not in DATA_FORMATS:
        raise InputError(Problem(f"định dạng dữ liệu '{fmt}' không hỗ trợ.", f"data format '{fmt}' is not supported.",
                                 column="format", value=fmt))
    work = Path(tempfile.mkdtemp(prefix="export-"))
    try:
        return export_data(bundle, work / f"export{SUFFIXES[fmt][0]}", fmt=fmt).read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
