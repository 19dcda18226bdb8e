"""The ``tipdata`` command: Django's management commands under the product's name.

``tipdata migrate``, ``tipdata runserver``, ``tipdata load_demo``, ``tipdata report ...``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipdata.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["tipdata", *argv])
    args[0] = "tipdata"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
