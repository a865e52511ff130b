import importlib

from django.core.management.base import BaseCommand

from organisation.demo import seed_organisation

# Each app adds its own demo data in `<app>/demo.py: seed(organisation, scale, stdout)`,
# in this order (courses before registrations before the compliance scan).
APPS = ["forloeb", "tidsregistrering", "compliance"]


class Command(BaseCommand):
    help = "Opretter demo-data (idempotent): organisation, teams, én bruger pr. rolle, forløb."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "kommune"], default="small")
        parser.add_argument("--seed", type=int, default=2019, help="tilfældighedsfrø")

    def handle(self, *args, scale, seed, **options):
        org = seed_organisation()
        for app in APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.seed(org, scale=scale, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo-data klar for {org} (skala: {scale})."))
