"""Register Leaflet's files with Streamlit's component file server so the map loads them from the app, not a
CDN."""

from __future__ import annotations

import streamlit.components.v1 as components

from layers.assets import leaflet_dir

# Declaring a component registers its folder; Streamlit then serves its files with their proper MIME types at
# /component/<name>/<file>.  The component itself is never rendered.
_ASSETS = components.declare_component("leaflet_assets", path=str(leaflet_dir()))

#: URL prefix of leaflet.js / leaflet.css, relative to the app's origin.
ASSET_BASE_URL = f"/component/{_ASSETS.name}"
