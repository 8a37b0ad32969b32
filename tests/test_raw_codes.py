"""A CSV table's text columns are coded once (``RawTable.distinct``) and parsed per
distinct text: the typed frame and every message are those of parsing cell by cell."""

from __future__ import annotations

import pandas as pd
import pytest

from gradelib.errors import ProblemLog
from gradelib.sheets import blanks
from gradelib.sheets.fields import Field, parse_fields
from gradelib.sheets.parsers import calendar_date, count, one_of, uniqname, uniqnames
from gradelib.sheets.tables import RawTable, raw_table

FIELDS = (
    Field("date", calendar_date, "a date"),
    Field("uniqname", uniqname, "a uniqname", parse_column=uniqnames),
    Field("status", one_of("present", "absent"), "present or absent", False, True),
    Field("points", count, "a count", False, True),
)

ROWS = [
    ["date", "uniqname", "status", "points"],
    ["2024-09-03", "ann", "", "1"],
    ["2024-09-03", " Bob ", "absent", "2"],
    ["", "", "", ""],
    ["not a day", "ann", "late", "x"],
    ["2024-09-05", "  ", "present", "1"],
    ["2024-09-05", "date", "status", "  "],
    ["2024-09-03", "bob@x", "absent", "-1"],
]


def _parsed(table: RawTable) -> tuple[pd.DataFrame | None, list]:
    log = ProblemLog()
    frame = parse_fields(table, FIELDS, log)
    return frame, [str(problem) for problem in log.problems]


@pytest.mark.parametrize("sample", [2, 50_000])
def test_coded_columns_parse_as_cells_do(monkeypatch: pytest.MonkeyPatch, sample: int) -> None:
    monkeypatch.setattr(blanks, "_SAMPLE", sample)
    grid = pd.DataFrame(ROWS, dtype=object)
    table = raw_table("attendance.csv", None, grid, ProblemLog())
    assert table is not None
    if sample > len(ROWS):
        assert set(table.distinct) == {"date", "uniqname", "status", "points"}
    for name, (codes, texts) in table.distinct.items():
        cells = table.cells[name].to_numpy(dtype=object)
        assert list(texts[codes]) == list(cells)
        assert len(set(codes.tolist())) == len(texts)
    plain = RawTable(table.file, table.sheet, table.cells, table.headers)
    coded_frame, coded_messages = _parsed(table)
    plain_frame, plain_messages = _parsed(plain)
    assert coded_messages == plain_messages
    assert coded_frame is not None and plain_frame is not None
    pd.testing.assert_frame_equal(coded_frame, plain_frame)
    assert table.cells[" row"].tolist() == [2, 3, 5, 6, 7, 8]


def test_blank_text_cells_are_none_and_without_cells_drops_codes() -> None:
    grid = pd.DataFrame([["a", "b"], [" ", "x"], ["y", ""], ["\t", "x"]], dtype=object)
    table = raw_table("t.csv", None, grid, ProblemLog())
    assert table is not None
    assert table.cells["a"].tolist() == [None, "y", None]
    codes, texts = table.distinct["b"]
    assert list(texts[codes]) == ["x", None, "x"]
    assert table.without_cells().distinct == {}
    codes, texts = table.distinct["a"]
    assert codes.tolist() == [0, 1, 2] and texts.tolist() == [None, "y", None]
