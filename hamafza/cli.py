"""The ``hamafza`` console script: Django's management commands under friendlier names.

``hamafza load-places`` runs ``manage.py load_places``; ``hamafza setup`` prepares a fresh machine.
"""

from __future__ import annotations

import os
import sys


def manage(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def main() -> None:
    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        # Commands are spelled with hyphens on the command line and underscores in Django.
        args[0] = args[0].replace("-", "_")
    manage(["hamafza", *args])


if __name__ == "__main__":
    main()
