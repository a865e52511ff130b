class ContentSecurityPolicyMiddleware:
    """A strict CSP: no inline scripts anywhere, our own origin only."""

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
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response
