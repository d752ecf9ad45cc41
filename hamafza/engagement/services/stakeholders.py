"""Every write to the stakeholder registry; each one checks permission and writes its audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.engagement import permissions
from hamafza.engagement.models import (
    ContactPerson,
    Stakeholder,
    StakeholderDocument,
    StakeholderKind,
    StakeholderRepresentative,
    Verification,
    name_keys,
    registration_digits,
)
from hamafza.engagement.uploads import check_upload
from hamafza.organizations.models import DomainTag
from hamafza.persian import PersianInputError, normalize, normalize_mobile
from hamafza.places.models import County, Province

DUPLICATE_NAME = "ذی‌نفعی با همین نام در سامانه ثبت شده است: «{name}»."
DUPLICATE_REGISTRATION = "شماره ثبت {number} پیش‌تر برای «{name}» ثبت شده است."


@dataclass
class StakeholderData:
    """What a form, the API or an import row gives for one stakeholder (already normalized by the caller)."""

    name: str
    kind: str = StakeholderKind.NGO
    registration_number: str = ""
    description: str = ""
    expertise: str = ""
    facilities: str = ""
    volunteers: int = 0
    domains: list[DomainTag] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)

    def scalar_fields(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "registration_number": self.registration_number,
            "description": self.description,
            "expertise": self.expertise,
            "facilities": self.facilities,
            "volunteers": self.volunteers,
        }


def _check_unique(stakeholder: Stakeholder) -> None:
    others = Stakeholder.objects.exclude(pk=stakeholder.pk)
    same_name = others.filter(compact_key=stakeholder.compact_key).first()
    if same_name is not None:
        raise DomainError(DUPLICATE_NAME.format(name=same_name.name))
    if stakeholder.registration_number:
        same_number = others.filter(registration_number=stakeholder.registration_number).first()
        if same_number is not None:
            raise DomainError(
                DUPLICATE_REGISTRATION.format(number=stakeholder.registration_number, name=same_number.name)
            )


def _validate(stakeholder: Stakeholder) -> None:
    if not stakeholder.name:
        raise DomainError("نام ذی‌نفع را بنویسید.")
    if stakeholder.kind not in StakeholderKind.values:
        raise DomainError("نوع ذی‌نفع معتبر نیست.")
    if stakeholder.kind != StakeholderKind.NGO and stakeholder.registration_number:
        # Only NGOs have a national registration number; a typo here would later block a real NGO's number.
        raise DomainError("شماره ثبت فقط برای سازمان‌های مردم‌نهاد ثبت می‌شود.")


def _set_places(stakeholder: Stakeholder, data: StakeholderData) -> None:
    stakeholder.domains.set(data.domains)
    provinces = {p.pk for p in data.provinces} | {c.province_id for c in data.counties}
    stakeholder.provinces.set(provinces)
    stakeholder.counties.set(data.counties)


@transaction.atomic
def stakeholder_create(*, data: StakeholderData, by: Any) -> Stakeholder:
    if by is not None and not permissions.can_create_stakeholder(by):
        raise PermissionDenied("شما اجازه ثبت ذی‌نفع را ندارید.")
    stakeholder = Stakeholder(**data.scalar_fields(), created_by=by if getattr(by, "pk", None) else None)
    stakeholder.fill_keys()
    _validate(stakeholder)
    _check_unique(stakeholder)
    try:
        with transaction.atomic():
            stakeholder.save()
    except IntegrityError as error:  # a simultaneous create with the same number
        raise DomainError("شماره ثبت تکراری است.") from error
    _set_places(stakeholder, data)
    audit(actor=by, action="engagement.stakeholder.created", target=stakeholder, data={"kind": stakeholder.kind})
    return stakeholder


@transaction.atomic
def stakeholder_update(*, stakeholder: Stakeholder, data: StakeholderData, version: int, by: Any) -> Stakeholder:
    if by is not None and not permissions.can_edit_stakeholder(by, stakeholder):
        raise PermissionDenied("شما اجازه ویرایش این ذی‌نفع را ندارید.")
    locked = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    if locked.version != version:
        raise VersionConflict()
    changed = [name for name, value in data.scalar_fields().items() if getattr(locked, name) != value]
    for name, value in data.scalar_fields().items():
        setattr(locked, name, value)
    locked.fill_keys()
    _validate(locked)
    _check_unique(locked)
    locked.version += 1
    locked.save()
    _set_places(locked, data)
    audit(actor=by, action="engagement.stakeholder.updated", target=locked, data={"fields": changed})
    return locked


@transaction.atomic
def stakeholder_verify(*, stakeholder: Stakeholder, verification: str, by: Any) -> Stakeholder:
    if by is not None and not permissions.can_verify_stakeholder(by):
        raise PermissionDenied("شما اجازه تأیید ذی‌نفعان را ندارید.")
    if verification not in Verification.values:
        raise DomainError("وضعیت تأیید معتبر نیست.")
    stakeholder.verification = verification
    stakeholder.version += 1
    stakeholder.save(update_fields=["verification", "version", "updated_at"])
    audit(actor=by, action="engagement.stakeholder.verified", target=stakeholder, data={"verification": verification})
    return stakeholder


@transaction.atomic
def contact_add(
    *, stakeholder: Stakeholder, name: str, title: str = "", mobile: str = "", email: str = "", by: Any
) -> ContactPerson:
    if by is not None and not permissions.can_edit_stakeholder(by, stakeholder):
        raise PermissionDenied("شما اجازه ویرایش این ذی‌نفع را ندارید.")
    name = normalize(name)
    if not name:
        raise DomainError("نام فرد رابط را بنویسید.")
    if mobile:
        try:
            mobile = normalize_mobile(mobile)
        except PersianInputError as error:
            raise DomainError(str(error)) from error
    contact = ContactPerson.objects.create(
        stakeholder=stakeholder, name=name, title=normalize(title), mobile=mobile, email=email.strip()
    )
    audit(actor=by, action="engagement.contact.added", target=stakeholder, data={"name": name})
    return contact


@transaction.atomic
def document_add(*, stakeholder: Stakeholder, upload: UploadedFile, title: str = "", by: Any) -> StakeholderDocument:
    if by is not None and not permissions.can_edit_stakeholder(by, stakeholder):
        raise PermissionDenied("شما اجازه ویرایش این ذی‌نفع را ندارید.")
    checked = check_upload(upload)
    document = StakeholderDocument(
        stakeholder=stakeholder,
        title=normalize(title),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    document.file.save(checked.stored_name, upload, save=False)
    document.save()
    audit(
        actor=by,
        action="engagement.document.added",
        target=stakeholder,
        data={"sha256": checked.sha256, "name": checked.original_name},
    )
    return document


@transaction.atomic
def representative_link(*, user: Any, stakeholder: Stakeholder, by: Any) -> StakeholderRepresentative:
    """Link a person to the stakeholder they act for; agencies' people do it after checking the person."""
    if by is not None and not permissions.engages_anywhere(by):
        raise PermissionDenied("شما اجازه معرفی نماینده را ندارید.")
    link, created = StakeholderRepresentative.objects.get_or_create(user=user, stakeholder=stakeholder)
    if created:
        audit(actor=by, action="engagement.representative.linked", target=stakeholder, data={"user": user.pk})
    if hasattr(user, "_hamafza_represented"):
        del user._hamafza_represented
    return link


def find_duplicate(name: str, registration_number: str = "") -> Stakeholder | None:
    _, compact = name_keys(normalize(name))
    number = registration_digits(registration_number)
    query = Stakeholder.objects.filter(compact_key=compact)
    if number:
        query = query | Stakeholder.objects.filter(registration_number=number)
    return query.first()


def domains_by_name(names: Iterable[str]) -> list[DomainTag]:
    wanted = [normalize(n) for n in names if normalize(n)]
    return list(DomainTag.objects.filter(name__in=wanted))
