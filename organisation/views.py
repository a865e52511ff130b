from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.adgang import uden_persondata

from . import selectors, services
from .models import ApiToken
from .permissions import start_url_name
from .session import SSO_LOGUD_URL

LAAST_TEKST = gettext_lazy(
    "Kontoen er midlertidigt låst: der har været for mange mislykkede forsøg på at logge ind "
    "fra denne adresse. Prøv igen om en time, eller kontakt din administrator."
)


@login_required
@uden_persondata
def start(request):
    """Send each user to their role's start page; a user without a role sees nothing."""
    url_name = start_url_name(request.user)
    if url_name is None:
        return render(request, "organisation/ingen_rolle.html", status=403)
    return redirect(url_name)


class LogInd(auth_views.LoginView):
    """The login page: the organisation's identity providers first (filled in by the SSO
    app's context processor), local passwords below for demos and break-glass access."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lokale_adgangskoder"] = settings.LOKALE_ADGANGSKODER
        return context


class LogUd(auth_views.LogoutView):
    """Log out. A user who came through an identity provider is handed to the SSO app's
    logout (307 keeps the POST and its CSRF token), so the IdP session ends too."""

    def post(self, request, *args, **kwargs):
        url = request.session.get(SSO_LOGUD_URL)
        if url and request.user.is_authenticated:
            return HttpResponse(status=307, headers={"Location": url})
        return super().post(request, *args, **kwargs)


def laast(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): JSON on the API,
    the Danish page elsewhere; 429 either way."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(LAAST_TEKST)}, status=429, headers={"Retry-After": "3600"}
        )
    return render(request, "registration/laast.html", status=429)


# --- API tokens ---------------------------------------------------------------------------


class NyApiNoegleForm(forms.Form):
    navn = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=100,
        help_text=gettext_lazy("Fx navnet på det system eller script, der skal bruge nøglen."),
    )
    dage = forms.TypedChoiceField(label=gettext_lazy("Gælder i"), coerce=int)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["dage"].choices = services.api_token_levetider()
        self.fields["dage"].initial = 30


@never_cache
@login_required
def api_noegler(request):
    """The user's own API tokens: list, create (the token is shown once), revoke."""
    form = NyApiNoegleForm(request.POST or None)
    ny_noegle = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, ny_noegle = services.opret_api_token(
                bruger=request.user,
                navn=form.cleaned_data["navn"],
                levetid=timedelta(days=form.cleaned_data["dage"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            form = NyApiNoegleForm()
    return render(
        request,
        "organisation/api_noegler.html",
        {
            "form": form,
            "ny_noegle": ny_noegle,
            "tokens": selectors.mine_api_tokens(bruger=request.user),
        },
    )


@require_POST
@login_required
def api_noegle_tilbagekald(request, pk: int):
    try:
        services.tilbagekald_api_token(bruger=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("API-nøglen er tilbagekaldt."))
    return redirect("api_noegler")
