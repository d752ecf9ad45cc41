"""Downloads of evidence and objection attachments, checked like the unit they belong to.

A file is opened only through these views: the same rule as the unit's pages decides (``can_open_files``), and
a file of a unit the person may not open is a 404, exactly like a file that does not exist. How the bytes
leave (Django, nginx or Apache) is ``hamafza.core.downloads``'s business.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from hamafza.core.downloads import file_response
from hamafza.evaluation import permissions
from hamafza.evaluation.models import Evidence, Objection


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = Evidence.objects.select_related("round_unit__round__office", "round_unit__unit").filter(pk=pk).first()
    if evidence is None or not permissions.can_open_files(request.user, evidence.round_unit):
        raise Http404
    return file_response(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)


@login_required
@require_GET
def objection_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    objection = (
        Objection.objects.select_related("answer__round_unit__round__office", "answer__round_unit__unit")
        .filter(pk=pk)
        .first()
    )
    if objection is None or not objection.attachment:
        raise Http404
    if not permissions.can_open_files(request.user, objection.answer.round_unit):
        raise Http404
    # Attachments stored before names were generated have no recorded name or type: their file name stands in.
    name = objection.attachment_name or objection.attachment.name.rsplit("/", 1)[-1]
    return file_response(
        objection.attachment, filename=name, content_type=objection.attachment_type or "application/octet-stream"
    )


urlpatterns: list[URLPattern] = [
    path("evidence/<int:pk>/", evidence_download, name="evidence_download"),
    path("objections/<int:pk>/attachment/", objection_attachment, name="objection_attachment"),
]
