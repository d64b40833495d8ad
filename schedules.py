"""The main job, as a script: ``python schedules.py`` runs the same as ``python -m scraper up``.

The schedule itself (one APScheduler job per source, its interval and jitter) is
``scraper.scheduling.jobs``; options are those of ``up`` (``python schedules.py --help``).
"""

import sys

from scraper.cli import main

if __name__ == "__main__":
    main(["up", *sys.argv[1:]])
