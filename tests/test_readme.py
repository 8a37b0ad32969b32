"""The README documents what the code does: every policy key, every command."""

from __future__ import annotations

from pathlib import Path

from gradelib.cli import build_parser
from gradelib.policy.defaults import DEFAULT_POLICY_TOML

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_whole_default_policy() -> None:
    assert DEFAULT_POLICY_TOML in README


def test_readme_documents_every_command() -> None:
    # tests/test_docs.py checks more: every command, option and module README names exists.
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"| `gradelib {name} DIR" in README or f"| `gradelib {name} FILE`" in README, name


def test_readme_gives_the_two_commands() -> None:
    assert "make lab" in README
    assert "make test" in README


def test_readme_documents_every_input_file() -> None:
    for name in ("policy.toml", "roster.csv", "groups", "schedule", "attendance", "questions",
                 "piazza", "rubrics.xlsx", "overrides"):  # fmt: skip
        assert f"**`{name}`**" in README or f"`{name}`" in README, name
