"""Criminal cases from registration to sentence (issue 2 §4).

``case`` holds the case, its dated steps, reviews and international cooperation; ``trial``
the suspects and defendants with their verdicts and sentences. Everything is importable from
``tipdata.cases.models`` as before the split.
"""

from tipdata.cases.models.case import (
    CASE_WORKFLOW,
    EXTRADITIONS,
    OPEN_STATUSES,
    CaseReview,
    CaseStatus,
    CaseStatusChange,
    CooperationKind,
    CriminalCase,
    InternationalCooperation,
    TerminationReason,
    not_before,
)
from tipdata.cases.models.trial import (
    DEFENDANT_WORKFLOW,
    TERM_KINDS,
    Defendant,
    PartyRole,
    Sentence,
    SentenceKind,
    Verdict,
    VerdictOutcome,
    new_defendant_code,
)

__all__ = [
    "CASE_WORKFLOW",
    "DEFENDANT_WORKFLOW",
    "EXTRADITIONS",
    "OPEN_STATUSES",
    "TERM_KINDS",
    "CaseReview",
    "CaseStatus",
    "CaseStatusChange",
    "CooperationKind",
    "CriminalCase",
    "Defendant",
    "InternationalCooperation",
    "PartyRole",
    "Sentence",
    "SentenceKind",
    "TerminationReason",
    "Verdict",
    "VerdictOutcome",
    "new_defendant_code",
    "not_before",
]
