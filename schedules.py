"""The main job, as a script: ``python schedules.py`` runs the same as ``python -m scraper up``.

The schedule itself is ``scraper.scheduling.jobs``: every source has a routine job on its own
cadence (``mpt`` hourly, ``itu-cis`` every 3 hours, jittered by a tenth of the interval) and a
weekly backfill job. APScheduler keeps the jobs in the archive (table ``schedule_jobs``), so
restarts keep the schedule and a run missed while the process was down runs once when it is
back; a source never overlaps itself. Options are those of ``up`` (``python schedules.py
--help``), e.g. ``--every mpt=30m`` or ``--backfill-every 0``.
"""

import sys

from scraper.cli import main

if __name__ == "__main__":
    main(["up", *sys.argv[1:]])
