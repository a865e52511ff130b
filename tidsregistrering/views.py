"""Min uge (mentor, phone first), the delivery panel (caseworker) and the CSV export."""

from __future__ import annotations

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.adgang import Handling, viser_oversigt, viser_persondata
from forloeb.models import Forloeb, Mentor
from organisation import permissions
from organisation.models import Rolle, Team

from . import selectors, services
from .forms import EksportForm, GenaabnForm, IngenKontaktForm, KontaktForm, UgeForm

# --- Min uge --------------------------------------------------------------------------------


def _valgt_uge(request) -> tuple[int, int]:
    """The week shown: this week, ?uge=forrige, or an explicit ?aar=&uge= up to this week."""
    params = request.POST if request.method == "POST" else request.GET
    if params.get("uge") == "forrige":
        return services.forrige_uge()
    try:
        aar, uge = int(params.get("aar", "")), int(params.get("uge", ""))
        mandag = services.uge_mandag(aar, uge)
    except (ValueError, ValidationError):
        return services.denne_uge()
    if mandag > timezone.localdate():
        return services.denne_uge()
    return aar, uge


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


def _add_service_errors(exc: ValidationError, form, mapping: dict) -> None:
    for field, errors in exc.message_dict.items():
        target = mapping.get(field)
        for error in errors:
            form.add_error(target if target in form.fields else None, error)


def _default_dato(aar: int, uge: int):
    mandag = services.uge_mandag(aar, uge)
    return min(timezone.localdate(), mandag + timedelta(days=6))


@login_required
@require_http_methods(["GET", "POST"])
@viser_oversigt
def min_uge(request):
    permissions.require_role(request.user, Rolle.MENTOR)
    aar, uge = _valgt_uge(request)
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
    context = {
        "title": _("Min uge"),
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
                "minutter": data["minutter"],
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
            _add_service_errors(exc, form, mapping)
        else:
            messages.success(request, message)
            return redirect(_uge_url(aar, uge, f"forloeb-{forloeb.pk}", vis=forloeb.pk))
    bound[key] = form
    return None


# --- Delivery panel -------------------------------------------------------------------------


def _diagram(levering, hoejde: int = 100, bredde: int = 12) -> dict:
    """Bar geometry for the server-rendered SVG (attributes, no inline style: CSP)."""
    top = float(levering.maks_timer) or 1.0
    bars = []
    for i, u in enumerate(levering.uger):
        g = round(float(u.bevilget_timer) / top * hoejde, 1)
        d = round(u.leveret_minutter / 60 / top * hoejde, 1)
        bars.append(
            {
                "uge": u,
                "x": i * bredde,
                "gy": round(hoejde - g, 1),
                "gh": g,
                "dx": i * bredde + 3,
                "dy": round(hoejde - d, 1),
                "dh": d,
            }
        )
    return {
        "bars": bars,
        "bredde": max(len(bars) * bredde, bredde),
        "hoejde": hoejde,
        "top": levering.maks_timer,
        "bar_bredde": bredde - 2,
        "leveret_bredde": bredde - 6,
    }


def _levering_response(request, forloeb, *, genaabn_form=None, genaabn_pk=None, status=200):
    data = selectors.levering(forloeb)
    context = {
        "forloeb": forloeb,
        "levering": data,
        "diagram": _diagram(data),
        "er_htmx": bool(request.headers.get("HX-Request")),
        "kan_godkende": permissions.is_case_worker_for(request.user, forloeb),
        "genaabn_form": genaabn_form or GenaabnForm(),
        "genaabn_pk": genaabn_pk,
        "title": _("Levering"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "tidsregistrering/_levering.html", context, status=status)
    return render(request, "tidsregistrering/levering.html", context, status=status)


def _synligt_forloeb(request, pk):
    return get_object_or_404(
        Forloeb.objects.med_indhold_for(request.user).select_related("borger", "afslutning"),
        pk=pk,
    )


@login_required
@viser_persondata
def levering(request, pk):
    forloeb = _synligt_forloeb(request, pk)
    if not request.headers.get("HX-Request"):
        # The course page logs its own view; the stand-alone page logs here.
        request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="levering")
    return _levering_response(request, forloeb)


def _after_action(request, forloeb):
    if request.headers.get("HX-Request"):
        return _levering_response(request, forloeb)
    return redirect("tidsregistrering:levering", pk=forloeb.pk)


def _report(request, exc: ValidationError) -> None:
    for errors in exc.message_dict.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
@viser_persondata
def godkend(request, pk):
    registrering = get_object_or_404(selectors.synlige_registreringer(request.user), pk=pk)
    forloeb = _synligt_forloeb(request, registrering.forloeb_id)
    try:
        services.godkend_uge(user=request.user, registrering=registrering)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(
            request,
            _("Uge %(uge)s/%(aar)s er godkendt.")
            % {"uge": registrering.uge, "aar": registrering.aar},
        )
    return _after_action(request, forloeb)


@login_required
@require_POST
@viser_persondata
def godkend_alle(request, pk):
    forloeb = _synligt_forloeb(request, pk)
    ids = [int(x) for x in request.POST.getlist("registrering") if x.isdigit()]
    try:
        antal = services.godkend_uger(user=request.user, forloeb=forloeb, registreringer=ids)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("%(antal)s uger er godkendt.") % {"antal": antal})
    return _after_action(request, forloeb)


