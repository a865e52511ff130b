from django.core.management.base import BaseCommand

from organisation.demo import seed_organisation


class Command(BaseCommand):
    help = "Opretter demo-data (idempotent): organisation, teams, én bruger pr. rolle, forløb."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "kommune"], default="small")

    def handle(self, *args, scale, **options):
        org = seed_organisation()
        self.stdout.write(self.style.SUCCESS(f"Demo-data klar for {org} (skala: {scale})."))
