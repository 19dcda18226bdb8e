"""Encryption of personal data at rest and keyed hashing for exact-match lookups.

Personal values are encrypted with Fernet from the ``cryptography`` package: AES-128-CBC with
an HMAC-SHA256 over version, timestamp, IV and ciphertext, so a value that was altered in the
database fails to decrypt instead of decrypting to something else (authenticated encryption).
We use Fernet rather than hand-assembling AES-GCM because it is a complete, reviewed format
with nothing left for us to get wrong (nonce handling, encoding, key versions).

Keys come from ``TIPDATA_DATA_KEYS`` (comma-separated, newest first) or the key file named by
``TIPDATA_DATA_KEY_FILE`` (one key a line, newest first). With neither, a development key file
is created under ``var/keys`` (outside the repository, which ignores ``var/``) so a fresh
checkout works. ``MultiFernet`` decrypts with any listed key and encrypts with the first: that
is what makes rotation possible without downtime (``tipdata rotate_keys``).

Identity numbers must be found by exact match without being stored in clear: they are also
stored as an HMAC-SHA256 under a separate *lookup key* (``TIPDATA_LOOKUP_KEY`` or
``TIPDATA_LOOKUP_KEY_FILE``, development file ``var/keys/lookup.key``). The lookup key is
independent of the data keys so that retiring an old data key never breaks lookups.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import stat
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc1:"
logger = logging.getLogger(__name__)


class KeyConfigurationError(RuntimeError):
    """Raised when no usable key material is configured."""


class DecryptionError(InvalidToken):
    """A stored value could not be decrypted: tampered with, or its key is not configured.

    The message never contains the value, so it is safe in logs and error pages.
    """


def _dev_key_dir() -> Path:
    return Path(settings.VAR_DIR) / "keys"


def _create_secret_file(path: Path, content: str) -> None:
    """Create ``path`` readable by its owner only; never overwrite an existing key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as fh:
        fh.write(content + "\n")
    logger.warning("Created a development key file at %s; set keys explicitly in production.", path)


@lru_cache(maxsize=8)
def _read_lines(path: str, mtime_ns: int) -> tuple[str, ...]:
    mode = os.stat(path).st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning("Key file %s is readable by other users; chmod 600 it.", path)
    text = Path(path).read_text()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def read_key_file(path: Path) -> list[str]:
    """Keys of a key file, newest first (cached until the file changes)."""
    return list(_read_lines(str(path), path.stat().st_mtime_ns))


def data_key_file() -> Path:
    """The key file in use when keys are not given in the environment."""
    if settings.TIPDATA_DATA_KEY_FILE:
        return Path(settings.TIPDATA_DATA_KEY_FILE)
    path = _dev_key_dir() / "data.keys"
    if not path.exists():
        _create_secret_file(path, Fernet.generate_key().decode())
    return path


def configured_keys() -> list[str]:
    """Return the data keys, newest first, creating a development key file if none is set."""
    if settings.TIPDATA_DATA_KEYS:
        return [k.strip() for k in settings.TIPDATA_DATA_KEYS.split(",") if k.strip()]
    return read_key_file(data_key_file())


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise KeyConfigurationError("No personal-data encryption key is configured.")
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError as exc:  # never echo the key itself
        raise KeyConfigurationError(
            "A personal-data key is malformed (expected 32 url-safe base64-encoded bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(configured_keys()))


def newest_only() -> MultiFernet:
    """A decrypter that knows only the newest key: proves a rotation is complete."""
    return _fernet(tuple(configured_keys()[:1]))


def reset_key_cache() -> None:
    """Forget cached keys (after a rotation or in tests that change keys)."""
    _fernet.cache_clear()
    _read_lines.cache_clear()
    _lookup_key.cache_clear()


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(value: str) -> str:
    return PREFIX + fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str, *, using: MultiFernet | None = None) -> str:
    if not is_token(token):
        raise DecryptionError("The stored value is not an encrypted token.")
    try:
        plain = (using or fernet()).decrypt(token[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        raise DecryptionError(
            "A personal-data value could not be decrypted: it was altered, or the key that "
            "encrypted it is not in TIPDATA_DATA_KEYS / the key file."
        ) from None
    return plain.decode("utf-8")


def rotate_token(token: str) -> str:
    """Re-encrypt a token under the newest key (used by the rotation command)."""
    if not is_token(token):
        raise DecryptionError("The stored value is not an encrypted token.")
    try:
        rotated = fernet().rotate(token[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        raise DecryptionError("A value could not be decrypted with any configured key.") from None
    return PREFIX + rotated.decode("ascii")


@lru_cache(maxsize=4)
def _lookup_key(configured: str, path: str) -> bytes:
    if configured:
        return configured.encode("utf-8")
    key_path = Path(path)
    if not key_path.exists():
        _create_secret_file(key_path, os.urandom(32).hex())
    return key_path.read_text().strip().encode("ascii")


def lookup_key() -> bytes:
    """The keyed-hash key: from the environment, a key file, or a development key file."""
    path = settings.TIPDATA_LOOKUP_KEY_FILE or str(_dev_key_dir() / "lookup.key")
    return _lookup_key(settings.TIPDATA_LOOKUP_KEY, path)


def normalise_identifier(value: str) -> str:
    """Letters and digits only, upper case: "n 12-34" and "N1234" are the same document."""
    return "".join(ch for ch in value if ch.isalnum()).upper()


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value: equal inputs match, the value is not recoverable."""
    normalised = normalise_identifier(value)
    return hmac.new(lookup_key(), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
