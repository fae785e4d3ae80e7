"""The real thing for evaluation: predictions uploaded through the API are scored by a
separate Celery worker process on Redis, and the finished score is read back."""

import io
import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from sklearn.metrics import accuracy_score

from accounts.roles import MODEL_AUTHOR
from annotation.models import ReleaseItem
from evaluation.services import api_token_get, model_create
from tests.evaluation.factories import predictions_csv, tiny_release_build

pytestmark = pytest.mark.worker


def test_an_api_upload_is_scored_by_a_real_worker(celery_worker_process, make_user):
    release = tiny_release_build(name="Worker")
    author = make_user("worker-author", MODEL_AUTHOR)
    model = model_create(owner=author, name="Worker model")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_get(author).key}")

    def choose(item):
        return 1 - item.label if int(item.uid[-3:]) % 3 == 0 else item.label

    upload = io.BytesIO(predictions_csv(release, choose))
    upload.name = "predictions.csv"
    # Outside a transaction, on_commit fires at once and the task goes to Redis.
    answer = client.post(
        reverse("evaluation-api:submissions"),
        {"model": model.pk, "release": release.pk, "file": upload},
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    url = reverse("evaluation-api:submission-detail", args=[answer.json()["id"]])
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(url).json()
        if not seen or seen[-1] != status["status"]:
            seen.append(status["status"])
        if status["done"]:
            break
        time.sleep(0.2)
    assert status["status"] == "finished", (status["failure"], status["report"])
    assert seen[0] in ("submitted", "validating", "scoring") and seen[-1] == "finished"

    scores = client.get(reverse("evaluation-api:submission-scores", args=[status["id"]])).json()
    for score in scores:
        items = ReleaseItem.objects.filter(
            release=release, task=score["task"], test_part=score["part"]
        )
        gold = [i.label for i in items]
        assert score["accuracy"]["value"] == pytest.approx(
            accuracy_score(gold, [choose(i) for i in items])
        )
    assert {s["task"] for s in scores} == {"t1", "t2", "t3"}
