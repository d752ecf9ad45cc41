"""Each person's own notifications: in scope is the agency manager's, out of scope one of B's manager."""

from hamafza.organizations.roles import Role
from tests.authz.matrix import EVERYONE, NOBODY, REDIRECT, SIGNED_IN, page, post

OWNER = {Role.AGENCY_MANAGER}

ENTRIES = [
    page("notifications:list", "/notifications/", SIGNED_IN),
    # The bell is part of every page, also the public ones: an anonymous visitor gets an empty bell.
    page("notifications:bell", "/notifications/bell/", EVERYONE),
    post("notifications:read_all", "/notifications/read-all/", SIGNED_IN),
    page("notifications:preferences", "/notifications/preferences/", SIGNED_IN),
    # Opening marks it read and goes on to what it is about.
    page("notifications:open", "/notifications/{notification}/", OWNER, NOBODY, ok=REDIRECT),
    post("notifications:read", "/notifications/{notification}/read/", OWNER, NOBODY),
]


def build(world) -> None:
    from hamafza.notifications.models import Notification
    from hamafza.notifications.services import notify

    for scope, user in (("in", world.users[Role.AGENCY_MANAGER]), ("out", world.others["manager"])):
        notify(recipients=[user], kind="system", title="پیام آزمون")
        world.ids[scope]["notification"] = Notification.objects.filter(recipient=user).latest("pk").pk
