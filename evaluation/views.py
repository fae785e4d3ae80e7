"""Evaluation pages: models, API token, releases and their test inputs, submissions, the
leaderboard, and the curator actions (verify a model, close a phase).

A model author reaches only their own models and submissions: another author's answers 404,
whatever the URL. No page shows a test label.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, MODEL_AUTHOR, role_required, user_has_role
from evaluation import selectors, services
from evaluation.exports import FORMATS, inputs_download_response, leaderboard_response
from evaluation.forms import EvaluatedModelForm, SignupForm, SubmissionForm
from evaluation.models import EvaluatedModel, Score, Submission

PAGE_SIZE = 50
AUTHORS_AND_CURATORS = (MODEL_AUTHOR, CURATOR)
PART_LABELS = dict(Score.Part.choices)


def signup(request):
    """Self-service registration of model authors (annotators and curators are made by an
    administrator)."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.model_author_register(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome! Create a model, then submit predictions.")
            return redirect("evaluation:model-list")
    return render(request, "evaluation/signup.html", {"form": form})


# -- models ---------------------------------------------------------------------------------


@role_required(*AUTHORS_AND_CURATORS)
def model_list(request):
    models = selectors.models_visible_to(request.user)
    return render(
        request,
        "evaluation/model_list.html",
        {"models": models, "can_verify": user_has_role(request.user, CURATOR)},
    )


@role_required(MODEL_AUTHOR)
def model_new(request):
    form = EvaluatedModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            model = services.model_create(owner=request.user, **form.facts())
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Model {model.name} created.")
            return redirect("evaluation:model-list")
    return render(request, "evaluation/model_form.html", {"form": form, "model": None})


