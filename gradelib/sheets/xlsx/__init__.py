"""The ``.xlsx`` container: refused when unsafe, read whatever wrote it.

``guard`` refuses workbooks that would exhaust memory or hide content (zip bombs, XML
entities, oversized parts); ``quirks`` and ``prologue`` read what other programs write
(Google Sheets, Numbers, LibreOffice) as Excel would show it.
"""
