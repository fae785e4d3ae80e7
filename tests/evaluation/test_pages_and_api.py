"""Evaluation pages and API: the author's whole flow, roles and ownership on every endpoint,
and no answer that contains a test label.

Releases here are the tiny ones of factories.py (rows made directly, all items in the test
split, half public, half private); the scores they get are checked against scikit-learn.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient
from sklearn.metrics import accuracy_score, f1_score

from accounts.roles import ANNOTATOR, CURATOR, MODEL_AUTHOR, user_has_role
from annotation.models import ReleaseItem
from evaluation import services
from evaluation.models import EvaluatedModel, Submission
from evaluation.selectors import PAPER_REFERENCE
from tests.evaluation.factories import (
    predictions_csv,
    release_test_labels,
    tiny_items,
    tiny_release_build,
)

pytestmark = pytest.mark.django_db

# Keys that would carry (or let one recover) a test item's gold label.
FORBIDDEN_KEYS = {"label", "labels", "gold", "votes", "positive_votes", "ds_posterior"}
FORBIDDEN_KEYS |= {"test_part", "n_positive", "adjudicated"}


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {services.api_token_get(user).key}")
    return client


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def walk_keys(value, path=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, f"{path}.{key}"
            yield from walk_keys(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from walk_keys(inner, f"{path}[{n}]")


def assert_no_label_keys(value):
    bad = [where for key, where in walk_keys(value) if key in FORBIDDEN_KEYS]
    assert not bad, bad


def flip_some(every: int):
    """Right on all items but every ``every``-th (by uid), so scores are not trivial."""

    def choose(item):
        return 1 - item.label if int(item.uid[-3:]) % every == 0 else item.label

    return choose


def expected(release, task, part, choose):
    items = ReleaseItem.objects.filter(release=release, split="test", task=task)
    if part != "all":
        items = items.filter(test_part=part)
    gold = [i.label for i in items]
    predicted = [choose(i) for i in items]
    return accuracy_score(gold, predicted), f1_score(gold, predicted, average="macro")


def submit_api(client, model_id, release_id, body: bytes, name="predictions.csv", **extra):
    upload = io.BytesIO(body)
    upload.name = name
    return client.post(
        reverse("evaluation-api:submissions"),
        {"model": model_id, "release": release_id, "file": upload, **extra},
        format="multipart",
    )


@pytest.fixture
def release():
    return tiny_release_build()


@pytest.fixture
def author(make_user):
    return make_user("model-author", MODEL_AUTHOR)


@pytest.fixture
def other_author(make_user):
    return make_user("other-author", MODEL_AUTHOR)


@pytest.fixture
def scored(release, author, django_capture_on_commit_callbacks):
    """A finished submission of ``author``'s model on ``release``."""
    model = services.model_create(owner=author, name="Mine")
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            owner=author,
            model=model,
            release=release,
            files=[("p.csv", predictions_csv(release, flip_some(4)), None)],
        )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.FINISHED
    return submission


# -- the author's flow through the API -----------------------------------------------------


