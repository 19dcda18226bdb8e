#!/usr/bin/env python
"""Django's manage.py; the installed ``tipdata`` command does the same."""

from tipdata.cli import main

if __name__ == "__main__":
    main()
