"""The app's URLs plus one trivial view: the framework floor of the page benchmark.

The floor view runs through the same middleware (sessions, auth, CSRF, CSP, axes) and
login check as the real pages, and renders nothing.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from mentorsag.urls import urlpatterns as app_urlpatterns


@login_required
def gulv(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-gulv/", gulv, name="bench_gulv"), *app_urlpatterns]
