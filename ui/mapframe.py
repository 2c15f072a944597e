"""The app's interactive map: a folium map turned once per choice into what streamlit-folium's component
draws.

``st_folium`` renders the whole folium map to JavaScript on every rerun (about a second for the province map
on this machine) and gives the component a new identity, a new frame, whenever that script changes.  Here the
rendering is done once per choice (:func:`prepare`, cached by ``ui.cache.map_frame``), and the script is cut
in two:

- the *shell* creates the empty Leaflet map (centred on the province, the same for every map of the app); it
  is the component's script, so the component keeps its identity and its frame across every choice;
- the *contents* (every layer, legend, credits and the fit to the extent) travel as streamlit-folium's
  ``feature_group`` script, which it runs again whenever that text changes.  Guarded by their own hash, they
  are only torn down and redrawn when they change (a district, a theme, a class count, a language); a
  highlight (:func:`show`'s ``overlay``) is sent beside them and changes alone.

So a new choice redraws the layers in the frame the page has, without a new frame, a new Leaflet and a new
component bundle.  Mirrors ``st_folium`` of streamlit-folium 0.27.4 (pinned in requirements.txt).

streamlit-folium reports a click to the page 250 ms after it happens (its value updates are debounced, so a
drag does not send a value per frame).  A click is one event, so :data:`_CLICK_NOW` sends it at once, in the
component's own message format, and records it as the component's last value, so the debounced update 250 ms
later finds nothing new and sends nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st
import streamlit_folium as sf

#: Part of the shell (where the map is ``map_div``): report a click to Streamlit at once (see above).  It
#: builds the value as streamlit-folium 0.27.4 does for ``returned_objects=["last_clicked"]``.
_CLICK_NOW = """
map_div.on("click", function (event) {
  var data = window.__GLOBAL_DATA__;
  if (!data || !window.parent) { return; }
  var value = {last_clicked: {lat: event.latlng.lat, lng: event.latlng.lng}};
  if (JSON.stringify(data.previous_data) === JSON.stringify(value)) { return; }
  data.previous_data = value;
  window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value,
                             dataType: "json"}, "*");
});
"""


@dataclass(frozen=True)
class MapFrame:
    """What the component draws (shell script, contents script, header, html, asset links) and the problems
    met while building the map."""

    script: str
    contents: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    problems: tuple[str, ...] = ()


def split_map_script(script: str) -> tuple[str, str]:
    """Cut a map script (streamlit-folium's, where the map is ``map_div``) after the statement that creates
    the map.

    Returns (shell, contents).  The creating statement is ``var map_div = L.map(...);``: the cut is at the
    parenthesis that closes ``L.map(`` (its options hold no parenthesis in a string).
    """
    start = script.index("var map_div = L.map(")
    depth, i = 0, script.index("(", start)
    while True:
        depth += {"(": 1, ")": -1}.get(script[i], 0)
        i += 1
        if depth == 0:
            break
    end = script.index(";", i) + 1
    return script[:end], script[end:]


def _guarded(contents: str) -> str:
    """The contents script run only when it differs from what the frame shows: the old contents torn down
    first."""
    digest = hashlib.sha256(contents.encode("utf-8")).hexdigest()[:16]
    return (
        f'if (window.__dbContents !== "{digest}") {{\n'
        "  if (window.dbTeardown) { window.dbTeardown(); window.dbTeardown = null; }\n  "
        "map_div.eachLayer(function (layer) { map_div.removeLayer(layer); });\n"
        f"  (function () {{\n{contents}\n  }}).call(window);\n"
        f'  window.__dbContents = "{digest}";\n}}\n'
    )


def prepare(fmap: Any, problems: Iterable[str] = ()) -> MapFrame:
    """Render the folium map ``fmap`` once into the strings the component needs (as ``st_folium`` does on
    every call)."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    # The map fills the component's frame, whose height the page sets from the window's (ui/page_map.py).
    header = sf._get_header(fmap) + "<style>#map_div { height: 100vh !important; }</style>"
    map_id = sf.get_full_id(fmap)
    shell, contents = split_map_script(sf._get_map_string(fmap))
    css = [href for _, href in getattr(fmap, "default_css", [])]
    js = [src for _, src in getattr(fmap, "default_js", [])]
    return MapFrame(
        script=shell + _CLICK_NOW,
        contents=_guarded(contents),
        header=header,
        html=html,
        map_id=map_id,
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
        problems=tuple(dict.fromkeys(problems)),
    )


#: What the component returns: the latitude and longitude of the last click (what :data:`_CLICK_NOW` sends).
RETURNED_OBJECTS = ("last_clicked",)


def show(frame: MapFrame, *, key: str, height: int, overlay: str | None = None) -> dict:
    """Draw ``frame`` in the component's frame; ``overlay`` is JavaScript run on the map after its contents (a
    highlight, a zoom), sent again with every change but only run when it changed.

    Returns the component's value, :data:`RETURNED_OBJECTS` (``last_clicked``: the latitude and longitude of
    the last click anywhere on the map).  Only a change of those reruns the page (panning and zooming do not).
    """
    # The identity of the frame: what only a new frame can take in (shell, header, page html, assets).
    hash_key = sf.generate_js_hash(
        "\n".join((frame.script, frame.header, frame.html, *frame.css_links, *frame.js_links)), key, False
    )

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    value = sf._component_func(
        script=frame.script,
        header=frame.header,
        html=frame.html,
        id=frame.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=list(RETURNED_OBJECTS),
        default=dict.fromkeys(RETURNED_OBJECTS),
        zoom=None,
        center=None,
        feature_group=frame.contents + (overlay or ""),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(frame.css_links),
        js_links=list(frame.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )
    return value or {}
