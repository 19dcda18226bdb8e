"""Error reports that never show personal data, even with DEBUG on.

Django's technical 500 page (DEBUG) and its error e-mails show request parameters, the
query string and every local variable of every frame: a victim's name typed into a form, a
decrypted ``PersonalData`` in a view's locals. tipdata's reporter shows the names and types
of those values, never the values, and its filter hides every POST and GET value. The
exception's type and message and the traceback's source lines stay, which is what a
developer needs.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = "••••••"
HIDDEN_META = ("QUERY_STRING", "REQUEST_URI", "RAW_URI", "HTTP_REFERER")


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Hides every request parameter and every frame variable's value."""

    cleansed_substitute = HIDDEN

    def is_active(self, request: HttpRequest | None) -> bool:
        return True  # also when DEBUG is on

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, str]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = super().get_safe_request_meta(request)
        for key in HIDDEN_META:
            if key in meta:
                meta[key] = HIDDEN
        return meta

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        hidden = {
            name: f"{HIDDEN} ({type(value).__name__})" for name, value in tb_frame.f_locals.items()
        }
        return hidden.items()


class PersonalDataExceptionReporter(ExceptionReporter):
    """The technical error page without the query string's values."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = [(k, HIDDEN) for k in self.request.GET]
            data["request_COOKIES_items"] = [(k, HIDDEN) for k in self.request.COOKIES]
            data["request_insecure_uri"] = self.request.path
        return data
