"""Curators upload catalogue files in the browser; the import runs as a job they watch."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import CURATOR
from pipeline.models import CatalogImport, Product, Review
from tests.helpers import meta_record, review_record, write_lines

pytestmark = pytest.mark.django_db


def _upload(client, files, strict=False, capture=None):
    data = {"files": files}
    if strict:
        data["strict"] = "on"
    with capture(execute=True):
        return client.post(reverse("pipeline:import-new"), data)


def test_curator_uploads_files_and_sees_the_finished_import(
    client, role_users, django_capture_on_commit_callbacks, sample_files
):
    client.force_login(role_users[CURATOR])
    kitchen = [p for p in sample_files if "Home_and_Kitchen" in p.name]
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in kitchen]
    response = _upload(client, uploads, capture=django_capture_on_commit_callbacks)
    job = CatalogImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pipeline:import-detail", kwargs={"pk": job.pk})
    assert job.status == CatalogImport.Status.FINISHED
    assert job.created_by == role_users[CURATOR]
    assert job.summary["products"]["created"] == Product.objects.count() == 60
    assert job.summary["reviews"]["created"] == Review.objects.count() > 0
    assert job.percent == 100

    page = client.get(response["Location"]).content.decode()
    assert "Finished" in page and kitchen[0].name in page

    api = client.get(reverse("pipeline-api:import-detail", kwargs={"pk": job.pk})).json()
    assert api["status"] == "finished" and api["percent"] == 100
    assert api["summary"]["products"]["created"] == 60
    assert api["files"] == [p.name for p in kitchen]
    assert job.error_count == 0


def test_bad_lines_of_an_upload_are_listed_on_the_job(
    client, role_users, django_capture_on_commit_callbacks, tmp_path
):
    path = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0WEB00001"), "{broken"])
    client.force_login(role_users[CURATOR])
    _upload(
        client,
        [SimpleUploadedFile(path.name, path.read_bytes())],
        capture=django_capture_on_commit_callbacks,
    )
    job = CatalogImport.objects.get()
    assert job.status == CatalogImport.Status.FINISHED
    assert job.error_count == 1
    assert job.errors[0].startswith("meta_Toys.jsonl:2: (line): not valid JSON")
    assert (
        "meta_Toys.jsonl:2: (line): not valid JSON"
        in client.get(reverse("pipeline:import-detail", kwargs={"pk": job.pk})).content.decode()
    )


def test_strict_upload_with_a_bad_line_fails_and_writes_nothing(
    client, role_users, django_capture_on_commit_callbacks, tmp_path
):
    meta = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0WEB00001")])
    reviews = write_lines(
        tmp_path / "Toys.jsonl",
        [review_record("B0WEB00001"), review_record("B0WEB00001", rating=0)],
    )
    client.force_login(role_users[CURATOR])
    _upload(
        client,
        [SimpleUploadedFile(p.name, p.read_bytes()) for p in (meta, reviews)],
        strict=True,
        capture=django_capture_on_commit_callbacks,
    )
    job = CatalogImport.objects.get()
    assert job.status == CatalogImport.Status.FAILED
    assert "Toys.jsonl:2: rating: 0 is outside 1..5" in job.failure
    assert Product.objects.count() == 0 and Review.objects.count() == 0


def test_upload_form_requires_a_file(client, role_users):
    client.force_login(role_users[CURATOR])
    response = client.post(reverse("pipeline:import-new"), {})
    assert response.status_code == 200
    assert CatalogImport.objects.count() == 0
    assert "This field is required" in response.content.decode()


def test_catalogue_page_searches_and_filters(client, role_users, tmp_path):
    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import

    catalog_import(
        [
            CatalogFile.of(
                write_lines(
                    tmp_path / "meta_Toys.jsonl",
                    [
                        meta_record("B0WEB00001", title="Red kite for beach days"),
                        meta_record("B0WEB00002", title="Wooden puzzle"),
                    ],
                )
            ),
            CatalogFile.of(
                write_lines(
                    tmp_path / "meta_Garden.jsonl",
                    [
                        meta_record("B0WEB00003", title="Red garden hose"),
                    ],
                )
            ),
        ]
    )
    client.force_login(role_users[CURATOR])
    page = client.get(reverse("pipeline:catalog"), {"q": "red"}).content.decode()
    assert "Red kite" in page and "Red garden hose" in page and "Wooden puzzle" not in page
    toys = Product.objects.get(parent_asin="B0WEB00001").category_id
    page = client.get(reverse("pipeline:catalog"), {"q": "red", "category": toys}).content.decode()
    assert "Red kite" in page and "Red garden hose" not in page
