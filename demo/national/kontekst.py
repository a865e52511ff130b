"""What the national generator's parts share: the random stream, the clock, ids, the
tables in foreign-key order, and the counts it reports."""

from __future__ import annotations

import random
import time
from datetime import date

from django.utils import timezone
from faker import Faker

from .bulk import Ids, Tabel


class Kontekst:
    def __init__(self, *, seed: int, today: date, ids: Ids, stdout):
        self.rng = random.Random(seed)
        self.fake = Faker("da_DK")
        self.fake.seed_instance(seed)
        self.today = today
        self.ids = ids
        self.out = stdout
        self.t0 = time.monotonic()
        self.now_text = timezone.now().isoformat()
        self.counts: dict[str, int] = {}
        self.tabeller: dict[str, Tabel] = {}  # in the order they are copied

    def tabel(self, key: str, model, cols: list[str]) -> Tabel:
        self.tabeller[key] = Tabel(model, cols, self.now_text)
        return self.tabeller[key]

    def __getitem__(self, key: str) -> Tabel:
        return self.tabeller[key]

    def log(self, msg: str) -> None:
        if self.out is not None:
            self.out.write(f"[{time.monotonic() - self.t0:6.1f} s] {msg}")
