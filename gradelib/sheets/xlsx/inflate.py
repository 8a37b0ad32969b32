"""Unpacking a workbook's parts in bounded chunks, checking each as it comes.

:func:`scan_entry` inflates one part at most :data:`~gradelib.sheets.xlsx.limits.CHUNK_BYTES`
in and :data:`~gradelib.sheets.xlsx.limits.MAX_INFLATE_BYTES` out at a time, keeps the
running total under :data:`~gradelib.sheets.xlsx.limits.MAX_UNCOMPRESSED_BYTES`, checks
the size and checksum the zip directory declares, and looks at the first bytes of each
part: a zip archive inside the workbook is refused, and the prologue of an XML part is
scanned for a document type (:func:`gradelib.sheets.xlsx.prologue.prologue_verdict`).
"""

from __future__ import annotations

import zipfile
import zlib
from typing import BinaryIO

from gradelib.sheets.xlsx.directory import ZIP_EMPTY, ZIP_LOCAL
from gradelib.sheets.xlsx.limits import (
    CHUNK_BYTES,
    MAX_INFLATE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MiB,
    Refused,
    damaged,
    too_large,
)
from gradelib.sheets.xlsx.prologue import MAX_PROLOGUE_BYTES, SAVE_AGAIN, prologue_verdict

XML_SUFFIXES = (".xml", ".rels", ".vml")
NESTED_MAGIC = (ZIP_LOCAL, ZIP_EMPTY, b"PK\x07\x08")


def scan_entry(handle: BinaryIO, entry: zipfile.ZipInfo, start: int, total: int) -> int:
    """Inflate one entry in bounded chunks, checking it as it comes; return the new total.

    The running total over all entries is checked after every chunk, so a zip directory
    that understates a part's size cannot make the guard (or the parser after it) unpack
    more than :data:`MAX_UNCOMPRESSED_BYTES`.
    """
    name = entry.filename
    is_xml = name.lower().endswith(XML_SUFFIXES)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if entry.compress_type else None
    handle.seek(start)
    left = entry.compress_size
    produced = 0
    crc = 0
    head = b""
    head_done = False
    pending = b""
    while True:
        if inflater is None:
            if left <= 0:
                break
            piece = read_packed(handle, name, left)
            left -= len(piece)
        else:
            if pending:
                data = pending
            elif left > 0:
                data = read_packed(handle, name, left)
                left -= len(data)
            elif inflater.eof:
                break
            else:
                data = b""  # drain output zlib still holds
            try:
                piece = inflater.decompress(data, MAX_INFLATE_BYTES)
            except zlib.error:
                raise Refused(damaged(name, "its packed data is corrupt")) from None
            pending = inflater.unconsumed_tail
            if inflater.eof:
                left, pending = 0, b""
            elif not data and not piece:
                break
        produced += len(piece)
        if total + produced > MAX_UNCOMPRESSED_BYTES:
            raise Refused(too_large(f"it unpacks to over {(total + produced) / MiB:,.0f} MiB"))
        if produced > entry.file_size:
            raise Refused(
                f"refused as a possible zip bomb (or a damaged file): part {name} unpacks to "
                f"more than the {entry.file_size:,} bytes its zip directory declares; "
                f"{SAVE_AGAIN}"
            )
        crc = zlib.crc32(piece, crc)
        if not head_done:
            head += piece[: MAX_PROLOGUE_BYTES + 1 - len(head)]
            head_done = check_head(name, head, is_xml, final=False)
    if inflater is not None and not inflater.eof:
        raise Refused(damaged(name, "its packed data is cut short"))
    if not head_done:
        check_head(name, head, is_xml, final=True)
    if produced != entry.file_size or crc != entry.CRC:
        raise Refused(damaged(name, "its content does not match its checksum"))
    return total + produced


def read_packed(handle: BinaryIO, name: str, left: int) -> bytes:
    """At most :data:`CHUNK_BYTES` of a part's packed data (``left`` bytes remain)."""
    chunk = handle.read(min(CHUNK_BYTES, left))
    if not chunk:
        raise Refused(damaged(name, "it is cut short"))
    return chunk


def check_head(name: str, head: bytes, is_xml: bool, *, final: bool) -> bool:
    """Check the first bytes of a part; return whether enough of it has been seen."""
    if len(head) < 4 and not final:
        return False
    if head.startswith(NESTED_MAGIC):
        raise Refused(
            f"refused as a possible zip bomb: part {name} is itself a zip archive (an "
            f"embedded file); copy the cells into a new workbook and save it as .xlsx"
        )
    if not is_xml:
        return True
    verdict = prologue_verdict(name, head, final=final or len(head) > MAX_PROLOGUE_BYTES)
    if verdict is None:
        return False
    if verdict:
        raise Refused(verdict)
    return True
