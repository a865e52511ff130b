import importlib

from django.core.management.base import BaseCommand

from organisation.demo import seed_organisation

# Each app adds its own demo data in `<app>/demo.py: seed(organisation, scale, stdout)`,
# in this order (courses before registrations before the compliance scan).
APPS = ["forloeb", "tidsregistrering", "compliance"]


class Command(BaseCommand):
    help = "Opretter demo-data (idempotent): organisation, teams, én bruger pr. rolle, forløb."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "kommune", "national"], default="small")
        parser.add_argument("--seed", type=int, default=2019, help="tilfældighedsfrø")
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="kun --scale national: andel af landsstørrelsen (fx 0.01 under udvikling)",
        )

    def handle(self, *args, scale, seed, fraction, **options):
        org = seed_organisation()
        if scale == "national":
            # 98 organisations by bulk COPY (drift/national.py), then the compliance scan.
            from drift.national import seed_national, summary

            counts = seed_national(fraction=fraction, seed=seed, stdout=self.stdout)
            self.stdout.write(summary(counts))
            self.stdout.write(self.style.SUCCESS(f"Landsdata klar (andel {fraction:g})."))
            return
        for app in APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.seed(org, scale=scale, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo-data klar for {org} (skala: {scale})."))
