"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is convenient in development; production reads the real environment only.
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-not-for-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Our own apps, in dependency order: a later app may import an earlier one, never the reverse.
LOCAL_APPS = [
    "common",
    "accounts",
    "grassroots",
    "committees",
    "events",
    "training",
    "news",
    "jinshi_laotixie",
]

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
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "sorl.thumbnail",
    "axes",
    "django_prose_editor",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages for readers without a session, before the rest of the stack (common/cache.py).
    "common.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns a lockout into our Chinese response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jinshi_laotixie.urls"
WSGI_APPLICATION = "jinshi_laotixie.wsgi.application"

TEMPLATES = [
    # First: the public pages, in templates/jinja2/ (why: jinshi_laotixie/jinja_env.py). A name not found there
    # falls through to Django's engine: the admin, the portal and the login pages in templates/.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "jinshi_laotixie.jinja_env.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.static",
                "csp.context_processors.nonce",
                "common.context_processors.site",
            ],
        },
    },
]

def _use_our_postgresql_backend(database: dict) -> None:
    """Django's PostgreSQL backend with a health check that reads the socket instead of sending
    SELECT 1 at every request, and times parsed in C (common/db_backends/postgresql/base.py)."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["ENGINE"] = "common.db_backends.postgresql"


# SQLite by default so that `make run` needs nothing; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Keep connections open: with Django's default of 0 a detail page was 6x slower on these machines.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite connections are cheap and are not safe to keep across threads of runserver.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    # psycopg 3 with server-side binding prepares a statement after its second use on a connection, so
    # PostgreSQL stops parsing and planning the same page queries again: the article page's join query
    # fell from 1.0 to 0.4 ms of database time. Queries must then bound their index scans with plain
    # conditions (see news.selectors.article_links), because a generic plan cannot see the values.
    # DB_PREPARE_THRESHOLD=off turns it off for a transaction-mode PgBouncer, which cannot keep them.
    _prepare = env.str("DB_PREPARE_THRESHOLD", default="2")
    _use_our_postgresql_backend(DATABASES["default"])
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=None if _prepare == "off" else int(_prepare)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out login never reaches the model backend.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: checked by content, size and pixel count in common.uploads.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=8 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
ATTACHMENT_UPLOAD_MAX_BYTES = env.int("ATTACHMENT_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A TrueType CJK font to embed in PDF certificates (reportlab cannot use Noto's PostScript outlines).
PDF_CJK_FONT_PATH = env("PDF_CJK_FONT_PATH", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Caching: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="jinshi"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "jinshi",
        }
    }
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)
# PUBLIC_PAGE_CACHE=off serves public pages uncached (the benchmark's cold runs).
PUBLIC_PAGE_CACHE_ENABLED = env.bool("PUBLIC_PAGE_CACHE", default=True)

# An optional read replica: anonymous reads of public pages go to it (jinshi_laotixie/db_router.py).
REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL", default="")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = {
        **env.db_url_config(REPLICA_DATABASE_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), **env.db_url_config(REPLICA_DATABASE_URL).get("OPTIONS", {})},
        # Tests use the default test database through this alias instead of creating another.
        "TEST": {"MIRROR": "default"},
    }
    _use_our_postgresql_backend(DATABASES["replica"])
    DATABASE_ROUTERS = ["jinshi_laotixie.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "jinshi_laotixie.db_router.ReplicaReadsMiddleware",
    )

# Mail: console in development, SMTP settings from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="晋城市老年人体育协会 <noreply@localhost>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Login lockout (django-axes): five failures lock the username from that address for one hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content Security Policy (django-csp 4): no foreign hosts, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # No page of ours is meant to be framed, not even by ourselves (clickjacking; check --deploy W019).
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SIMPLE_HISTORY_REVERT_DISABLED = False

SITE_NAME = _("晋城市老年人体育协会")
# The public address, for links in e-mails and feeds made outside a request.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_CONTACT = {
    "address": env("SITE_CONTACT_ADDRESS", default="山西省晋城市城区"),
    "phone": env("SITE_CONTACT_PHONE", default="0356-0000000"),
    "email": env("SITE_CONTACT_EMAIL", default="laotixie@example.org"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Import and export in the admin follow the model permissions (django-import-export lets every
# admin user in when these are unset): importing changes rows, exporting reads them.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
