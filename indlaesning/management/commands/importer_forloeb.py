"""manage.py importer_forloeb FIL [--uger FIL] [--organisation KODE] [--commit] [--delvis]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from indlaesning.importering import importer
from organisation.models import Organisation, User


class Command(BaseCommand):
    help = (
        "Indlæs igangværende forløb fra CSV eller XLSX (docs/import/README.md). Uden --commit "
        "er det en prøvekørsel: rapporten viser fejlene, og intet gemmes."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="forløbsfilen (.csv eller .xlsx), én række pr. periode")
        parser.add_argument("--uger", help="ugefilen (.csv eller .xlsx), valgfri")
        parser.add_argument(
            "--organisation", help="kommunekode, CVR eller navn (kan udelades med én organisation)"
        )
        parser.add_argument("--bruger", help="brugernavnet, historikken skal nævne som indlæser")
        parser.add_argument("--commit", action="store_true", help="gem (alt eller intet)")
        parser.add_argument(
            "--delvis", action="store_true", help="med --commit: gem de gyldige forløb"
        )
        parser.add_argument("--rapport", help="skriv rapporten som CSV til denne fil")

    def _organisation(self, kode):
        if not kode:
            organisationer = list(Organisation.objects.all()[:2])
            if len(organisationer) != 1:
                raise CommandError("Angiv --organisation (der er flere organisationer).")
            return organisationer[0]
        org = Organisation.objects.filter(
            Q(kommunekode=kode) | Q(cvr=kode) | Q(navn__iexact=kode)
        ).first()
        if org is None:
            raise CommandError(f"Ukendt organisation: {kode}")
        return org

    def _fil(self, navn):
        path = Path(navn)
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {navn}")
        return (path.name, path.read_bytes())

    def handle(self, *args, **options):
        organisation = self._organisation(options["organisation"])
        bruger = None
        if options["bruger"]:
            bruger = User.objects.filter(
                username=options["bruger"], organisation=organisation
            ).first()
            if bruger is None:
                raise CommandError(f"Ukendt bruger: {options['bruger']}")
        err = self.stderr

        def fremdrift(i, n):
            bredde = 30
            fyldt = bredde * i // n if n else bredde
            err.write(f"\r[{'#' * fyldt}{'.' * (bredde - fyldt)}] {i}/{n} forløb", ending="")
            if i == n:
                err.write("")
            err.flush()

        rapport = importer(
            organisation=organisation,
            forloebsfil=self._fil(options["fil"]),
            ugefil=self._fil(options["uger"]) if options["uger"] else None,
            bruger=bruger,
            commit=options["commit"],
            delvis=options["delvis"],
            fremdrift=fremdrift,
        )
        for linje in rapport.linjer():
            kolonne = f" [{linje['kolonne']}]" if linje["kolonne"] else ""
            raekke = f"række {linje['raekke']}" if linje["raekke"] != "" else "filen"
            sag = f" sag {linje['sagsnummer']}" if linje["sagsnummer"] else ""
            self.stdout.write(
                f"{raekke}{sag}: {linje['status']}{kolonne} {linje['besked']}".rstrip()
            )
        self.stdout.write(rapport.opsummering())
        if options["rapport"]:
            Path(options["rapport"]).write_text(rapport.som_csv(), encoding="utf-8")
        if rapport.har_fejl and not (options["commit"] and options["delvis"]):
            raise CommandError(rapport.opsummering())
