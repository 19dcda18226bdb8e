"""Security settings: password hashing, sign-in hardening, headers and key material.

Kept apart from the general settings so the protections can be reviewed in one place.
"""

from __future__ import annotations

import os

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("TIPDATA_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Personal-data encryption keys: a comma-separated list, newest first (see docs/security.md).
TIPDATA_DATA_KEYS = os.environ.get("TIPDATA_DATA_KEYS", "")
TIPDATA_DATA_KEY_FILE = os.environ.get("TIPDATA_DATA_KEY_FILE", "")
TIPDATA_LOOKUP_KEY = os.environ.get("TIPDATA_LOOKUP_KEY", "")
