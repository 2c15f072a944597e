"""The Programmes page runs on the 2025 units in English, and reads in the page's language: in Vietnamese no
English note of the shared data, no true/false cell; in English the notes as the shared files write
them."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest


def _programmes_page(lang: str, units: str) -> None:
    from ui.context import PageContext
    from ui.page_programmes import render

    render(PageContext(lang=lang, units=units))


def test_the_page_runs_on_the_2025_units_in_english():
    at = AppTest.from_function(_programmes_page, args=("en", "2025"), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Which programmes reach which communes, against need"
    headers = [h.value for h in at.subheader]
    assert "Need ranking" in headers and "Gaps: neediest communes covered by no programme" in headers
    assert any("no districts" in c.value for c in at.caption)  # no district filter on the 2025 units
    ranking = at.dataframe[0].value
    assert len(ranking) == 45 and ranking["Rank"].min() == 1
    # the new-rural target, measured with the real counts
    assert any("off track" in m.value for m in at.markdown)


def _shown_text(at) -> str:
    """What a reader sees in the page's tables (headings and cells), markdown and captions."""
    texts = [m.value for m in [*at.markdown, *at.caption, *at.subheader, *at.title]]
    for table in at.dataframe:
        frame = table.value
        texts.append("\n".join(map(str, frame.columns)))
        texts.extend("\n".join(str(v) for v in frame[c]) for c in frame.columns)
    return "\n".join(texts)


def test_the_page_in_vietnamese_shows_no_english_data_words_and_no_true_or_false():
    from tests.browser.test_language_browser import english_words

    at = AppTest.from_function(_programmes_page, args=("vi", "pre2025"), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    for table in at.dataframe:  # a yes/no cell is a word, not a boolean (drawn as a checkbox, read as "true")
        assert not any(str(dtype) == "bool" for dtype in table.value.dtypes), table.value.dtypes
    text = re.sub(r"https?://\S+", "", _shown_text(at))  # an address is not wording
    assert english_words(text) == []
    assert not re.search(r"\b(true|false|press|scope|later adjusted|portal)\b", text, flags=re.I)
    documents = next(t.value for t in at.dataframe if "Phạm vi / con số" in t.value.columns).set_index(
        "Văn bản"
    )
    assert documents.at["Quyết định 141/QĐ-TTg", "Phạm vi / con số"].endswith(
        "phạm vi: 10 xã của huyện Mường Nhé (tên xã trong dien_bien_commune_programme_events.csv)"
    )
    assert documents.at["Quyết định 141/QĐ-TTg", "Số lượng theo văn bản"] == "10 xã"
    assert set(next(t.value for t in at.dataframe if "Đang xét" in t.value.columns)["Đang xét"]) == {
        "có",
        "không",
    }


def test_the_page_in_english_keeps_the_data_notes_as_the_shared_files_write_them():
    from layers.programmes import load_programme_documents

    at = AppTest.from_function(_programmes_page, args=("en", "pre2025"), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    original = load_programme_documents().set_index("document")
    documents = next(t.value for t in at.dataframe if "Scope / figure" in t.value.columns).set_index(
        "Document"
    )
    assert documents.at["Quyết định 79/QĐ-TTg", "Period"] == original.at["Quyết định 79/QĐ-TTg", "period"]
    assert (
        documents.at["Quyết định 79/QĐ-TTg", "Confidence"]
        == original.at["Quyết định 79/QĐ-TTg", "confidence"]
    )
    assert documents.at["Quyết định 141/QĐ-TTg", "Count in the document"] == "10 communes"
    counts = next(t.value for t in at.dataframe if "As of" in t.value.columns)
    assert "press (VietNamNet)" in set(counts["Document"])
    assert set(next(t.value for t in at.dataframe if "Judged" in t.value.columns)["Judged"]) == {"yes", "no"}
