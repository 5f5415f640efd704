"""The ``accord`` command, Accord's one entry point.

Every operation is a Django management command: ``accord migrate``, ``accord runserver``,
``accord parse FILE``, ``accord help`` for the full list. This wrapper only points Django at
Accord's settings (unless ``DJANGO_SETTINGS_MODULE`` is already set), so no ``manage.py`` is needed.
"""

import os
import sys


def main() -> None:
    """Run the management command named by ``sys.argv[1:]``; Django exits non-zero on failure."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["accord", *sys.argv[1:]])
