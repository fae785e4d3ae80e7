"""Release export pages: a release's exports and their files, starting an export (curators),
watching its progress, and downloading files.

Thin views over annotation.curation.exports: who may see which export and file is decided
there (curators everything; model authors public files of finished exports of published
releases; annotators nothing, by the role check).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError, NotFoundError
from accounts.roles import CURATOR, MODEL_AUTHOR, role_required, user_has_role
from annotation.curation.exports import (
    export_file_download_name,
    export_file_path,
    export_files_visible,
    release_export_create,
    release_export_visible,
    release_exports_visible,
)
from annotation.models import Release


@role_required(CURATOR, MODEL_AUTHOR)
def release_exports(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    try:
        exports = list(release_exports_visible(release, request.user)[:50])
    except NotFoundError as error:
        raise Http404(error.message) from None
    rows = [(e, export_files_visible(e, request.user)) for e in exports]
    return render(
        request,
        "annotation/export_list.html",
        {
            "release": release,
            "rows": rows,
            "can_start": user_has_role(request.user, CURATOR) and release.is_published,
        },
    )


@role_required(CURATOR)
@require_POST
def export_new(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    try:
        export = release_export_create(
            release,
            user=request.user,
            include_test_labels=request.POST.get("include_test_labels") == "yes",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("annotation:release-exports", pk=release.pk)
    messages.success(request, f"Export {export.pk} of {release} queued.")
    return redirect("annotation:export-detail", pk=export.pk)


@role_required(CURATOR, MODEL_AUTHOR)
def export_detail(request, pk: int):
    try:
        export = release_export_visible(pk, request.user)
    except NotFoundError as error:
        raise Http404(error.message) from None
    return render(
        request,
        "annotation/export_detail.html",
        {"export": export, "files": export_files_visible(export, request.user)},
    )


@role_required(CURATOR, MODEL_AUTHOR)
def export_file(request, pk: int, name: str):
    try:
        export = release_export_visible(pk, request.user)
        path = export_file_path(export, name, request.user)
    except NotFoundError as error:
        raise Http404(error.message) from None
    # FileResponse streams the file in blocks; the whole file is never in memory.
    return FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=True,
        filename=export_file_download_name(export, name),
    )
