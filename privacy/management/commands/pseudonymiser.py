"""Run the retention job now (the same as the nightly Celery task)."""

from django.core.management.base import BaseCommand

from privacy import opbevaring


class Command(BaseCommand):
    help = (
        "Pseudonymiserer borgere, hvis forløb alle sluttede for mere end "
        "PSEUDONYMISERING_AAR år siden, og sletter adgangslog ældre end ADGANGSLOG_DAGE."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kun-vis", action="store_true", help="Vis kun, hvor mange borgere der er klar."
        )

    def handle(self, *args, kun_vis=False, **options):
        if kun_vis:
            antal = opbevaring.klar_til_pseudonymisering().count()
            self.stdout.write(f"{antal} borgere er klar til pseudonymisering.")
            return
        antal = opbevaring.pseudonymiser_gamle_forloeb()
        slettet = opbevaring.slet_gammel_adgangslog()
        self.stdout.write(
            self.style.SUCCESS(
                f"{antal} borgere pseudonymiseret; "
                f"{slettet} gamle rækker slettet fra adgangsloggen."
            )
        )
