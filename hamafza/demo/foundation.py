"""The foundation of the demo world: organizations of the seeds' stories and one person per role.

Everything is written through the project's services, so the audit trail tells how the world was made.
Each ``ensure_*`` looks its object up by a stable key (organization code, username, grant scope) before
creating it: a second run finds everything and writes nothing. An object that exists is left as it is, even
when the data here has changed since; editing it is the admins' business, not the demo's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password

from hamafza.accounts.models import User
from hamafza.accounts.services import user_create
from hamafza.demo.data import ACCOUNTS, DEMO_PASSWORD, ORGANIZATIONS
from hamafza.demo.specs import AccountSpec, GrantSpec, OrgSpec
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.organizations.services import organization_create, role_grant
from hamafza.persian import search_key
from hamafza.places.models import City, County, Province
from hamafza.places.services import load_places, places_counts

if TYPE_CHECKING:
    # Only a type: world.py imports this module to list it as a builder.
    from hamafza.demo.world import Output

# --- Places ------------------------------------------------------------------------------------------------


def ensure_places(out: Output) -> None:
    """The world stands on Iran's real divisions; load them when this database has none yet."""
    counts = places_counts()
    if all(counts.values()):
        return
    out.write("places: loading Iran's divisions (first run only) …")
    results = load_places()
    out.write(f"places: {sum(result.created for result in results)} added")


def find_province(name: str) -> Province:
    return Province.objects.get(name_key=search_key(name))


def find_county(province: Province, name: str) -> County:
    return County.objects.get(province=province, name_key=search_key(name))


def find_city(county: County, name: str) -> City:
    return City.objects.get(county=county, name_key=search_key(name))


# --- Organizations -----------------------------------------------------------------------------------------


def _places_of(spec: OrgSpec) -> dict[str, Any]:
    places: dict[str, Any] = {}
    if spec.province:
        places["province"] = find_province(spec.province)
        if spec.county:
            places["county"] = find_county(places["province"], spec.county)
            if spec.city:
                places["city"] = find_city(places["county"], spec.city)
    return places


def ensure_organization(spec: OrgSpec) -> tuple[Organization, bool]:
    """The organization with this code, created under its parent if it is missing; True when created."""
    existing = Organization.objects.filter(code=spec.code).first()
    if existing is not None:
        return existing, False
    parent = Organization.objects.get(code=spec.parent) if spec.parent else None
    org = organization_create(
        by=None,
        code=spec.code,
        name=spec.name,
        kind=spec.kind,
        parent=parent,
        mission=spec.mission,
        tags=spec.tags,
        **_places_of(spec),
    )
    return org, True


# --- People ------------------------------------------------------------------------------------------------


def ensure_user(spec: AccountSpec, password: str) -> tuple[User, bool]:
    existing = User.objects.filter(username__iexact=spec.username).first()
    if existing is not None:
        return existing, False
    user = user_create(
        username=spec.username,
        password=password,
        first_name=spec.person.first_name,
        last_name=spec.person.last_name,
        mobile=spec.person.mobile,
        national_id=spec.person.national_id,
        by=None,
        is_staff=spec.is_admin,
        is_superuser=spec.is_admin,
    )
    return user, True


def _scope_of(spec: GrantSpec) -> dict[str, Any]:
    """Exactly the keyword ``role_grant`` takes for this grant's scope; empty means everywhere."""
    if spec.organization:
        return {"organization": Organization.objects.get(code=spec.organization)}
    if spec.county:
        province_name, county_name = spec.county
        return {"county": find_county(find_province(province_name), county_name)}
    if spec.province:
        return {"province": find_province(spec.province)}
    return {}


def ensure_grant(user: User, spec: GrantSpec) -> tuple[RoleGrant, bool]:
    scope = _scope_of(spec)
    # role_grant returns an existing grant too, but says nothing of it; the lookup here is what we count.
    lookup = {"organization": None, "province": None, "county": None, **scope}
    existing = RoleGrant.objects.filter(user=user, role=spec.role, **lookup).first()
    if existing is not None:
        return existing, False
    grant = role_grant(
        user=user,
        role=spec.role,
        by=None,
        title=spec.title,
        include_descendants=spec.include_descendants,
        **scope,
    )
    return grant, True


# --- The builder -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """How many of each kind the world holds, and how many this run created."""

    total: Counter[str]
    created: Counter[str]

    def add(self, kind: str, *, created: bool) -> None:
        self.total[kind] += 1
        self.created[kind] += int(created)

    def summary(self) -> str:
        return ", ".join(f"{kind} {self.total[kind]} ({self.created[kind]} new)" for kind in self.total)


def build(out: Output) -> None:
    """Organizations of the seeds, then one demo account per role with its scoped grants."""
    tally = Tally(Counter(), Counter())
    for org_spec in ORGANIZATIONS:
        tally.add("organizations", created=ensure_organization(org_spec)[1])
    # Fails loudly if the published password stops passing this installation's validators.
    validate_password(DEMO_PASSWORD)
    for account in ACCOUNTS:
        user, created = ensure_user(account, DEMO_PASSWORD)
        tally.add("users", created=created)
        for grant_spec in account.grants:
            tally.add("role grants", created=ensure_grant(user, grant_spec)[1])
    out.write(f"foundation: {tally.summary()}")


# --- What the command shows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    roles: list[str]  # Persian role labels, one per grant
    scopes: list[str]  # the matching scopes, in Persian


def _scope_label(grant: RoleGrant, parents: set[int]) -> str:
    # "شهرداری تهران" alone would hide that the inspector's grant reaches all 22 districts.
    if grant.organization_id in parents and grant.include_descendants:
        return f"{grant.scope_label} و زیرمجموعه‌ها"
    return grant.scope_label


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts as they stand in the database, in the order of ``ACCOUNTS``."""
    usernames = [account.username for account in ACCOUNTS]
    users = {
        user.username: user
        for user in User.objects.filter(username__in=usernames).prefetch_related(
            "role_grants__organization", "role_grants__province", "role_grants__county"
        )
    }
    parents = set(Organization.objects.filter(children__isnull=False).values_list("pk", flat=True))
    rows = []
    for username in usernames:
        user = users.get(username)
        if user is None:
            continue
        grants = sorted(user.role_grants.all(), key=lambda grant: grant.pk)
        rows.append(
            DemoAccount(
                username=username,
                full_name=user.get_full_name(),
                roles=[grant.get_role_display() for grant in grants],
                scopes=[_scope_label(grant, parents) for grant in grants],
            )
        )
    return rows
