"""The real thing: a catalogue import job runs in a separate Celery worker process on Redis."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import CURATOR
from pipeline.catalog.services import catalog_import_job_create
from pipeline.models import CatalogImport, Product, Review

pytestmark = pytest.mark.worker


def test_upload_is_imported_by_a_real_worker(celery_worker_process, make_user, sample_files):
    curator = make_user("worker-curator", CURATOR)
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sample_files]
    # Outside a transaction, on_commit fires at once and the task goes to Redis.
    job = catalog_import_job_create(user=curator, uploads=uploads)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_done:
            break
        time.sleep(0.5)
    assert job.status == CatalogImport.Status.FINISHED, job.failure
    assert job.summary["products"]["created"] == Product.objects.count() == 360
    assert job.summary["reviews"]["created"] == Review.objects.count()
    assert job.started_at is not None and job.finished_at >= job.started_at
