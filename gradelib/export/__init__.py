"""Our grades to Canvas: the import file, its manifest, and checking the result.

``to_canvas`` writes the import file (``import_file``, ``apportion``, ``override``,
``scheme``), its manifest (``manifest``) and compares with a newer gradebook export
(``compare``, ``result``). ``verify_canvas`` reads the gradebook downloaded after the
import and says, for every student Canvas shows otherwise, why (``verify_*``).
"""
