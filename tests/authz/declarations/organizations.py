"""The organization tree, its members and roles, and the audit page."""

from tests.authz.matrix import ADMIN, having, page, post

VIEWERS = having("organization.view")
MANAGERS = having("organization.manage")
ROLE_MANAGERS = having("roles.manage")

ENTRIES = [
    page("organizations:list", "/organizations/", VIEWERS),
    page("organizations:create", "/organizations/new/", ADMIN),
    page("organizations:detail", "/organizations/{org}/", VIEWERS, ADMIN),
    page("organizations:edit", "/organizations/{org}/edit/", MANAGERS, ADMIN),
    page("organizations:create_child", "/organizations/{org}/new/", MANAGERS, ADMIN),
    page("organizations:members", "/organizations/{org}/members/", ROLE_MANAGERS, ADMIN),
    post("organizations:revoke", "/organizations/{org}/members/{grant}/revoke/", ROLE_MANAGERS, ADMIN),
    page("audit:list", "/audit/", ADMIN),
]
