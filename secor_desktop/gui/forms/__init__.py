"""The GUI's form kit: the one place each small form piece is made.

Dates (``dates``), labels (``labels``), the message lines under fields (``errors``), the
declared-frequency grid (``frequencies``) and the company profile's fields (``company``) are
used alike by the first-run wizard, the settings page, the page dialogs and the record editors,
so a fix to one of them (a date format, where an error shows) is made once and seen everywhere.

The kit imports only Qt, the domain and small GUI widgets; nothing here talks to the services.
"""
