"""The evaluation part of the demo world.

* Tehran's 22 districts in three published rounds of the social-cultural framework; the third round is
  better than the first (seed 002: periodic evaluation, then remedies).
* The ministry's "public space" round for its Markazi office, left in field inspection so the demo inspector
  has a visit to make, with findings, root causes and corrective actions from the previous visit.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.core import public_pages
from hamafza.demo.evaluation_data import PUBLIC_SPACE, SOCIAL_DISTRICTS
from hamafza.evaluation.models import AnswerSource, FrameworkVersion, ItemType, Round, RoundState
from hamafza.evaluation.public_pages import round_pages
from hamafza.evaluation.services import follow_up, rounds
from hamafza.evaluation.services.answers import AnswerInput, answer_save, inspection_submit, self_assessment_submit
from hamafza.evaluation.services.evidence import evidence_add
from hamafza.evaluation.services.frameworks import framework_version_create
from hamafza.organizations.models import Organization

if TYPE_CHECKING:
    from hamafza.demo.world import Output

TEHRAN_ROUNDS = (
    ("tehran-social-1403-1", "ارزیابی اجتماعی-فرهنگی مناطق — نیمه نخست ۱۴۰۳", dt.date(2024, 7, 20)),
    ("tehran-social-1403-2", "ارزیابی اجتماعی-فرهنگی مناطق — نیمه دوم ۱۴۰۳", dt.date(2025, 1, 18)),
    ("tehran-social-1404-1", "ارزیابی اجتماعی-فرهنگی مناطق — نیمه نخست ۱۴۰۴", dt.date(2025, 7, 21)),
)
# The round under way: districts are filling in their self-assessments; odd districts have sent theirs,
# even ones (district 12 of the demo staff among them) are half-way.
CURRENT_TEHRAN_ROUND = ("tehran-social-1404-2", "ارزیابی اجتماعی-فرهنگی مناطق — نیمه دوم ۱۴۰۴")


def _version(code: str, title: str, owner: Organization, axes: Any) -> FrameworkVersion:
    existing = FrameworkVersion.objects.filter(framework__code=code).order_by("number").first()
    return existing or framework_version_create(by=None, owner=owner, code=code, title=title, axes=axes)


def _level(district: int, round_index: int) -> float:
    """How well a district does, 0..1: districts differ, and every district improves round by round."""
    base = 0.38 + ((district * 37) % 23) / 60
    return min(0.98, base + 0.07 * round_index)


def _value(item: Any, level: float, wobble: float) -> str:
    level = max(0.0, min(1.0, level + wobble))
    if item.item_type == ItemType.YES_NO:
        return "بله" if level >= 0.55 else "خیر"
    if item.item_type == ItemType.SCALE:
        return str(round((item.scale_max or 4) * level))
    if item.item_type == ItemType.TEXT:
        return "برگزاری جلسات محله‌ای با حضور سمن‌ها و معتمدان محلی"
    standard = item.standard or 100
    if item.direction == "lower":
        return str(round(standard * (2.2 - 1.6 * level)))
    return str(round(standard * level, 1) if item.item_type == ItemType.PERCENTAGE else round(standard * level))


# A one-page PDF: the minutes a district attaches where the framework asks for evidence.
def minutes_pdf() -> bytes:
    # With its cross-reference table and trailer: uploads are checked by structure, not by the first bytes.
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj" % number + content + b"endobj\n"
    xref = len(body)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    table += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body + table + trailer


MINUTES_PDF = minutes_pdf()


def _answer_all(round_unit: Any, items: list[Any], source: str, by: Any, level: float) -> None:
    for index, item in enumerate(items):
        wobble = (0.06 if source == AnswerSource.SELF else 0.0) + ((index * 7) % 5 - 2) / 50
        answer, _ = answer_save(
            round_unit=round_unit, item=item, source=source, by=by, data=AnswerInput(value=_value(item, level, wobble))
        )
        if item.is_evidence_required and source == AnswerSource.SELF:
            upload = SimpleUploadedFile("صورت‌جلسه.pdf", MINUTES_PDF, content_type="application/pdf")
            evidence_add(round_unit=round_unit, upload=upload, by=by, answer=answer)


def _backdate_submissions(round_units: list[Any], due: dt.date) -> None:
    """Past rounds were submitted in the past: most units on time, every seventh a few days late.

    The demo writes history, so it sets the times the services would have recorded back then.
    """
    tz = timezone.get_current_timezone()
    for number, round_unit in enumerate(round_units, start=1):
        day = due + dt.timedelta(days=3) if number % 7 == 0 else due - dt.timedelta(days=2 + number % 5)
        submitted = dt.datetime.combine(day, dt.time(10, 30), tzinfo=tz)
        type(round_unit).objects.filter(pk=round_unit.pk).update(self_submitted_at=submitted)


def _backdate_round(round_: Round, due: dt.date) -> None:
    """A past round was created, finalized and published in its own time, not on the day the demo was built."""
    tz = timezone.get_current_timezone()

    def at(days: int) -> dt.datetime:
        return dt.datetime.combine(due + dt.timedelta(days=days), dt.time(9, 0), tzinfo=tz)

    Round.objects.filter(pk=round_.pk).update(
        created_at=at(-30), updated_at=at(45), finalized_at=at(40), published_at=at(45)
    )
    round_.refresh_from_db()
    # Its public pages (ranking and units' results, with comments) carry the same date.
    public_pages.announce(round_pages(round_))


def _run_round(
    *,
    code: str,
    title: str,
    version: FrameworkVersion,
    office: Organization,
    units: list[Organization],
    inspector: User,
    previous: Round | None,
    round_index: int,
    due: dt.date,
    stop_at: str = RoundState.PUBLISHED,
    is_current: bool = False,
) -> Round:
    round_ = rounds.round_create(
        by=None,
        office=office,
        framework_version=version,
        code=code,
        title=title,
        previous_round=previous,
        self_assessment_due=due,
        inspection_starts=due + dt.timedelta(days=10),
        inspection_ends=due + dt.timedelta(days=14),
        objection_due=due + dt.timedelta(days=30),
    )
    round_units = rounds.round_add_units(round_=round_, units=units, by=None)
    for round_unit in round_units:
        rounds.assignment_create(round_unit=round_unit, inspector=inspector, by=None)
    round_ = rounds.round_advance(round_=round_, to=RoundState.SELF_ASSESSMENT, by=None)
    items = list(version.items.all())
    for number, round_unit in enumerate(round_units, start=1):
        if is_current and number % 2 == 0:
            # Half-way: the first answers are in, the evidence-required ones and the rest still to come.
            easy = [item for item in items if not item.is_evidence_required][:5]
            _answer_all(round_unit, easy, AnswerSource.SELF, None, _level(number, round_index))
            continue
        _answer_all(round_unit, items, AnswerSource.SELF, None, _level(number, round_index))
        self_assessment_submit(
            round_unit=round_unit, by=None, strengths="همکاری خوب با سمن‌های محله", weaknesses="کمبود نیروی متخصص"
        )
    if not is_current:
        _backdate_submissions(round_units, due)
    if stop_at == RoundState.SELF_ASSESSMENT:
        return round_
    round_ = rounds.round_advance(round_=round_, to=RoundState.FIELD_INSPECTION, by=None)
    if stop_at == RoundState.FIELD_INSPECTION:
        return round_
    for number, round_unit in enumerate(round_units, start=1):
        _answer_all(round_unit, items, AnswerSource.INSPECTION, inspector, _level(number, round_index))
        inspection_submit(round_unit=round_unit, by=inspector)
        if number % 4 == 1:
            finding = follow_up.finding_add(
                round_unit=round_unit,
                kind="weakness",
                by=None,
                theme="پاسخ‌گویی به شهروندان",
                text="پاسخ به نظرهای شهروندان بیش از ده روز طول می‌کشد.",
                root_cause="نبود کارشناس مسئول و فرایند مشخص برای ارجاع نظرها",
            )
            follow_up.corrective_action_add(
                root_cause=finding.root_causes.get(),
                by=None,
                title="تعیین کارشناس پاسخ‌گو و ثبت فرایند ارجاع نظرها",
                due_date=due + dt.timedelta(days=90),
            )
        if number % 5 == 2:
            follow_up.finding_add(
                round_unit=round_unit,
                kind="weakness",
                by=None,
                theme="فضاهای فرهنگی",
                text="فرهنگسرای محله در ساعات اعلام‌شده بسته بود.",
                root_cause="کمبود نیرو در نوبت عصر",
            )
        if number % 3 == 0:
            follow_up.finding_add(
                round_unit=round_unit,
                kind="strength",
                by=None,
                theme="مشارکت",
                text="برنامه مشترک با سمن‌های محله برای کاهش آسیب‌های اجتماعی",
            )
    for state in (RoundState.REVIEW, RoundState.OBJECTION, RoundState.FINALIZED, RoundState.PUBLISHED):
        round_ = rounds.round_advance(round_=round_, to=state, by=None)
    _backdate_round(round_, due)
    return round_


def _markazi_findings(round_unit: Any, today: dt.date) -> None:
    """The ministry story: strengths and weaknesses of the province, diagnosed, with actions to follow up."""
    follow_up.finding_add(
        round_unit=round_unit,
        kind="strength",
        by=None,
        theme="شفافیت",
        text="ارسال به‌موقع مستندات و تعامل فعال با رسانه‌های استان",
    )
    weakness = follow_up.finding_add(
        round_unit=round_unit,
        kind="weakness",
        by=None,
        theme="ارتباطات درونی",
        text="جلسات شورای هماهنگی کمتر از برنامه برگزار شده است.",
        root_cause="نبود تقویم سالانه جلسات و جابه‌جایی مدیران",
    )
    cause = weakness.root_causes.get()
    follow_up.corrective_action_add(
        root_cause=cause,
        by=None,
        title="تصویب تقویم سالانه جلسات شورای هماهنگی",
        due_date=today + dt.timedelta(days=30),
    )
    # One action already past its due date, so the follow-up page has something to flag.
    follow_up.corrective_action_add(
        root_cause=cause,
        by=None,
        title="آموزش مدیران تازه‌وارد درباره وظایف شورا",
        due_date=today - dt.timedelta(days=5),
    )


def build(out: Output) -> None:
    municipality = Organization.objects.get(code="tehran-municipality")
    ministry = Organization.objects.get(code="mcls")
    inspector = User.objects.get(username="inspector")
    social = _version("tehran-social", "ارزیابی اجتماعی-فرهنگی مناطق شهرداری تهران", municipality, SOCIAL_DISTRICTS)
    public_space = _version("mcls-public-space", "ارزیابی فضای عمومی ادارات کل استانی", ministry, PUBLIC_SPACE)
    districts = list(Organization.objects.filter(parent=municipality, kind="municipal_district").order_by("code"))
    created = 0
    previous = None
    for index, (code, title, due) in enumerate(TEHRAN_ROUNDS):
        round_ = Round.objects.filter(code=code).first()
        if round_ is None:
            round_ = _run_round(
                code=code,
                title=title,
                version=social,
                office=municipality,
                units=districts,
                inspector=inspector,
                previous=previous,
                round_index=index,
                due=due,
            )
            created += 1
        previous = round_
    code, title = CURRENT_TEHRAN_ROUND
    if not Round.objects.filter(code=code).exists():
        _run_round(
            code=code,
            title=title,
            version=social,
            office=municipality,
            units=districts,
            inspector=inspector,
            previous=previous,
            round_index=3,
            due=timezone.localdate() + dt.timedelta(days=12),
            stop_at=RoundState.SELF_ASSESSMENT,
            is_current=True,
        )
        created += 1
    if not Round.objects.filter(code="mcls-public-space-3").exists():
        markazi = Organization.objects.get(code="mcls-markazi")
        today = timezone.localdate()
        round_ = _run_round(
            code="mcls-public-space-3",
            title="ارزیابی فضای عمومی — دور سوم، اداره کل مرکزی",
            version=public_space,
            office=ministry,
            units=[markazi],
            inspector=inspector,
            previous=None,
            round_index=2,
            due=today - dt.timedelta(days=3),
            stop_at=RoundState.FIELD_INSPECTION,
        )
        _markazi_findings(round_.units.get(), today)
        created += 1
    out.write(f"evaluation: rounds {Round.objects.count()} ({created} new)")
