"""The shapes of the demo data: what ``data.py`` declares and the builders in ``foundation.py`` create."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_number(number: int) -> str:
    return str(number).translate(_PERSIAN_DIGITS)


@dataclass(frozen=True)
class OrgSpec:
    code: str  # the stable key a rerun finds the organization by
    name: str
    kind: str
    mission: str
    tags: tuple[str, ...] = ()
    parent: str | None = None  # code of the parent, which comes earlier in ORGANIZATIONS
    province: str | None = None  # place names as spelled in the iranian_cities CSVs
    county: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class GrantSpec:
    role: str
    title: str = ""
    organization: str | None = None  # an organization code …
    province: str | None = None  # … or a province name …
    county: tuple[str, str] | None = None  # … or (province, county); none of them means "everywhere"
    include_descendants: bool = True


class Person(NamedTuple):
    first_name: str
    last_name: str
    mobile: str
    national_id: str


@dataclass(frozen=True)
class AccountSpec:
    username: str  # the stable key a rerun finds the user by
    person: Person
    grants: tuple[GrantSpec, ...]
    is_admin: bool = False
