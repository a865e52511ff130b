"""Min uge: the mentor registers this week or last, phone first."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.adgang import viser_oversigt
from core.forms import add_service_errors
from organisation import permissions
from organisation.models import Rolle

from .. import selectors, services
from ..forms import IngenKontaktForm, KontaktForm, UgeForm


def _valgt_uge(request) -> tuple[int, int, str]:
    """The week shown: this week, ?uge=forrige, or an explicit ?aar=&uge= up to this week;
    and, when the week asked for cannot be shown, why this week is shown instead."""
    params = request.POST if request.method == "POST" else request.GET
    if params.get("uge") == "forrige":
        return (*services.forrige_uge(), "")
    if not params.get("aar") and not params.get("uge"):
        return (*services.denne_uge(), "")
    try:
        aar, uge = int(params.get("aar", "")), int(params.get("uge", ""))
        mandag = services.uge_mandag(aar, uge)
    except (ValueError, ValidationError):
        return (*services.denne_uge(), _("Den uge, du bad om, findes ikke. Du ser denne uge."))
    if mandag > timezone.localdate():
        return (
            *services.denne_uge(),
            _(
                "Uge %(uge)s, %(aar)s er ikke begyndt endnu, så den kan ikke registreres. "
                "Du ser denne uge."
            )
            % {"uge": uge, "aar": aar},
        )
    return aar, uge, ""


def _uge_url(aar: int, uge: int, anchor: str = "", vis: int | None = None) -> str:
    denne, forrige = services.denne_uge(), services.forrige_uge()
    url = reverse("tidsregistrering:min_uge")
    params = []
    if (aar, uge) == forrige:
        params.append("uge=forrige")
    elif (aar, uge) != denne:
        params += [f"aar={aar}", f"uge={uge}"]
    if vis is not None:
        params.append(f"vis={vis}")
    if params:
        url += "?" + "&".join(params)
    return url + (f"#{anchor}" if anchor else "")


def _valgt_borger(request) -> int | None:
    """The course whose entry forms are shown (?vis=<course>); the others show a link."""
    try:
        return int(request.GET.get("vis", ""))
    except ValueError:
        return None


def _default_dato(aar: int, uge: int):
    mandag = services.uge_mandag(aar, uge)
    return min(timezone.localdate(), mandag + timedelta(days=6))


@login_required
@require_http_methods(["GET", "POST"])
@viser_oversigt
def min_uge(request):
    permissions.require_role(request.user, Rolle.MENTOR)
    aar, uge, uge_besked = _valgt_uge(request)
    denne, forrige = services.denne_uge(), services.forrige_uge()
    uger = [denne, forrige] + ([(aar, uge)] if (aar, uge) not in (denne, forrige) else [])
    bound = {}  # forloeb pk -> bound form with errors
    if request.method == "POST":
        response = _min_uge_post(request, aar, uge, bound)
        if response is not None:
            return response
    rows = selectors.min_uge(request.user, uger=uger)
    mandag = services.uge_mandag(aar, uge)
    dato = _default_dato(aar, uge)
    vis = _valgt_borger(request)
    for row in rows:
        pk = row.forloeb.pk
        felt = row.felt(aar, uge)
        row.valgt = felt
        row.denne = row.felt(*denne)
        row.forrige = row.felt(*forrige)
        row.aaben = any(key[0] == pk for key in bound)
        # The entry forms (date, minutes, 14 topics) are rendered for one citizen only: the
        # one chosen, the one with errors, or the only one. Rendering them for every course
        # was most of the page's time and size at a busy mentor.
        row.vis_formular = row.aaben or pk == vis or len(rows) == 1
        row.vis_url = _uge_url(aar, uge, f"forloeb-{pk}", vis=pk)
        if not row.vis_formular:
            continue
        prefix = f"f{pk}"
        # The date offered is the last day that can be registered: today (or the week's
        # Sunday), but not after the period's end when the period ends within the week.
        soendag = mandag + timedelta(days=6)
        sidste = max(
            (
                p.slut
                for p in row.forloeb.valgte_perioder
                if p.start <= soendag and p.slut >= mandag
            ),
            default=None,
        )
        row_dato = min(dato, sidste) if sidste else dato
        row.kontakt_form = bound.get((pk, "kontakt")) or KontaktForm(
            prefix=prefix, initial={"dato": row_dato}
        )
        row.ingen_form = bound.get((pk, "ingen")) or IngenKontaktForm(
            prefix=prefix,
            initial={"aarsag": felt.registrering.ingen_kontakt_aarsag if felt.registrering else ""},
        )
        for f in (row.kontakt_form.fields["dato"],):
            f.widget.attrs.update({"min": mandag.isoformat(), "max": row_dato.isoformat()})
    if (
        not uge_besked
        and (aar, uge) not in (denne, forrige)
        and not any(r.valgt.kan_registreres or r.valgt.registrering for r in rows)
    ):
        uge_besked = _(
            "Uge %(uge)s, %(aar)s ligger uden for dine forløb: ingen af dine borgere havde "
            "en bevilget periode med dig den uge."
        ) % {"uge": uge, "aar": aar}
    context = {
        "title": _("Min uge"),
        "uge_besked": uge_besked,
        "rows": rows,
        "aar": aar,
        "uge": uge,
        "mandag": mandag,
        "soendag": mandag + timedelta(days=6),
        "er_denne_uge": (aar, uge) == denne,
        "er_forrige_uge": (aar, uge) == forrige,
        "denne": denne,
        "forrige": forrige,
        "denne_url": reverse("tidsregistrering:min_uge"),
        "forrige_url": reverse("tidsregistrering:min_uge") + "?uge=forrige",
    }
    return render(request, "tidsregistrering/min_uge.html", context, status=400 if bound else 200)


def _min_uge_post(request, aar, uge, bound):
    """Handle one citizen's form through one service call; a redirect on success, None to
    re-render with the service's messages on the form."""
    meta = UgeForm(request.POST)
    if not meta.is_valid():
        raise Http404
    forloeb = get_object_or_404(
        selectors.synlige_forloeb(request.user).select_related("afslutning"),
        pk=meta.cleaned_data["forloeb"],
    )
    aar, uge = meta.cleaned_data["aar"], meta.cleaned_data["uge"]
    faelles = {
        "user": request.user,
        "forloeb": forloeb,
        "aar": aar,
        "uge": uge,
        "version": meta.cleaned_data["version"],
    }
    prefix = f"f{forloeb.pk}"
    handling = request.POST.get("handling")
    if handling == "kontakt":
        form = KontaktForm(request.POST, prefix=prefix)
        mapping = {"kontakter": None, "uge": None}
        key = (forloeb.pk, "kontakt")
        message = _("Kontakten er gemt.")

        def kald():
            data = form.cleaned_data
            kontakt = {
                "dato": data["dato"],
                "minutter": data["varighed"],
                "form": data["form"],
                "emner": list(data["emner"]),
            }
            return services.tilfoej_kontakt(kontakt=kontakt, **faelles)

    elif handling == "ingen":
        form = IngenKontaktForm(request.POST, prefix=prefix)
        mapping = {"ingen_kontakt_aarsag": "aarsag", "ingen_kontakt_note": "note", "uge": None}
        key = (forloeb.pk, "ingen")
        message = _("Ugen er registreret uden kontakt.")

        def kald():
            return services.registrer_ingen_kontakt(
                aarsag=form.cleaned_data["aarsag"], note=form.cleaned_data["note"], **faelles
            )

    elif handling == "fjern":
        form = KontaktForm(prefix=prefix)
        form.cleaned_data = {}
        mapping = {}
        key = (forloeb.pk, "kontakt")
        message = _("Kontakten er fjernet.")
        try:
            kontakt_id = int(request.POST.get("kontakt", ""))
        except ValueError:
            raise Http404 from None

        def kald():
            return services.fjern_kontakt(kontakt_id=kontakt_id, **faelles)

    else:
        raise Http404
    if handling == "fjern" or form.is_valid():
        try:
            kald()
        except ValidationError as exc:
            add_service_errors(form, exc, mapping)
        else:
            messages.success(request, message)
            return redirect(_uge_url(aar, uge, f"forloeb-{forloeb.pk}", vis=forloeb.pk))
    bound[key] = form
    return None
