"""Errors for input a person typed; the message is Persian and meant to be shown to them as is."""

from __future__ import annotations


class PersianInputError(ValueError):
    """Bad input typed by a person; ``str(error)`` is a Persian message safe to show them.

    It subclasses ``ValueError`` so code that only knows "this value is wrong" (parsers, form fields) can
    catch it without importing this package.
    """

    # A stable identifier for callers that map errors to their own codes (e.g. a form's ``ValidationError``).
    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class InvalidJalaliDate(PersianInputError):
    code = "invalid_jalali_date"


class InvalidNationalId(PersianInputError):
    code = "invalid_national_id"


class InvalidMobile(PersianInputError):
    code = "invalid_mobile"