def test_api_flow_from_token_to_leaderboard(
    release, author, make_user, django_capture_on_commit_callbacks
):
    client = api_for(author)
    releases = client.get(reverse("evaluation-api:release-list")).json()
    assert [r["id"] for r in releases] == [release.pk]
    assert releases[0]["test_items"] == {"t1": 12, "t2": 12, "t3": 12}
    assert releases[0]["quota"]["used"] == 0 and releases[0]["quota"]["limit"] == 5

    inputs = client.get(reverse("evaluation-api:test-inputs", args=[release.pk]))
    assert inputs.status_code == 200 and inputs["Content-Type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in body_of(inputs).decode().splitlines()]
    assert {r["id"] for r in rows} == set(release_test_labels(release))
    assert all(set(r) == {"id", "task", "category", "inputs"} for r in rows)

    created = client.post(
        reverse("evaluation-api:models"),
        {
            "name": "My LLM",
            "organisation": "Lab",
            "parameters": 8_000_000_000,
            "setting": "few-shot",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    model_id = created.json()["id"]
    assert [m["name"] for m in client.get(reverse("evaluation-api:models")).json()] == ["My LLM"]

    choose = flip_some(3)
    with django_capture_on_commit_callbacks(execute=True):
        answer = submit_api(client, model_id, release.pk, predictions_csv(release, choose))
    assert answer.status_code == 201, answer.json()
    assert answer.json()["status"] == "submitted" and answer.json()["quota"]["used"] == 1
    submission_id = answer.json()["id"]

    status = client.get(reverse("evaluation-api:submission-detail", args=[submission_id])).json()
    assert status["status"] == "finished" and status["done"] and status["chosen"]
    scores = client.get(reverse("evaluation-api:submission-scores", args=[submission_id])).json()
    # Before the phase closes, only the public part is shown.
    assert {(s["task"], s["part"]) for s in scores} == {
        ("t1", "public"),
        ("t2", "public"),
        ("t3", "public"),
    }
    for score in scores:
        accuracy, macro_f1 = expected(release, score["task"], "public", choose)
        assert score["accuracy"]["value"] == pytest.approx(accuracy)
        assert score["macro_f1"]["value"] == pytest.approx(macro_f1)
        assert score["accuracy"]["ci_low"] <= accuracy <= score["accuracy"]["ci_high"]
        assert score["resamples"] >= 1000 and score["release_version"] == release.version
        assert {c["category"] for c in score["by_category"]} == {"Toys", "Pet_Supplies"}

    board = client.get(reverse("evaluation-api:leaderboard", args=[release.pk])).json()
    assert [row["model"]["name"] for row in board["rows"]] == ["My LLM"]
    row = board["rows"][0]
    assert row["band"] == 1 and row["model"]["parameters"] == 8_000_000_000
    mean = sum(expected(release, t, "public", choose)[0] for t in ("t1", "t2", "t3")) / 3
    assert row["mean_accuracy"] == pytest.approx(mean)
    assert [r["system"] for r in board["reference"]["rows"]] == [r[0] for r in PAPER_REFERENCE]
    assert "not ranked" in board["reference"]["note"]

    private = reverse("evaluation-api:leaderboard", args=[release.pk]) + "?part=private"
    assert client.get(private).status_code == 403
    services.phase_close(release, user=make_user("closer", CURATOR))
    assert client.get(private).json()["rows"][0]["tasks"]["t1"]["accuracy"] == pytest.approx(
        expected(release, "t1", "private", choose)[0]
    )
    scores = client.get(reverse("evaluation-api:submission-scores", args=[submission_id])).json()
    assert {s["part"] for s in scores} == {"public", "private", "all"}


def test_one_file_per_task_through_the_api(release, author, django_capture_on_commit_callbacks):
    client = api_for(author)
    model = services.model_create(owner=author, name="Per task")
    files = {}
    for task in ("t1", "t2", "t3"):
        items = ReleaseItem.objects.filter(release=release, task=task)
        # yes/no spellings, CRLF line ends and a byte-order mark, as documented.
        lines = ["id,label"] + [f"{i.uid},{'yes' if i.label else 'no'}" for i in items]
        files[f"file_{task}"] = io.BytesIO(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
        files[f"file_{task}"].name = f"{task}.csv"
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("evaluation-api:submissions"),
            {"model": model.pk, "release": release.pk, **files},
            format="multipart",
        )
    assert answer.status_code == 201, answer.json()
    status = client.get(reverse("evaluation-api:submission-detail", args=[answer.json()["id"]]))
    assert status.json()["status"] == "finished"
    assert [f["task"] for f in status.json()["files"]] == ["t1", "t2", "t3"]
    assert {s["accuracy"]["value"] for s in status.json()["scores"]} == {1.0}
    assert all(s["auc"]["value"] is None for s in status.json()["scores"])  # no score column


def test_submission_input_errors_name_the_field(release, author, other_author):
    client = api_for(author)
    mine = services.model_create(owner=author, name="Mine")
    theirs = services.model_create(owner=other_author, name="Theirs")
    missing = client.post(
        reverse("evaluation-api:submissions"),
        {"model": mine.pk, "release": release.pk},
        format="multipart",
    )
    assert missing.status_code == 400 and "file" in json.dumps(missing.json())
    foreign = submit_api(client, theirs.pk, release.pk, predictions_csv(release))
    assert foreign.status_code == 404 and "model" in foreign.json()["detail"]
    draft = tiny_release_build(name="Draft", publish=False, per_task=2)
    assert submit_api(client, mine.pk, draft.pk, predictions_csv(release)).status_code == 404
    assert not Submission.objects.exists()


def test_an_invalid_file_is_reported_and_never_scored(
    release, author, client, django_capture_on_commit_callbacks
):
    model = services.model_create(owner=author, name="Sloppy")
    labels = release_test_labels(release)
    first, second = sorted(labels)[:2]
    body = f"task,id,label\nt1,{first},maybe\nt1,{first},1\nt1,nope,1\nt9,{second},1\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = submit_api(api_for(author), model.pk, release.pk, body, name="bad.csv")
    detail = reverse("evaluation-api:submission-detail", args=[answer.json()["id"]])
    status = api_for(author).get(detail).json()
    assert status["status"] == "invalid" and status["scores"] == []
    problems = "\n".join(status["report"]["problems"])
    assert "bad.csv:2: label: 'maybe'" in problems
    assert "bad.csv:3: id:" in problems and "given twice" in problems
    assert "bad.csv:4: id: 'nope'" in problems and "bad.csv:5: task:" in problems
    assert status["report"]["counts"]["missing_id"] > 0
    assert not Submission.objects.get(pk=status["id"]).scores.exists()
    assert services.quota_status(author, release)["used"] == 0
    client.force_login(author)
    page = client.get(reverse("evaluation:submission-detail", args=[status["id"]])).content
    assert b"Problems in the file" in page and b"bad.csv:2: label" in page
    assert b"does not count against your quota" in page


def test_the_quota_answer_says_when_it_resets(release, author, settings):
    settings.EVALUATION_DAILY_QUOTA = 1
    client = api_for(author)
    model = services.model_create(owner=author, name="Busy")
    assert submit_api(client, model.pk, release.pk, predictions_csv(release)).status_code == 201
    refused = submit_api(client, model.pk, release.pk, predictions_csv(release))
    assert refused.status_code == 429
    body = refused.json()
    assert "resets at" in body["detail"] and body["resets_at"].endswith("T00:00:00+00:00")
    assert set(body) == {"detail", "resets_at"}


# -- ownership: another author's submission is out of reach everywhere ----------------------


def test_an_author_cannot_reach_another_authors_submission(
    scored, author, other_author, make_user, client, settings
):
    pk = scored.pk
    api = api_for(other_author)
    for name in ("evaluation-api:submission-detail", "evaluation-api:submission-scores"):
        assert api.get(reverse(name, args=[pk])).status_code == 404, name
    assert api.get(reverse("evaluation-api:submissions")).json() == []
    client.force_login(other_author)
    assert client.get(reverse("evaluation:submission-detail", args=[pk])).status_code == 404
    assert client.post(reverse("evaluation:submission-choose", args=[pk])).status_code == 404
    assert client.get(reverse("evaluation:model-edit", args=[scored.model_id])).status_code == 404
    listing = client.get(reverse("evaluation:submission-list")).content.decode()
    assert f'href="{reverse("evaluation:submission-detail", args=[pk])}"' not in listing
    assert "Mine" not in client.get(reverse("evaluation:model-list")).content.decode()
    # The stored files are not served by any URL.
    for stored in scored.files:
        assert client.get(f"/{settings.MEDIA_URL}{stored['path']}").status_code == 404
    # A submission with their model is refused, and their model is not offered.
    page = client.get(reverse("evaluation:submission-new")).content.decode()
    assert f'<option value="{scored.model_id}">Mine' not in page
    # Its owner and curators do reach it.
    for user in (author, make_user("cur2", CURATOR)):
        client.force_login(user)
        assert client.get(reverse("evaluation:submission-detail", args=[pk])).status_code == 200
        assert (
            api_for(user).get(reverse("evaluation-api:submission-scores", args=[pk])).status_code
            == 200
        )


API_ENDPOINTS = {
    "evaluation-api:release-list": ({MODEL_AUTHOR, CURATOR}, False),
    "evaluation-api:test-inputs": ({MODEL_AUTHOR, CURATOR}, True),
    "evaluation-api:leaderboard": ({MODEL_AUTHOR, CURATOR}, True),
    "evaluation-api:models": ({MODEL_AUTHOR}, False),
    "evaluation-api:submissions": ({MODEL_AUTHOR}, False),
    "evaluation-api:submission-detail": ({MODEL_AUTHOR, CURATOR}, "submission"),
    "evaluation-api:submission-scores": ({MODEL_AUTHOR, CURATOR}, "submission"),
}


@pytest.mark.parametrize("name", sorted(API_ENDPOINTS))
def test_every_api_endpoint_checks_the_role_with_token_auth(name, role_users):
    release = tiny_release_build(name="Roles", per_task=2)
    owner = role_users[MODEL_AUTHOR]
    model = EvaluatedModel.objects.create(owner=owner, name="m")
    submission = Submission.objects.create(owner=owner, model=model, release=release)
    roles, target = API_ENDPOINTS[name]
    args = {False: [], True: [release.pk], "submission": [submission.pk]}[target]
    url = reverse(name, args=args)
    assert APIClient().get(url).status_code in (401, 403)
    for role, user in role_users.items():
        allowed = any(user_has_role(user, r) for r in roles)
        status = api_for(user).get(url).status_code
        assert status == (200 if allowed else 403), (role, status)


# -- no answer contains a test label ------------------------------------------------------


def test_test_inputs_do_not_depend_on_the_labels(author, client):
    """Two releases of the same items with every label flipped give byte-identical
    downloads: nothing in them comes from a label."""
    items = tiny_items("twin", per_task=6)
    release = tiny_release_build(name="Twin", version="1", items=items)
    flipped = tiny_release_build(name="Twin", version="2", items=items, flip=True)
    labels, flipped_labels = release_test_labels(release), release_test_labels(flipped)
    assert all(labels[uid] != flipped_labels[uid] for uid in labels)
    client.force_login(author)
    api = api_for(author)
    for fmt in ("csv", "jsonl"):
        page = [
            body_of(client.get(reverse("evaluation:test-inputs", args=[r.pk, fmt])))
            for r in (release, flipped)
        ]
        endpoint = [
            body_of(api.get(reverse("evaluation-api:test-inputs", args=[r.pk]), {"fmt": fmt}))
            for r in (release, flipped)
        ]
        assert page[0] == page[1] == endpoint[0] == endpoint[1], fmt
    csv_body = body_of(client.get(reverse("evaluation:test-inputs", args=[release.pk, "csv"])))
    rows = list(csv.DictReader(io.StringIO(csv_body.decode())))
    assert list(rows[0]) == ["id", "task", "category", "inputs"]
    assert {r["id"] for r in rows} == set(labels)
    assert json.loads(rows[0]["inputs"])["objective"].startswith("twin objective")


def test_no_endpoint_answer_contains_a_label(scored, author, make_user, client, settings):
    release = scored.release
    api = api_for(author)
    answers = [
        api.get(reverse("evaluation-api:release-list")).json(),
        api.get(reverse("evaluation-api:submissions")).json(),
        api.get(reverse("evaluation-api:submission-detail", args=[scored.pk])).json(),
        api.get(reverse("evaluation-api:submission-scores", args=[scored.pk])).json(),
        api.get(reverse("evaluation-api:leaderboard", args=[release.pk])).json(),
    ]
    settings.EVALUATION_DAILY_QUOTA = 1
    refused = submit_api(api, scored.model_id, release.pk, predictions_csv(release))
    assert refused.status_code == 429
    answers.append(refused.json())
    client.force_login(author)
    exported = client.get(reverse("evaluation:leaderboard-export", args=[release.pk, "json"]))
    answers.append(json.loads(exported.content))
    for answer in answers:
        assert_no_label_keys(answer)
    header = next(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("evaluation:leaderboard-export", args=[release.pk, "csv"])
                ).content.decode()
            )
        )
    )
    assert not FORBIDDEN_KEYS & set(header) and "t1_accuracy" in header
    inputs = body_of(api.get(reverse("evaluation-api:test-inputs", args=[release.pk])))
    for line in inputs.decode().splitlines():
        assert_no_label_keys(json.loads(line))