@login_required
@require_POST
@viser_persondata
def genaabn(request, pk):
    registrering = get_object_or_404(selectors.synlige_registreringer(request.user), pk=pk)
    forloeb = _synligt_forloeb(request, registrering.forloeb_id)
    form = GenaabnForm(request.POST)
    if form.is_valid():
        try:
            services.genaabn_uge(
                user=request.user,
                registrering=registrering,
                begrundelse=form.cleaned_data["begrundelse"],
            )
        except ValidationError as exc:
            _add_service_errors(exc, form, {"begrundelse": "begrundelse"})
        else:
            messages.success(
                request,
                _("Uge %(uge)s/%(aar)s er genåbnet.")
                % {"uge": registrering.uge, "aar": registrering.aar},
            )
            return _after_action(request, forloeb)
    return _levering_response(request, forloeb, genaabn_form=form, genaabn_pk=pk, status=400)


# --- CSV export -----------------------------------------------------------------------------

EKSPORT_ROLLER = (Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTORKOORDINATOR, Rolle.MENTOR)


@login_required
@viser_oversigt
def eksport(request):
    user = request.user
    if not permissions.has_role(user, *EKSPORT_ROLLER):
        raise PermissionDenied
    teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("navn")
    mentorer = Mentor.objects.synlige_for(user).order_by("navn")
    form = EksportForm(request.GET or None, teams=teams, mentorer=mentorer)
    if request.GET.get("hent") and form.is_valid():
        data = form.cleaned_data
        qs = selectors.eksport(
            user,
            fra=data["fra"],
            til=data["til"],
            team_id=data["team"].pk if data["team"] else None,
            mentor_id=data["mentor"].pk if data["mentor"] else None,
        )
        return _csv(request, qs, data)
    return render(
        request,
        "tidsregistrering/eksport.html",
        {"form": form, "title": _("Eksport af tidsregistreringer")},
        status=400 if form.is_bound and form.errors else 200,
    )


CSV_KOLONNER = [
    "forloeb_id",
    "borger",
    "team",
    "mentor",
    "aar",
    "uge",
    "uge_start",
    "minutter_i_alt",
    "timer",
    "antal_kontakter",
    "kontaktformer",
    "ingen_kontakt_aarsag",
    "registreret",
    "godkendt",
    "godkendt_af",
]


def _csv(request, qs, data) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="tidsregistrering-{stamp}.csv"'
    response.write("\ufeff")  # BOM so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_KOLONNER)
    antal = 0
    for r in qs.iterator(chunk_size=2000):
        kontakter = list(r.kontakter.all())
        writer.writerow(
            [
                r.forloeb_id,
                r.forloeb.borger.navn,
                r.forloeb.team.navn,
                r.mentor.navn,
                r.aar,
                r.uge,
                r.uge_start.isoformat(),
                r.minutter_i_alt,
                f"{r.minutter_i_alt / 60:.2f}".replace(".", ","),
                len(kontakter),
                ",".join(sorted({k.form for k in kontakter})),
                r.ingen_kontakt_aarsag,
                timezone.localtime(r.registreret).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(r.godkendt).strftime("%Y-%m-%d %H:%M") if r.godkendt else "",
                r.godkendt_af.get_full_name() if r.godkendt_af else "",
            ]
        )
        antal += 1
    filters = [
        f"fra {data['fra']:%d.%m.%Y}" if data["fra"] else "",
        f"til {data['til']:%d.%m.%Y}" if data["til"] else "",
        f"team {data['team'].pk}" if data["team"] else "",
        f"mentor {data['mentor'].pk}" if data["mentor"] else "",
    ]
    request.adgang.noter_visning(
        Handling.EKSPORT,
        beskrivelse=(
            _("Tidsregistreringer, %(antal)s rækker") % {"antal": antal}
            + "".join(f", {f}" for f in filters if f)
        )[:200],
    )
    return response
