"""Roles and what each may do. A role is always granted within a scope (see ``RoleGrant``).

One table answers "which roles carry this capability"; ``permissions.py`` answers "where".
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    CITIZEN = "citizen", "شهروند"
    NGO_REPRESENTATIVE = "ngo_representative", "نماینده سمن"
    AGENCY_STAFF = "agency_staff", "کارشناس دستگاه"
    AGENCY_MANAGER = "agency_manager", "مدیر دستگاه"
    INSPECTOR = "inspector", "بازرس / ارزیاب"
    EVALUATION_OFFICE = "evaluation_office", "دفتر ارزیابی"
    GOVERNOR = "governor", "استاندار / فرماندار / دبیر میز"
    TABLE_MEMBER = "table_member", "عضو میز تخصصی"
    MODERATOR = "moderator", "ناظر محتوا"
    SYSTEM_ADMIN = "system_admin", "مدیر سامانه"


STAFF_ROLES = frozenset(
    {
        Role.AGENCY_STAFF,
        Role.AGENCY_MANAGER,
        Role.INSPECTOR,
        Role.EVALUATION_OFFICE,
        Role.GOVERNOR,
        Role.SYSTEM_ADMIN,
    }
)

# Roles that make sense without an organization or place: everyone may be a citizen anywhere.
UNSCOPED_ROLES = frozenset({Role.CITIZEN, Role.SYSTEM_ADMIN})


class Capability(models.TextChoices):
    ORGANIZATION_VIEW = "organization.view", "دیدن سازمان"
    ORGANIZATION_MANAGE = "organization.manage", "مدیریت سازمان"
    ROLES_MANAGE = "roles.manage", "مدیریت نقش‌ها"
    AUDIT_VIEW = "audit.view", "دیدن رویدادهای ممیزی"
    EVALUATION_MANAGE = "evaluation.manage", "اداره ارزیابی"
    EVALUATION_SELF_ASSESS = "evaluation.self_assess", "خوداظهاری ارزیابی"
    EVALUATION_INSPECT = "evaluation.inspect", "بازرسی ارزیابی"
    EVALUATION_VIEW_OWN = "evaluation.view_own", "دیدن نتیجه ارزیابی واحد خود"
    VOICE_MODERATE = "voice.moderate", "بررسی نظرهای مردم"
    VOICE_PUBLISH = "voice.publish", "انتشار خبر و اطلاعیه"
    VOICE_RESPOND = "voice.respond", "پاسخ به انتقاد و پیشنهاد مردم"
    ENGAGEMENT_MANAGE = "engagement.manage", "تعامل با سمن‌ها و ذی‌نفعان از سوی دستگاه"
    ENGAGEMENT_ESCALATE = "engagement.escalate", "دریافت درخواست‌های پاسخ‌نگرفته پس از مهلت"
    DEVELOPMENT_MANAGE = "development.manage", "ثبت ظرفیت‌ها، شاخص‌های توسعه، تعهدها و تجربه‌ها"
    ROUNDTABLES_MANAGE = "roundtables.manage", "اداره میزهای تخصصی (دبیرخانه)"
    ROUNDTABLES_TAKE_PART = "roundtables.take_part", "عضویت در میزهای تخصصی"


CAPABILITY_ROLES: dict[str, frozenset[str]] = {
    Capability.ORGANIZATION_VIEW: frozenset(STAFF_ROLES | {Role.MODERATOR, Role.TABLE_MEMBER}),
    Capability.ORGANIZATION_MANAGE: frozenset({Role.AGENCY_MANAGER, Role.GOVERNOR, Role.SYSTEM_ADMIN}),
    Capability.ROLES_MANAGE: frozenset({Role.AGENCY_MANAGER, Role.GOVERNOR, Role.SYSTEM_ADMIN}),
    Capability.AUDIT_VIEW: frozenset({Role.SYSTEM_ADMIN}),
    Capability.EVALUATION_MANAGE: frozenset({Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN}),
    Capability.EVALUATION_SELF_ASSESS: frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF}),
    # Inspectors act only on units they are assigned to; the role says where they may be assigned at all.
    Capability.EVALUATION_INSPECT: frozenset({Role.INSPECTOR}),
    Capability.EVALUATION_VIEW_OWN: frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF, Role.GOVERNOR}),
    Capability.VOICE_MODERATE: frozenset({Role.MODERATOR}),
    Capability.VOICE_PUBLISH: frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF, Role.GOVERNOR}),
    Capability.VOICE_RESPOND: frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF, Role.GOVERNOR}),
    # Agency people act for their agencies with stakeholders: alignment, requests, activities, rooms.
    Capability.ENGAGEMENT_MANAGE: frozenset({Role.AGENCY_STAFF, Role.AGENCY_MANAGER, Role.GOVERNOR}),
    # Overdue requests go up to whoever manages the agency.
    Capability.ENGAGEMENT_ESCALATE: frozenset({Role.AGENCY_MANAGER}),
    Capability.DEVELOPMENT_MANAGE: frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF, Role.GOVERNOR}),
    # The governorate's secretariat sets tables up; which tables a member sees is their membership, not the grant.
    Capability.ROUNDTABLES_MANAGE: frozenset({Role.GOVERNOR}),
    Capability.ROUNDTABLES_TAKE_PART: frozenset({Role.TABLE_MEMBER, Role.GOVERNOR}),
}


def roles_with(capability: str) -> frozenset[str]:
    return CAPABILITY_ROLES[capability]
