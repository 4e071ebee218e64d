"""Limits on text that is printed in a PDF, so that no input can make a render slow.

Length alone is not enough: bench/pdf_abuse.py shows that 10,000 characters cut into thousands
of one-word lines, or written as one unbroken "word", take many times longer to lay out than
prose of the same length. So printed text is also limited in lines and in word length.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


@deconstructible
class PrintableText:
    def __init__(self, max_lines: int, max_word: int = 60):
        self.max_lines = max_lines
        self.max_word = max_word

    def __call__(self, value: str) -> None:
        value = value or ""
        lines = value.count("\n") + 1
        if lines > self.max_lines:
            raise ValidationError(
                ngettext_lazy(
                    "At most %(max)d line (this has %(count)d).",
                    "At most %(max)d lines (this has %(count)d).",
                    self.max_lines,
                ),
                code="too_many_lines",
                params={"max": self.max_lines, "count": lines},
            )
        if re.search(rf"\S{{{self.max_word + 1},}}", value):
            raise ValidationError(
                _("A word or link can be at most %(max)d characters long; add spaces."),
                code="word_too_long",
                params={"max": self.max_word},
            )

    def __eq__(self, other):
        return (
            isinstance(other, PrintableText)
            and other.max_lines == self.max_lines
            and other.max_word == self.max_word
        )
