"""The options of ``gradelib plan DIR`` (issue 17), as ``(name, argparse options)`` pairs
for :mod:`gradelib.cli`'s command table; kept here, light, so the table stays short."""

from __future__ import annotations

from typing import Any

PLAN_ARGUMENTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--preferences", {"help": "the preference form's responses (CSV)", "required": True}),
    ("--lectures", {"help": "the dated lectures and papers (default: DIR/lectures.csv)"}),
    ("--out", {"help": "the folder to write into (default: DIR/out/plan-<date-time>)"}),
    ("--seed", {"help": "seed of the groups formed and the solver (default 0)", "type": int,
                "default": 0}),
)  # fmt: skip
