"""The app's interactive map: a folium map turned once per choice into what streamlit-folium's component draws.

``st_folium`` renders the whole folium map to JavaScript on every rerun (about a second for the province map on
this machine) and gives the component a new identity whenever that script changes.  Here the rendering is done
once (:func:`prepare`, cached per choice by ``ui.cache.map_frame``); a rerun only hands the cached strings to the same
component (:func:`show`), so the browser keeps its map when nothing on it changed, and a highlight travels alone as a
small script (streamlit-folium's ``feature_group``), without reloading the map.  Mirrors ``st_folium`` of
streamlit-folium 0.27.4 (pinned in requirements.txt).

streamlit-folium reports a click to the page 250 ms after it happens (its value updates are debounced, so a drag
does not send a value per frame).  A click is one event, so :data:`_CLICK_NOW` sends it at once, in the component's
own message format, and records it as the component's last value, so the debounced update 250 ms later finds nothing
new and sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st
import streamlit_folium as sf

#: Appended to the map's script (where the map is ``map_div``): report a click to Streamlit at once (see above).  It
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
    """What the component draws (script, header, html, asset links) and the problems met while building the map."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    problems: tuple[str, ...] = ()


def prepare(fmap: Any, problems: Iterable[str] = ()) -> MapFrame:
    """Render the folium map ``fmap`` once into the strings the component needs (as ``st_folium`` does on every call)."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    # The map fills the component's frame, whose height the page sets from the window's (ui/page_map.py).
    header = sf._get_header(fmap) + "<style>#map_div { height: 100vh !important; }</style>"
    map_id = sf.get_full_id(fmap)
    script = sf._get_map_string(fmap) + _CLICK_NOW
    css = [href for _, href in getattr(fmap, "default_css", [])]
    js = [src for _, src in getattr(fmap, "default_js", [])]
    return MapFrame(script=script, header=header, html=html, map_id=map_id, css_links=tuple(dict.fromkeys(css)),
                    js_links=tuple(dict.fromkeys(js)), problems=tuple(dict.fromkeys(problems)))


#: What the component returns: the latitude and longitude of the last click (what :data:`_CLICK_NOW` sends).
RETURNED_OBJECTS = ("last_clicked",)


def show(frame: MapFrame, *, key: str, height: int, overlay: str | None = None) -> dict:
    """Draw ``frame``; ``overlay`` is JavaScript run on the map without reloading it (a highlight, a zoom).

    Returns the component's value, :data:`RETURNED_OBJECTS` (``last_clicked``: the latitude and longitude of the last
    click anywhere on the map).  Only a change of those reruns the page (panning and zooming do not).
    """
    hash_key = sf.generate_js_hash(frame.script, key, False)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    value = sf._component_func(
        script=frame.script, header=frame.header, html=frame.html, id=frame.map_id, key=hash_key, height=height,
        width=None, returned_objects=list(RETURNED_OBJECTS), default=dict.fromkeys(RETURNED_OBJECTS),
        zoom=None, center=None, feature_group=overlay or None, return_on_hover=False, layer_control=None,
        pixelated=False, css_links=list(frame.css_links), js_links=list(frame.js_links), on_change=on_change,
        wrap_longitude=False)
    return value or {}
