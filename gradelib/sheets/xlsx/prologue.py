"""Scanning the prologue of an XML part for a document type declaration, as text.

The prologue is what comes before the root element. A ``<!DOCTYPE`` (which holds any
``<!ENTITY``) can only stand there, so refusing one needs no XML parser: the door to
entity expansion ("billion laughs") and external entities stays shut before any parser
runs. Used by :mod:`gradelib.sheets.xlsx.guard` on every XML part of a workbook.
"""

from __future__ import annotations

#: Longest XML prologue (the bytes before the root element) scanned for a document type
#: declaration (bytes). Excel writes about 60; a longer prologue is refused.
MAX_PROLOGUE_BYTES = 16 * 1024

#: What a GSI can do about a refused workbook.
SAVE_AGAIN = "open it in Excel or LibreOffice and save it again as .xlsx"


def prologue_verdict(name: str, head: bytes, *, final: bool) -> str | None:
    """Scan an XML part's prologue: ``""`` when clean, a reason when not, ``None`` for more.

    The prologue is everything before the root element: an XML declaration, comments,
    processing instructions and whitespace. A ``<!DOCTYPE`` (which holds any
    ``<!ENTITY``) can only appear there; any ``<!`` other than a comment is refused.
    """
    text = decode_head(head)
    if text is None:
        return None if not final else ""
    at = 0
    while True:
        while at < len(text) and text[at] in " \t\r\n\ufeff":
            at += 1
        rest = text[at:]
        if not rest or (len(rest) < 9 and not final):
            break
        if rest.startswith("<?"):
            end = text.find("?>", at + 2)
            if end < 0:
                break
            at = end + 2
        elif rest.startswith("<!--"):
            end = text.find("-->", at + 4)
            if end < 0:
                break
            at = end + 3
        elif rest.startswith("<!"):
            return (
                f"refused: part {name} declares an XML document type ({rest[:9]}...), which can "
                "define entities that expand to gigabytes (billion laughs) or read other "
                f"files (external entity); Excel never writes one; {SAVE_AGAIN}"
            )
        else:
            return ""
    if not final:
        return None
    if len(head) > MAX_PROLOGUE_BYTES:
        return (
            f"refused: part {name} has no XML root element in its first "
            f"{MAX_PROLOGUE_BYTES:,} bytes (an unusually long prologue); {SAVE_AGAIN}"
        )
    return ""


def decode_head(head: bytes) -> str | None:
    """The first bytes of an XML part as text, honouring a UTF-16 or UTF-32 encoding."""
    if head.startswith((b"\x00\x00\xfe\xff", b"\x00\x00\x00<")):
        codec = "utf-32-be"
    elif head.startswith((b"\xff\xfe\x00\x00", b"<\x00\x00\x00")):
        codec = "utf-32-le"
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        codec = "utf-16-be"
    elif head.startswith((b"\xff\xfe", b"<\x00")):
        codec = "utf-16-le"
    else:
        codec = "utf-8"
    if len(head) < 4:
        return None
    return head.decode(codec, errors="ignore")
