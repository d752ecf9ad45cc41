"""Programs and milestones: weighted progress, versions, publishing, and who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.models import AuditEntry
from hamafza.programs import selectors
from hamafza.programs.models import Milestone, Program
from hamafza.programs.permissions import can_view_program, programs_visible_to
from hamafza.programs.services import (
    milestone_add,
    milestone_update_progress,
    program_create,
    program_publish,
    program_update,
)

pytestmark = pytest.mark.django_db


def progress(program: Program) -> float:
    return selectors.progress_of(selectors.program_with_progress(program))


def test_progress_rolls_up_by_weight(program: Any, fars: Any) -> None:
    first, second = program.milestones.order_by("order")
    milestone_update_progress(milestone=first, progress="۱۰۰", by=fars.manager)
    milestone_update_progress(milestone=second, progress="٥٠", by=fars.manager)
    # (1×100 + 3×50) / 4
    assert progress(program) == 62.5


def test_a_program_without_milestones_is_at_zero(fars: Any) -> None:
    empty = program_create(owner=fars.welfare, title="برنامه خالی", kind="key_work", by=fars.manager)
    assert progress(empty) == 0.0


def test_progress_is_accepted_in_any_digits_and_100_means_done(program: Any, fars: Any) -> None:
    milestone = program.milestones.first()
    assert milestone_update_progress(milestone=milestone, progress="45٪", by=fars.manager).progress == 45
    done = milestone_update_progress(milestone=milestone, progress="۱۰۰", by=fars.manager)
    assert (done.progress, done.status) == (100, "done")
    back = milestone_update_progress(milestone=done, progress="90", by=fars.manager, blocked=True)
    assert back.status == "blocked"


@pytest.mark.parametrize("raw", ["۱۰۱", "-5", "نیمه", "", "4.5"])
def test_bad_progress_gets_a_persian_message(program: Any, fars: Any, raw: str) -> None:
    with pytest.raises(DomainError) as error:
        milestone_update_progress(milestone=program.milestones.first(), progress=raw, by=fars.manager)
    assert "پیشرفت" in error.value.message


def test_the_database_refuses_done_below_100(program: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=program.milestones.first().pk).update(status="done", progress=40)


def test_a_stale_milestone_edit_is_a_conflict(program: Any, fars: Any) -> None:
    milestone = program.milestones.first()
    milestone_update_progress(milestone=milestone, progress="20", by=fars.manager, version=1)
    with pytest.raises(VersionConflict):
        milestone_update_progress(milestone=milestone, progress="30", by=fars.manager, version=1)


def test_a_stale_program_edit_is_a_conflict_and_loses_nothing(program: Any, fars: Any) -> None:
    program_update(program=program, by=fars.manager, version=1, title="برنامه  پیشگیری")
    stale = Program.objects.get(pk=program.pk)
    stale.version = 1
    with pytest.raises(VersionConflict) as error:
        program_update(program=stale, by=fars.manager, version=1, goals="هدف تازه")
    assert error.value.status_code == 409
    assert Program.objects.get(pk=program.pk).title == "برنامه پیشگیری"


def test_titles_are_normalized_and_searchable(fars: Any) -> None:
    created = program_create(
        owner=fars.welfare, title="ساماندهي  سكونتگاه‌هاي غیررسمی", kind="key_work", by=fars.manager
    )
    assert created.title == "ساماندهی سکونتگاه‌های غیررسمی"
    found = selectors.program_list(fars.manager, q="سکونتگاه هاي")
    assert list(found) == [created]


def test_dates_must_be_in_order(fars: Any) -> None:
    with pytest.raises(DomainError, match="پیش از تاریخ آغاز"):
        program_create(
            owner=fars.welfare,
            title="برنامه",
            kind="key_work",
            start_date=dt.date(2026, 5, 1),
            end_date=dt.date(2026, 4, 1),
            by=fars.manager,
        )


def test_only_the_owners_managers_create_and_edit(program: Any, fars: Any) -> None:
    with pytest.raises(PermissionDenied):
        program_create(owner=fars.welfare, title="برنامه", kind="key_work", by=fars.other_manager)
    with pytest.raises(PermissionDenied):
        program_update(program=program, by=fars.staff, version=program.version, title="دیگر")
    with pytest.raises(PermissionDenied):
        milestone_add(program=program, title="گام", by=fars.other_manager)


def test_drafts_are_seen_in_scope_and_published_programs_by_everyone(program: Any, fars: Any) -> None:
    assert can_view_program(fars.staff, program)
    assert not can_view_program(fars.other_manager, program)
    assert not can_view_program(fars.citizen, program)
    assert list(programs_visible_to(fars.other_manager)) == []

    program_publish(program=program, by=fars.manager)
    program.refresh_from_db()
    assert can_view_program(fars.citizen, program)
    assert list(programs_visible_to(fars.other_manager)) == [program]
    assert list(selectors.published_programs()) == [program]


def test_a_draft_is_not_published_and_publishing_twice_is_harmless(fars: Any, program: Any) -> None:
    draft = program_create(owner=fars.welfare, title="پیش‌نویس", kind="key_work", by=fars.manager)
    with pytest.raises(DomainError):
        program_publish(program=draft, by=fars.manager)
    first = program_publish(program=program, by=fars.manager).published_at
    assert program_publish(program=program, by=fars.manager).published_at == first
    assert AuditEntry.objects.filter(action="programs.program.published").count() == 1


def test_every_write_is_audited(program: Any, fars: Any) -> None:
    milestone_update_progress(milestone=program.milestones.first(), progress="10", by=fars.manager)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"programs.program.created", "programs.milestone.added", "programs.milestone.progress"} <= actions


def test_overdue_milestones_are_listed_for_the_owner(program: Any, fars: Any) -> None:
    late = milestone_add(program=program, title="گزارش پایانی", due_date=dt.date(2020, 1, 1), by=fars.manager)
    overdue = selectors.overdue_milestones(today=dt.date(2026, 1, 1), owner_ids=[fars.welfare.pk])
    assert list(overdue) == [late]
    assert list(selectors.overdue_milestones(today=dt.date(2026, 1, 1), owner_ids=[fars.environment.pk])) == []
