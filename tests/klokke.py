"""The day the suite runs on, so no test depends on the day it is run.

Function-scoped tests travel there through the autouse fixture in tests/conftest.py;
module-scoped fixtures that build data relative to today travel with `paa_testdagen()`
too, so their data and the tests that read it share one today. Run the suite on another
day with MENTORSAG_TESTDAG=2027-01-04T08:00 to find a test that only holds on one."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import time_machine

TESTDAG = dt.datetime.fromisoformat(os.environ.get("MENTORSAG_TESTDAG", "2027-01-13T10:00"))
if TESTDAG.tzinfo is None:
    TESTDAG = TESTDAG.replace(tzinfo=ZoneInfo("Europe/Copenhagen"))


def paa_testdagen():
    """The clock at the test day and ticking from there (timeouts still work)."""
    return time_machine.travel(TESTDAG, tick=True)
