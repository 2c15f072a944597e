"""Every page in Vietnamese, in headless Chromium: no English word of the interface on screen (data values
aside), the upload widget in Vietnamese, the import preview with named columns; a screenshot of each page
at two sizes."""

from __future__ import annotations

import re

import pytest

from tests.browser.pages import settle

#: Common English words of an interface; none is a Vietnamese word without its diacritics.
ENGLISH = set(
    """
the and of with from for this that these your you are was were will not has have been which when what where
who file files upload browse drag drop limit per none null nan true false yes source sources data download
downloads table tables map maps layer layers year years survey district districts commune communes province
choose select press click please loading running error errors warning settings language declared user
generated illustrative unknown public licence license vintage decision statistics contributors boundary
boundaries road roads grid school schools health village villages target targets status level measured method
minutes season dry rainy access travel time distance share households population poverty rate export print
page pages version versions imported restore project new note value values name names code kind option options
""".split()
)

#: Words that are data on these pages, not interface text: product, layer and licence names, place names typed
#: without diacritics by the sources, units.
DATA_WORDS = {
    "leaflet",
    "openstreetmap",
    "osm",
    "odbl",
    "mit",
    "cc",
    "by",
    "sa",
    "gso",
    "csv",
    "xlsx",
    "xls",
    "gpkg",
    "geojson",
    "json",
    "zip",
    "kml",
    "kmz",
    "pbf",
    "tif",
    "tiff",
    "txt",
    "pdf",
    "png",
    "html",
    "epsg",
    "utm",
    "wgs",
    "km",
    "mb",
    "mib",
    "kb",
    "legocity",
    "giaothong",
    "dvhcvn",
    "censusvn",
    "choisy",
    "qgis",
    "geotiff",
    "geopackage",
    "shapefile",
    "mapinfo",
    "vn",
    "tm",
    "kl",
    "tu",
    "ubnd",
    "ppc",
    "ms",
    "gis",
    "chinhphu",
}

PAGES = ["", "flags", "access", "scorecard", "programmes", "resettlement", "export", "import", "about"]
SIZES = [(1440, 900), (1366, 768)]


#: Lines that are bilingual on purpose: the language switch, so that a reader of either finds it, and the
#: illustrative mark every map carries in both languages (a map may be shown or printed for readers of
#: either); plus Streamlit's <noscript> line, which a browser running the app never shows.
BILINGUAL = {
    "Ngôn ngữ / Language",
    "English",
    "Dữ liệu minh họa / Illustrative data",
    "You need to enable JavaScript to run this app.",
}


def _visible_text(page) -> str:
    # icons are ligatures of a font ("download", "map"): names of pictures, not words on screen
    page.evaluate(
        "() => document.querySelectorAll('span, i').forEach(e => { if "
        "(/Material/.test(getComputedStyle(e).fontFamily)) e.remove(); })"
    )
    texts = [
        page.locator("[data-testid=stMain]").inner_text(),
        page.locator("[data-testid=stSidebar]").inner_text(),
    ]
    for frame in page.frames[1:]:  # the maps' iframes: layer list, legend, badges
        try:
            texts.append(frame.evaluate("() => document.body ? document.body.innerText : ''"))
        except Exception:  # noqa: BLE001 - a frame that went away with a rerun
            continue
    # the upload widget draws its text with CSS ::after, which innerText does not hold: read what is drawn
    # tables are drawn on a canvas: their cells are read from the grid's accessible copy
    texts.append(
        page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stDataFrame] th, [data-testid=stDataFrame] "
            "td')].map(c => c.textContent).join('\\n')"
        )
    )
    drawn = "[data-testid=stFileUploaderDropzone] button, [data-testid=stFileUploaderDropzoneInstructions]"
    texts.append(
        page.evaluate(
            "(sel) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e, "
            "'::after').content).filter(c => c !== 'none').join(' ')",
            drawn,
        )
    )
    return "\n".join(texts)


def english_words(text: str) -> list[str]:
    """The English interface words in ``text``, each with the line it stands in."""
    found = []
    for line in text.splitlines():
        if line.strip() in BILINGUAL:
            continue
        for word in re.findall(r"(?<![\w.@/])[A-Za-z]+(?![\w/])", line):
            lower = word.lower()
            if lower in ENGLISH and lower not in DATA_WORDS:
                found.append(f"{word!r} in {line.strip()[:140]!r}")
    return found


def test_the_word_check_finds_english_and_passes_vietnamese():
    assert english_words("Tải bảng (CSV)\nMã xã (TCTK)\nLeaflet | © OpenStreetMap") == []
    # browse files per file none
    assert len(english_words("Browse files\n200MB per file\ngso_code None")) == 5
    assert english_words("as declared by the user")
    # Streamlit's own placeholder of an empty select box (every select box in ui/ sets its own instead)
    assert len(english_words("Choose an option\nChoose options")) == 4  # choose option choose options


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_page_in_vietnamese_has_no_english_words(browser, app_url, artifacts, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = {}
    for path in PAGES:
        page.goto(f"{app_url}/{path}")
        settle(page)
        # a table with a missing value: the preview names its columns and shows no "None"
        if path == "import":
            data = b"gso_code,year,households,poor_hh_rate_pct\n03124,2020,1000,12.5\n03127,2020,,\n"
            page.locator("input[type=file]").set_input_files(
                files=[{"name": "khao_sat.csv", "mimeType": "text/csv", "buffer": data}]
            )
            page.get_by_text("Tỷ lệ hộ nghèo (%)").first.wait_for(state="attached", timeout=120_000)
            settle(page)
        page.screenshot(path=str(artifacts / f"vi_{path or 'map'}_{width}x{height}.png"), full_page=True)
        text = _visible_text(page)
        assert "Tải" in text or "Nguồn" in text or "Bản đồ" in text, path  # the page is there, in Vietnamese
        found = english_words(text)
        if found:
            problems[path or "map"] = found
    page.close()
    assert problems == {}
