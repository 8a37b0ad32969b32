"""Hostile ``.xlsx`` files are refused before any XML parser runs, quickly and in little memory.

Every hostile file is made here, small on disk: a 1 GiB zip bomb (about 1 MB packed),
a "billion laughs" workbook, an external-entity (XXE) one, random bytes, an ``.xls`` file
renamed, a zip without workbook parts, and a few sneakier variants (a zip directory that
lies about sizes, overlapping parts, a DOCTYPE behind a comment or in UTF-16, ...).

1. :func:`gradelib.sheets.xlsx.guard.unsafe_workbook` names each problem in plain words,
   within :data:`SECONDS` seconds and :data:`PEAK_BYTES` of Python memory (tracemalloc
   peak), and lets honest workbooks through.
2. End to end, ``gradelib.check_course`` on the tiny course with the hostile file as
   ``rubrics.xlsx`` reports an error naming ``rubrics.xlsx`` with the guard's words. It
   runs in a child process under a time limit (and, on Linux, an address-space limit)
   because without the guard python-calamine unpacks the whole zip bomb (over 1 GiB).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builder import base_rubrics, write_course, write_xlsx

from gradelib.sheets.xlsx import guard as workbook_guard
from gradelib.sheets.xlsx.guard import unsafe_workbook

#: The guard must answer within this many seconds for every file.
SECONDS = 2.0
#: ... with a tracemalloc peak below this many bytes.
PEAK_BYTES = 64 * 1024 * 1024

MiB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
SAMPLE_RUBRICS = Path(__file__).resolve().parents[1] / "data" / "sample" / "rubrics.xlsx"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_START = f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
SHEET_END = b"</sheetData></worksheet>"


# --- building hostile files -------------------------------------------------------------


def valid_workbook(path: Path) -> Path:
    """An honest workbook: the tiny course's rubrics, written by openpyxl."""
    write_xlsx(path, base_rubrics())
    return path


def with_part(path: Path, part: str, content: bytes | Callable[[io.BufferedIOBase], None]) -> Path:
    """An honest workbook at ``path`` with ``part`` replaced (or added), packed at level 9.

    ``content`` is the part's bytes, or a function that streams them into the open part,
    so that a gigabyte part never sits in memory.
    """
    honest = valid_workbook(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(honest)) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts:
            if name != part:
                target.writestr(name, data)
        with target.open(part, "w", force_zip64=True) as stream:
            if isinstance(content, bytes):
                stream.write(content)
            else:
                content(stream)
    return path


def spaces_sheet(size: int) -> Callable[[io.BufferedIOBase], None]:
    """A sheet of ``size`` bytes of spaces between its tags, written 1 MiB at a time."""

    def write(stream: io.BufferedIOBase) -> None:
        stream.write(XML_DECLARATION + SHEET_START)
        block = b" " * MiB
        for _ in range(size // MiB):
            stream.write(block)
        stream.write(SHEET_END)

    return write


def zip_bomb(path: Path) -> Path:
    """A real workbook whose first sheet unpacks to 1 GiB of spaces (about 1 MB packed)."""
    return with_part(path, SHEET, spaces_sheet(1024 * MiB))


def billion_laughs(path: Path) -> Path:
    """A workbook whose sheet defines ten levels of entities, each ten of the one below."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    sheet = (
        XML_DECLARATION
        + f"<!DOCTYPE worksheet [\n{chr(10).join(entities)}\n]>\n".encode()
        + SHEET_START
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + SHEET_END
    )
    return with_part(path, SHEET, sheet)


def external_entity(path: Path) -> Path:
    """A workbook whose sheet pulls in /etc/passwd through an external entity (XXE)."""
    sheet = (
        XML_DECLARATION
        + b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + SHEET_START
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        + SHEET_END
    )
    return with_part(path, SHEET, sheet)


def random_bytes(path: Path) -> Path:
    path.write_bytes(bytes((n * 151 + 17) % 256 for n in range(4096)) + os.urandom(4096))
    return path


def xls_renamed(path: Path) -> Path:
    """The OLE2 signature of an Excel 97-2003 file, then junk."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\x3e\x00\x03\x00\xfe\xff" * 600)
    return path


def plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "grades for fall\n")
        archive.writestr("scores.csv", "group,score\ng1,90\n")
    return path


def html_renamed(path: Path) -> Path:
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>g1</td></tr></table></body></html>")
    return path


def csv_renamed(path: Path) -> Path:
    path.write_text("group,grader,score\nmax,,10\ng1,insujang,8\n", encoding="utf-8")
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated(path: Path) -> Path:
    """An honest workbook cut in half, as by an interrupted download."""
    data = valid_workbook(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def doctype_after_comment(path: Path) -> Path:
    sheet = (
        XML_DECLARATION
        + b"<!-- " + b"x" * 5000 + b" <worksheet> -->\n"
        + b'<!DOCTYPE worksheet [<!ENTITY a "b">]>'
        + SHEET_START + SHEET_END
    )  # fmt: skip
    return with_part(path, SHEET, sheet)


def long_prologue(path: Path) -> Path:
    """A comment longer than the scanned prologue before the root element."""
    comment = b"<!-- " + b"x" * (workbook_guard.MAX_PROLOGUE_BYTES + 1) + b" -->"
    return with_part(path, SHEET, XML_DECLARATION + comment + SHEET_START + SHEET_END)


def doctype_in_utf16(path: Path) -> Path:
    sheet = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE worksheet [<!ENTITY a "b">]>'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData></sheetData></worksheet>'
    )
    return with_part(path, SHEET, sheet.encode("utf-16"))


def ratio_bomb(path: Path) -> Path:
    """16 MiB of spaces: under the total bound, but packed over 1000 times."""
    return with_part(path, SHEET, spaces_sheet(16 * MiB))


def patch_directory(path: Path, part: str, offset: int, fmt: str, value: int) -> None:
    """Overwrite one field of ``part``'s record in the zip central directory."""
    data = bytearray(path.read_bytes())
    record = data.rfind(b"PK\x01\x02", 0, data.rfind(part.encode()))
    struct.pack_into(fmt, data, record + offset, value)
    path.write_bytes(bytes(data))


def lying_directory(path: Path) -> Path:
    """A sheet of 8 MiB whose zip directory says 1,024 bytes (no ratio check then)."""
    with_part(path, SHEET, spaces_sheet(8 * MiB))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size < 0xFFFFFFFF
    patch_directory(path, SHEET, 24, "<L", 1024)  # uncompressed size
    return path


def encrypted_part(path: Path) -> Path:
    valid_workbook(path)
    patch_directory(path, SHEET, 8, "<H", 0x1)  # general purpose flag: encrypted
    return path


def overlapping_parts(path: Path) -> Path:
    """A second directory record pointing at the first sheet's data (Fifield's trick)."""
    data = bytearray(valid_workbook(path).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    entries, size, start = struct.unpack_from("<HLL", data, end + 10)
    at = start
    while at < start + size:
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, at + 28)
        record_end = at + 46 + name_length + extra_length + comment_length
        if data[at + 46 : at + 46 + name_length] == SHEET.encode():
            copy = data[at:record_end].replace(SHEET.encode(), b"xl/worksheets/sheet9.xml")
            break
        at = record_end
    directory = data[start : start + size] + copy
    tail = data[end:]
    struct.pack_into("<HHL", tail, 8, entries + 1, entries + 1, len(directory))
    path.write_bytes(bytes(data[:start] + directory + tail))
    return path


def too_many_parts(path: Path) -> Path:
    valid_workbook(path)
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(workbook_guard.MAX_ENTRIES):
            archive.writestr(f"x/{number}", b"")
    return path


