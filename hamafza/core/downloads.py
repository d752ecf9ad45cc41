"""Handing a stored private file to the person who may open it, after the view has checked that they may.

Uploaded files are never served from ``/media/`` (the app has no such route, and the web server must not have
one either): every download goes through a view that checks permission first and then calls ``file_response``.
``settings.HAMAFZA_FILE_SERVING`` chooses how the bytes leave:

* ``"stream"`` (default): Django streams the file itself (``FileResponse``);
* ``"x-accel"``: nginx sends it — the response carries ``X-Accel-Redirect: <HAMAFZA_X_ACCEL_PREFIX><name>``,
  where the prefix is an ``internal`` location aliased to MEDIA_ROOT;
* ``"x-sendfile"``: Apache (mod_xsendfile) or lighttpd sends it — ``X-Sendfile: <absolute path>``.

Every answer is an attachment named with the original (Persian) name, RFC 5987 encoded, and ``nosniff`` so
a browser never runs an uploaded file as a page.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

SERVING_MODES = ("stream", "x-accel", "x-sendfile")


def file_response(stored: FieldFile, *, filename: str, content_type: str) -> HttpResponse:
    """The download response for a stored file; 404 when the file is gone from storage."""
    mode = getattr(settings, "HAMAFZA_FILE_SERVING", "stream")
    if not stored or not stored.storage.exists(stored.name):
        raise Http404
    if mode == "x-accel":
        prefix = getattr(settings, "HAMAFZA_X_ACCEL_PREFIX", "/protected-media/")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(stored.name)
    elif mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = stored.path
    else:
        response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Private to the person who asked: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response
