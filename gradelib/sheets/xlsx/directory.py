"""The zip directory of a workbook, checked before any part is unpacked.

Only the end records and the local headers are read: a directory too large to list, the
sizes, methods and flags it declares, and parts that run past the file's end or overlap
are refused (:class:`~gradelib.sheets.xlsx.limits.Refused`) before
:mod:`gradelib.sheets.xlsx.inflate` unpacks anything.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

from gradelib.sheets.xlsx.limits import (
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_MIN_BYTES,
    MiB,
    Refused,
    damaged,
    too_large,
)
from gradelib.sheets.xlsx.prologue import SAVE_AGAIN

ZIP_LOCAL = b"PK\x03\x04"
ZIP_EMPTY = b"PK\x05\x06"
EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def check_directory_size(handle: BinaryIO, size: int) -> None:
    """Refuse a zip directory too large to list, reading only the end records."""
    tail_size = min(size, EOCD.size + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + EOCD.size > len(tail):
        raise Refused(
            "the file is damaged: it starts like an .xlsx but has no zip directory at its end; "
            "perhaps it was not completely copied or downloaded"
        )
    fields = EOCD.unpack_from(tail, at)
    count, directory = fields[4], fields[5]
    locator_at = at - ZIP64_LOCATOR.size
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
        offset = ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
        handle.seek(min(offset, size))
        record = handle.read(ZIP64_EOCD.size)
        if len(record) == ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
            zip64 = ZIP64_EOCD.unpack(record)
            count, directory = zip64[7], zip64[8]
    if count > MAX_ENTRIES:
        raise Refused(
            f"refused as a possible zip bomb: its zip directory lists {count:,} parts, more "
            f"than the {MAX_ENTRIES:,} allowed; {SAVE_AGAIN}"
        )
    if directory > MAX_CENTRAL_DIRECTORY_BYTES:
        raise Refused(
            f"refused as a possible zip bomb: its zip directory takes {directory / MiB:,.1f} "
            f"MiB, more than the {MAX_CENTRAL_DIRECTORY_BYTES // MiB} MiB allowed; "
            f"{SAVE_AGAIN}"
        )


def check_declared(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse on the sizes, methods and flags the zip directory declares."""
    total = 0
    for entry in entries:
        name = entry.filename
        if entry.flag_bits & 0x1:
            raise Refused(
                f"part {name} is encrypted; remove the password in Excel and save again as .xlsx"
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(
                f"part {name} is packed with an unusual zip method (number "
                f"{entry.compress_type}); {SAVE_AGAIN}"
            )
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise Refused(too_large(f"its parts declare over {total / MiB:,.0f} MiB"))
        if entry.file_size > RATIO_MIN_BYTES:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > MAX_RATIO:
                raise Refused(
                    f"refused as a possible zip bomb: part {name} unpacks {ratio:,.0f} times "
                    f"larger than it is packed ({entry.file_size / MiB:,.0f} MiB), more than "
                    f"the {MAX_RATIO} times allowed; {SAVE_AGAIN}"
                )


def check_layout(
    handle: BinaryIO, entries: list[zipfile.ZipInfo], size: int
) -> list[tuple[zipfile.ZipInfo, int]]:
    """Each entry with the file offset of its packed data; refuse overlapping entries."""
    spans = []
    for entry in sorted(entries, key=lambda item: item.header_offset):
        handle.seek(entry.header_offset)
        header = handle.read(LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size or header[:4] != ZIP_LOCAL:
            raise Refused(damaged(entry.filename, "its header is missing"))
        name_length, extra_length = LOCAL_HEADER.unpack(header)[-2:]
        start = entry.header_offset + LOCAL_HEADER.size + name_length + extra_length
        if start + entry.compress_size > size:
            raise Refused(damaged(entry.filename, "it runs past the end of the file"))
        if spans:
            previous, previous_start = spans[-1]
            if entry.header_offset < previous_start + previous.compress_size:
                raise Refused(
                    f"refused as a possible zip bomb: parts {previous.filename} and "
                    f"{entry.filename} overlap in the file; {SAVE_AGAIN}"
                )
        spans.append((entry, start))
    return spans
