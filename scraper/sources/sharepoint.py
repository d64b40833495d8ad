"""Selectors of ITU's SharePoint pages, shared by the sources on www.itu.int that are coded."""

from __future__ import annotations

__all__ = ["BODY_SELECTORS", "DROP_SELECTORS", "TITLE_SELECTORS"]

TITLE_SELECTORS = (".ms-rtestate-field h1", "#ctl00_PlaceHolderMain_ctl00__ControlWrapper_RichHtmlField h1")
#: a page's rich-text fields are the title, a tag line and the body: the body is the one holding paragraphs
BODY_SELECTORS = (
    "#DeltaPlaceHolderMain .ms-rtestate-field:has(p, li, table)",
    ".ms-rtestate-field:has(p, li, table)",
)
#: the ribbon, the suite bar and the left navigation
DROP_SELECTORS = ("#s4-ribbonrow", "#suiteBar", ".ms-cui-topBar2", "#DeltaPlaceHolderLeftNavBar")
