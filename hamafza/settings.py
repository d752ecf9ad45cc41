"""Settings for Hamafza.

Everything comes from environment variables with defaults that are safe for the embedded mode: one machine,
SQLite in ``var/``, background work run eagerly. ``hamafza.settings_production`` tightens the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HAMAFZA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _embedded_secret_key() -> str:
    # A fresh machine gets its own key, kept beside the database, so no key is ever shipped in the repository.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _embedded_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "hamafza.core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    # Listed so the API docs page serves Swagger UI from our static files, never from a CDN.
    "ninja",
    "hamafza.core",
    "hamafza.places",
    "hamafza.accounts",
    "hamafza.organizations",
    "hamafza.holidays",
    "hamafza.notifications",
    "hamafza.programs",
    "hamafza.evaluation",
    "hamafza.engagement",
    "hamafza.voice",
    "hamafza.development",
    "hamafza.roundtables",
    "hamafza.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads request.POST: uploaded Persian file names keep their ZWNJ (see the module).
    "hamafza.core.multipart.KeepPersianFileNamesMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hamafza.urls"
WSGI_APPLICATION = "hamafza.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hamafza" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hamafza.core.context_processors.platform",
            ],
            "builtins": ["hamafza.core.templatetags.persian"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'hamafza.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a write is under way; IMMEDIATE makes writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["hamafza.accounts.backends.UsernameOrMobileBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
LOCALE_PATHS = [BASE_DIR / "hamafza" / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Source maps are fetched only by a developer's tools: compressing them (5 MB of Swagger's and ReDoc's) would only
# slow every `hamafza setup` and deploy.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "woff", "woff2"),
    "map",
)
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded files are private: no URL serves MEDIA_ROOT (and the web server must not either). Downloads go
# through views that check permission, then hand the bytes over as hamafza.core.downloads says: "stream"
# (Django), "x-accel" (nginx, an internal location at HAMAFZA_X_ACCEL_PREFIX aliased to MEDIA_ROOT) or
# "x-sendfile" (Apache mod_xsendfile).
HAMAFZA_FILE_SERVING = os.environ.get("HAMAFZA_FILE_SERVING", "stream")
HAMAFZA_X_ACCEL_PREFIX = os.environ.get("HAMAFZA_X_ACCEL_PREFIX", "/protected-media/")
# Uploads above this size are refused by the forms that take files; this caps what Django holds in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every script and style is a static file of our own: no inline script, no inline handler, no style attribute
# (tests/core/test_production_csp.py reads every template), so an injected tag cannot run. Bootstrap draws its
# form arrows and switches with data: SVGs, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis the embedded mode runs background work in the request, so nothing waits for a missing worker.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True

CACHES = {
    "default": (
        # Django's Redis cache, with one client made once (hamafza/core/cache.py says why).
        {"BACKEND": "hamafza.core.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# With Redis, which every worker shares, a session is read from the cache and written through to the database:
# one query less on every signed-in request. Without it sessions stay in the database only, as a per-process
# cache could go on serving a session that another worker has ended.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A news item's views are counted in Redis and written to its row 20 at a time (voice.services.pages); without
# Redis, each view is an UPDATE.
HAMAFZA_BUFFER_VIEWS = bool(REDIS_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

HAMAFZA_PAGE_SIZE = 25
HAMAFZA_PUBLIC_NAME = "هم‌افزا"
HAMAFZA_ALLOW_DEMO = True

# --- Audit trail keys and anchors, login protection (authz) ---------------------------------------------------
# The audit chain is signed with a key kept outside the database (see hamafza/core/audit_keys.py).
HAMAFZA_AUDIT_KEY_DIR = Path(os.environ.get("HAMAFZA_AUDIT_KEY_DIR", VAR_DIR / "audit_keys"))
# Embedded mode makes its own key on first use; production refuses to start without one (settings_production).
HAMAFZA_AUDIT_KEY_AUTOCREATE = True
# Signed heads of the chain; in production point this outside the data directory (another disk, a mount).
HAMAFZA_AUDIT_ANCHOR_DIR = Path(os.environ.get("HAMAFZA_AUDIT_ANCHOR_DIR", VAR_DIR / "audit_anchors"))
CELERY_BEAT_SCHEDULE = {
    "audit-anchor-daily": {"task": "hamafza.core.audit_anchor_write", "schedule": 24 * 60 * 60},
    "engagement-overdue-hourly": {"task": "hamafza.engagement.escalate_overdue_requests", "schedule": 60 * 60},
}

# Login protection (django-axes): 10 wrong passwords lock the account (under its normalized identity, so a mobile
# typed in Persian digits and the username are one account) and, separately, the address, for 15 minutes.
INSTALLED_APPS += ["axes"]
# Axes' middleware turns a lockout into our Persian page; it goes last, as the axes docs ask.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["hamafza.accounts.backends.LockoutBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "hamafza.accounts.lockout.axes_username"
AXES_LOCKOUT_CALLABLE = "hamafza.accounts.lockout.lockout_response"
# A refused try during a lockout does not extend it, so the time the page names is the time it opens.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy settings_production reads the client address from X-Forwarded-For instead.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False
# API: requests per person (token or session) and per address for anonymous calls, and wrong bearer tokens per
# address before that address is refused for a while.
HAMAFZA_API_THROTTLE_RATES = {
    "anon": os.environ.get("HAMAFZA_API_RATE_ANON", "120/m"),
    "user": os.environ.get("HAMAFZA_API_RATE_USER", "1200/m"),
}
HAMAFZA_API_BAD_TOKEN_LIMIT = int(os.environ.get("HAMAFZA_API_BAD_TOKEN_LIMIT", "20"))
HAMAFZA_API_BAD_TOKEN_WINDOW = 10 * 60
# --- Working days and notifications (platform) ---
# Python weekday numbers of the weekend (Monday = 0): Friday in Iran. Official holidays live in hamafza.holidays.
HAMAFZA_WEEKEND = {4}
# Text messages for notifications; a provider's backend subclasses hamafza.notifications.sms.BaseSmsBackend.
HAMAFZA_SMS_BACKEND = os.environ.get("HAMAFZA_SMS_BACKEND", "hamafza.notifications.sms.ConsoleSmsBackend")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hamafza@localhost")
# Links in emails and text messages are made absolute with this (e.g. https://hamafza.example.ir).
HAMAFZA_SITE_URL = os.environ.get("HAMAFZA_SITE_URL", "")
# Only ``hamafza bench`` turns this on: it adds the bare reference view the pages are measured against.
HAMAFZA_BENCH = env_bool("HAMAFZA_BENCH", False)
