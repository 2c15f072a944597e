"""Helpers that drive the app's Map page in Playwright: wait for a (new) map, reach the map's frame."""

from __future__ import annotations

MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
#: True once a map that was not marked old is drawn with its legend: a map in a new frame, or new contents in
#: the frame the page had (the app swaps a map's contents in place, ui.mapframe; ``__dbContents`` names them).
NEW_MAP = """() => {
  const f = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const w = f && f.contentWindow;
  return !!(w && w.map && w.document.querySelector('.db-legend') && Object.keys(w.map._layers).length > 5
            && (!w.__old || (w.__dbContents && w.__dbContents !== w.__oldContents)));
}"""
MARK_OLD = """() => { const f = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  if (f && f.contentWindow) {
    f.contentWindow.__old = true; f.contentWindow.__oldContents = f.contentWindow.__dbContents; } }"""


def wait_for_map(page, timeout_ms: int = 300_000):
    """The frame of the map on ``page``, once a map is drawn (a cold server on a busy machine takes
    minutes)."""
    page.wait_for_function(NEW_MAP.replace("!w.__old || ", "true || "), timeout=timeout_ms)
    element = page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms)
    return element.content_frame()


def after(page, action, *, timeout_ms: int = 120_000):
    """Do ``action`` (a widget change) and return the frame of the new map it brings."""
    page.evaluate(MARK_OLD)
    action()
    page.wait_for_function(NEW_MAP, timeout=timeout_ms)
    return page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms).content_frame()


#: True once the page is drawn and has stayed so for a second: its title is there, the script has finished
#: (the app's ``data-test-script-state``: Streamlit's status widget is not shown in this app), no placeholder
#: is left, every table has its header row and every map frame has its Leaflet map. "Stayed so" matters:
#: between a page's first run and a rerun it asks for, all of this can hold for a moment.
SETTLED = """() => {
  const calm = !!document.querySelector('[data-testid=stMain] h1')
    && document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton]')
    && [...document.querySelectorAll('[data-testid=stDataFrame]')].every(d => d.querySelector('th'))
    && [...document.querySelectorAll("iframe[title='streamlit_folium.st_folium']")].every(f => {
         const w = f.contentWindow;
         return !!(w && w.map && w.document.querySelector('.leaflet-pane')); });
  if (!calm) { window.__calmSince = undefined; return false; }
  window.__calmSince = window.__calmSince || Date.now();
  return Date.now() - window.__calmSince >= 1000;
}"""


def settle(page, timeout_ms: int = 240_000) -> None:
    """Wait until ``page`` is drawn and calm (:data:`SETTLED`): what a user sees once the page has
    finished."""
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=200)
