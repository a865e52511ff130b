from django.core.management.base import BaseCommand

from compliance import services


class Command(BaseCommand):
    help = "Kører compliance-reglerne nu (samme scanning som det natlige job)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--let",
            action="store_true",
            help="kun luk advarsler, hvis betingelse er væk (dagens lette gennemløb)",
        )
        parser.add_argument(
            "--snapshot", action="store_true", help="gem også ugens compliance-tal pr. team"
        )

    def handle(self, *args, let=False, snapshot=False, **options):
        resultat = services.scan(kun_luk=let)
        self.stdout.write(str(resultat))
        if snapshot:
            antal = services.ugens_snapshots()
            self.stdout.write(f"{antal} ugetal gemt.")
