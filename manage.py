#!/usr/bin/env python
"""Django's command-line utility for Mentorsag."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorsag.settings")
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        # No URLs given: use (and if needed start) the embedded PostgreSQL under var/, and
        # the embedded Redis of a running `make run` if there is one.
        from scripts.stack import prepare_environment

        os.environ.update(prepare_environment(start_redis=False))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
