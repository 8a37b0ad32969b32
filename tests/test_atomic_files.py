"""``files.atomic_files``: many files written with one flush, all or none (issue 18)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from gradelib.errors import ExportError
from gradelib.files import atomic_files


def test_every_file_is_written_whole_and_private(tmp_path: Path) -> None:
    old = tmp_path / "b.html"
    old.write_bytes(b"old")
    with atomic_files() as write:
        write(tmp_path / "a.html", b"first")
        write(old, b"second")
        # Nothing is in place until the block ends: the old file still reads "old".
        assert not (tmp_path / "a.html").exists() and old.read_bytes() == b"old"
    assert (tmp_path / "a.html").read_bytes() == b"first" and old.read_bytes() == b"second"
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]  # no .tmp left


def test_a_failure_leaves_the_targets_as_they_were(tmp_path: Path) -> None:
    old = tmp_path / "b.html"
    old.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_files() as write:
        write(tmp_path / "a.html", b"first")
        write(old, b"second")
        raise RuntimeError("rendering failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html"]
    assert old.read_bytes() == b"old"


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.html").mkdir()
    with pytest.raises(ExportError, match="is a folder"), atomic_files() as write:
        write(tmp_path / "a.html", b"first")
