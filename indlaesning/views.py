"""The administrator's import screen: upload -> a worker runs it -> progress -> report."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.adgang import uden_persondata
from core.forms import call_service
from organisation import permissions
from organisation.models import Rolle

from . import services
from .models import Indlaesning
from .rapport import Rapport
from .tasks import laes_fremdrift


class UploadForm(forms.Form):
    forloebsfil = forms.FileField(
        label=_lazy("Forløbsfil (.csv eller .xlsx)"),
        error_messages={"required": _lazy("Vælg forløbsfilen.")},
    )
    ugefil = forms.FileField(label=_lazy("Ugefil (valgfri)"), required=False)
    gem = forms.BooleanField(
        label=_lazy("Gem forløbene (ellers en prøvekørsel, der intet gemmer)"), required=False
    )
    delvis = forms.BooleanField(
        label=_lazy("Gem de gyldige forløb, selv om andre har fejl"), required=False
    )


def _require_admin(request) -> None:
    permissions.require_role(request.user, Rolle.ADMINISTRATOR)


def _koersel(request, pk: int) -> Indlaesning:
    koersel = Indlaesning.objects.filter(
        pk=pk, organisation_id=request.user.organisation_id
    ).first()
    if koersel is None:
        raise Http404
    return koersel


@login_required
@uden_persondata
def upload(request):
    _require_admin(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        koersel = call_service(
            form,
            services.bestil_indlaesning,
            user=request.user,
            forloebsfil=form.cleaned_data["forloebsfil"],
            ugefil=form.cleaned_data["ugefil"],
            gem=form.cleaned_data["gem"],
            delvis=form.cleaned_data["delvis"],
        )
        if koersel is not None:
            return redirect("indlaesning:status", pk=koersel.pk)
    tidligere = Indlaesning.objects.filter(organisation_id=request.user.organisation_id)[:20]
    return render(
        request,
        "indlaesning/upload.html",
        {"title": _("Indlæs forløb"), "form": form, "tidligere": tidligere},
    )


@login_required
@uden_persondata
def status(request, pk: int):
    """Progress while a worker runs it (the page reloads itself, no script needed), then
    the report. Report lines name rows, case numbers and columns, never CPR or names."""
    _require_admin(request)
    koersel = _koersel(request, pk)
    fremdrift = laes_fremdrift(koersel.pk) if koersel.status == Indlaesning.Status.VENTER else None
    return render(
        request,
        "indlaesning/status.html",
        {
            "title": _("Indlæsning af %(fil)s") % {"fil": koersel.filnavn},
            "koersel": koersel,
            "fremdrift": fremdrift,
            "procent": (100 * fremdrift[0] // max(fremdrift[1], 1)) if fremdrift else 0,
        },
    )


@login_required
@uden_persondata
def rapport_csv(request, pk: int):
    _require_admin(request)
    koersel = _koersel(request, pk)
    rapport = Rapport(filnavn=koersel.filnavn)
    buffer = rapport.som_csv_af(koersel.rapport)
    response = HttpResponse(buffer, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indlaesning-{koersel.pk}.csv"'
    return response
