"""Front-end assets served by the app itself (Leaflet from the PyPI package django-js-lib-leaflet): no CDN,
works offline."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from geo.io import read_asset_text

LEAFLET_VERSION = "1.9.4"


def leaflet_dir() -> Path:
    """Return the folder holding leaflet.js, leaflet.css and images/ (installed by the set-up command)."""
    return Path(str(importlib.resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


def use_local_assets(fmap, base_url: str) -> None:
    """Point a folium map at the app's own Leaflet files under ``base_url`` and drop every CDN asset.

    jQuery, Bootstrap and Font Awesome (folium's defaults) are not needed: icons are inline SVG.
    """
    base = base_url if base_url.endswith("//") else base_url.rstrip("/") + "/"
    fmap.default_js = [("leaflet", f"{base}leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{base}leaflet.css")]


def inline_assets_html(html: str) -> str:
    """Return a standalone HTML page with Leaflet's JS and CSS inlined (for exports opened from disk or
    e-mail)."""
    folder = leaflet_dir()
    js = read_asset_text(folder / "leaflet.js")
    css = read_asset_text(folder / "leaflet.css")
    return html.replace('<script src="inline://leaflet.js"></script>', f"<script>{js}</script>").replace(
        '<link rel="stylesheet" href="inline://leaflet.css"/>', f"<style>{css}</style>"
    )
