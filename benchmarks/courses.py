"""The synthetic courses ``make bench`` measures, generated once and kept.

A 100,000-student course takes minutes to write, so each course is kept in
``benchmarks/.cache/`` (git-ignored; ``GRADELIB_BENCH_CACHE`` names another folder) under
a name made of its size, the seed and a digest of the generator's source
(``gradelib/sample/*.py``): a change to the generator makes a new course, never a stale
one. A course is written into a temporary folder beside its
place and renamed into it, so an interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("GRADELIB_BENCH_CACHE", HERE / ".cache"))


def generator_digest() -> str:
    """The first 12 hex digits of SHA-256 over the sample generator's source files."""
    import gradelib.sample

    digest = hashlib.sha256()
    for path in sorted(Path(gradelib.sample.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def course(students: int, seed: int) -> tuple[Path, float | None]:
    """The course folder of ``students`` (generated now if not kept), and the seconds it
    took to generate (``None`` when it was kept from an earlier run)."""
    import time

    from gradelib.sample import write_sample_course

    place = CACHE / f"course-{students}-seed{seed}-{generator_digest()}"
    if (place / "roster.csv").is_file():
        return place, None
    CACHE.mkdir(exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=CACHE, prefix=".writing-") as tmp:
        folder = Path(tmp) / "course"
        write_sample_course(folder, students=students, seed=seed)
        shutil.rmtree(place, ignore_errors=True)
        folder.rename(place)
    return place, time.perf_counter() - start


def input_digest(folder: Path) -> str:
    """SHA-256 over the course's input files (name and bytes, sorted by name)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
