"""The one palette of every map (screen, print layout, HTML export): each colour means one thing, colour-blind safe.

Designed as a whole, by families that stay apart for the common colour-vision deficiencies (ColorBrewer
sequential ramps, each of one hue family, are safe on their own; families differ in lightness as well as hue):

- neutrals (black to light grey): boundaries and roads (roads by darkness and width; dashed = not all-season);
- yellow-orange-brown (ColorBrewer YlOrBr): the poverty choropleth, and nothing else;
- purples (ColorBrewer Purples): programme zones I/II/III, and nothing else;
- blues (ColorBrewer Blues): the electricity grid (lines by voltage, substations), and nothing else;
- greens (ColorBrewer Greens): schools; reds: health facilities (a cross, whatever the colour vision);
- magenta (ColorBrewer PiYG's end): the flags, and nothing else: a thick outline with a symbol (road pictogram,
  lightning bolt) on screen, the same outline with hatching on paper, never a fill tint;
- cyan: the commune selected on screen.

Only one choropleth is drawn at a time (:func:`layers.registry.choropleth_theme`), so the two fill ramps never mix.
Theme modules read their colours from here; no renderer names a colour of its own.
"""

from __future__ import annotations

# --- neutrals: background and boundaries ------------------------------------------------------------------------
BACKGROUND = "#e8eef1"
PROVINCE_FILL = "#fbf8ef"
PROVINCE_LINE = "#000000"
CONTEXT_FILL = "#eeeeee"
CONTEXT_LINE = "#9a9a9a"
COMMUNE_LINE = "#555555"
DISTRICT_LINE = "#202020"
HOVER_LINE = "#000000"
LABEL_TEXT = "#222222"

# --- roads: neutrals by surface (darker = harder), width by class ----------------------------------------------
ROAD_SURFACE = {"asphalt": "#1a1a1a", "concrete": "#4d4d4d", "gravel": "#7a7a7a", "earth": "#9e9e9e"}
ROAD_UNKNOWN = "#888888"
#: The real main roads (low confidence): a wide translucent dark band under the network.
MAIN_ROAD = "#000000"

# --- choropleth themes (one at a time) --------------------------------------------------------------------------
#: ColorBrewer YlOrBr, 7 classes (fewer classes are spread over it).
POVERTY = ("#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04")
NO_DATA = "#d9d9d9"
#: ColorBrewer Purples, 3 classes (zone III: the most difficult).
ZONES = {"I": "#dadaeb", "II": "#9e9ac8", "III": "#54278f"}
ZONE_UNKNOWN = "#cccccc"

# --- electricity grid: blues by voltage --------------------------------------------------------------------------
VOLTAGE = {"voltage_500": "#08306b", "voltage_110": "#2171b5", "voltage_unknown": "#6baed6",
           "voltage_35": "#08519c", "voltage_22": "#4292c6"}
SUBSTATION = "#08306b"

# --- facilities ---------------------------------------------------------------------------------------------------
SCHOOLS = {"mam_non": "#c7e9c0", "tieu_hoc": "#74c476", "thcs": "#31a354", "thpt": "#006d2c"}
HEALTH = {"tram_y_te": "#e31a1c", "pkdk_khu_vuc": "#b10026", "benh_vien_huyen": "#800026", "benh_vien_tinh": "#4d0013"}
CENTRE = "#ffffff"
ICON_EDGE = "#222222"

# --- resettlement (Mường Nhé): suitability bands and candidate sites -------------------------------------------------
#: ColorBrewer PuBuGn, 5 classes (score bands 0–0.2 … 0.8–1.0): a teal family of its own, apart from the grid's blues
#: and the schools' greens.
SUITABILITY = ("#f6eff7", "#bdc9e1", "#67a9cf", "#1c9099", "#016c59")
#: Candidate sites: a dark purple outline (the resettlement page shows no zones).
SITE = "#7b3294"

# --- flags and selection ------------------------------------------------------------------------------------------
FLAG = "#c51b7d"
#: Hatching of a flagged commune on paper (matplotlib hatch patterns): the direction says which flag.
FLAG_HATCH = {"flag_road": "////", "flag_grid": "\\\\\\\\", "flag_both": "xxxx"}
SELECTION = "#00bcd4"
