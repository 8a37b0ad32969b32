"""How an export's error tells the GSI to ask for something on purpose, in the words of
the interface they use.

The export decides *when* it must stop (a file exists, a blank would delete a score
Canvas has, a final override would not reach Canvas) and names *which* option lets it go
on; each interface names that option its own way: the command line its flags
(:data:`COMMAND_LINE`), the notebook's export panel its checkboxes
(:func:`gradelib.notebook.to_canvas.panel_remedies`). The rule lives once, in the export;
only the words differ.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Remedies:
    """How the GSI asks for something on purpose, in the words of the interface used.

    Each is the end of a sentence of an error message ("..., or <remedy>.").

    Attributes
    ----------
    overwrite : str
        To replace an existing file.
    allow_deletions : str
        To let blanks delete scores Canvas has.
    without_final_overrides : str
        To export without the final overrides.
    """

    overwrite: str
    allow_deletions: str
    without_final_overrides: str


#: The command line's flags.
COMMAND_LINE = Remedies(
    overwrite="pass --overwrite to replace it",
    allow_deletions="pass --allow-deletions to delete them on purpose",
    without_final_overrides="pass --without-final-overrides to export without them on purpose",
)
