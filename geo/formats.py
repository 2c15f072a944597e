"""What an uploaded file really is, read from its first bytes: each extension accepts one kind of content.

GDAL chooses a driver by content, not by name, so a GDAL virtual layer (VRT, an XML file that can read any
other file or URL) saved as ``roads.geojson`` would be opened as a VRT.  Every importer therefore checks the
content against the one kind its extension allows before anything parses it (and :mod:`geo.sandbox` keeps only
that kind's GDAL driver).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from geo.encodings import utf16_codec
from geo.errors import InputError, Problem
from geo.vocab import Lang

#: Description of every kind of content :func:`identify` tells apart, (vi, en).
KINDS: dict[str, tuple[str, str]] = {
    "empty": ("một tệp rỗng", "an empty file"),
    "gpkg": ("một GeoPackage", "a GeoPackage"),
    "sqlite": (
        "một cơ sở dữ liệu SQLite không phải GeoPackage",
        "an SQLite database that is not a GeoPackage",
    ),
    "gdal_vrt": (
        "một tệp lớp ảo GDAL (VRT) — loại tệp có thể khiến máy chủ đọc tệp khác hoặc tải địa chỉ mạng",
        "a GDAL virtual layer (VRT) — a kind of file that can make the server read other files or fetch URLs",
    ),
    "kml": ("một tệp KML", "a KML file"),
    "osm_xml": ("một bản trích OpenStreetMap (XML)", "an OpenStreetMap extract (XML)"),
    "html": ("một trang web (HTML)", "a web page (HTML)"),
    "xml_dtd": (
        "một tệp XML có khai báo DTD/ENTITY (có thể đọc tệp khác)",
        "an XML file with a DTD/ENTITY declaration (which can read other files)",
    ),
    "xml": ("một tệp XML khác", "another kind of XML file"),
    "json": ("một tệp JSON", "a JSON file"),
    "zip": ("một tệp nén zip", "a zip archive"),
    "tiff": ("một ảnh TIFF", "a TIFF image"),
    "osm_pbf": ("một bản trích OpenStreetMap (PBF)", "an OpenStreetMap extract (PBF)"),
    "shp": ("phần hình học của Shapefile (.shp/.shx)", "the geometry part of a Shapefile (.shp/.shx)"),
    "mapinfo_tab": ("một bảng MapInfo (.tab)", "a MapInfo table (.tab)"),
    "mapinfo_tab_linked": (
        "một bảng MapInfo liên kết tới tệp khác (bảng ghép, khung nhìn hoặc ảnh)",
        "a MapInfo table that points to other files (seamless table, view or raster)",
    ),
    "mif": ("một tệp MapInfo MIF", "a MapInfo MIF file"),
    "pdf": ("một tài liệu PDF", "a PDF document"),
    "png": ("một ảnh PNG", "a PNG image"),
    "jpeg": ("một ảnh JPEG", "a JPEG image"),
    "gzip": ("một tệp nén gzip", "a gzip archive"),
    "bzip2": ("một tệp nén bzip2", "a bzip2 archive"),
    "7z": ("một tệp nén 7z", "a 7z archive"),
    "rar": ("một tệp nén RAR", "a RAR archive"),
    "ole2": ("một tệp Office cũ (.xls/.doc)", "an old Office file (.xls/.doc)"),
    "elf": ("một chương trình máy tính", "a computer program"),
    "text": ("một tệp văn bản", "a text file"),
    "binary": ("một tệp nhị phân không rõ loại", "a binary file of unknown kind"),
}

#: Contents a CSV may start like: any plain text (a first header "Version" reads as MapInfo MIF, one in braces
#: as JSON).
_TEXT = ("text", "json", "mif", "mapinfo_tab", "mapinfo_tab_linked")
#: The kinds of content each extension accepts (text includes UTF-16 text).
ACCEPTED: dict[str, frozenset[str]] = {
    # an SQLite file must still hold the GeoPackage tables (geo.vectors)
    ".gpkg": frozenset({"gpkg", "sqlite"}),
    ".geojson": frozenset({"json"}),
    ".json": frozenset({"json"}),
    ".kml": frozenset({"kml"}),
    ".kmz": frozenset({"zip"}),
    ".zip": frozenset({"zip"}),
    ".xlsx": frozenset({"zip"}),
    ".xlsm": frozenset({"zip"}),
    ".shp": frozenset({"shp"}),
    ".shx": frozenset({"shp"}),
    ".tab": frozenset({"mapinfo_tab"}),
    ".mif": frozenset({"mif"}),
    ".tif": frozenset({"tiff"}),
    ".tiff": frozenset({"tiff"}),
    ".osm": frozenset({"osm_xml"}),
    ".pbf": frozenset({"osm_pbf"}),
    ".csv": frozenset(_TEXT),
    ".txt": frozenset(_TEXT),
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "sqlite"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),
    (b"MM\x00+", "tiff"),
    (b"\x00\x00\x27\x0a", "shp"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"\x7fELF", "elf"),
)
_GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
_XML_SKIP = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.S)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")


def _text_of(head: bytes) -> str | None:
    """Decode the first bytes as text (UTF-16, UTF-8, or a one-byte code page); None when they are binary."""
    utf16 = utf16_codec(head)
    if utf16 is not None:
        return head[: len(head) // 2 * 2].decode(utf16, errors="replace")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in head:
        return None
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 26, 27))
    if controls > max(4, len(head) // 100):
        return None
    return head.decode("utf-8", errors="replace")


def _xml_kind(text: str) -> str:
    data = text.encode("utf-8", errors="replace")
    position = 0
    while match := _XML_SKIP.match(data, position):
        position = match.end()
    rest = data[position:].lstrip()
    if rest[:9].upper() == b"<!DOCTYPE":
        if rest[:14].lower() == b"<!doctype html":
            return "html"
        return "xml_dtd"
    root = _ROOT.match(rest)
    if root is None:
        return "text"
    name = root.group(1).decode("ascii", errors="replace").split(":")[-1]
    lowered = name.lower()
    if lowered in ("ogrvrtdatasource", "vrtdataset"):
        return "gdal_vrt"
    if lowered == "kml":
        return "kml"
    if lowered == "osm":
        return "osm_xml"
    if lowered == "html":
        return "html"
    return "xml"


def _mapinfo_kind(text: str) -> str:
    lowered = text.lower()
    linked = (
        "isseamless",
        "create view",
        "open table",
        'type "raster"',
        "type raster",
        "type linked",
        "type wms",
        "type view",
        'file "',
    )
    if any(word in lowered for word in linked) or "type native" not in lowered:
        return "mapinfo_tab_linked"
    return "mapinfo_tab"


def identify(data: bytes) -> str:
    """Return the kind of content of ``data`` (a key of :data:`KINDS`), from its first bytes only."""
    if not data.strip():
        return "empty"
    head = data[:65536]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "sqlite" and head[68:72] in _GPKG_APPLICATION_IDS:
                return "gpkg"
            return kind
    if len(head) > 14 and head[4:15] == b"\x0a\x09OSMHeader":
        return "osm_pbf"
    text = _text_of(head)
    if text is None:
        return "binary"
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return _xml_kind(stripped)
    if stripped.startswith("{"):
        return "json"
    if stripped.lower().startswith("!table"):
        return _mapinfo_kind(text)
    if stripped.lower().startswith("version"):
        return "mif"
    return "text"


def describe(kind: str, lang: Lang) -> str:
    """Return the description of a content kind in ``lang``."""
    vi, en = KINDS.get(kind, KINDS["binary"])
    return en if lang == "en" else vi


def check_content(name: str, data: bytes, *, shown_as: str | None = None) -> str:
    """Return the content kind of ``data`` when its extension accepts it; else raise :class:`InputError`.

    ``name`` decides the extension (``.osm.pbf`` counts as ``.pbf``); ``shown_as`` is the name messages use
    (e.g. ``"roads.zip/roads.shp"``).  Extensions with no rule here (a Shapefile's ``.prj``, ``.cpg``) are not
    checked.
    """
    suffix = PurePosixPath(name.lower()).suffix
    accepted = ACCEPTED.get(suffix)
    kind = identify(data)
    if accepted is None or kind in accepted:
        return kind
    expected_vi = " hoặc ".join(sorted({describe(k, "vi") for k in accepted}))
    expected_en = " or ".join(sorted({describe(k, "en") for k in accepted}))
    raise InputError(
        Problem(
            vi=f"tệp có đuôi {suffix} nên phải là {expected_vi}, nhưng nội dung là {describe(kind, 'vi')}; "
            f"tệp bị từ chối. Hãy xuất lại dữ liệu đúng định dạng (ví dụ bằng QGIS) rồi nhập lại.",
            en=f"the file ends in {suffix} so it must be {expected_en}, but its content is "
            f"{describe(kind, 'en')}; the file is refused. Export the data again in the right format (e.g. "
            "with QGIS) and import it again.",
            file=shown_as or name,
        )
    )
