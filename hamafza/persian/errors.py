from __future__ import annotations


class PersianInputError(ValueError):
    """Bad input typed by a person; ``str(error)`` is a Persian message safe to show them."""


class InvalidJalaliDate(PersianInputError):
    pass


class InvalidNationalId(PersianInputError):
    pass


class InvalidMobile(PersianInputError):
    pass
