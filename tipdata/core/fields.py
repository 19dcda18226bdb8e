"""Model fields whose values are encrypted in the database (see ``tipdata.core.crypto``).

Every encrypted field derives from ``EncryptedField`` so that key rotation and the plaintext
scans find them all by class, whatever app declares them. Ciphertexts are randomised, so a
database filter on an encrypted value could never match: instead of silently returning
nothing, such a filter raises, pointing at the keyed hash (``<field>_hash``) meant for lookups.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.utils.functional import cached_property

from tipdata.core import crypto


class EncryptedExact(Exact):
    """``field=""`` still works (empty values are stored empty); any other value refuses."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.target.name} is encrypted and cannot be filtered by value; "
                "use its keyed hash for exact matches."
            )
        return super().get_prep_lookup()


class EncryptedField(models.Field):
    """Marker base: the value is stored as ``crypto.PREFIX`` + a Fernet token."""

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EncryptedExact
        if lookup_name == "isnull":
            return IsNull
        return None

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def to_plain(self, value: Any) -> str:
        """The text that is encrypted for a Python value."""
        return str(value)

    def from_plain(self, text: str) -> Any:
        """The Python value of decrypted text."""
        return text

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(self.to_plain(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.empty_value()
        return self.from_plain(crypto.decrypt(value))

    def empty_value(self) -> Any:
        return None


class EncryptedTextField(EncryptedField, models.TextField):
    """Text stored as an authenticated ciphertext; never filterable in the database."""

    description = "Encrypted text"

    def empty_value(self) -> Any:
        return ""


class EncryptedDateField(EncryptedField, models.DateField):
    """A date stored as an encrypted ISO string (no date arithmetic in SQL)."""

    description = "Encrypted date"

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def to_plain(self, value: Any) -> str:
        return value.isoformat()

    def from_plain(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)


class EncryptedIntegerField(EncryptedField, models.IntegerField):
    """A small integer (such as a birth year) stored encrypted."""

    description = "Encrypted integer"

    @cached_property
    def validators(self) -> list[Any]:
        # IntegerField asks the database for its column's range; the column here is text.
        return [*self.default_validators, *getattr(self, "_validators", [])]

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        return None if value is None else int(value)

    def to_plain(self, value: Any) -> str:
        return str(int(value))

    def from_plain(self, text: str) -> int:
        return int(text)


def encrypted_fields() -> list[tuple[type[models.Model], list[EncryptedField]]]:
    """Every concrete model with encrypted fields, and those fields (found by class)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
        if fields:
            found.append((model, fields))
    return found
