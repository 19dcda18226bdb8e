"""Writes about criminal cases: registration, dated steps, defendants, verdicts, sentences.

``case`` holds the case, its steps, linked victims and reviews; ``trial`` the suspects and
defendants, verdicts, sentences and cooperation abroad. Pages, API, importers and the demo
loader all import from ``tipdata.cases.services``.
"""

from tipdata.cases.services.case import (
    close_case,
    is_prosecutor,
    link_victims,
    may_supervise,
    record_case_review,
    register_case,
    reopen_case,
    resume_case,
    send_to_court,
    suspend_case,
    terminate_case,
    unlink_victim,
    update_case,
    update_case_review,
)
from tipdata.cases.services.trial import (
    add_defendant,
    charge_defendant,
    record_cooperation,
    record_sentence,
    record_verdict,
    update_cooperation,
    update_defendant,
    update_sentence,
    update_verdict,
)

__all__ = [
    "add_defendant",
    "charge_defendant",
    "close_case",
    "is_prosecutor",
    "link_victims",
    "may_supervise",
    "record_case_review",
    "record_cooperation",
    "record_sentence",
    "record_verdict",
    "register_case",
    "reopen_case",
    "resume_case",
    "send_to_court",
    "suspend_case",
    "terminate_case",
    "unlink_victim",
    "update_case",
    "update_case_review",
    "update_cooperation",
    "update_defendant",
    "update_sentence",
    "update_verdict",
]
