"""Domain errors carry a Persian message meant for the person who caused them.

Views show the message; the API returns it as a 4xx JSON body. A user never sees a traceback.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the operation; ``message`` is Persian and safe to show."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class VersionConflict(DomainError):
    """Someone saved the object after this form was opened: the later save must not overwrite silently."""

    status_code = 409

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "این مورد پس از باز شدن فرم شما، توسط کاربر دیگری تغییر کرده است. صفحه را دوباره باز کنید و "
            "تغییرات خود را دوباره اعمال کنید."
        )
