from django.core.management.base import BaseCommand

from demo import kommune, national
from demo.organisation import seed_organisation


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
            # 98 organisations by bulk COPY (demo/national/), then the compliance scan.
            counts = national.seed_national(fraction=fraction, seed=seed, stdout=self.stdout)
            self.stdout.write(national.summary(counts))
            self.stdout.write(self.style.SUCCESS(f"Landsdata klar (andel {fraction:g})."))
            return
        # Courses, then their week registrations, then the compliance gaps and scan.
        kommune.seed(org, scale=scale, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo-data klar for {org} (skala: {scale})."))
