"""Lists that grow with the country: the audit trail (every change on the platform) and the directory (~15,000
organizations) count up to 1,001 rows and walk by cursor, never by OFFSET."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.models import AuditEntry
from hamafza.core.paging import CappedPaginator
from hamafza.persian import format_number
from tests.paging import pager_link


def _seqs(html: str) -> list[int]:
    from hamafza.persian import to_latin_digits

    return [int(to_latin_digits(n)) for n in re.findall(r"شماره ([۰-۹]+)</span>", html)]


def test_the_audit_trail_walks_by_cursor_on_seq_without_an_offset_and_back(client, make_user, grant):
    admin = make_user("root")
    grant(admin, "system_admin")
    for n in range(120):
        audit(actor=admin, action="organization.updated", data={"n": n})
    client.force_login(admin)
    url = reverse("audit:list")
    expected = list(AuditEntry.objects.order_by("-seq").values_list("seq", flat=True))
    assert len(expected) > 100
    seen: list[int] = []
    pages: list[str] = []
    query = ""
    while True:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?{query}").content.decode()
        reads = [q["sql"] for q in queries.captured_queries if "core_auditentry" in q["sql"] and "LIMIT 51" in q["sql"]]
        assert reads, "the page is read with LIMIT per_page + 1"
        if query:
            assert "after=" in query
            assert all("OFFSET" not in sql for sql in reads)
        seen += _seqs(html)
        pages.append(html)
        query = pager_link(html, "بعدی")
        if not query:
            break
    assert seen == expected and len(pages) == -(-len(expected) // 50)
    # «قبلی» from the last page gives back the page before it, entry for entry.
    back = client.get(f"{url}?{pager_link(pages[-1], 'قبلی')}").content.decode()
    assert _seqs(back) == _seqs(pages[-2])


def test_the_audit_trail_keeps_its_filters_on_the_cursor_links(client, make_user, grant):
    admin = make_user("root")
    grant(admin, "system_admin")
    for n in range(60):
        audit(actor=admin, action="organization.updated", data={"n": n})
    client.force_login(admin)
    html = client.get(reverse("audit:list"), {"actor": "root"}).content.decode()
    following = pager_link(html, "بعدی")
    assert following and "actor=root" in following and "after=" in following
    assert following.count("page=") == 1


def test_beyond_a_thousand_entries_the_count_is_capped(db):
    now = timezone.now()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            seq=10_000 + n, created_at=now, action="x", actor_label="root", hash=f"{n:064d}", prev_hash=f"{n:064d}"
        )
        for n in range(1_010)
    )
    paginator = CappedPaginator(AuditEntry.objects.filter(action="x").order_by("-seq"), 50)
    assert not paginator.is_exact and paginator.count_label == f"بیش از {format_number(1000)}"
    assert [entry.seq for entry in paginator.page_for({}).object_list][:2] == [11_009, 11_008]


def test_the_directory_walks_by_cursor_in_persian_order_without_an_offset(client, make_user, grant, make_org):
    from hamafza.organizations.models import Organization

    admin = make_user("root")
    grant(admin, "system_admin")
    letters = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    for n in range(60):
        make_org(f"{letters[n % len(letters)]}اداره {n}")
    client.force_login(admin)
    url = reverse("organizations:list")
    expected = list(Organization.objects.order_by("sort_key", "id").values_list("pk", flat=True))
    seen: list[int] = []
    query = ""
    while True:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?{query}").content.decode()
        if query:
            reads = [q["sql"] for q in queries.captured_queries if "LIMIT 26" in q["sql"]]
            assert reads and all("OFFSET" not in sql for sql in reads)
        seen += [int(pk) for pk in re.findall(r'href="/organizations/(\d+)/" data-testid="org-name"', html)]
        query = pager_link(html, "بعدی")
        if not query:
            break
    assert seen == expected
