"""Nothing lost: sources are never written, and a write killed midway leaves a whole file.

- Every command is run on a course folder whose files are hashed before and after.
- ``write_atomically`` is killed (SIGKILL) at ten different moments while replacing a
  file; each time the file is either exactly the old content or exactly the new one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builder import fingerprint, gradelib_in_process, write_course

ROOT = Path(__file__).resolve().parent.parent


def gradelib_command(*args: str) -> subprocess.CompletedProcess[str]:
    """``gradelib ARGS`` in this process (``gradelib.cli.main``); tests/test_cli.py and
    tests/test_bad_inputs.py run the real entry points as processes."""
    return gradelib_in_process(*args)


def test_no_command_writes_a_source_file(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course", overrides=[["dave", "summary", "excused", "x"]])
    before = fingerprint(folder)
    out = tmp_path / "exports" / "import.csv"
    commands = [
        ("check", str(folder)),
        ("grade", str(folder)),
        ("grade", str(folder), "--csv", "--notes"),
        ("export", str(folder), "--out", str(out)),
        ("export", str(folder), "--out", str(out)),  # refused: exists
        ("canvas-check", str(out)),
        ("canvas-check", str(folder / "roster.csv")),
        ("sample", str(folder)),  # refused: not empty
    ]
    statuses = [gradelib_command(*command).returncode for command in commands]
    assert statuses == [0, 0, 0, 0, 1, 0, 0, 1]  # Canvas takes its own export back
    assert fingerprint(folder) == before


def test_export_into_the_course_folder_only_adds_out(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course")
    before = fingerprint(folder)
    assert gradelib_command("export", str(folder)).returncode == 0
    after = fingerprint(folder)
    added = sorted(set(after) - set(before))
    assert {k: after[k] for k in before} == before
    assert len(added) == 2 and all(name.startswith("out/canvas-import-") for name in added)


WRITER = """
import sys
from pathlib import Path
from gradelib.files import write_atomically

target, size = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
while True:  # replace the file again and again until killed
    write_atomically(target, b"N" * size)
"""


@pytest.mark.parametrize("delay", [0.01 * n for n in range(10)])
def test_a_write_killed_midway_leaves_old_or_new(tmp_path: Path, delay: float) -> None:
    target = tmp_path / "export.csv"
    old, size = b"O" * 5_000_000, 5_000_000
    target.write_bytes(old)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(size)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    content = target.read_bytes()
    assert content in (old, b"N" * size), f"torn file of {len(content)} bytes"
