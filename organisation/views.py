from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.adgang import uden_persondata

from .permissions import start_url_name


@login_required
@uden_persondata
def start(request):
    """Send each user to their role's start page; a user without a role sees nothing."""
    url_name = start_url_name(request.user)
    if url_name is None:
        return render(request, "organisation/ingen_rolle.html", status=403)
    return redirect(url_name)
