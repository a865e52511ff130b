import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import aktivt_forloeb


def mandag(uger_siden: int = 0) -> dt.date:
    """Monday of the ISO week `uger_siden` weeks before this one."""
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday(), weeks=uger_siden)


def uge_af(dato: dt.date) -> dict:
    aar, uge, _ = dato.isocalendar()
    return {"aar": aar, "uge": uge}


def kontakt(dato: dt.date, minutter: int = 60, form: str = "fysisk", emner=("struktur",)):
    return {"dato": dato, "minutter": minutter, "form": form, "emner": list(emner)}


@pytest.fixture
def forloeb():
    """Granted from the Monday eight weeks ago, 26 weeks, 2 h/week."""
    return aktivt_forloeb(start=mandag(8), uger=26, timer="2")


@pytest.fixture
def mentorbruger(forloeb):
    return forloeb.mentor.bruger
