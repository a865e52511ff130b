from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def shell(title):
    """A placeholder page until the real view lands."""

    @login_required
    def view(request, *args, **kwargs):
        return render(request, "shell.html", {"title": title})

    return view
