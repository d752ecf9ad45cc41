"""How the foundation's audit events read (organizations, roles, accounts), registered from
``OrganizationsConfig.ready``; the accounts app sits below and registers nothing itself."""

from __future__ import annotations

from typing import Any

from hamafza.accounts.models import User
from hamafza.core.describe import Entry, EventKind, human_value, register_describer
from hamafza.organizations.models import Organization, OrganizationKind
from hamafza.organizations.roles import Role

_BOOLEAN_TEXT = {"True": True, "False": False}


def _field_label(model: Any, name: str) -> str:
    if name == "tags":
        return "حوزه‌های فعالیت"
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return "ویژگی دیگر"


def _plain(name: str, value: Any) -> str:
    if isinstance(value, str) and value in _BOOLEAN_TEXT:
        return human_value(_BOOLEAN_TEXT[value])
    if name == "kind" and value in OrganizationKind.values:
        return str(OrganizationKind(value).label)
    return human_value(value)


def _changes(entry: Entry) -> list[tuple[str, str]]:
    rows = []
    for name, pair in (entry.data.get("changes") or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        rows.append((_field_label(Organization, name), f"{_plain(name, old)} ← {_plain(name, new)}"))
    return rows


def _role(value: Any) -> str:
    return str(Role(value).label) if value in Role.values else "نقش"


def _people(entries: list[Entry]) -> dict[str, str]:
    ids = {e.data.get("user") for e in entries} - {None}
    return {pk: user.display_name for pk, user in User.objects.in_bulk(ids).items()}


def _person(entry: Entry, people: Any) -> str:
    return (people or {}).get(entry.data.get("user")) or "یک نفر"


def _profile_fields(entry: Entry) -> str:
    return "، ".join(_field_label(User, name) for name in entry.data.get("fields", [])) or "—"


def register() -> None:
    register_describer(
        "organizations.organization.created",
        EventKind(
            label="ساخت سازمان",
            sentence=lambda e, p: f"{e.who} سازمان «{e.target}» را ساخت.",
            fields={"kind": "نوع"},
            values=lambda key, value, p: _plain(key, value),
        ),
    )
    register_describer(
        "organizations.organization.updated",
        EventKind(
            label="ویرایش سازمان",
            sentence=lambda e, p: (
                f"{e.who} مشخصات «{e.target}» را ویرایش کرد"
                + (f": {'، '.join(label for label, _ in _changes(e))}." if _changes(e) else ".")
            ),
            details=lambda e, p: _changes(e),
        ),
    )
    register_describer(
        "organizations.organization.moved",
        EventKind(
            label="جابه‌جایی سازمان", sentence=lambda e, p: f"{e.who} جایگاه «{e.target}» را در ساختار تغییر داد."
        ),
    )
    register_describer(
        "organizations.role.granted",
        EventKind(
            label="دادن نقش",
            prepare=_people,
            sentence=lambda e, p: f"{e.who} نقش «{_role(e.data.get('role'))}» را در {e.target} به {_person(e, p)} داد.",
        ),
    )
    register_describer(
        "organizations.role.revoked",
        EventKind(
            label="گرفتن نقش",
            prepare=_people,
            sentence=lambda e, p: (
                f"{e.who} نقش «{_role(e.data.get('role'))}» را در {e.target} از {_person(e, p)} گرفت."
            ),
        ),
    )
    register_describer(
        "accounts.user.created",
        EventKind(label="ساخت حساب", sentence=lambda e, p: f"{e.who} حساب کاربری {e.target} را ساخت."),
    )
    register_describer(
        "accounts.profile.updated",
        EventKind(
            label="ویرایش حساب",
            sentence=lambda e, p: f"{e.who} این مشخصات حساب {e.target} را تغییر داد: {_profile_fields(e)}.",
        ),
    )
    register_describer(
        "accounts.password.changed",
        EventKind(label="تغییر گذرواژه", sentence=lambda e, p: f"{e.who} گذرواژه خود را تغییر داد."),
    )
    register_describer(
        "accounts.api_token.created",
        EventKind(
            label="ساخت کلید دسترسی",
            sentence=lambda e, p: f"{e.who} کلید دسترسی برنامه‌ها با نام «{e.data.get('name', '')}» ساخت.",
        ),
    )
    register_describer(
        "accounts.api_token.revoked",
        EventKind(label="باطل کردن کلید دسترسی", sentence=lambda e, p: f"{e.who} یک کلید دسترسی برنامه‌ها را باطل کرد."),
    )