@role_required(MODEL_AUTHOR)
def model_edit(request, pk: int):
    model = get_object_or_404(EvaluatedModel, pk=pk, owner=request.user)
    form = EvaluatedModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            # The form wrote the new values onto the instance; the service works on a clean copy.
            services.model_update(
                EvaluatedModel.objects.get(pk=model.pk), owner=request.user, **form.facts()
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Model saved.")
            return redirect("evaluation:model-list")
    return render(request, "evaluation/model_form.html", {"form": form, "model": model})


@role_required(CURATOR)
@require_POST
def model_verify(request, pk: int):
    model = get_object_or_404(EvaluatedModel, pk=pk)
    verified = request.POST.get("verified", "1") != "0"
    services.model_verify(model, verified=verified)
    messages.success(
        request, f"{model.name} is {'verified' if verified else 'no longer verified'}."
    )
    return redirect("evaluation:model-list")


# -- API token ------------------------------------------------------------------------------


@role_required(MODEL_AUTHOR)
def token(request):
    return render(request, "evaluation/token.html", {"token": services.api_token_get(request.user)})


@role_required(MODEL_AUTHOR)
@require_POST
def token_regenerate(request):
    services.api_token_regenerate(request.user)
    messages.success(request, "A new token was made; the old one no longer works.")
    return redirect("evaluation:token")


# -- releases and test inputs ---------------------------------------------------------------


def _release(pk: int):
    return get_object_or_404(selectors.published_releases(), pk=pk)


@role_required(*AUTHORS_AND_CURATORS)
def release_list(request):
    releases = list(selectors.published_releases())
    is_author = user_has_role(request.user, MODEL_AUTHOR)
    for release in releases:
        release.quota = services.quota_status(request.user, release) if is_author else None
        release.closed = selectors.phase_closed(release)
    return render(
        request, "evaluation/release_list.html", {"releases": releases, "is_author": is_author}
    )


@role_required(*AUTHORS_AND_CURATORS)
def inputs_download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("unknown format")
    return inputs_download_response(_release(pk), fmt)


# -- submissions ----------------------------------------------------------------------------


@role_required(MODEL_AUTHOR)
def submission_new(request):
    releases = selectors.published_releases()
    form = SubmissionForm(
        request.POST or None,
        request.FILES or None,
        models=EvaluatedModel.objects.filter(owner=request.user),
        releases=releases,
        initial={"release": request.GET.get("release")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_create(
                owner=request.user,
                model=form.cleaned_data["model"],
                release=form.cleaned_data["release"],
                files=form.files_for_service(),
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Submission {submission.pk} received; scoring starts now.")
            return redirect("evaluation:submission-detail", pk=submission.pk)
    quotas = [(release, services.quota_status(request.user, release)) for release in releases]
    has_models = EvaluatedModel.objects.filter(owner=request.user).exists()
    return render(
        request,
        "evaluation/submission_new.html",
        {"form": form, "quotas": quotas, "has_models": has_models},
    )


@role_required(*AUTHORS_AND_CURATORS)
def submission_list(request):
    page = Paginator(selectors.submissions_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "evaluation/submission_list.html", {"page": page})


@role_required(*AUTHORS_AND_CURATORS)
def submission_detail(request, pk: int):
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    status = selectors.submission_status(submission, request.user)
    scores = status["scores"]
    tasks = sorted({s["task"] for s in scores})
    return render(
        request,
        "evaluation/submission_detail.html",
        {
            "submission": submission,
            "status": status,
            "scores": scores,
            "tasks": tasks,
            "public_scores": [s for s in scores if s["part"] == Score.Part.PUBLIC],
            "part_labels": PART_LABELS,
            "is_owner": submission.owner_id == request.user.pk,
            "private_hidden": Score.Part.PRIVATE
            not in selectors.visible_parts(submission.release, request.user),
        },
    )


@role_required(MODEL_AUTHOR)
@require_POST
def submission_choose(request, pk: int):
    submission = get_object_or_404(Submission, pk=pk, owner=request.user)
    try:
        services.submission_choose(submission, owner=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "This submission is now your model's leaderboard entry.")
    return redirect("evaluation:submission-detail", pk=submission.pk)


# -- leaderboard ----------------------------------------------------------------------------


def _part(request, release, *, notify: bool = True) -> str:
    part = request.GET.get("part", Score.Part.PUBLIC)
    if part not in PART_LABELS:
        part = Score.Part.PUBLIC
    if part != Score.Part.PUBLIC and not selectors.phase_closed(release):
        if notify:
            messages.info(request, "The private part is revealed when a curator closes the phase.")
        part = Score.Part.PUBLIC
    return part


@role_required(*AUTHORS_AND_CURATORS)
def leaderboard(request, pk: int):
    from ecomscript_site.plots import bars_svg

    release = _release(pk)
    part = _part(request, release)
    body = selectors.leaderboard_view(release, part)
    labels, values, errors = [], [], []
    for row in body["rows"]:
        for task in selectors.TASKS:
            score = row["tasks"].get(task)
            if score is not None:
                labels.append(f"{row['model']['name']} · {task.upper()}")
                values.append(score["accuracy"])
                low, high = score["ci_low"], score["ci_high"]
                errors.append(
                    (
                        score["accuracy"] if low is None else low,
                        score["accuracy"] if high is None else high,
                    )
                )
    plot = (
        bars_svg(labels, values, errors=errors, xlabel="accuracy (95% CI)", horizontal=True)
        if labels
        else None
    )
    return render(
        request,
        "evaluation/leaderboard.html",
        {
            "release": release,
            "body": body,
            "part": part,
            "part_label": PART_LABELS[part],
            "plot": plot,
            "tasks": selectors.TASKS,
            "is_curator": user_has_role(request.user, CURATOR),
        },
    )


@role_required(*AUTHORS_AND_CURATORS)
def leaderboard_export(request, pk: int, fmt: str):
    if fmt not in ("csv", "json"):
        raise Http404("unknown format")
    release = _release(pk)
    return leaderboard_response(
        release, selectors.leaderboard_view(release, _part(request, release, notify=False)), fmt
    )


@role_required(CURATOR)
@require_POST
def phase_close(request, pk: int):
    release = _release(pk)
    try:
        services.phase_close(release, user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The phase of {release} is closed: the private part is shown.")
    return redirect("evaluation:leaderboard", pk=release.pk)
