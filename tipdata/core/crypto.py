"""Encryption of personal data at rest and keyed hashing for exact-match lookups.

Personal values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, authenticated) from the
``cryptography`` package. Keys come from ``TIPDATA_DATA_KEYS`` (comma-separated, newest first)
or a key file; with neither, a development key file is created under ``var/keys`` so that a
fresh checkout works. ``MultiFernet`` decrypts with any listed key and encrypts with the first,
which is what makes key rotation possible without downtime.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc1:"


class KeyConfigurationError(RuntimeError):
    """Raised when no usable key material is configured."""


def _dev_key_file() -> Path:
    return Path(settings.VAR_DIR) / "keys" / "data.keys"


def _read_key_file(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def configured_keys() -> list[str]:
    """Return the data keys, newest first, creating a development key file if none is set."""
    if settings.TIPDATA_DATA_KEYS:
        return [k.strip() for k in settings.TIPDATA_DATA_KEYS.split(",") if k.strip()]
    if settings.TIPDATA_DATA_KEY_FILE:
        return _read_key_file(Path(settings.TIPDATA_DATA_KEY_FILE))
    path = _dev_key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(Fernet.generate_key().decode() + "\n")
    return _read_key_file(path)


@lru_cache(maxsize=1)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise KeyConfigurationError("No personal-data encryption key is configured.")
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(configured_keys()))


def reset_key_cache() -> None:
    """Forget cached keys (after a rotation or in tests that change keys)."""
    _fernet.cache_clear()


def encrypt(value: str) -> str:
    return PREFIX + fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise InvalidToken("value is not an encrypted token")
    return fernet().decrypt(token[len(PREFIX) :].encode("ascii")).decode("utf-8")


def rotate_token(token: str) -> str:
    """Re-encrypt a token under the newest key (used by the rotation command)."""
    return PREFIX + fernet().rotate(token[len(PREFIX) :].encode("ascii")).decode("ascii")


def lookup_key() -> bytes:
    if settings.TIPDATA_LOOKUP_KEY:
        return settings.TIPDATA_LOOKUP_KEY.encode()
    # Derive a lookup key from the oldest data key so it survives data-key rotation.
    return hashlib.sha256(b"tipdata-lookup:" + configured_keys()[-1].encode()).digest()


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value: equal inputs match, the value is not recoverable."""
    normalised = "".join(value.split()).upper()
    return hmac.new(lookup_key(), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
