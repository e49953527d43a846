"""Running runbooks: the step loop, the shell, the journal, unattended tests and reports.

``session`` holds the interactive step loop, ``shell`` is the only module that spawns
processes, ``journal`` records every run and event (SQLite by default, PostgreSQL for teams),
``environment`` is the injected terminal I/O, ``unattended`` the ``runwright test`` mode and
``report`` turns the journal into listings and timelines.
"""