# -- pages --------------------------------------------------------------------------------


def test_pages_take_an_author_from_model_to_leaderboard(
    release, author, client, make_user, django_capture_on_commit_callbacks
):
    client.force_login(author)
    home = client.get(reverse("home")).content.decode()
    assert reverse("evaluation:leaderboard", args=[release.pk]) in home
    created = client.post(
        reverse("evaluation:model-new"),
        {
            "name": "Paged",
            "organisation": "Lab",
            "parameters": "135000000",
            "setting": "fine-tuned",
            "paper_url": "https://example.org/paper",
            "code_url": "",
        },
    )
    assert created.status_code == 302
    model = EvaluatedModel.objects.get(owner=author, name="Paged")
    assert model.setting == "fine-tuned" and model.parameters == 135_000_000
    again = client.post(reverse("evaluation:model-new"), {"name": "Paged", "setting": "zero-shot"})
    assert "already have a model named" in again.content.decode()

    form = client.get(reverse("evaluation:submission-new")).content.decode()
    assert "Daily quota" in form and "resets at (UTC)" in form
    upload = io.BytesIO(predictions_csv(release, flip_some(5)))
    upload.name = "preds.csv"
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("evaluation:submission-new"),
            {"model": model.pk, "release": release.pk, "file": upload},
        )
    assert posted.status_code == 302
    submission = Submission.objects.get(model=model)
    detail = client.get(posted["Location"]).content.decode()
    assert submission.status == "finished" and "Scores" in detail and "By category" in detail
    accuracy, _ = expected(release, "t1", "public", flip_some(5))
    assert f"{accuracy * 100:.1f}" in detail
    assert "scored but shown only once a curator closes the phase" in detail

    board = client.get(reverse("evaluation:leaderboard", args=[release.pk])).content.decode()
    assert "Paged" in board and "<svg" in board
    assert "own test set, not ranked" in board
    assert "Llama-3.1-8B fine-tuned" in board and "Close the phase" not in board
    fallback = client.get(reverse("evaluation:leaderboard", args=[release.pk]) + "?part=private")
    assert "revealed when a curator closes the phase" in fallback.content.decode()

    curator = make_user("cur-pages", CURATOR)
    client.force_login(curator)
    assert client.post(reverse("evaluation:model-verify", args=[model.pk])).status_code == 302
    assert EvaluatedModel.objects.get(pk=model.pk).verified
    board = client.get(reverse("evaluation:leaderboard", args=[release.pk])).content.decode()
    assert '<span class="badge">verified</span>' in board and "Close the phase" in board
    client.post(reverse("evaluation:phase-close", args=[release.pk]))
    private = client.get(reverse("evaluation:leaderboard", args=[release.pk]) + "?part=private")
    assert "Private part" in private.content.decode()

    # Editing the facts takes the verification away until a curator looks again.
    client.force_login(author)
    client.post(
        reverse("evaluation:model-edit", args=[model.pk]),
        {"name": "Paged v2", "setting": "fine-tuned", "parameters": "135000000"},
    )
    model.refresh_from_db()
    assert model.name == "Paged v2" and not model.verified


