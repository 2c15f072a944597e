"""ui.page_access: the weakest link of a route is named in the page language (road class and surface
translated)."""

from __future__ import annotations

import re

import pytest

from geo.messages import MESSAGES as STRINGS

CLASSES = {
    lang: [v[i] for k, v in STRINGS.items() if k.startswith("class_")] for i, lang in enumerate(("vi", "en"))
}
SURFACES = {
    lang: [v[i] for k, v in STRINGS.items() if k.startswith("surface_")]
    for i, lang in enumerate(("vi", "en"))
}


def _link_pattern(lang: str) -> re.Pattern:
    classes = "|".join(map(re.escape, CLASSES[lang]))
    surfaces = "|".join(map(re.escape, SURFACES[lang]))
    return re.compile(rf"\S+ \(({classes}), ({surfaces})\)")


@pytest.fixture(scope="module")
def dry_run():
    from workflows.access import run_access

    return run_access("pre2025", season="dry")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_names_weakest_link_class_and_surface_in_the_page_language(dry_run, lang):
    from ui.context import PageContext
    from ui.page_access import access_display_table

    table = access_display_table(PageContext(lang=lang), dry_run, None, "district_centre")
    links = table["Đoạn yếu nhất" if lang == "vi" else "Weakest link"]
    shown = links[links != ""]
    assert len(shown) >= 5  # the embedded network has communes without an all-season route
    pattern = _link_pattern(lang)
    assert shown.map(lambda text: bool(pattern.fullmatch(text))).all(), (
        shown[~shown.map(lambda s: bool(pattern.fullmatch(s)))].head().tolist()
    )


def test_map_detail_names_weakest_link_in_vietnamese(monkeypatch):
    from streamlit.testing.v1 import AppTest

    import layers.access_map
    from ui import page_access

    seen = {}
    build = page_access.build_access_map

    def spy(communes, values, **kwargs):
        seen["detail"] = values["detail"].tolist()
        return build(communes, values, **kwargs)

    monkeypatch.setattr(page_access, "build_access_map", spy)
    assert layers.access_map.build_access_map is build  # the page's own name is the one replaced

    def page() -> None:
        from ui import page_access
        from ui.context import PageContext

        page_access.render(PageContext(lang="vi"))

    at = AppTest.from_function(page, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    details = [d for d in seen["detail"] if d]
    assert details
    pattern = re.compile(r"đoạn yếu nhất: " + _link_pattern("vi").pattern)
    assert all(pattern.fullmatch(d) for d in details), details[:3]
