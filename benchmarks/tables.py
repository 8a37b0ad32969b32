"""The tables ``make bench`` prints, and the issue's targets they are held against."""

from __future__ import annotations

import itertools
from typing import Any

#: Issue 18's targets: the whole process within this many times the read floor, by size
#: (sizes between are held to the next larger size's target), and peak memory within 1.5x.
TIME_TARGETS = {2000: 1.6, 100_000: 2.5}
MEMORY_TARGET = 1.5

PROCESS_COLUMNS: dict[str, tuple[str, str]] = {
    "students": ("size", "{:>7d}"),
    "floor_s": ("floor s", "{:>7.2f}"),
    "check_s": ("check s", "{:>7.2f}"),
    "export_s": ("export s", "{:>8.2f}"),
    "check_x": ("check/floor", "{:>11.2f}"),
    "export_x": ("export/floor", "{:>12.2f}"),
    "time_target": ("target", "{:>6.1f}"),
    "floor_mib": ("floor MiB", "{:>9.0f}"),
    "check_mib": ("check MiB", "{:>9.0f}"),
    "export_mib": ("export MiB", "{:>10.0f}"),
    "check_mem_x": ("check mem", "{:>9.2f}"),
    "export_mem_x": ("export mem", "{:>10.2f}"),
    "met": ("met", "{:>3}"),
}
SAME_COLUMNS: dict[str, tuple[str, str]] = {
    "students": ("size", "{:>7d}"),
    "canvas": ("Canvas import file", "{:>18}"),
    "grades": ("grades CSV", "{:>14}"),
}
TIMED_COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("", "{:<40}"),
    "value": ("measured", "{:>10}"),
    "target": ("target", "{:>8}"),
    "met": ("met", "{:>3}"),
}


def yes(flag: bool) -> str:
    """``yes`` or ``no``."""
    return "yes" if flag else "no"


def time_target(students: int) -> float:
    """The time target (times the floor) for a course of ``students``."""
    larger = [size for size in sorted(TIME_TARGETS) if size >= students]
    return TIME_TARGETS[larger[0] if larger else max(TIME_TARGETS)]


def targets(students: int, row: dict[str, Any]) -> dict[str, Any]:
    """The size's time target and whether check and export meet both targets."""
    limit = time_target(students)
    met = all(row[f"{name}_x"] <= limit for name in ("check", "export")) and all(
        row[f"{name}_mem_x"] <= MEMORY_TARGET for name in ("check", "export")
    )
    return {"time_target": limit, "met": yes(met)}


def format_table(rows: list[dict[str, Any]], columns: dict[str, tuple[str, str]]) -> str:
    """The rows as a fixed-width text table (``-`` for a missing value)."""
    integers = {key for key, (_, fmt) in columns.items() if fmt.endswith("d}")}

    def cell(row: dict[str, Any], key: str, fmt: str) -> str:
        value = row.get(key)
        if value is None:
            return "-"
        return fmt.format(int(value) if key in integers else value)

    grid = [[cell(row, key, fmt) for key, (_, fmt) in columns.items()] for row in rows]
    heads = [head for head, _ in columns.values()]
    widths = [max(len(text) for text in column) for column in zip(heads, *grid, strict=True)]
    lines = [[text.rjust(width) for text, width in zip(line, widths, strict=True)]
             for line in [heads, *grid]]  # fmt: skip
    return "\n".join("  ".join(line).rstrip() for line in lines)


def stage_table(sizes: list[dict[str, Any]]) -> str:
    """Each stage's median ms at every size, and how many times it grew from one size to
    the next, under the class's own growth (a linear stage grows as the class does)."""
    names: list[str] = []
    for row in sizes:
        names += [name for name in row["stages"] if name not in names]
    counts = [row["students"] for row in sizes]
    width = max(len("stage"), *(len(name) for name in names))
    growths = [f"grew (class x{b / a:g})" for a, b in itertools.pairwise(counts)]
    lines = ["  ".join(["stage".ljust(width), *(f"{n:>9,d}" for n in counts), *growths])]
    for name in names:
        ms = [1000 * row["stages"].get(name, 0.0) for row in sizes]
        cells = [name.ljust(width)] + [f"{value:>9.1f}" for value in ms]
        for (a, b), head in zip(itertools.pairwise(ms), growths, strict=True):
            cells.append((f"x{b / a:.1f}" if a >= 0.5 else "-").rjust(len(head)))
        lines.append("  ".join(cells))
    return "\n".join(lines)


def interactive(repeat: int) -> dict[str, Any]:
    """The notebooks' Run All and the widgets' responses (:mod:`notebooks`, :mod:`widgets`)."""
    import courses
    import widgets

    import notebooks

    folder, _ = courses.course(2000, 585)
    return {
        "notebooks": notebooks.bench_notebooks(repeat),
        "widgets": widgets.bench_widgets(folder, repeat),
        "notebook_columns": notebooks.COLUMNS,
        "widget_columns": widgets.COLUMNS,
    }


def report(results: dict[str, Any], plan_columns: dict[str, tuple[str, str]]) -> str:
    """Every table, with its heading."""
    sizes = results["sizes"]
    same = [{"students": row["students"], **row["same"]} for row in sizes]
    statements = results["statements"]
    parts = [
        f"Whole processes (medians of {results['repeat']}, interleaved; "
        f"Python {results['python']}; start + import gradelib {results['start_s']:.2f} s; "
        f"the floor reads CSV with pandas' {results['floor_engine']} engine):",
        format_table(sizes, PROCESS_COLUMNS),
        "\nStages of one `gradelib export`, ms (in one process, after a warm-up run):",
        stage_table(sizes),
        "\nSame output as before the change (byte for byte, SHA-256):",
        format_table(same, SAME_COLUMNS),
        "\nStatements, notebooks and widgets:",
        f"gradelib statements, {statements['students']:,} students: {statements['s']:.2f} s "
        f"(target {statements['target_s']:.0f} s, met: {statements['met']})",
    ]
    if "notebooks" in results:
        parts += [
            format_table(results["notebooks"], results["notebook_columns"]),
            format_table(results["widgets"], results["widget_columns"]),
        ]
    parts += [
        "\nTerm planner (gradelib.plan.plan_term on the preference form):",
        format_table(results["plans"], plan_columns),
    ]
    return "\n".join(parts)
