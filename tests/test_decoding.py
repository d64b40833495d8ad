"""Bytes to text: BOM, HTTP charset, <meta>, then detection, for the charsets Belarusian sites serve."""

from __future__ import annotations

import codecs

import pytest

from scraper.decoding import decode_html

RU = "Министерство связи и информатизации Республики Беларусь сообщает о развитии сетей пятого поколения."
BE = "Міністэрства сувязі і інфарматызацыі Рэспублікі Беларусь паведамляе пра развіццё сетак пятага пакалення."


@pytest.mark.parametrize(
    ("text", "codec"),
    # koi8-r has no Belarusian і and ў: Belarusian pages come in windows-1251 or UTF-8
    [(RU, "cp1251"), (RU, "koi8-r"), (RU, "utf-8"), (BE, "cp1251"), (BE, "utf-8")],
)
def test_undeclared_charsets_are_detected(text: str, codec: str) -> None:
    page = f"<html><body><p>{text}</p></body></html>".encode(codec)
    decoded, _ = decode_html(page, "text/html")
    assert text in decoded


def test_http_charset_wins_over_meta() -> None:
    page = f'<meta charset="utf-8"><p>{RU}</p>'.encode("cp1251")
    assert RU in decode_html(page, "text/html; charset=windows-1251")[0]


def test_meta_http_equiv_declaration() -> None:
    page = f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>{BE}</p>'.encode("cp1251")
    decoded, codec = decode_html(page, "text/html")
    assert BE in decoded and codec == "cp1251"


def test_bom_is_obeyed_and_removed() -> None:
    decoded, codec = decode_html(codecs.BOM_UTF8 + RU.encode("utf-8"), "text/html; charset=windows-1251")
    assert decoded == RU and codec == "utf-8"


def test_a_lying_declaration_falls_back_to_detection() -> None:
    page = f'<meta charset="utf-8"><p>{RU}</p>'.encode("cp1251")
    assert RU in decode_html(page, None)[0]
