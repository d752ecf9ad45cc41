"""Frameworks and their versions. A frozen version is never edited: a change makes the next version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.evaluation.models import Axis, ChecklistItem, Framework, FrameworkVersion, Indicator
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization


@dataclass
class ItemSpec:
    code: str
    title: str
    item_type: str
    weight: float
    direction: str = "higher"
    standard: float | None = None
    scale_min: float | None = None
    scale_max: float | None = None
    help_text: str = ""
    is_required: bool = True
    is_evidence_required: bool = False
    relevant_if: str = ""
    relevant_value: str = ""


@dataclass
class IndicatorSpec:
    code: str
    title: str
    weight: float
    items: list[ItemSpec] = field(default_factory=list)


@dataclass
class AxisSpec:
    code: str
    title: str
    weight: float
    indicators: list[IndicatorSpec] = field(default_factory=list)


@transaction.atomic
def framework_version_create(
    *,
    by: Any,
    owner: Organization,
    code: str,
    title: str,
    axes: list[AxisSpec],
    description: str = "",
    scale_total: int = 1000,
    note: str = "",
) -> FrameworkVersion:
    """Create a framework's next version from a tree of specs (the first version creates the framework)."""
    if by is not None and not org_permissions.can(by, "evaluation.manage", owner):
        raise PermissionDenied("شما اجازه تعریف چارچوب ارزیابی برای این دفتر را ندارید.")
    framework = Framework.objects.filter(code=code).first()
    if framework is None:
        framework = Framework.objects.create(code=code, title=title, description=description, owner=owner)
    elif framework.owner_id != owner.pk:
        raise DomainError("چارچوبی با این کد متعلق به دفتر دیگری است.")
    last = framework.versions.order_by("-number").first()
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=(last.number + 1) if last else 1,
        scale_total=scale_total,
        note=note,
        created_by=by if getattr(by, "pk", None) else None,
    )
    # Three bulk inserts (axes, indicators, items) and one bulk update for relevance links, whatever the size:
    # a 2,000-item framework was 2,155 statements when each row was saved on its own.
    axes_rows = Axis.objects.bulk_create(
        [
            Axis(version=version, code=spec.code, title=spec.title, weight=spec.weight, order=index)
            for index, spec in enumerate(axes)
        ]
    )
    indicator_rows = Indicator.objects.bulk_create(
        [
            Indicator(axis=axis, code=spec.code, title=spec.title, weight=spec.weight, order=index)
            for axis, axis_spec in zip(axes_rows, axes, strict=True)
            for index, spec in enumerate(axis_spec.indicators)
        ]
    )
    indicator_specs = [spec for axis_spec in axes for spec in axis_spec.indicators]
    item_specs = [
        (indicator, spec)
        for indicator, indicator_spec in zip(indicator_rows, indicator_specs, strict=True)
        for spec in indicator_spec.items
    ]
    items = ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                version=version,
                indicator=indicator,
                code=spec.code,
                title=spec.title,
                item_type=spec.item_type,
                weight=spec.weight,
                direction=spec.direction,
                standard=spec.standard,
                scale_min=spec.scale_min,
                scale_max=spec.scale_max,
                help_text=spec.help_text,
                is_required=spec.is_required,
                is_evidence_required=spec.is_evidence_required,
                relevant_if_value=spec.relevant_value,
                order=order,
            )
            for order, (indicator, spec) in enumerate(item_specs, start=1)
        ],
        batch_size=1000,
    )
    items_by_code = {item.code: item for item in items}
    relevant = []
    for item, (_, spec) in zip(items, item_specs, strict=True):
        if spec.relevant_if:
            item.relevant_if_item = items_by_code[spec.relevant_if]
            relevant.append(item)
    ChecklistItem.objects.bulk_update(relevant, ["relevant_if_item"], batch_size=1000)
    audit(
        actor=by,
        action="evaluation.framework.version_created",
        target=version,
        data={"framework": framework.code, "number": version.number, "items": len(items_by_code)},
    )
    return version


def version_as_specs(version: FrameworkVersion) -> list[AxisSpec]:
    """The tree of a version as specs: what export writes and what "edit → new version" starts from."""
    axes: list[AxisSpec] = []
    items = list(
        version.items.select_related("indicator__axis", "relevant_if_item").order_by(
            "indicator__axis__order", "indicator__order", "order"
        )
    )
    axis_map: dict[int, AxisSpec] = {}
    indicator_map: dict[int, IndicatorSpec] = {}
    for item in items:
        indicator, axis = item.indicator, item.indicator.axis
        if axis.pk not in axis_map:
            axis_map[axis.pk] = AxisSpec(axis.code, axis.title, axis.weight)
            axes.append(axis_map[axis.pk])
        if indicator.pk not in indicator_map:
            indicator_map[indicator.pk] = IndicatorSpec(indicator.code, indicator.title, indicator.weight)
            axis_map[axis.pk].indicators.append(indicator_map[indicator.pk])
        indicator_map[indicator.pk].items.append(
            ItemSpec(
                code=item.code,
                title=item.title,
                item_type=item.item_type,
                weight=item.weight,
                direction=item.direction,
                standard=item.standard,
                scale_min=item.scale_min,
                scale_max=item.scale_max,
                help_text=item.help_text,
                is_required=item.is_required,
                is_evidence_required=item.is_evidence_required,
                relevant_if=item.relevant_if_item.code if item.relevant_if_item else "",
                relevant_value=item.relevant_if_value,
            )
        )
    return axes
