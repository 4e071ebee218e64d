"""Form widgets every app shares."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO 8601 whatever the page's language:
    a localised value such as 01/01/2027 (French, Spanish) is dropped by the browser, so a
    form re-shown after an error, or opened to edit, would lose its dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