def test_an_invalid_submission_is_never_ranked(
    scored, other_author, django_capture_on_commit_callbacks
):
    model = services.model_create(owner=other_author, name="Broken")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_create(
            owner=other_author,
            model=model,
            release=scored.release,
            files=[("p.csv", b"id,label\nnope,1\n", None)],
        )
    board = (
        api_for(other_author)
        .get(reverse("evaluation-api:leaderboard", args=[scored.release_id]))
        .json()
    )
    assert [row["model"]["name"] for row in board["rows"]] == ["Mine"]


def test_choosing_the_submission_shown_on_the_leaderboard(
    scored, author, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newer = services.submission_create(
            owner=author,
            model=scored.model,
            release=scored.release,
            files=[("p.csv", predictions_csv(scored.release), None)],
        )
    assert Submission.objects.get(pk=newer.pk).chosen  # the newest is shown by default
    client.force_login(author)
    client.post(reverse("evaluation:submission-choose", args=[scored.pk]))
    assert Submission.objects.get(pk=scored.pk).chosen
    assert not Submission.objects.get(pk=newer.pk).chosen
    board = api_for(author).get(reverse("evaluation-api:leaderboard", args=[scored.release_id]))
    t1 = scored.scores.get(task="t1", part="public").accuracy
    assert board.json()["rows"][0]["tasks"]["t1"]["accuracy"] == pytest.approx(t1)


def test_token_page_shows_and_regenerates_the_token(author, client):
    client.force_login(author)
    old = services.api_token_get(author).key
    assert old in client.get(reverse("evaluation:token")).content.decode()
    client.post(reverse("evaluation:token-regenerate"))
    new = services.api_token_get(author).key
    assert new != old
    stale = APIClient()
    stale.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    refused = stale.get(reverse("evaluation-api:release-list"))
    assert refused.status_code in (401, 403) and refused.json()["detail"] == "Invalid token."
    assert api_for(author).get(reverse("evaluation-api:release-list")).status_code == 200


def test_signup_makes_a_model_author_with_a_checked_password(client):
    from django.test import Client

    url = reverse("evaluation:signup")
    weak = client.post(
        url,
        {"username": "newbie", "email": "n@example.org", "password1": "123", "password2": "123"},
    )
    assert "too short" in weak.content.decode() and "too common" in weak.content.decode()
    csrf_client = Client(enforce_csrf_checks=True)
    good = {
        "username": "newbie",
        "email": "n@example.org",
        "password1": "plan-4-barbecue!",
        "password2": "plan-4-barbecue!",
    }
    assert csrf_client.post(url, good).status_code == 403
    assert client.post(url, good).status_code == 302
    from accounts.models import User

    user = User.objects.get(username="newbie")
    assert user_has_role(user, MODEL_AUTHOR) and not user_has_role(user, CURATOR, ANNOTATOR)
    assert client.get(reverse("evaluation:model-list")).status_code == 200  # signed in
    taken = Client().post(url, {**good, "username": "NEWBIE"})
    assert "taken" in taken.content.decode()


def test_home_says_when_no_release_is_published(author, client):
    client.force_login(author)
    page = client.get(reverse("home")).content.decode()
    assert "No benchmark release is published yet" in page
    assert reverse("evaluation:model-list") in page


def test_the_schema_documents_the_evaluation_api(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path in (
        "/api/evaluation/releases/",
        "/api/evaluation/releases/{id}/test-inputs/",
        "/api/evaluation/releases/{id}/leaderboard/",
        "/api/evaluation/models/",
        "/api/evaluation/submissions/",
        "/api/evaluation/submissions/{id}/",
        "/api/evaluation/submissions/{id}/scores/",
    ):
        assert path in schema["paths"], path
    post = schema["paths"]["/api/evaluation/submissions/"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "429" in post["responses"]


# -- the command line ---------------------------------------------------------------------


def test_score_predictions_prints_the_same_metrics(release, tmp_path, capsys):
    choose = flip_some(4)
    path = tmp_path / "preds.csv"
    path.write_bytes(predictions_csv(release, choose))
    call_command(
        "score_predictions", "--release", f"{release.name}:{release.version}", str(path), "--json"
    )
    body = json.loads(capsys.readouterr().out)
    assert body["ok"] and not Submission.objects.exists()
    by_key = {(s["task"], s["part"]): s for s in body["scores"]}
    assert set(by_key) == {(t, p) for t in ("t1", "t2", "t3") for p in ("public", "private", "all")}
    for (task, part), score in by_key.items():
        accuracy, macro_f1 = expected(release, task, part, choose)
        assert score["accuracy"]["value"] == pytest.approx(accuracy)
        assert score["macro_f1"]["value"] == pytest.approx(macro_f1)
    call_command("score_predictions", "--release", str(release.pk), str(path))
    text = capsys.readouterr().out
    accuracy, _ = expected(release, "t2", "all", choose)
    assert f"{accuracy:.4f}" in text and "accuracy [95% CI]" in text


def test_score_predictions_reports_a_bad_file_and_fails(release, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("id,label\nunknown-id,2\n")
    with pytest.raises(SystemExit) as failed:
        call_command("score_predictions", "--release", str(release.pk), f"t1={path}")
    assert failed.value.code == 1
    report = capsys.readouterr().err
    assert "bad.csv:2: id: 'unknown-id'" in report and "bad.csv:2: label: '2'" in report
    assert "missing ids" in report
