"""Re-execute the workbook notebooks in place and save their outputs (``make notebooks``).

The saved outputs are what nbval compares against in ``make test``; run this after an
intended change (to the package or to data/sample) and commit the notebooks.
Execution timing metadata is dropped so that a re-run changes only real outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = ("grading.ipynb", "participation.ipynb", "setup.ipynb")


def notebook_client(notebook: nbformat.NotebookNode, path: Path) -> NotebookClient:
    """The client that runs ``notebook`` (read from ``path``) in its own folder, as
    ``make notebooks`` runs it (``benchmarks/notebooks.py`` times the same client)."""
    return NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )


def execute(path: Path) -> None:
    """Run every cell of a notebook with the sample course and save it."""
    notebook = nbformat.read(path, as_version=4)
    notebook_client(notebook, path).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    print(f"executed {path.name}")


if __name__ == "__main__":
    for name in sys.argv[1:] or NOTEBOOKS:
        execute(HERE / name)
