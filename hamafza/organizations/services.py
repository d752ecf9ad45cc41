"""Every write to organizations and role grants goes through here, and each writes its audit entry.

``by=None`` is the system itself (set-up commands, the demo world); every view and API call passes the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.organizations import permissions
from hamafza.organizations.models import DomainTag, Organization, RoleGrant
from hamafza.organizations.roles import UNSCOPED_ROLES, Role
from hamafza.persian import normalize
from hamafza.places.models import County, Province

EDITABLE_FIELDS = ("name", "kind", "province", "county", "city", "mission", "is_active")


def _path_for(org: Organization) -> str:
    base = org.parent.path if org.parent_id and org.parent else ""
    return f"{base}{org.pk:0{Organization.PATH_STEP - 1}d}/"


def _check_place(org: Organization) -> None:
    if org.county_id and org.province_id and org.county and org.county.province_id != org.province_id:
        raise DomainError("شهرستان انتخاب‌شده در استان این سازمان نیست.")
    if org.county_id and not org.province_id and org.county:
        org.province_id = org.county.province_id


def tags_from_names(names: Iterable[str]) -> list[DomainTag]:
    tags = []
    for raw in names:
        name = normalize(raw)
        if name:
            tags.append(DomainTag.objects.get_or_create(name=name)[0])
    return tags


@transaction.atomic
def organization_create(
    *,
    by: Any,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    province: Province | None = None,
    county: County | None = None,
    mission: str = "",
    tags: Iterable[str] = (),
    **extra: Any,
) -> Organization:
    if by is not None:
        allowed = (
            permissions.can(by, "organization.manage", parent)
            if parent is not None
            else permissions.is_system_admin(by)
        )
        if not allowed:
            raise PermissionDenied("شما اجازه ایجاد سازمان در این بخش از درخت را ندارید.")
    if Organization.objects.filter(code=code).exists():
        raise DomainError("این کد برای سازمان دیگری ثبت شده است.")
    org = Organization(
        code=code, name=name, kind=kind, parent=parent, province=province, county=county, mission=mission, **extra
    )
    _check_place(org)
    org.fill_keys()
    org.path = "pending"
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as error:
        # Two people creating the same code at the same moment: the second gets the same answer as above.
        raise DomainError("این کد برای سازمان دیگری ثبت شده است.") from error
    org.path = _path_for(org)
    org.depth = org.path.count("/") - 1
    org.save(update_fields=["path", "depth"])
    org.tags.set(tags_from_names(tags))
    audit(
        actor=by,
        action="organizations.organization.created",
        target=org,
        data={"code": code, "kind": kind, "parent": parent.pk if parent else None},
    )
    return org


@transaction.atomic
def organization_update(
    *, organization: Organization, by: Any, version: int, tags: Iterable[str] | None = None, **fields: Any
) -> Organization:
    if by is not None and not permissions.can(by, "organization.manage", organization):
        raise PermissionDenied("شما اجازه ویرایش این سازمان را ندارید.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        old = getattr(organization, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(organization, name, value)
    _check_place(organization)
    organization.fill_keys()
    new_version = version + 1
    # The version check and the write are one UPDATE, so two saves of the same version cannot both win.
    updated = Organization.objects.filter(pk=organization.pk, version=version).update(
        **{name: getattr(organization, name) for name in EDITABLE_FIELDS if name not in {"province", "county", "city"}},
        province=organization.province,
        county=organization.county,
        city=organization.city,
        name_key=organization.name_key,
        sort_key=organization.sort_key,
        version=new_version,
    )
    if not updated:
        raise VersionConflict()
    organization.version = new_version
    if tags is not None:
        before = sorted(organization.tags.values_list("name", flat=True))
        new_tags = tags_from_names(tags)
        after = sorted(tag.name for tag in new_tags)
        if before != after:
            organization.tags.set(new_tags)
            changes["tags"] = [before, after]
    audit(actor=by, action="organizations.organization.updated", target=organization, data={"changes": changes})
    return organization


@transaction.atomic
def organization_move(*, organization: Organization, new_parent: Organization | None, by: Any) -> Organization:
    if by is not None and not permissions.can(by, "organization.manage", organization):
        raise PermissionDenied("شما اجازه جابه‌جایی این سازمان را ندارید.")
    if new_parent is not None:
        if by is not None and not permissions.can(by, "organization.manage", new_parent):
            raise PermissionDenied("شما اجازه افزودن زیرمجموعه به سازمان مقصد را ندارید.")
        if new_parent.path.startswith(organization.path):
            raise DomainError("یک سازمان را نمی‌توان زیرمجموعه خودش یا زیرمجموعه‌هایش کرد.")
    old_path, old_parent_id = organization.path, organization.parent_id
    organization.parent = new_parent
    new_path = _path_for(organization)
    depth_change = new_path.count("/") - old_path.count("/")
    # One UPDATE moves the whole subtree: every descendant's path keeps its tail and gets the new head.
    Organization.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Organization.objects.filter(pk=organization.pk).update(parent=new_parent, version=F("version") + 1)
    organization.refresh_from_db()
    audit(
        actor=by,
        action="organizations.organization.moved",
        target=organization,
        data={"from": old_parent_id, "to": new_parent.pk if new_parent else None},
    )
    return organization


@transaction.atomic
def role_grant(
    *,
    user: Any,
    role: str,
    by: Any,
    organization: Organization | None = None,
    province: Province | None = None,
    county: County | None = None,
    include_descendants: bool = True,
    title: str = "",
) -> RoleGrant:
    if role not in Role.values:
        raise DomainError("نقش انتخاب‌شده معتبر نیست.")
    scopes = [scope for scope in (organization, province, county) if scope is not None]
    if len(scopes) > 1:
        raise DomainError("هر نقش فقط در یک محدوده (سازمان، استان یا شهرستان) داده می‌شود.")
    if not scopes and role not in UNSCOPED_ROLES:
        raise DomainError("برای این نقش باید سازمان یا محدوده جغرافیایی را مشخص کنید.")
    if by is not None:
        place_scope = province is not None or county is not None
        allowed = permissions.is_system_admin(by) if place_scope else permissions.can_grant_role(by, role, organization)
        if not allowed:
            raise PermissionDenied("شما اجازه دادن این نقش در این محدوده را ندارید.")
    existing = RoleGrant.objects.filter(
        user=user, role=role, organization=organization, province=province, county=county
    ).first()
    if existing:
        return existing
    grant = RoleGrant.objects.create(
        user=user,
        role=role,
        organization=organization,
        province=province,
        county=county,
        include_descendants=include_descendants,
        title=normalize(title),
        granted_by=by if getattr(by, "pk", None) else None,
    )
    permissions.forget_grants(user)
    audit(
        actor=by,
        action="organizations.role.granted",
        target=organization or province or county or user,
        data={"user": user.pk, "username": user.get_username(), "role": role, "grant": grant.pk},
    )
    return grant


@transaction.atomic
def role_revoke(*, grant: RoleGrant, by: Any) -> None:
    # One click must never lock a manager out of their own organization; another manager can do it.
    if by is not None and grant.user_id == by.pk:
        raise DomainError("نقش خودتان را نمی‌توانید بگیرید؛ از مدیر دیگری بخواهید.")
    if by is not None and not permissions.can_grant_role(by, grant.role, grant.organization):
        if not permissions.is_system_admin(by):
            raise PermissionDenied("شما اجازه گرفتن این نقش را ندارید.")
    target = grant.organization or grant.province or grant.county or grant.user
    data = {"user": grant.user_id, "username": grant.user.get_username(), "role": grant.role, "grant": grant.pk}
    grant.delete()
    permissions.forget_grants(grant.user)
    audit(actor=by, action="organizations.role.revoked", target=target, data=data)
