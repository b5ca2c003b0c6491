"""crmcompare settings: one module, every deployment value read from the environment.

Environment variables (all optional for `make run`):
- DJANGO_DEBUG: "1" (default) or "0". With debug off DJANGO_SECRET_KEY is required.
- DJANGO_SECRET_KEY: the secret key.
- DJANGO_ALLOWED_HOSTS: comma-separated host names.
- DATABASE_URL: e.g. postgres://postgres@127.0.0.1:5432/crmcompare; default SQLite file.
- REDIS_URL: e.g. redis://127.0.0.1:6379/0; without it a local-memory cache is used.
- STALE_AFTER_DAYS: age after which a fact counts as possibly out of date (default 90).
- API_THROTTLE_ANON / API_THROTTLE_USER: API request rates for anonymous and signed-in
  clients, as DRF rates like "120/minute" (defaults 120/minute and 1200/minute).
- LOGIN_FAILURE_LIMIT / LOGIN_COOLOFF_MINUTES / LOGIN_LOCKOUT_PARAMETERS: failed logins
  (admin or API token) that block further logins, for how long, counted per what
  (defaults 10, 15, "ip_address,username").

Production (see README, "Production"): DJANGO_SECURE_SSL_REDIRECT, DJANGO_TRUST_X_FORWARDED_PROTO,
DJANGO_NUM_PROXIES (proxies of yours in front: the client's address is that many entries from
the right of X-Forwarded-For; default 0, the connection's address only),
DJANGO_HSTS_SECONDS, DJANGO_HSTS_PRELOAD, DJANGO_SECURE_COOKIES, DJANGO_EMAIL_BACKEND, EMAIL_*,
DJANGO_CSP_*, DJANGO_LOG_FORMAT, RESPONSE_CACHE, RESPONSE_CACHE_SECONDS,
RESPONSE_CACHE_LOCAL_ENTRIES, CACHE_KEY_PREFIX, CACHE_DIR, DATABASE_REPLICA_URL,
DATABASE_CONNECT_TIMEOUT.

Source watch (docs/deploy.md): SOURCE_WATCH_ALLOW_PRIVATE, SOURCE_WATCH_USER_AGENT,
SOURCE_WATCH_TIMEOUT, SOURCE_WATCH_MAX_BYTES, SOURCE_WATCH_HOST_SPACING, SOURCE_WATCH_MIN_INTERVAL.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from environs import Env, validate

BASE_DIR = Path(__file__).resolve().parent.parent

# A value that does not parse (DJANGO_NUM_PROXIES=two, DJANGO_DEBUG=maybe) stops the
# site at start with an error naming the variable.
env = Env()


@env.parser_for("names")
def _names(value: str) -> list[str]:
    """A comma-separated list: "a, b," reads as ["a", "b"]."""
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env.bool("DJANGO_DEBUG", True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0: refusing to start without it."
        )
    # Only ever used with debug on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.names("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]
CSRF_TRUSTED_ORIGINS = env.names("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# How many proxies of the deployment's own each request passes through: the client's
# address is then that many entries from the right of X-Forwarded-For. 0: the socket's
# address only, whatever the header says (see core/client_address.py).
NUM_PROXIES = env.int("DJANGO_NUM_PROXIES", 0, validate=validate.Range(min=0))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "core",
    "comparisons",
    "buyer_tools",
    "source_watch",
    "site_search",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A GET or HEAD request reads the data version once (cache, ETag, replica router).
    "core.middleware.DataVersionScopeMiddleware",
    # Anonymous GET/HEAD of public pages and API reads, keyed on the data version;
    # placed here so a hit skips the rest of the stack (the stored response
    # already carries the headers added below it).
    "core.middleware.PublicResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a login that django-axes refused into the lockout page (429).
    "axes.middleware.AxesMiddleware",
    # Innermost, so it sees the views' database errors first.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "crmcompare.urls"
WSGI_APPLICATION = "crmcompare.wsgi.application"

# Public pages: Jinja2 (several times faster than Django's template language on
# the big comparison tables), from templates/jinja2/ only; core/jinja2.py
# gives it the site's filters, URLs, static files and Django's translations. Listed
# first, it answers the public template names (and 404.html); nothing in its folder
# shares a name with the admin's, DRF's or drf-spectacular's Django templates, which
# the second engine serves, as it does form widgets.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.dj_db_url(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Fail fast when PostgreSQL is unreachable: the site answers 503, it does not hang.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )
# Optional read replica: public reads go there, writes and admin reads to "default".
if env.str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = env.dj_db_url(
        "DATABASE_REPLICA_URL",
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.routers.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", "")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", "crmcompare")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis that logs and carries on (a miss: the site serves from the
            # database) when unreachable, instead of failing every request.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", 0.5),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif DEBUG or env.str("CACHE_DIR", None) == "":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Production without Redis: an import previewed by one worker process must be
    # confirmable through another, and the API's rate limits count across them.
    # A cache on local disk is shared by one machine's workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("CACHE_DIR", "/tmp/crmcompare-cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The apps whose every table moves the data version, by database triggers
# (core/version_triggers.py, docs/caching.md).
DATA_VERSION_APPS = ["comparisons"]

# Whole-response cache of anonymous public pages and API reads (see
# core/middleware.py). Entries carry the data version, so any write
# invalidates every entry; the timeout only frees memory.
RESPONSE_CACHE = env.bool("RESPONSE_CACHE", True)
RESPONSE_CACHE_SECONDS = env.int("RESPONSE_CACHE_SECONDS", 3600)
# Entries each worker also keeps in memory (0: none); see middleware.HotEntries.
RESPONSE_CACHE_LOCAL_ENTRIES = env.int("RESPONSE_CACHE_LOCAL_ENTRIES", 200)
RESPONSE_CACHE_EXCLUDE = [
    r"^/(?:[a-z]{2}/)?admin/",
    r"^/(?:[a-z]{2}/)?accounts/",
    r"^/api/(?:v\d+/)?auth",
    r"^/healthz$",
    r"^/readyz$",
    r"^/i18n/",
    r"^/static/",
    r"^/media/",
]

# django-axes first: it refuses, before any password is checked, a login from an
# address or for a username with too many recent failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Spanish first (the content's language), English interface under /en/.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need `collectstatic`; only production runs it.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Facts not verified for longer than this are shown as possibly out of date.
STALE_AFTER_DAYS = env.int("STALE_AFTER_DAYS", 90)

# Source watch (`manage.py check_sources`; docs/deploy.md, "Source watch").
# 1 lets it watch pages on loopback or private addresses: tests serve pages on 127.0.0.1.
SOURCE_WATCH_ALLOW_PRIVATE = env.bool("SOURCE_WATCH_ALLOW_PRIVATE", False)
# Sent with every request, so a site's owner can tell who fetches and how to reach them.
SOURCE_WATCH_USER_AGENT = env.str(
    "SOURCE_WATCH_USER_AGENT", "crmcompare-source-watch/1.0 (editors' source watch)"
)
SOURCE_WATCH_TIMEOUT = env.float("SOURCE_WATCH_TIMEOUT", 20, validate=validate.Range(min=0.1))
SOURCE_WATCH_MAX_BYTES = env.int(
    "SOURCE_WATCH_MAX_BYTES", 3 * 1024 * 1024, validate=validate.Range(min=1024)
)
# Seconds between two requests to one host within a run.
SOURCE_WATCH_HOST_SPACING = env.float(
    "SOURCE_WATCH_HOST_SPACING", 5, validate=validate.Range(min=0)
)
# A source checked this few seconds ago (by any server) is not checked again: runs
# started together on several servers share the work instead of repeating it.
SOURCE_WATCH_MIN_INTERVAL = env.int(
    "SOURCE_WATCH_MIN_INTERVAL", 600, validate=validate.Range(min=0)
)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "comparisons.api.throttling.AnonRateThrottle",
        "comparisons.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", "120/minute"),
        "user": env.str("API_THROTTLE_USER", "1200/minute"),
    },
    # Unset, DRF would take the whole X-Forwarded-For header as the client's address.
    "NUM_PROXIES": NUM_PROXIES,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "crmcompare API",
    "DESCRIPTION": "Editor-curated CRM comparison data: vendors, plans, features and verdicts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Names are part of the interface (generated clients make modules of them): ASCII,
    # the same in every language, pinned for enumerations; see comparisons/api/schema.py.
    "ENUM_NAME_OVERRIDES": {
        "BillingPeriodEnum": "comparisons.models.Plan.BillingPeriod",
        "PlanKindEnum": "comparisons.models.Plan.Kind",
        "PricingUnitEnum": "comparisons.models.Plan.PricingUnit",
        "AvailabilityStatusEnum": "comparisons.models.FeatureAvailability.Status",
        "HistoryTypeEnum": "comparisons.api.schema.history_type_choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "comparisons.api.schema.drop_titles",
    ],
}

# Logs go to stdout, one JSON object per line in production (DJANGO_LOG_FORMAT=json,
# the default with debug off) or logfmt-style text on a developer's terminal.
LOG_FORMAT = env.str(
    "DJANGO_LOG_FORMAT", "text" if DEBUG else "json", validate=validate.OneOf(["text", "json"])
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s",
        },
        # time, level, logger, message, then any `extra=` fields; a traceback as "exception".
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message"],
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
            "timestamp": "time",
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "structured",
        }
    },
    "root": {"handlers": ["stdout"], "level": env.log_level("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes narrates every login at INFO; its warnings (failures, lockouts) suffice.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Editors' admin: importing plans needs the "change" permission,
# exporting them the "view" one; an import is all or nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The admin's own formats (comparisons/admin/imports.py) neutralise spreadsheet
# formulas with a quote, as OWASP advises, and read them back as written; the
# library's switch would instead drop a leading "=" from editors' text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# An uploaded file waits for its confirmation in the default cache, shared by
# every app server (SharedImportStorage, set on the admin mixin that relies on it).

# Login throttling (django-axes, failures kept in the database so it holds without
# Redis): LOGIN_FAILURE_LIMIT failed logins within LOGIN_COOLOFF_MINUTES, on the admin
# or the API token view, block further logins for that long - counted per address and,
# separately, per username unless LOGIN_LOCKOUT_PARAMETERS says otherwise ("," between
# alternatives, "+" to count a combination, e.g. "username+ip_address").
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [
    item.split("+") if "+" in item else item
    for item in env.names("LOGIN_LOCKOUT_PARAMETERS", "ip_address,username")
]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "core.lockout.admin_lockout_response"
# Attempts during a lockout neither count nor extend it, so a lockout ends
# LOGIN_COOLOFF_MINUTES after the failure that caused it, however much is tried meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Only failures are needed to throttle; successful logins are not recorded.
AXES_DISABLE_ACCESS_LOG = True

# --- Production security (all on with DJANGO_DEBUG=0; `manage.py check --deploy` is clean) ---
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto, trust that header;
# without it Django would see plain HTTP and redirect forever.
if env.bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): only the site's own scripts and styles.
# JSON-LD blocks are data, not scripts, so they need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *env.names("DJANGO_CSP_SCRIPT_SRC", "")],
        "style-src": ["'self'", *env.names("DJANGO_CSP_STYLE_SRC", "")],
        "img-src": ["'self'", "data:", *env.names("DJANGO_CSP_IMG_SRC", "")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Email: the console in development, SMTP (or any backend named) in production.
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "crmcompare <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.names("DJANGO_ADMINS", "")]
