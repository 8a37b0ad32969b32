"""``python -m gradelib`` runs the command line."""

import sys

from gradelib.cli import main

sys.exit(main())
