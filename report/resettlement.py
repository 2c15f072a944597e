"""Resettlement exports: suitability GeoTIFF, candidate sites as GeoPackage / XLSX / CSV, the printable map;
every one carries the illustrative mark and the names of the illustrative inputs when any input is
illustrative."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.crs import METRIC_EPSG
from geo.io import write_geotiff, write_gpkg_layers
from geo.messages import msg
from layers.mapdata import MapData
from report.cells import write_xlsx_table, xlsx_writer
from report.layout import PrintSettings, render_layout
from report.mapdata import MapBundle, MapRequest
from report.output import write_atomically, write_bytes_atomically
from report.tables import table_csv_bytes

#: Name of the sites layer in the GeoPackage (issue 11).
SITES_LAYER = "sites"


def notes(illustrative_inputs: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """The lines every export carries: the illustrative mark (naming the inputs) when due, and where the rules
    are."""
    lines = []
    if illustrative_inputs:
        lines.append(msg("res_export_note_illustrative", lang, names=", ".join(illustrative_inputs)))
    lines.append(msg("res_export_note_rules", lang))
    return lines


def write_suitability_tif(
    score, transform, out: str | Path, *, illustrative_inputs: tuple[str, ...], lang: str = "vi"
) -> Path:
    """Write the score grid (float32, NaN = outside or excluded, UTM 48N) as a GeoTIFF, atomically; the tags
    say whether it is illustrative and from what."""
    tags = {
        "DESCRIPTION": "resettlement suitability score 0-1 (README: Resettlement)",
        "ILLUSTRATIVE": "yes: " + ", ".join(illustrative_inputs) if illustrative_inputs else "no",
        "NOTE": " | ".join(notes(illustrative_inputs, lang)),
    }
    return write_atomically(
        out,
        lambda tmp: write_geotiff(tmp, score, transform, f"EPSG:{METRIC_EPSG}", tags=tags),
        suffixes=(".tif", ".tiff"),
    )


def _plain_sites(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = sites.copy()
    out["illustrative"] = out["illustrative"].astype(bool)
    return out


def write_sites_gpkg(sites: gpd.GeoDataFrame, out: str | Path) -> Path:
    """Write the sites (polygons, EPSG:4326) as layer ``sites`` of a new GeoPackage, atomically."""
    frame = _plain_sites(sites)

    def write(tmp: Path) -> None:
        tmp.unlink()  # GDAL makes a new GeoPackage, never into the empty placeholder
        write_gpkg_layers(tmp, {SITES_LAYER: frame})

    return write_atomically(out, write, suffixes=(".gpkg",))


def write_sites_csv(sites: gpd.GeoDataFrame, out: str | Path) -> Path:
    """Write the site table (no geometry) as UTF-8 CSV without a BOM, as every CSV of the CLI, atomically."""
    return write_bytes_atomically(out, sites_csv_bytes(sites, bom=False), suffixes=(".csv",))


def _table(sites: gpd.GeoDataFrame) -> pd.DataFrame:
    table = pd.DataFrame(sites.drop(columns=sites.geometry.name))
    table["illustrative"] = table["illustrative"].map({True: "true", False: "false"})
    return table


def sites_csv_bytes(sites: gpd.GeoDataFrame, *, bom: bool = True) -> bytes:
    """The site table as CSV bytes (UTF-8, with a BOM for Excel unless ``bom`` is False); ``illustrative`` as
    true/false."""
    return table_csv_bytes(_table(sites), bom=bom)


def sites_xlsx_bytes(sites: gpd.GeoDataFrame, *, lang: str, illustrative_inputs: tuple[str, ...]) -> bytes:
    """The site table as a workbook: sheet ``sites`` and sheet ``notes`` (illustrative mark, rules)."""
    buffer = io.BytesIO()
    with xlsx_writer(buffer) as writer:
        write_xlsx_table(writer, _table(sites), sheet=SITES_LAYER, header={"bold": True})
        write_xlsx_table(
            writer,
            pd.DataFrame({"note": notes(illustrative_inputs, lang)}),
            sheet="notes",
            header={"bold": True},
        )
    return buffer.getvalue()


def to_bytes(write: Callable[[Path], Path], suffix: str) -> bytes:
    """Run a ``write(path)`` export into a private temporary folder and return the file's bytes (download
    buttons)."""
    work = Path(tempfile.mkdtemp(prefix="resettlement-"))
    try:
        return write(work / f"export{suffix}").read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


#: Layers the printed site map shows, in drawing order.
PRINT_LAYERS = ("communes", "districts", "roads", "res_suitability", "res_sites")


def site_map_pdf(
    data: MapData, *, lang: str, title: str, all_districts: gpd.GeoDataFrame | None = None
) -> bytes:
    """The printable A4 landscape map (PDF) of the suitability bands and the ranked, labelled sites, with
    legend, scale, north arrow, credits and the illustrative mark (the print layout of every map
    export)."""
    request = MapRequest(lang=lang, visible=PRINT_LAYERS)
    bundle = MapBundle(
        request=request,
        data=data,
        classification=None,
        run=None,
        visible=PRINT_LAYERS,
        bounds=tuple(float(b) for b in data.communes.total_bounds),
        sources=data.sources,
        all_districts=all_districts,
    )
    content, _ = render_layout(
        bundle, PrintSettings(paper="A4", orientation="landscape", dpi=150, title=title), "pdf"
    )
    return content
