"""Bodies shared by every router of ``/api/v1``: one error shape, ``{"detail": "<Persian sentence>"}``.

Routers import ``ErrorOut`` when they declare an error response themselves; ``hamafza.api`` adds the common
error statuses (400, 401, 403, 404, 409, 422) to every operation that does not, with the same schema.
"""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """The body of every error response: one Persian sentence (validation errors add ``errors``)."""

    detail: str
