"""Security settings: password hashing, sign-in hardening, headers and key material.

Kept apart from the general settings so the protections can be reviewed in one place
(docs/security.md explains each and names the test that proves it). Every value can be set
from the environment; the defaults are the safe ones for a deployment.
"""

from __future__ import annotations

import os
from datetime import timedelta

from csp.constants import NONE, SELF


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


_DEBUG = _env_bool("TIPDATA_DEBUG", False)

# --- Passwords ------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Lock-out after repeated failures (django-axes) -----------------------------------------
# Locked per username: the accounts are few and named, so guessing one account's password
# from many addresses is the attack to stop. The cost (someone can lock a colleague out for
# the cool-off period) is accepted; an administrator unlocks with `tipdata axes_reset_username`.
AXES_FAILURE_LIMIT = _env_int("TIPDATA_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("TIPDATA_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that without the address one could rotate user agents; with a lock per username,
# rotating anything does not help. Locking whole addresses would lock out an office behind NAT.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Two factors (django-otp, TOTP) ---------------------------------------------------------
OTP_TOTP_ISSUER = os.environ.get("TIPDATA_TOTP_ISSUER", "tipdata")
# Require the second factor from every role, not only those that see personal data.
TIPDATA_TWO_FACTOR_FOR_ALL = _env_bool("TIPDATA_TWO_FACTOR_FOR_ALL", False)

# --- Sessions and cookies -------------------------------------------------------------------
# Idle expiry: the session ends after this long without a request (renewed on each request).
SESSION_COOKIE_AGE = _env_int("TIPDATA_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Absolute expiry: signed out this long after signing in, however active.
TIPDATA_SESSION_MAX_SECONDS = _env_int("TIPDATA_SESSION_MAX_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF cookie stays readable by scripts: the API docs page sends it back on POST.
CSRF_COOKIE_SAMESITE = "Lax"
# Secure cookies whenever DEBUG is off. Browsers accept Secure cookies from
# http://localhost and http://127.0.0.1, so the demo works without TLS; a deployment that
# really serves plain HTTP elsewhere must say so with TIPDATA_SECURE_COOKIES=0.
SESSION_COOKIE_SECURE = _env_bool("TIPDATA_SECURE_COOKIES", not _DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Transport and headers ------------------------------------------------------------------
SECURE_SSL_REDIRECT = _env_bool("TIPDATA_SSL_REDIRECT", False)
if _env_bool("TIPDATA_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = _env_int("TIPDATA_HSTS_SECONDS", 0 if _DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): everything from this server only. htmx and the
# stylesheet are served from /static/; the QR code is inline SVG markup, not an image URL.
# Images also from data: URIs: the report's charts are SVGs inlined that way (a data: image
# cannot run script, and no other data: source is allowed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Error pages and reports never show request values or local variables (also with DEBUG).
DEFAULT_EXCEPTION_REPORTER = "tipdata.privacy.reporting.PersonalDataExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "tipdata.privacy.reporting.PersonalDataReporterFilter"

# --- Personal-data keys ---------------------------------------------------------------------
# Encryption keys: a comma-separated list, newest first, or a key file (docs/security.md).
TIPDATA_DATA_KEYS = os.environ.get("TIPDATA_DATA_KEYS", "")
TIPDATA_DATA_KEY_FILE = os.environ.get("TIPDATA_DATA_KEY_FILE", "")
TIPDATA_LOOKUP_KEY = os.environ.get("TIPDATA_LOOKUP_KEY", "")
TIPDATA_LOOKUP_KEY_FILE = os.environ.get("TIPDATA_LOOKUP_KEY_FILE", "")

# --- Who sees what, and for how long --------------------------------------------------------
# Prosecution agency types (profile codes) that supervise every case in the country.
TIPDATA_NATIONAL_PROSECUTION_TYPES = [
    t.strip() for t in os.environ.get("TIPDATA_NATIONAL_PROSECUTION_TYPES", "PGO").split(",")
]
# Break the glass: how long an emergency access to one record lasts.
TIPDATA_BREAK_GLASS_MINUTES = _env_int("TIPDATA_BREAK_GLASS_MINUTES", 60)
# Retention: personal data is erased this long after a record's last activity.
TIPDATA_RETENTION_DAYS = _env_int("TIPDATA_RETENTION_DAYS", 5 * 365)

# --- API tokens -----------------------------------------------------------------------------
TIPDATA_TOKEN_DAYS = _env_int("TIPDATA_TOKEN_DAYS", 90)
TIPDATA_TOKEN_MAX_DAYS = _env_int("TIPDATA_TOKEN_MAX_DAYS", 365)
