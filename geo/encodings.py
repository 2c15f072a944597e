"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows): detect them in text and convert to Unicode."""

from __future__ import annotations

import unicodedata

#: TCVN3 (ABC, TCVN 5712:1993 VN3) byte -> Unicode letter.  .VnXXXH fonts draw the same bytes as capitals,
#: so converted text may come out lower-case; name matching ignores case.
_TCVN3 = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}
_TCVN3_TABLE = {code: letter for code, letter in _TCVN3.items()}

#: VNI-Windows letters written with one byte.
_VNI_LETTERS = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
}
#: VNI-Windows marks written after the vowel they modify -> Unicode combining marks.
_G, _A, _H, _T, _D, _C, _B = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0302", "\u0306"
_VNI_MARKS = {
    "ø": _G,
    "ù": _A,
    "û": _H,
    "õ": _T,
    "ï": _D,
    "â": _C,
    "à": _C + _G,
    "á": _C + _A,
    "å": _C + _H,
    "ã": _C + _T,
    "ä": _C + _D,
    "ê": _B,
    "è": _B + _G,
    "é": _B + _A,
    "ú": _B + _H,
    "ü": _B + _T,
    "ë": _B + _D,
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VOWELS = set("aeiouyAEIOUYơưƠƯ")

#: Latin-1 letters that Vietnamese written in Unicode uses; every other character in U+00A1..U+00FF betrays a
#: legacy encoding read as Windows-1252.
_VIET_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_SYMBOLS_OK = set("°±×÷§©®«»²³¹¼½¾µ·¿¡")  # symbols that ordinary text may contain


def _suspicious(text: str) -> int:
    """Count characters that do not belong in Unicode Vietnamese text."""
    count = 0
    for ch in text:
        code = ord(ch)
        if 0x80 <= code <= 0xFF and ch not in _VIET_LATIN1:
            count += 1
    return count


_TONES = set("\u0300\u0301\u0303\u0309\u0323")


def _implausible(text: str) -> int:
    """Count stray characters plus words no Vietnamese writer would type.

    Such words have two tones, or a capital inside a word.
    """
    score = _suspicious(text)
    for word in text.split():
        tones = sum(1 for ch in word if _TONES & set(unicodedata.normalize("NFD", ch)))
        inner_capital = any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))
        score += (tones > 1) + inner_capital
    return score


def _has_vietnamese_unicode(text: str) -> bool:
    return any(0x0102 <= ord(ch) <= 0x01B0 or 0x1EA0 <= ord(ch) <= 0x1EF9 for ch in text)


def decode_tcvn3(text: str) -> str:
    """Convert text that was typed in TCVN3 (ABC) and read as Windows-1252/Latin-1 into Unicode (NFC)."""
    out = []
    for ch in text:
        code = ord(ch)
        if code > 0xFF:
            try:
                code = ch.encode("cp1252")[0]
            except UnicodeEncodeError:
                out.append(ch)
                continue
        out.append(_TCVN3_TABLE.get(code, ch))
    return unicodedata.normalize("NFC", "".join(out))


def decode_vni(text: str) -> str:
    """Convert text that was typed in VNI-Windows and read as Windows-1252/Latin-1 into Unicode (NFC)."""
    out: list[str] = []
    for ch in text:
        if ch in _VNI_MARKS and out and out[-1][:1] in _VOWELS:
            out[-1] = out[-1] + _VNI_MARKS[ch]
        else:
            out.append(_VNI_LETTERS.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def detect_legacy(text: str) -> tuple[str, str]:
    """Return ``(encoding, unicode_text)`` for one piece of text.

    ``encoding`` is ``"unicode"`` when the text already reads as Vietnamese Unicode, ``"tcvn3"`` or ``"vni"``
    when that conversion leaves no stray characters, and ``"unknown"`` when the text carries stray Latin-1
    characters that neither conversion explains (the text is then returned unchanged).
    """
    text = unicodedata.normalize("NFC", str(text))
    stray = _suspicious(text)
    if stray == 0 or (_has_vietnamese_unicode(text) and stray <= 1):
        return "unicode", text
    best = ("unknown", text, _implausible(text))
    candidates = {"tcvn3": decode_tcvn3(text), "vni": decode_vni(text)}
    # On a tie, VNI wins when it actually combined marks with vowels (TCVN3 never shortens the text).
    order = ("vni", "tcvn3") if len(candidates["vni"]) < len(text) else ("tcvn3", "vni")
    for name in order:
        converted = candidates[name]
        left = _implausible(converted)
        if left < best[2]:
            best = (name, converted, left)
    if best[0] != "unknown" and best[2] == 0:
        return best[0], best[1]
    if all(ch in _SYMBOLS_OK or ord(ch) < 0x80 or ch in _VIET_LATIN1 for ch in text):
        return "unicode", text
    return "unknown", text


def utf16_codec(data: bytes) -> str | None:
    """Return ``"utf-16"`` (with a BOM), ``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 ``data``.

    Return None when ``data`` is not UTF-16 text.  Without a byte-order mark, text is taken as UTF-16 when at
    least 30 % of its first 4,096 bytes at odd (little endian) or even (big endian) positions are zero bytes:
    Latin letters and digits written in UTF-16.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4:
        return None
    pairs = len(head) // 2
    if head[1::2].count(0) >= 0.3 * pairs and head[0::2].count(0) < 0.05 * pairs:
        return "utf-16-le"
    if head[0::2].count(0) >= 0.3 * pairs and head[1::2].count(0) < 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file, trying UTF-16, UTF-8, then Windows-1258, then Windows-1252.

    UTF-16 as :func:`utf16_codec` detects it; UTF-8 with or without BOM.  Returns ``(text, codec)``.  Legacy
    TCVN3/VNI content is left for :func:`detect_legacy`, cell by cell.
    """
    utf16 = utf16_codec(data)
    if utf16 is not None:
        try:
            return unicodedata.normalize("NFC", data.decode(utf16).lstrip("\ufeff")), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in ("cp1258", "cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "cp1258" and _suspicious(unicodedata.normalize("NFC", text)) > 0:
            continue  # bytes of a legacy font encoding: keep them as Windows-1252 for the converters
        return unicodedata.normalize("NFC", text), codec
    return data.decode("latin-1"), "latin-1"
