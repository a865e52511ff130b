"""Re-encrypt every stored CPR number under the newest key.

Rotation: set CPR_KEY="new,old" (newest first), run `manage.py roter_cpr_noegle`, check
that it reports no failures, then set CPR_KEY="new". The lookup hash (CPR_HASH_KEY) is
not touched: changing it would need every plain number, which we do not keep.
"""

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forloeb import cpr
from forloeb.models import Borger

BATCH = 500


class Command(BaseCommand):
    help = "Genkrypterer alle CPR-numre med den første (nyeste) nøgle i CPR_KEY."

    def handle(self, *args, **options):
        antal = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                rows = list(
                    Borger.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", "cpr_krypteret")[:BATCH]
                )
                if not rows:
                    break
                for borger in rows:
                    try:
                        borger.cpr_krypteret = cpr.rotate(borger.cpr_krypteret)
                    except InvalidToken as exc:
                        raise CommandError(
                            f"Borger {borger.pk}: CPR kan ikke dekrypteres med nøglerne i "
                            "CPR_KEY. Intet i denne portion er ændret."
                        ) from exc
                Borger.objects.bulk_update(rows, ["cpr_krypteret"])
                antal += len(rows)
                last_pk = rows[-1].pk
        self.stdout.write(
            self.style.SUCCESS(
                f"{antal} CPR-numre er genkrypteret med den nyeste nøgle. "
                "Den gamle nøgle kan nu fjernes fra CPR_KEY."
            )
        )
