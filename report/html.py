"""Standalone interactive HTML map: the app's folium map with Leaflet, its images and every style inlined
(works offline)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from pathlib import Path

from geo.errors import InputError, Problem
from geo.i18n import t
from geo.io import read_asset_bytes, read_asset_text
from layers.assets import leaflet_dir
from layers.mapview import MapOptions, build_map
from report.layout import SUBTITLE_MAX_CHARS, TITLE_MAX_CHARS, clean_text, credit_lines, default_subtitle
from report.mapdata import MapBundle
from report.output import check_out_path, write_bytes_atomically

_SCRIPT_TAG = re.compile(r'<script[^>]*\bsrc="inline://([^"]+)"[^>]*>\s*</script>')
_LINK_TAG = re.compile(r'<link[^>]*\bhref="inline://([^"]+)"[^>]*/?>')
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")
#: Anything that would make the browser fetch from outside the file.
_REMOTE = re.compile(
    r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.IGNORECASE
)

_PAGE_CSS = """
<style>
.db-export-head { position: absolute; top: 8px; left: 50%; transform: translateX(-50%); z-index: 1000;
  background: rgba(255,255,255,0.94); padding: 6px 14px; border-radius: 4px; box-shadow: 0 1px 4px #0005;
  max-width: 55%; font-family: 'DejaVu Sans', Arial, sans-serif; pointer-events: none; }
.db-export-head h1 { font-size: 17px; margin: 0; overflow-wrap: anywhere; }
.db-export-head p { font-size: 12px; margin: 2px 0 0 0; color: #333; overflow-wrap: anywhere; }
.db-export-head p.db-export-mark { color: #5c4400; font-weight: 700; }
</style>
"""


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(read_asset_bytes(path)).decode("ascii")


def inline_leaflet(page: str) -> str:
    """Replace every ``inline://`` script/stylesheet tag by the file's content; CSS images become data:
    URIs."""
    folder = leaflet_dir()

    def script(match: re.Match) -> str:
        code = read_asset_text(folder / match.group(1)).replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def style(match: re.Match) -> str:
        css = read_asset_text(folder / match.group(1))
        css = _CSS_URL.sub(lambda m: f'url("{_data_uri(folder / m.group(2))}")', css)
        return f"<style>{css}</style>"

    page = _SCRIPT_TAG.sub(lambda m: script(m), page)
    page = _LINK_TAG.sub(lambda m: style(m), page)
    if "inline://" in page:
        raise RuntimeError("an inline:// asset was left in the exported page")
    return page


def render_html(
    bundle: MapBundle, *, title: str = "", subtitle: str | None = None, date: dt.date | None = None
) -> str:
    """Return one self-contained HTML page: same layers, tooltips, legend and credits as the app's map."""
    lang = bundle.request.lang
    options = MapOptions(
        lang=lang,
        visible=bundle.visible,
        classification=bundle.classification,
        bounds=bundle.bounds if bundle.request.district else None,
        asset_base_url="inline://",
    )
    fmap = build_map(bundle.data, options)
    page = inline_leaflet(fmap.get_root().render())
    if _REMOTE.search(page):
        raise RuntimeError("the exported page still refers to a remote asset")
    title = clean_text(title, TITLE_MAX_CHARS) or t("app_title", lang)
    subtitle = clean_text(subtitle if subtitle is not None else default_subtitle(bundle), SUBTITLE_MAX_CHARS)
    today = date or dt.date.today()
    date_text = today.strftime("%d/%m/%Y") if lang == "vi" else today.isoformat()
    mark = (
        f'<p class="db-export-mark">{html.escape(t("illustrative_both", lang))}</p>'
        if bundle.any_illustrative()
        else ""
    )
    head = (
        f'<div class="db-export-head"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)} · {html.escape(t('printed', lang))} "
        f"{html.escape(date_text)}</p>{mark}</div>"
    )
    # Credits of every visible layer: the map's own collapsible control (as in the app); all sources also in a
    # comment.
    credits = "<!-- " + html.escape(" | ".join(credit_lines(bundle))).replace("--", "—") + " -->"
    page = page.replace("<head>", f'<head>\n<meta charset="utf-8"/>\n<title>{html.escape(title)}</title>', 1)
    page = page.replace("</head>", _PAGE_CSS + "</head>", 1)
    page = re.sub(r"<body>", lambda m: "<body>\n" + head + credits, page, count=1)
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    return page


def export_html(bundle: MapBundle, out: str | Path, *, title: str = "", subtitle: str | None = None) -> Path:
    """Write the standalone HTML map to ``out`` atomically."""
    check_out_path(out, suffixes=(".html", ".htm"))
    page = render_html(bundle, title=title, subtitle=subtitle)
    if not page.strip():
        raise InputError(
            Problem("không tạo được trang HTML.", "the HTML page could not be built.", file=str(out))
        )
    return write_bytes_atomically(out, page.encode("utf-8"), suffixes=(".html", ".htm"))
