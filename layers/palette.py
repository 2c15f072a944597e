"""The one palette of every map (screen, print layout, HTML export): each colour means one thing, colour-blind
safe.

Designed as a whole, by families that stay apart for the common colour-vision deficiencies (ColorBrewer
sequential ramps, each of one hue family, are safe on their own; families differ in lightness as well as hue):

- neutrals (black to light grey): boundaries and roads (roads by darkness and width; dashed = not all-season);
- yellow-orange-brown (ColorBrewer YlOrBr): the poverty choropleth, and nothing else;
- purples (ColorBrewer Purples): programme zones I/II/III, and nothing else;
- blues (ColorBrewer Blues): the electricity grid (lines by voltage, substations), and nothing else;
- greens (ColorBrewer Greens): schools; reds: health facilities (a cross, whatever the colour vision);
- magenta (ColorBrewer PiYG's end): the flags, and nothing else: a thick outline with a symbol (road
  pictogram, lightning bolt) on screen, the same outline with hatching on paper, never a fill tint;
- cyan: the commune selected on screen (and the commune of a fact sheet on paper);
- the Access page's travel-time bands and the Scorecard page's status: ColorBrewer RdYlBu ends (blue = good,
  red = bad), safe for red-green colour blindness where the usual green/red is not; each is the only fill of
  its own map;
- on the Programmes page (which draws no zones): need quintiles in Purples, membership in green, gaps in
red/orange.

Only one choropleth is drawn at a time (:func:`layers.registry.choropleth_theme`), so the two fill ramps never
mix. Theme modules read their colours from here; no renderer names a colour of its own.
"""

from __future__ import annotations

# --- neutrals: background and boundaries
# ------------------------------------------------------------------------
BACKGROUND = "#e8eef1"
PROVINCE_FILL = "#fbf8ef"
PROVINCE_LINE = "#000000"
CONTEXT_FILL = "#eeeeee"
CONTEXT_LINE = "#9a9a9a"
COMMUNE_LINE = "#555555"
DISTRICT_LINE = "#202020"
HOVER_LINE = "#000000"
LABEL_TEXT = "#222222"

# --- roads: neutrals by surface (darker = harder), width by class
# ----------------------------------------------
ROAD_SURFACE = {"asphalt": "#1a1a1a", "concrete": "#4d4d4d", "gravel": "#7a7a7a", "earth": "#9e9e9e"}
ROAD_UNKNOWN = "#888888"
#: The real main roads (low confidence): a wide translucent dark band under the network.
MAIN_ROAD = "#000000"

# --- choropleth themes (one at a time)
# --------------------------------------------------------------------------
#: ColorBrewer YlOrBr, 7 classes (fewer classes are spread over it).
POVERTY = ("#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04")
NO_DATA = "#d9d9d9"
#: ColorBrewer Purples, 3 classes (zone III: the most difficult).
ZONES = {"I": "#dadaeb", "II": "#9e9ac8", "III": "#54278f"}
ZONE_UNKNOWN = "#cccccc"

# --- electricity grid: blues by voltage
# --------------------------------------------------------------------------
VOLTAGE = {
    "voltage_500": "#08306b",
    "voltage_110": "#2171b5",
    "voltage_unknown": "#6baed6",
    "voltage_35": "#08519c",
    "voltage_22": "#4292c6",
}
SUBSTATION = "#08306b"

# --- facilities
# ---------------------------------------------------------------------------------------------------
SCHOOLS = {"mam_non": "#c7e9c0", "tieu_hoc": "#74c476", "thcs": "#31a354", "thpt": "#006d2c"}
HEALTH = {
    "tram_y_te": "#e31a1c",
    "pkdk_khu_vuc": "#b10026",
    "benh_vien_huyen": "#800026",
    "benh_vien_tinh": "#4d0013",
}
CENTRE = "#ffffff"
ICON_EDGE = "#222222"

# --- resettlement (Mường Nhé): suitability bands and candidate sites
# -------------------------------------------------
#: ColorBrewer PuBuGn, 5 classes (score bands 0–0.2 … 0.8–1.0): a teal family of its own, apart from the
#: grid's blues and the schools' greens.
SUITABILITY = ("#f6eff7", "#bdc9e1", "#67a9cf", "#1c9099", "#016c59")
#: Candidate sites: a dark purple outline (the resettlement page shows no zones).
SITE = "#7b3294"

# --- flags and selection
# ------------------------------------------------------------------------------------------
FLAG = "#c51b7d"
#: Hatching of a flagged commune on paper (matplotlib hatch patterns): the direction says which flag.
FLAG_HATCH = {"flag_road": "////", "flag_grid": "\\\\\\\\", "flag_both": "xxxx"}
SELECTION = "#00bcd4"
#: The commune of a fact sheet: a light fill of the selection colour and a darker outline of the same hue.
SELECTION_EDGE = "#00838f"

# --- marks
# ----------------------------------------------------------------------------------------------------------
#: The "illustrative data" badge of every map and sheet (screen and paper): dark text on light amber.
ILLUSTRATIVE_FILL = "#fff3cd"
ILLUSTRATIVE_EDGE = "#b8860b"
ILLUSTRATIVE_TEXT = "#5c4400"
#: The printed extent on a print layout's inset (the inset draws nothing else in red).
EXTENT = "#d7301f"
#: The features of a file being imported, on the Import page's preview map (drawn alone there).
IMPORT_PREVIEW = "#d7191c"

# --- Access page: travel-time or population-share bands, best first (ColorBrewer RdYlBu, 5 classes)
# ---------------
ACCESS_BANDS = ("#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c")
ACCESS_NO_DATA = "#bdbdbd"

# --- Scorecard page: status of an indicator against its 2020 target (RdYlBu ends)
# ----------------------------------
#: Light enough for black text on a filled table cell (contrast 7:1 or more), on screen, in XLSX and in the
#: PDF.
STATUS = {"met": "#74add1", "on_track": "#e0f3f8", "off_track": "#f46d43", "no_data": "#d9d9d9"}

# --- Programmes page
# ------------------------------------------------------------------------------------------------
#: Need quintiles, q1 = the highest need (ColorBrewer Purples, 5 classes, darkest first).
NEED = {"q1": "#54278f", "q2": "#756bb1", "q3": "#9e9ac8", "q4": "#cbc9e2", "q5": "#f2f0f7"}
NEED_NO_SCORE = "#d9d9d9"
MEMBER = "#1a9641"
MEMBER_UNKNOWN = "#636363"
GAP = "#e31a1c"
POSSIBLE_GAP = "#ff7f00"
