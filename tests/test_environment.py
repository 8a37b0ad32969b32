"""environment.yml (conda) and pyproject.toml (pip) name the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _requirement(text: str) -> tuple[str, str]:
    """``"pandas>=2.2"`` -> ``("pandas", ">=2.2")``, names normalized as PyPI does."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", text)
    assert match, text
    return re.sub(r"[-_.]+", "-", match.group(1)).lower(), match.group(2).replace(" ", "")


def pyproject_requirements() -> set[tuple[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"].values()
    texts = project["dependencies"] + [d for group in extras for d in group]
    return {_requirement(t) for t in texts}


def conda_requirements() -> set[tuple[str, str]]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:")
    found = set()
    for line in lines[start + 1 :]:
        item = re.fullmatch(r"  - ([^:#]+?)\s*(#.*)?", line)
        if item and not item.group(1).startswith("pip"):
            found.add(_requirement(item.group(1)))
    return {(name, spec) for name, spec in found if name != "python"}


def test_conda_and_pip_name_the_same_dependencies() -> None:
    assert conda_requirements() == pyproject_requirements()


def test_the_required_packages_are_named() -> None:
    names = {name for name, _ in pyproject_requirements()}
    required = {"jupyterlab", "pandas", "ipywidgets", "openpyxl", "matplotlib", "nbval"}
    assert required <= names
    assert "python-calamine" in names


def test_environment_pins_python_311() -> None:
    assert "  - python=3.11" in (ROOT / "environment.yml").read_text().splitlines()
