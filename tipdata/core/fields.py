"""Model fields whose values are encrypted in the database (see ``tipdata.core.crypto``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models

from tipdata.core import crypto


class EncryptedTextField(models.TextField):
    """Text stored as an authenticated ciphertext; never filterable in the database."""

    description = "Encrypted text"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_internal_type(self) -> str:
        return "TextField"


class EncryptedDateField(models.DateField):
    """A date stored as an encrypted ISO string (no date arithmetic in SQL)."""

    description = "Encrypted date"

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = self.to_python(value)
        if value is None:
            return None
        return crypto.encrypt(value.isoformat())

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return datetime.date.fromisoformat(crypto.decrypt(value))


class EncryptedIntegerField(models.IntegerField):
    """A small integer (such as a birth year) stored encrypted."""

    description = "Encrypted integer"

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = self.to_python(value)
        if value is None:
            return None
        return crypto.encrypt(str(int(value)))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return int(crypto.decrypt(value))
