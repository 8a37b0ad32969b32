"""Canvas's files, as Canvas writes and reads them.

The gradebook export (``gradebook``: the roster, or a newer download), its columns and
reserved words (``columns``), its CSV dialects (``canvas_csv``), and the importer's
rules an import file must pass (``check``, the ``gradelib canvas-check`` command). Nothing
here knows the course's grades: writing the import file from them is
:mod:`gradelib.export`.
"""
