"""A course's flags, and the note on why one is accepted."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, viser_persondata
from forloeb.models import Forloeb
from organisation import permissions

from .. import services
from ..forms import AcceptForm
from ..links import forloeb_url, ret_url
from ..models import Advarsel
from ..regler import REGLER


def _synligt_forloeb(request, pk) -> Forloeb:
    return get_object_or_404(
        Forloeb.objects.synlige_for(request.user).select_related("borger"), pk=pk
    )


def _maa_acceptere(user, forloeb) -> bool:
    return permissions.is_case_worker_for(user, forloeb) or permissions.leads_course_team(
        user, forloeb
    )


@login_required
@viser_persondata
def forloeb_advarsler(request, pk, form=None, fejl_id=None):
    """All flags of one course, open first, with the accept note where allowed."""
    forloeb = _synligt_forloeb(request, pk)
    if request.method == "GET":
        request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="advarsler")
    advarsler = list(
        Advarsel.objects.filter(forloeb=forloeb)
        .select_related("accepteret_af")
        .order_by("lukket", "-foerst_set")
    )
    rows = [
        {
            "advarsel": a,
            "regel": REGLER.get(a.regel),
            "url": ret_url(a, request.user),
            "form": form
            if a.pk == fejl_id
            else AcceptForm(initial={"note": a.accept_begrundelse}, auto_id=f"id_a{a.pk}_%s"),
        }
        for a in advarsler
    ]
    return render(
        request,
        "compliance/forloeb.html",
        {
            "title": _("Advarsler: %(navn)s (forløb %(nr)s)")
            % {"navn": forloeb.borger.navn, "nr": forloeb.pk},
            "forloeb": forloeb,
            "forloeb_link": forloeb_url(forloeb, request.user),
            "rows": rows,
            "maa_acceptere": _maa_acceptere(request.user, forloeb),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
@viser_persondata
def accepter(request, pk):
    advarsel = get_object_or_404(
        Advarsel.objects.filter(forloeb__in=Forloeb.objects.synlige_for(request.user)),
        pk=pk,
    )
    form = AcceptForm(request.POST, auto_id=f"id_a{advarsel.pk}_%s")
    if form.is_valid():
        try:
            services.noter_accept(
                user=request.user, advarsel=advarsel, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("compliance:forloeb", advarsel.forloeb_id)
    return forloeb_advarsler(request, advarsel.forloeb_id, form=form, fejl_id=advarsel.pk)
