"""Form base classes: forms only validate shapes; rules live in models and services."""

from __future__ import annotations

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"


class RecordForm(forms.ModelForm):
    """A model form that knows its user, so choices of related records respect their scope."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            queryset = getattr(field, "queryset", None)
            if isinstance(field, forms.ModelChoiceField) and hasattr(queryset, "visible_to"):
                field.queryset = queryset.visible_to(user)  # type: ignore[union-attr]

    def _post_clean(self) -> None:
        """Skip ModelForm's model validation: the service validates the whole record once."""


class MultipleChoiceJSONField(forms.MultipleChoiceField):
    """A multi-select stored in a JSON list field."""

    widget = forms.CheckboxSelectMultiple


class StepForm(forms.Form):
    """Base form of a transition (the date of the step and an optional reason)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
