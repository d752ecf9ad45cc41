"""Numbers and dates typed the way a Persian user types them reach the database as values."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from hamafza.evaluation.services import follow_up

PASSWORD = "s3cret-pass-1403"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _action(world):
    finding = follow_up.finding_add(round_unit=world.unit1, kind="weakness", text="ضعف", by=None, root_cause="علت")
    return follow_up.corrective_action_add(
        root_cause=finding.root_causes.get(), title="آموزش کارکنان", due_date=dt.date(2026, 6, 5), by=None
    )


def test_typing_persian_sixty_into_the_progress_field_saves_sixty(client, open_round):
    action = _action(open_round)
    login(client, open_round.manager1)
    response = client.post(
        reverse("evaluation:action_update", args=[action.pk]),
        {"status": "in_progress", "progress": "۶۰", "status_note": "", "version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == 60


def test_the_progress_form_shows_the_saved_progress_in_persian_digits_in_a_text_box(client, open_round):
    action = _action(open_round)
    login(client, open_round.manager1)
    html = client.get(reverse("evaluation:action_update", args=[action.pk])).content.decode()
    assert 'type="number"' not in html
    assert 'inputmode="numeric"' in html


def test_a_wrong_progress_comes_back_with_a_summary_linking_to_the_field(client, open_round):
    action = _action(open_round)
    login(client, open_round.manager1)
    response = client.post(
        reverse("evaluation:action_update", args=[action.pk]),
        {"status": "in_progress", "progress": "۱۵۰", "status_note": "", "version": action.version},
    )
    html = response.content.decode()
    assert "data-error-summary" in html and 'href="#id_progress"' in html
    assert 'value="۱۵۰"' in html
    action.refresh_from_db()
    assert action.progress == 0


def test_the_inline_corrective_action_form_labels_its_fields_and_offers_the_calendar(client, open_round):
    _action(open_round)
    login(client, open_round.manager1)
    html = client.get(reverse("evaluation:unit", args=[open_round.unit1.pk])).content.decode()
    assert '<label class="form-label small" for="action-title-' in html
    assert "data-jdp" in html
