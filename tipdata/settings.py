"""Django settings for tipdata.

Every setting that differs between a laptop and a deployment comes from an environment
variable with a safe default: a fresh checkout runs on embedded SQLite with no configuration,
and a deployment sets ``DATABASE_URL``, ``TIPDATA_SECRET_KEY`` and the key files.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TIPDATA_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("TIPDATA_DEBUG", False)
SECRET_KEY = os.environ.get("TIPDATA_SECRET_KEY", "")
if not SECRET_KEY:
    # Development fallback only: script/server writes a random key into var/ instead.
    SECRET_KEY = "insecure-development-key-set-TIPDATA_SECRET_KEY-in-production"  # noqa: S105
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("TIPDATA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("TIPDATA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "tipdata.core",
    "tipdata.profiles",
    "tipdata.accounts",
    "tipdata.audit",
    "tipdata.victims",
    "tipdata.referrals",
    "tipdata.cases",
    "tipdata.hotline",
    "tipdata.inspections",
    "tipdata.activities",
    "tipdata.indicators",
    "tipdata.reports",
    "tipdata.intake",
    "tipdata.linkage",
    "tipdata.privacy",
    "tipdata.exchange",
    "tipdata.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "tipdata.privacy.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tipdata.accounts.signin_middleware.SignInPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tipdata.privacy.middleware.OutOfRangeInputMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks for lock-out before Django's own backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "tipdata.urls"
WSGI_APPLICATION = "tipdata.wsgi.application"

TEMPLATES = [
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
                "tipdata.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tipdata.sqlite3'}"),
        conn_max_age=int(os.environ.get("TIPDATA_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("TIPDATA_SQLITE_TEST_NAME")
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: this app's statements are short page queries and report aggregates
    # of a few seconds at most, where compiling costs more than it saves (measured 10-20 % on
    # the country report). A DATABASE_URL with its own ?options=... keeps its own.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIPDATA_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("TIPDATA_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Serve static files straight from the apps too, so a checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True

# The country profile loaded by `tipdata load_profile` and used as the default everywhere.
TIPDATA_PROFILE = os.environ.get("TIPDATA_PROFILE", "KZ")

REST_FRAMEWORK = {
    # Token first: a refused token answers 401 with WWW-Authenticate, as HTTP says.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tipdata.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tipdata.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "tipdata API",
    "DESCRIPTION": "Records of the national anti-trafficking data system.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set, whatever field it appears under.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "tipdata.cases.models.case.CaseStatus",
        "ServiceKindEnum": "tipdata.core.vocabulary.ServiceKind",
        "ExploitationFormEnum": "tipdata.core.vocabulary.ExploitationForm",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TIPDATA_LOG_LEVEL", "WARNING")},
}

# Protection settings (passwords, sign-in, headers, keys) live in their own module.
from tipdata.settings_security import *  # noqa: E402,F403
