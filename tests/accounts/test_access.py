"""Every page and endpoint checks the caller's role: each role against each URL."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR
from pipeline.models import CatalogImport, ItemSet, PipelineRun
from tests.helpers import meta_record, write_lines

pytestmark = pytest.mark.django_db

ALL_ROLES = (ANNOTATOR, CURATOR, MODEL_AUTHOR, ADMIN, "none")
SIGNED_IN = "signed-in"
# Endpoints that only take POST (they change something).
POST_ONLY = {
    "logout",
    "pipeline:run-cancel",
    "pipeline-api:run-create",
    "pipeline-api:run-cancel",
    "annotation-api:next",
    "annotation-api:submit",
    "annotation-api:skip",
    "annotation-api:undo",
    "annotation:campaign-agreement-recompute",
    "annotation:release-publish",
    "annotation:release-delete",
    "annotation:export-new",
    "annotation-api:export-create",
    "annotation:campaign-state",
    "annotation:campaign-unpause",
    "evaluation:model-verify",
    "evaluation:token-regenerate",
    "evaluation:phase-close",
    "evaluation:submission-choose",
}
# Actions on one annotator's own assignment: past the role check, anyone else's answers 404
# (ownership is tested in tests/annotation/test_annotation_api.py).
OWNED = {"annotation-api:submit", "annotation-api:skip", "annotation-api:undo"}
# A model author's own model and submission (ownership: tests/evaluation/test_pages_and_api.py).
OWNED |= {"evaluation:model-edit", "evaluation:submission-choose"}
PUBLIC = "public"

# url name -> (kind, roles that may use it). Kind "page" sends anonymous users to login;
# kind "api" answers them 401/403.
ACCESS_RULES = {
    "home": ("page", SIGNED_IN),
    "login": ("page", PUBLIC),
    "logout": ("page", SIGNED_IN),
    "pipeline:catalog": ("page", {CURATOR, ADMIN}),
    "pipeline:product-detail": ("page", {CURATOR, ADMIN}),
    "pipeline:import-list": ("page", {CURATOR, ADMIN}),
    "pipeline:import-new": ("page", {CURATOR, ADMIN}),
    "pipeline:import-detail": ("page", {CURATOR, ADMIN}),
    "pipeline-api:import-detail": ("api", {CURATOR, ADMIN}),
    "pipeline:run-list": ("page", {CURATOR, ADMIN}),
    "pipeline:run-new": ("page", {CURATOR, ADMIN}),
    "pipeline:run-detail": ("page", {CURATOR, ADMIN}),
    "pipeline:run-cancel": ("page", {CURATOR, ADMIN}),
    "pipeline:alignment-report": ("page", {CURATOR, ADMIN}),
    "pipeline:item-set-list": ("page", {CURATOR, ADMIN}),
    "pipeline:item-set-new": ("page", {CURATOR, ADMIN}),
    "pipeline:item-set-detail": ("page", {CURATOR, ADMIN}),
    "pipeline-api:run-create": ("api", {CURATOR, ADMIN}),
    "pipeline-api:run-detail": ("api", {CURATOR, ADMIN}),
    "pipeline-api:run-cancel": ("api", {CURATOR, ADMIN}),
    "annotation-api:next": ("api", {ANNOTATOR, ADMIN}),
    "annotation-api:my-progress": ("api", {ANNOTATOR, ADMIN}),
    "annotation-api:submit": ("api", {ANNOTATOR, ADMIN}),
    "annotation-api:skip": ("api", {ANNOTATOR, ADMIN}),
    "annotation-api:undo": ("api", {ANNOTATOR, ADMIN}),
    "annotation-api:progress": ("api", {CURATOR, ADMIN}),
    "annotation:my-campaigns": ("page", {ANNOTATOR, ADMIN}),
    "annotation:annotate": ("page", {ANNOTATOR, ADMIN}),
    "annotation:campaign-list": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-new": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-detail": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-state": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-guideline": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-unpause": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-import": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-agreement": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-agreement-recompute": ("page", {CURATOR, ADMIN}),
    "annotation:campaign-adjudication": ("page", {CURATOR, ADMIN}),
    "annotation:release-list": ("page", {CURATOR, ADMIN}),
    "annotation:release-new": ("page", {CURATOR, ADMIN}),
    "annotation:release-detail": ("page", {CURATOR, ADMIN}),
    "annotation:release-publish": ("page", {CURATOR, ADMIN}),
    "annotation:release-delete": ("page", {CURATOR, ADMIN}),
    "annotation-api:campaign-agreement": ("api", {CURATOR, ADMIN}),
    # Model authors read published releases only (tests/annotation/test_curation_pages.py).
    "annotation-api:release-list": ("api", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation-api:release-detail": ("api", {CURATOR, MODEL_AUTHOR, ADMIN}),
    # Exports: model authors get public files of finished exports of published releases
    # (which files: tests/annotation/test_exports.py); only curators start one.
    "annotation:release-exports": ("page", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation:export-new": ("page", {CURATOR, ADMIN}),
    "annotation:export-detail": ("page", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation:export-file": ("page", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation-api:release-exports": ("api", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation-api:export-create": ("api", {CURATOR, ADMIN}),
    "annotation-api:export-detail": ("api", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "annotation-api:export-file": ("api", {CURATOR, MODEL_AUTHOR, ADMIN}),
    "evaluation:signup": ("page", PUBLIC),
    "evaluation:model-list": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:model-new": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation:model-edit": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation:model-verify": ("page", {CURATOR, ADMIN}),
    "evaluation:token": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation:token-regenerate": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation:release-list": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:test-inputs": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:leaderboard": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:leaderboard-export": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:phase-close": ("page", {CURATOR, ADMIN}),
    "evaluation:submission-new": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation:submission-list": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:submission-detail": ("page", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation:submission-choose": ("page", {MODEL_AUTHOR, ADMIN}),
    "evaluation-api:release-list": ("api", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation-api:test-inputs": ("api", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation-api:leaderboard": ("api", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation-api:models": ("api", {MODEL_AUTHOR, ADMIN}),
    "evaluation-api:submissions": ("api", {MODEL_AUTHOR, ADMIN}),
    "evaluation-api:submission-detail": ("api", {MODEL_AUTHOR, CURATOR, ADMIN}),
    "evaluation-api:submission-scores": ("api", {MODEL_AUTHOR, CURATOR, ADMIN}),
    # The schema and its docs describe the API; they hold no data.
    "api-schema": ("api", PUBLIC),
    "api-docs": ("page", PUBLIC),
}


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_named_url_has_an_access_rule():
    """A new page without a rule here fails this test, so none ships unchecked."""
    assert set(_named_patterns(get_resolver().url_patterns)) == set(ACCESS_RULES)


@pytest.fixture
def url_for(role_users, tmp_path):
    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import
    from tests.evaluation.factories import evaluation_url_kwargs

    catalog_import(
        [CatalogFile.of(write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0AC000001")]))]
    )
    job = CatalogImport.objects.create(created_by=role_users[CURATOR], files=[])
    run = PipelineRun.objects.create(created_by=role_users[CURATOR], stages=["intentions"])
    item_set = ItemSet.objects.create(name="access", task="t1", seed=1, size_requested=1)
    campaign, assignment = _campaign_with_assignment(role_users[ANNOTATOR])
    published_release = _published_release()
    export = _finished_export(published_release)
    kwargs = {
        "pipeline:run-detail": {"pk": run.pk},
        "pipeline:item-set-detail": {"pk": item_set.pk},
        "annotation-api:next": {"pk": campaign.pk},
        "annotation-api:my-progress": {"pk": campaign.pk},
        "annotation-api:progress": {"pk": campaign.pk},
        "annotation:annotate": {"pk": campaign.pk},
        "annotation:campaign-detail": {"pk": campaign.pk},
        "annotation:campaign-state": {"pk": campaign.pk},
        "annotation:campaign-guideline": {"pk": campaign.pk},
        "annotation:campaign-unpause": {"pk": campaign.pk, "user_id": role_users[ANNOTATOR].pk},
        "annotation:campaign-import": {"pk": campaign.pk},
        "annotation:campaign-agreement": {"pk": campaign.pk},
        "annotation:campaign-agreement-recompute": {"pk": campaign.pk},
        "annotation:campaign-adjudication": {"pk": campaign.pk},
        "annotation:release-detail": {"pk": published_release.pk},
        "annotation:release-publish": {"pk": published_release.pk},
        "annotation:release-delete": {"pk": published_release.pk},
        "annotation-api:campaign-agreement": {"pk": campaign.pk},
        "annotation-api:release-detail": {"pk": published_release.pk},
        "annotation:release-exports": {"pk": published_release.pk},
        "annotation:export-new": {"pk": published_release.pk},
        "annotation:export-detail": {"pk": export.pk},
        "annotation:export-file": {"pk": export.pk, "name": "README.md"},
        "annotation-api:release-exports": {"pk": published_release.pk},
        "annotation-api:export-create": {"pk": published_release.pk},
        "annotation-api:export-detail": {"pk": export.pk},
        "annotation-api:export-file": {"pk": export.pk, "name": "README.md"},
        "annotation-api:submit": {"pk": assignment.pk},
        "annotation-api:skip": {"pk": assignment.pk},
        "annotation-api:undo": {"pk": assignment.pk},
        "pipeline:run-cancel": {"pk": run.pk},
        "pipeline-api:run-detail": {"pk": run.pk},
        "pipeline-api:run-cancel": {"pk": run.pk},
        "pipeline:product-detail": {"parent_asin": "B0AC000001"},
        "pipeline:import-detail": {"pk": job.pk},
        "pipeline-api:import-detail": {"pk": job.pk},
        **evaluation_url_kwargs(role_users[MODEL_AUTHOR]),
    }
    return lambda name: reverse(name, kwargs=kwargs.get(name))


def _campaign_with_assignment(annotator):
    """A one-item campaign, its item reserved by ``annotator``."""
    from annotation.services import campaign_create, item_assign
    from pipeline.models import Category, Item, Objective, Script

    category = Category.objects.get(name="Toys")
    objective = Objective.objects.create(
        text="plan a party", category=category, generator_model="m"
    )
    script = Script.objects.create(objective=objective, generator_model="m")
    item_set = ItemSet.objects.create(
        name="access items", task="t1", seed=1, size_requested=1, status="ready"
    )
    Item.objects.create(
        item_set=item_set,
        uid="t1-access",
        task="t1",
        key="script:1",
        origin="script",
        category=category,
        objective=objective,
        script=script,
        position=1,
        payload={"objective": objective.text, "steps": []},
    )
    campaign = campaign_create(user=None, item_set=item_set, name="access", votes_per_item=1)
    return campaign, item_assign(campaign, annotator)


def _published_release():
    """A published (so frozen) release without items: model authors may read it, and
    publishing or deleting it again is refused with a message (302)."""
    from django.utils import timezone

    from annotation.models import Release

    return Release.objects.create(
        name="access-curation", version="1.0.0", status="published", published_at=timezone.now()
    )


def _finished_export(release):
    """A finished export of ``release`` with one public file on disk."""
    from annotation.curation.exports import export_directory
    from annotation.models import ReleaseExport

    export = ReleaseExport.objects.create(release=release, status="finished")
    export.directory = f"exports/access-test/{export.pk}"
    entry = dict(name="README.md", format="md", task=None, split=None, rows=None, bytes=7)
    export.files = [{**entry, "sha256": "0" * 64, "public": True}]
    export.save()
    folder = export_directory(export)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text("# card\n")
    return export


def _allowed(rule, role) -> bool:
    if rule in (PUBLIC, SIGNED_IN):
        return True
    return role in rule


@pytest.mark.parametrize("name", sorted(ACCESS_RULES))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_url(client, role_users, url_for, name, role):
    kind, rule = ACCESS_RULES[name]
    client.force_login(role_users[role])
    url = url_for(name)
    response = client.post(url) if name in POST_ONLY else client.get(url)
    if _allowed(rule, role):
        # Allowed: the page itself, or (for actions) a redirect or a validation answer.
        expected = {200, 201, 302, 400} if name in POST_ONLY or name == "login" else {200}
        if name in OWNED:
            expected |= {404, 409}
        assert response.status_code in expected, (role, name, response.status_code)
    else:
        assert response.status_code == 403, (role, name, response.status_code)


@pytest.mark.parametrize("name", sorted(ACCESS_RULES))
def test_anonymous_against_url(client, url_for, name):
    kind, rule = ACCESS_RULES[name]
    url = url_for(name)
    response = client.post(url) if name in POST_ONLY else client.get(url)
    if rule == PUBLIC:
        assert response.status_code == 200
    elif kind == "page":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code in (401, 403)


@pytest.mark.parametrize("role", [ANNOTATOR, CURATOR, MODEL_AUTHOR, "none"])
def test_only_administrators_reach_the_admin_site(client, role_users, role):
    client.force_login(role_users[role])
    response = client.get("/admin/pipeline/product/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_administrator_can_browse_the_catalogue_in_the_admin(client, role_users, url_for):
    client.force_login(role_users[ADMIN])
    for path in (
        "/admin/pipeline/product/?q=B0AC000001",
        "/admin/pipeline/review/",
        "/admin/pipeline/category/",
        "/admin/pipeline/intention/",
        "/admin/pipeline/objective/",
        "/admin/pipeline/script/",
        "/admin/pipeline/step/",
        "/admin/pipeline/stepproduct/",
        "/admin/pipeline/catalogimport/",
        "/admin/accounts/user/",
    ):
        assert client.get(path).status_code == 200, path
    assert b"B0AC000001" in client.get("/admin/pipeline/product/?q=B0AC000001").content


def test_home_sends_each_role_to_its_work(client, role_users):
    expectations = {
        CURATOR: [
            reverse("pipeline:catalog"),
            reverse("pipeline:import-new"),
            reverse("annotation:campaign-list"),
        ],
        ADMIN: [reverse("admin:index"), reverse("pipeline:catalog")],
    }
    for role, links in expectations.items():
        client.force_login(role_users[role])
        page = client.get(reverse("home")).content.decode()
        for link in links:
            assert f'href="{link}"' in page, (role, link)
    client.force_login(role_users[ANNOTATOR])
    page = client.get(reverse("home")).content.decode()
    assert "No annotation campaign is open for you yet" in page
    assert reverse("pipeline:catalog") not in page
    client.force_login(role_users["none"])
    assert "has no role yet" in client.get(reverse("home")).content.decode()


def test_login_page_logs_in_with_a_password(client, role_users):
    from conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "cur", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    bad = client.post(reverse("login"), {"username": "cur", "password": "wrong"})
    assert "didn't match" in bad.content.decode()
