"""Logging in and out, one's own profile and tokens, and the login locks managers lift."""

import datetime as dt

from django.utils import timezone

from hamafza.organizations.roles import Role
from tests.authz.matrix import ADMIN, EVERYONE, NOBODY, REDIRECT, SIGNED_IN, having, page, post
from tests.authz.world import ANONYMOUS

MANAGERS = having("roles.manage")

ENTRIES = [
    # A signed-in person who opens the login page is sent on to the home page.
    page("accounts:login", "/accounts/login/", {ANONYMOUS}, denied=REDIRECT),
    post("accounts:logout", "/accounts/logout/", EVERYONE),
    page("accounts:profile", "/accounts/profile/", SIGNED_IN),
    page("accounts:password_change", "/accounts/password/", SIGNED_IN),
    post("accounts:token_create", "/accounts/tokens/", SIGNED_IN),
    # In scope: the agency manager's own token; out: someone else's.
    post("accounts:token_revoke", "/accounts/tokens/{token}/revoke/", {Role.AGENCY_MANAGER}, NOBODY),
    page("lockouts:list", "/accounts/lockouts/", MANAGERS),
    # In scope: a locked person of organization A; out: one of B, whom only the system admin may free.
    page("lockouts:lift", "/accounts/lockouts/lift/?login={locked_login}", MANAGERS, ADMIN),
]


def build(world) -> None:
    from axes.models import AccessAttempt

    from hamafza.accounts.services import user_create
    from hamafza.organizations.models import Organization
    from hamafza.organizations.services import role_grant

    # Someone of A who is locked out (not one of the probing people: logging them in would reset their lock).
    locked = user_create(username="a_locked", password=None, by=None)
    role_grant(user=locked, role=Role.AGENCY_STAFF, by=None, organization=Organization.objects.get(code="authz-a"))
    for scope, user in (("in", locked), ("out", world.others["manager"])):
        AccessAttempt.objects.create(
            username=user.username.lower(),
            ip_address="10.20.30.40",
            user_agent="matrix",
            failures_since_start=10,
            attempt_time=timezone.now() - dt.timedelta(minutes=1),
            get_data="",
            post_data="",
            http_accept="",
            path_info="/accounts/login/",
        )
        world.ids[scope]["locked_login"] = user.username.lower()
