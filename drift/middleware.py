from django.utils.cache import add_never_cache_headers


class ContentSecurityPolicyMiddleware:
    """A strict CSP: no inline scripts anywhere, our own origin only.

    A view whose form must post to another origin (the SAML POST binding to an identity
    provider) names it in `response.csp_form_action`; nothing else widens the policy.
    """

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Swagger UI and the admin bring their own inline code; they get Django's defaults.
        if not request.path.startswith(("/api/docs", "/admin")):
            policy = self.POLICY
            ekstra = [o for o in getattr(response, "csp_form_action", ()) if _er_origin(o)]
            if ekstra:
                policy += " " + " ".join(ekstra)
            response.setdefault("Content-Security-Policy", policy)
        return response


def _er_origin(value: str) -> bool:
    """Only plain http(s) origins may be added: no quotes, spaces or semicolons."""
    return value.startswith(("https://", "http://")) and not any(c in value for c in " ;'\",")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in user (page or API).

    Such answers can carry names, notes and, after "Vis CPR-nummer", the full number: no
    browser, proxy or back button may keep them. A view that sets its own Cache-Control
    keeps it; static files are served by WhiteNoise before this and stay cacheable, and
    anonymous pages (log-in, health check) carry no personal data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
