"""The consent record type as the generic pages and API serve it."""

from __future__ import annotations

from tipdata.core.registry import RecordType, TransitionForm, register
from tipdata.privacy import consent
from tipdata.privacy.filters import ConsentFilter
from tipdata.privacy.forms import ConsentForm, WithdrawForm
from tipdata.privacy.models import Consent

CONSENTS = register(
    RecordType(
        model=Consent,
        slug="privacy",
        filterset_class=ConsentFilter,
        list_columns=["victim", "purpose", "recipient", "given_on", "how_given", "status"],
        create_form=ConsentForm,
        create=consent.record_consent,
        transitions=[TransitionForm("withdraw", WithdrawForm, consent.withdraw_consent)],
    )
)
