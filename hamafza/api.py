"""``/api/v1``: one NinjaAPI that mounts each app's router; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Every error leaves as ``{"detail": "<Persian sentence>"}`` (``ErrorOut``) and every operation declares the
error statuses it can answer in the OpenAPI document, so a client (and the schemathesis run in the test suite)
knows them all: 400 bad input, 401 not logged in, 403 not allowed, 404 missing or not yours, 409 a stale
version or a state that forbids it, 422 a parameter or body that does not match the schema.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import resolve
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from hamafza.accounts.api_auth import AddressRateThrottle, PersonRateThrottle, SessionAuth, TokenAuth
from hamafza.core.api_schemas import ErrorOut
from hamafza.core.errors import DomainError
from hamafza.development.api import router as development_router
from hamafza.engagement.api import router as engagement_router
from hamafza.evaluation.api import router as evaluation_router
from hamafza.notifications.api import router as notifications_router
from hamafza.organizations.api import router as organizations_router
from hamafza.persian import to_persian_digits
from hamafza.places.api import router as places_router
from hamafza.programs.api import router as programs_router
from hamafza.roundtables.api import router as roundtables_router
from hamafza.voice.api import router as voice_router


class ControlCharacterInRequest(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "درخواست نویسه نامعتبر (مانند NUL یا نیمه‌ای از یک نویسه) یا عددی بیش از اندازه بزرگ دارد؛ "
            "آن را اصلاح کنید و دوباره بفرستید."
        )


# NUL, and halves of a UTF-16 surrogate pair that JSON escapes (\ud800) can carry but UTF-8 cannot encode:
# PostgreSQL refuses both with an error.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


# No id or count in Hamafza leaves a signed 64-bit integer; a larger one would overflow in the database.
_INT_RANGE = range(-(2**63), 2**63)


_INTEGER = re.compile(r"[+-]?[0-9]{19,}")


def _too_big(value: str) -> bool:
    """A query value that is an integer beyond 64 bits (``?organization_id=2**64``): no id or count is that large."""
    return bool(_INTEGER.fullmatch(value.strip())) and int(value) not in _INT_RANGE


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, int) and not isinstance(value, bool):
        return value not in _INT_RANGE
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class StrictParser(Parser):
    """Refuses NUL anywhere in a query or a JSON body: no text field may carry one into a query or a row.

    Normalized text has it dropped already (``persian.normalize``); this covers codes, tokens and enum values
    that are compared as they come, where PostgreSQL would fail on the NUL with a 500.
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if _has_nul(data):
            raise ControlCharacterInRequest()
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        # Page numbers have declared bounds (a 422 from the schema); any other integer beyond 64 bits is refused here.
        if _has_nul(result) or any(_too_big(v) for k, v in data.items() if k not in ("page", "page_size")):
            raise ControlCharacterInRequest()
        return result


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


class StrictJSONRenderer(JSONRenderer):
    """Never writes ``NaN`` or ``Infinity``, which are not JSON: a non-finite number (refused on input, but
    perhaps stored before that check) leaves as ``null``."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        try:
            return json.dumps(data, cls=self.encoder_class, allow_nan=False)
        except ValueError:
            return json.dumps(_finite(json.loads(json.dumps(data, cls=self.encoder_class))), allow_nan=False)


class HamafzaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _declare_errors(schema)
        return schema


_ERROR_REF = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_ERROR_TEXT = {
    400: "داده نادرست",
    401: "نیاز به ورود یا توکن معتبر",
    403: "اجازه این کار را ندارید",
    404: "پیدا نشد یا مال شما نیست",
    409: "نسخه کهنه یا وضعیتی که این کار را نمی‌پذیرد",
    422: "پارامتر یا بدنه با طرح سازگار نیست",
    429: "درخواست‌های بیش از اندازه؛ سرآیند Retry-After زمان انتظار را می‌گوید",
}


def _declare_errors(schema: OpenAPISchema) -> None:
    """Add the shared error responses to every operation that does not already declare them."""
    schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = ErrorOut.model_json_schema()
    for methods in schema.get("paths", {}).values():
        for method, operation in methods.items():
            # Every call is throttled (per address, per person): 429 can answer any of them.
            codes = [400, 404, 422, 429]
            if operation.get("security"):
                codes += [401, 403]
            if method != "get":
                codes += [409]
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                # Ninja keys the responses it declares by int; a router's own declaration wins.
                if code not in responses and str(code) not in responses:
                    responses[code] = {"description": _ERROR_TEXT[code], **_ERROR_REF}


api = HamafzaAPI(
    title="Hamafza API",
    version="1",
    description="رابط برنامه‌نویسی هم‌افزا. احراز هویت با سرآیند Authorization: Bearer <token>.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    throttle=[AddressRateThrottle(), PersonRateThrottle()],
    parser=StrictParser(),
    renderer=StrictJSONRenderer(),
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # "Missing" and "not yours" get the same answer, as on the pages.
    return api.create_response(request, {"detail": "پیدا نشد."}, status=404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja raises these itself, in English; the one a client meets is a body that is not JSON.
    if isinstance(exc.__cause__, DomainError):
        return api.create_response(request, {"detail": exc.__cause__.message}, status=exc.status_code)
    message = "بدنه درخواست JSON معتبر نیست." if exc.status_code == 400 else "درخواست پذیرفته نشد."
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # The field-level details stay machine-readable; the headline is for the person reading the response.
    return api.create_response(request, {"detail": validation_headline(exc.errors), "errors": exc.errors}, status=422)


def validation_headline(errors: list[dict[str, Any]]) -> str:
    """A Persian sentence naming the first problem, so a person can fix it without reading the details."""
    if not errors:
        return "داده‌های فرستاده‌شده کامل یا معتبر نیستند."
    first = errors[0]
    field = str(first.get("loc", ["?"])[-1])
    context = first.get("ctx") or {}
    kind = first.get("type", "")
    if kind == "string_too_long":
        limit = to_persian_digits(context.get("max_length", ""))
        return f"«{field}» بلندتر از اندازه مجاز است: حداکثر {limit} نویسه."
    if kind == "missing":
        return f"«{field}» فرستاده نشده است."
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return f"مقدار «{field}» بیرون از بازه مجاز است."
    return f"«{field}» معتبر نیست؛ داده‌های فرستاده‌شده کامل یا معتبر نیستند."


# Exempt like the API's own views: it changes nothing, and a refused CSRF check would answer an HTML page.
@csrf_exempt
def unmatched(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any /api/v1 path no operation matches (``/notifications/abc/read`` where an id is due): a JSON 404,
    like every other API error, not the site's HTML page."""
    # Keep what APPEND_SLASH did before this catch-all existed: a GET missing its final slash is redirected.
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        if resolve(request.path + "/").func is not unmatched:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse({"detail": "پیدا نشد."}, status=404, json_dumps_params={"ensure_ascii": False})


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "برای این درخواست باید وارد شوید یا توکن معتبر بفرستید."}, status=401
    )


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    minutes = max(1, round((exc.wait or 60) / 60))
    response = api.create_response(
        request,
        {"detail": f"درخواست‌ها بیش از اندازه است. {to_persian_digits(minutes)} دقیقه دیگر دوباره تلاش کنید."},
        status=429,
    )
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


api.add_router("/places/", places_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/notifications/", notifications_router)
api.add_router("/programs/", programs_router)
api.add_router("/engagement/", engagement_router)
api.add_router("/voice/", voice_router)
api.add_router("/development/", development_router)
api.add_router("/roundtables/", roundtables_router)
