"""The public shell: home, health, PWA files, the admin site (as one block) and the API's own pages."""

from tests.authz.matrix import ADMIN_BLOCK, EVERYONE, NOBODY, REDIRECT, page

ENTRIES = [
    page("core:home", "/", EVERYONE),
    page("core:healthz", "/healthz", EVERYONE),
    page("core:manifest", "/manifest.webmanifest", EVERYONE),
    page("core:service_worker", "/sw.js", EVERYONE),
    page("favicon.ico", "/favicon.ico", EVERYONE, ok=REDIRECT),
    # Only staff and superusers get past the admin's own login; none of the matrix's people is either.
    page(ADMIN_BLOCK, "/admin/", NOBODY, denied=REDIRECT, anonymous=REDIRECT),
    page("api:openapi-json", "/api/v1/openapi.json", EVERYONE),
    page("api:openapi-view", "/api/v1/docs", EVERYONE),
    page("api:api-root", "/api/v1/", NOBODY, denied="404", anonymous="404"),
]