def nested_zip(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.txt", "a")
    return with_part(path, "xl/embeddings/inner.zip", inner.getvalue())


def xlsb_renamed(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


# --- honest variants that must pass -------------------------------------------------------


def stored_workbook(path: Path) -> Path:
    """The honest workbook re-packed without compression."""
    data = valid_workbook(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return path


def commented_prologue(path: Path) -> Path:
    """A UTF-8 BOM, an XML declaration and a comment before the root element."""
    with zipfile.ZipFile(valid_workbook(path.with_suffix(".honest.xlsx"))) as archive:
        body = archive.read(SHEET)
    if body.startswith(b"<?xml"):
        end = body.index(b"?>") + 2
        body = body[:end] + b"\n<!-- made by hand -->\n" + body[end:]
    else:
        body = XML_DECLARATION + b"<!-- made by hand -->\n" + body
    sheet = b"\xef\xbb\xbf" + body
    return with_part(path, SHEET, sheet)


def sample_rubrics(path: Path) -> Path:
    shutil.copyfile(SAMPLE_RUBRICS, path)
    return path


# --- the cases ----------------------------------------------------------------------------

#: name -> (builder, words the reason must contain). The first six are the issue's files.
HOSTILE: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "zip-bomb": (zip_bomb, ("zip bomb", "1,024 MiB", "200 MiB allowed")),
    "billion-laughs": (billion_laughs, ("document type", "billion laughs")),
    "external-entity": (external_entity, ("document type", "external entity")),
    "random-bytes": (random_bytes, ("not an .xlsx workbook", "not a zip archive")),
    "xls-renamed": (xls_renamed, ("old Excel .xls file renamed to .xlsx", "save as .xlsx")),
    "plain-zip": (plain_zip, ("not an Excel workbook", "xl/workbook.xml")),
    "html-renamed": (html_renamed, ("not an .xlsx workbook", "web page (HTML)")),
    "csv-renamed": (csv_renamed, ("text file (perhaps CSV)", "rename it to .csv")),
    "empty": (empty_file, ("empty (0 bytes)",)),
    "truncated": (truncated, ("damaged", "completely copied or downloaded")),
    "doctype-after-comment": (doctype_after_comment, ("document type", "<!DOCTYPE")),
    "doctype-in-utf16": (doctype_in_utf16, ("document type",)),
    "long-prologue": (long_prologue, ("no XML root element", "unusually long prologue")),
    "ratio-bomb": (ratio_bomb, ("zip bomb", "times larger", "200 times allowed")),
    "lying-directory": (lying_directory, ("zip bomb", "more than the 1,024 bytes")),
    "encrypted-part": (encrypted_part, ("encrypted", "remove the password")),
    "overlapping-parts": (overlapping_parts, ("zip bomb", "overlap")),
    "too-many-parts": (too_many_parts, ("zip bomb", "more than the 10,000 allowed")),
    "nested-zip": (nested_zip, ("zip bomb", "xl/embeddings/inner.zip", "itself a zip")),
    "xlsb-renamed": (xlsb_renamed, ("binary Excel workbook (.xlsb)",)),
}
#: The issue's hostile files, also checked end to end.
ISSUE_FILES = (
    "zip-bomb",
    "billion-laughs",
    "external-entity",
    "random-bytes",
    "xls-renamed",
    "plain-zip",
)

HONEST: dict[str, Callable[[Path], Path]] = {
    "openpyxl": valid_workbook,
    "stored": stored_workbook,
    "commented-prologue": commented_prologue,
    "sample-course": sample_rubrics,
}


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every hostile file, made once (the zip bomb takes about two seconds to pack)."""
    folder = tmp_path_factory.mktemp("hostile")
    return {name: build(folder / f"{name}.xlsx") for name, (build, _) in HOSTILE.items()}


def guarded(path: Path) -> tuple[str | None, float, int]:
    """The guard's answer for ``path``, its time in seconds and its tracemalloc peak."""
    unsafe_workbook(path)  # warm up: imports and caches are not the file's doing
    tracemalloc.start()
    try:
        start = time.perf_counter()
        reason = unsafe_workbook(path)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return reason, seconds, peak


def test_the_hostile_files_stay_small_on_disk(hostile_files: dict[str, Path]) -> None:
    assert all(path.stat().st_size < 2 * MiB for path in hostile_files.values())
    with zipfile.ZipFile(hostile_files["zip-bomb"]) as archive:
        assert archive.getinfo(SHEET).file_size > 1024 * MiB


@pytest.mark.parametrize("name", HOSTILE)
def test_guard_refuses_quickly_in_bounded_memory(name: str, hostile_files: dict[str, Path]) -> None:
    reason, seconds, peak = guarded(hostile_files[name])
    assert reason is not None, f"{name} was let through"
    for words in HOSTILE[name][1]:
        assert words in reason
    assert seconds < SECONDS, f"{name}: {seconds:.2f} s"
    assert peak < PEAK_BYTES, f"{name}: peak {peak / MiB:.1f} MiB"


@pytest.mark.parametrize("name", HONEST)
def test_guard_lets_honest_workbooks_through(name: str, tmp_path: Path) -> None:
    path = HONEST[name](tmp_path / f"{name}.xlsx")
    reason, seconds, peak = guarded(path)
    assert reason is None
    assert seconds < SECONDS
    assert peak < PEAK_BYTES


def test_guard_never_raises_on_damaged_workbooks(tmp_path: Path) -> None:
    """Bytes changed at random, or the file cut short: always an answer, never an exception."""
    honest = valid_workbook(tmp_path / "honest.xlsx").read_bytes()
    chance = random.Random(585)
    path = tmp_path / "damaged.xlsx"
    for _ in range(300):
        data = bytearray(honest)
        for _ in range(chance.randint(1, 8)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        if chance.random() < 0.2:
            data = data[: chance.randrange(len(data))]
        path.write_bytes(bytes(data))
        reason = unsafe_workbook(path)
        assert reason is None or isinstance(reason, str)


def test_guard_reports_a_file_it_cannot_read(tmp_path: Path) -> None:
    assert unsafe_workbook(tmp_path / "missing.xlsx").startswith("the file cannot be read")


# --- end to end -----------------------------------------------------------------------------

#: Runs ``check_course`` in a child process and prints its problems as JSON. On Linux the
#: child's address space is limited to what the imports took plus 512 MiB, so a parser
#: that unpacks a bomb dies there instead of swelling the test run.
CHILD = """
import json, sys, time
import gradelib, pandas, python_calamine
try:
    import resource
    status = open("/proc/self/status").read()
    size = int(status.split("VmSize:")[1].split()[0]) * 1024
    limit = size + 512 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except (ImportError, OSError, IndexError, ValueError):
    pass
start = time.perf_counter()
course, problems = gradelib.check_course(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "course": course is not None,
    "problems": [[str(p.severity), p.file, p.message] for p in problems],
}))
"""


@pytest.mark.parametrize("name", ISSUE_FILES)
def test_check_course_names_a_hostile_rubrics_file(
    name: str, hostile_files: dict[str, Path], tmp_path: Path
) -> None:
    folder = write_course(tmp_path / "course")
    shutil.copyfile(hostile_files[name], folder / "rubrics.xlsx")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, (
        f"check_course did not finish (exit {result.returncode}); is unsafe_workbook "
        f"called at the top of read_workbook_cells?\n{result.stderr[-2000:]}"
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert not report["course"]
    rubrics = [message for severity, file, message in report["problems"] if file == "rubrics.xlsx"]
    assert rubrics, report["problems"]
    assert any(all(words in message for words in HOSTILE[name][1]) for message in rubrics), rubrics
    assert report["seconds"] < 10 * SECONDS
