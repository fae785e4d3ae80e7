"""Annotator pages: My campaigns, the annotate page per task, and what they never show.

The item sets are real: a scripted generation run over the sample catalogue, then the real
embed and align stages (the shipped sentence model) and the item-set service, as in
tests/pipeline/test_items.py.
"""

import json
import re

import pytest
from django.urls import reverse

from accounts.roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR
from annotation.models import Assignment, CampaignItem
from annotation.services import (
    campaign_create,
    campaign_state_set,
    item_assign,
    judgement_submit,
)
from pipeline.alignment import pools
from pipeline.alignment.embeddings import embedder_reset
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from pipeline.items.services import item_set_build, item_set_create
from pipeline.models import StepProduct
from tests.catalog_llm import CatalogAwareClient

pytestmark = pytest.mark.django_db
CATEGORIES = ("Home_and_Kitchen", "Pet_Supplies")
ITEM_VIEW_KEYS = {"assignment", "item", "task", "status", "payload", "expires_at", "label"}
# What the pipeline knows about an item and an annotator must never see.
HIDDEN_KEYS = ("origin", "score", "control_answer", "is_control", "votes_target", "judged")
ORIGIN_VALUES = ("unassociated", "no_need", "associated", "enriched")


def item_sets_build(sample_files, monkeypatch, *, limit=16, size=12) -> dict:
    """T1, T2 and T3 item sets from one pipeline run (generation scripted, alignment real)."""
    embedder_reset()
    pools.pool_cache_clear()
    chosen = [p for p in sample_files if any(c in p.name for c in CATEGORIES)]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(
        user=None,
        stages=["intentions", "objectives", "scripts", "needs", "embed", "align"],
        limit=limit,
        enqueue=False,
    )
    pipeline_run_drive(run.pk)
    assert StepProduct.objects.filter(method="intention").exists()
    sets = {}
    for task in ("t1", "t2", "t3"):
        item_set = item_set_create(user=None, task=task, size=size, seed=5, enqueue=False)
        sets[task] = item_set_build(item_set.pk)
        assert sets[task].stats["items"] >= 4, (task, sets[task].stats)
    return sets


def campaign_open(item_set, curator, *, controls=2, **options):
    """A campaign whose first ``controls`` items (by position) are control items."""
    uids = list(item_set.items.order_by("position").values_list("uid", flat=True))
    answers = {uid: n % 2 for n, uid in enumerate(uids[:controls])}
    options.setdefault("votes_per_item", 2)
    options.setdefault("qualification_items", controls)
    options.setdefault("qualification_pass", 0.5)
    return campaign_create(
        user=curator,
        item_set=item_set,
        name=f"{item_set.task.upper()} campaign",
        control_answers=answers,
        **options,
    )


def answer_correctly(campaign, annotator, label_for_real=1):
    """One answer: controls right (the test knows them), real items ``label_for_real``."""
    assignment = item_assign(campaign, annotator)
    if assignment is None:
        return None
    item = assignment.item
    label = item.control_answer if item.is_control else label_for_real
    return judgement_submit(assignment.pk, annotator, label=label, seconds=4.0)


@pytest.fixture
def item_sets(sample_files, monkeypatch):
    return item_sets_build(sample_files, monkeypatch)


@pytest.fixture
def curator(make_user):
    return make_user("pages-curator", CURATOR)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def next_item(client, campaign):
    response = client.post(reverse("annotation-api:next", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200, response.content
    return response.json()


def test_the_annotate_page_is_built_for_its_task(client, item_sets, curator, make_user):
    annotator = make_user("ann-pages", ANNOTATOR)
    client.force_login(annotator)
    pages = {}
    for task, item_set in item_sets.items():
        campaign = campaign_open(item_set, curator, guideline="Read **every** step.")
        html = page(client, reverse("annotation:annotate", kwargs={"pk": campaign.pk}))
        pages[task] = html
        assert campaign.name in html
        assert "<strong>every</strong>" in html  # the guideline, rendered from markdown
        assert 'src="/static/js/annotate.js"' in html
        # Everything is served by the app: no script, style or image from elsewhere.
        assert not re.search(r'(src|href)="(https?:)?//', html)
        # The API endpoints the script talks to, and the token it sends with them.
        assert reverse("annotation-api:next", kwargs={"pk": campaign.pk}) in html
        assert 'data-submit-url="/api/annotation/assignments/{id}/submit/"' in html
        assert 'data-csrf="' in html

        # The item the script renders comes from the API: the frozen payload, whole.
        body = next_item(client, campaign)
        item = body["item"]
        stored = CampaignItem.objects.get(campaign=campaign, item__uid=item["item"]).item
        assert item["task"] == task and item["payload"] == stored.payload
        assert item["payload"]["objective"] and item["payload"]["steps"]
        if task == "t2":
            orders = [step["order"] for step in item["payload"]["steps"]]
            assert item["payload"]["step_order"] in orders
            card = item["payload"]["product"]
            assert {"title", "category", "price", "features", "store"} <= set(card)
        if task == "t3":
            assert any(step.get("products") for step in item["payload"]["steps"])

    # T1: objective and the numbered script, no product card.
    assert "Is this script a plausible, feasible plan" in pages["t1"]
    assert 'id="tpl-product"' not in pages["t1"] and "in question" not in pages["t1"]
    # T2: the step in question (highlighted from step_order) and one product card.
    assert "Does buying this product help achieve the highlighted step" in pages["t2"]
    assert "in question" in pages["t2"] and 'data-field="step_order"' in pages["t2"]
    assert 'id="tpl-product"' in pages["t2"] and 'data-field="product"' in pages["t2"]
    for label in ("Category", "Price", "Store"):
        assert f"<dt>{label}</dt>" in pages["t2"]
    # T3: the script with products under each step.
    assert "feasible as a whole" in pages["t3"]
    assert 'data-field="products"' in pages["t3"] and 'id="tpl-product"' in pages["t3"]
    assert 'data-field="products"' not in pages["t2"]


def test_nothing_hidden_reaches_an_annotator(client, item_sets, curator, make_user):
    """Another annotator's label, control answers, origins, scores: not in any page or answer
    an annotator gets, and a control item looks exactly like a real one."""
    first, second = make_user("ann-first", ANNOTATOR), make_user("ann-second", ANNOTATOR)
    item_set = item_sets["t2"]  # T2 items carry an origin and an association score
    campaign = campaign_open(item_set, curator, votes_per_item=2, control_share=0.3)
    # The first annotator answers everything "No"; their labels are in the database.
    while answer_correctly(campaign, first, label_for_real=0) is not None:
        pass
    assert Assignment.objects.filter(annotator=first, status="submitted", label=0).exists()

    client.force_login(second)
    seen = [page(client, reverse("annotation:annotate", kwargs={"pk": campaign.pk}))]
    seen.append(page(client, reverse("annotation:my-campaigns")))
    seen.append(page(client, reverse("home")))
    views, kinds = [], set()
    for _ in range(campaign.items.count() + 1):
        body = next_item(client, campaign)
        seen.append(json.dumps(body))
        if body["item"] is None:
            break
        view = body["item"]
        views.append(view)
        assert set(view) == ITEM_VIEW_KEYS
        assert view["label"] is None  # the item was judged by the first annotator, not by me
        held = Assignment.objects.select_related("item__item").get(pk=view["assignment"])
        kinds.add(held.is_control)
        response = client.post(
            reverse("annotation-api:submit", kwargs={"pk": view["assignment"]}),
            {"label": 1, "seconds": 3.5},
            content_type="application/json",
        )
        assert response.status_code == 200
        seen.append(response.content.decode())
        assert set(response.json()) == ITEM_VIEW_KEYS and response.json()["label"] == 1
        seen.append(
            client.get(
                reverse("annotation-api:my-progress", kwargs={"pk": campaign.pk})
            ).content.decode()
        )
    assert kinds == {True, False}, "the run should have met control and real items"
    assert len({frozenset(v) for v in views}) == 1  # controls and real items look the same

    text = "\n".join(seen)
    for key in HIDDEN_KEYS:
        assert f'"{key}"' not in text, key
    for origin in ORIGIN_VALUES:
        assert origin not in text, origin
    assert "ann-first" not in text
    for score in item_set.items.exclude(score=None).values_list("score", flat=True):
        assert repr(score) not in text and f"{score:.4f}" not in text


def test_my_campaigns_lists_open_campaigns_with_my_progress(client, item_sets, curator, make_user):
    annotator = make_user("ann-list", ANNOTATOR)
    t1 = campaign_open(item_sets["t1"], curator)
    t3 = campaign_open(item_sets["t3"], curator, controls=0, qualification_items=0)
    closed = campaign_open(item_sets["t2"], curator)
    closed.name = "Closed T2 campaign"
    closed.save(update_fields=["name"])
    campaign_state_set(closed, "closed")
    for _ in range(3):  # two qualification items, then one real one
        answer_correctly(t1, annotator)

    client.force_login(annotator)
    html = page(client, reverse("annotation:my-campaigns"))
    assert "Closed T2 campaign" not in html
    rows = {
        name: row
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
        for name in (t1.name, t3.name)
        if name in row
    }
    numbers = lambda row: re.findall(r'<td class="num">(\d+)</td>', row)  # noqa: E731
    assert numbers(rows[t1.name]) == ["3", "3"]  # done today, done in campaign
    assert "Qualified" in rows[t1.name] and "Continue" in rows[t1.name]
    assert numbers(rows[t3.name]) == ["0", "0"] and "Start" in rows[t3.name]
    assert reverse("annotation:annotate", kwargs={"pk": t1.pk}) in rows[t1.name]

    # The home page links to each open campaign; the top bar links to My campaigns.
    home = page(client, reverse("home"))
    assert f'href="{reverse("annotation:annotate", kwargs={"pk": t1.pk})}"' in home
    assert f'href="{reverse("annotation:annotate", kwargs={"pk": t3.pk})}"' in home
    assert reverse("annotation:annotate", kwargs={"pk": closed.pk}) not in home
    assert "No annotation campaign is open for you yet" not in home
    assert f'href="{reverse("annotation:my-campaigns")}"' in home

    # A newcomer to t1 is still qualifying: the page says so without naming the items.
    newcomer = make_user("ann-new", ANNOTATOR)
    client.force_login(newcomer)
    html = page(client, reverse("annotation:my-campaigns"))
    assert "Qualifying: the first 2 items check your understanding" in html
    annotate = page(client, reverse("annotation:annotate", kwargs={"pk": t1.pk}))
    assert re.search(r'id="qualification-banner" class="annotate-banner">', annotate)
    no_qualification = page(client, reverse("annotation:annotate", kwargs={"pk": t3.pk}))
    assert re.search(r'id="qualification-banner" class="annotate-banner" hidden>', no_qualification)


def test_paused_and_failed_annotators_are_told_why(client, item_sets, curator, make_user):
    campaign = campaign_open(item_sets["t1"], curator, qualification_pass=1.0)
    annotator = make_user("ann-fails", ANNOTATOR)
    for _ in range(2):  # both qualification items answered wrong
        held = item_assign(campaign, annotator)
        judgement_submit(held.pk, annotator, label=1 - held.item.control_answer, seconds=5)
    client.force_login(annotator)
    body = next_item(client, campaign)
    assert body["item"] is None and "did not reach the pass mark" in body["message"]
    html = page(client, reverse("annotation:my-campaigns"))
    assert "Did not qualify" in html
    assert reverse("annotation:annotate", kwargs={"pk": campaign.pk}) + '">' in html  # the name
    assert ">Start<" not in html and ">Continue<" not in html


def test_the_guideline_is_markdown_with_raw_html_escaped(client, item_sets, curator, make_user):
    guideline = (
        "# How to judge\n\n"
        "Answer **yes** when every step helps.\n\n"
        "<script>alert('x')</script>\n\n"
        'An <img src=x onerror="alert(1)"> inline tag, a [bad link](javascript:alert(2)) '
        "and a [good link](https://example.org/guide).\n"
    )
    campaign = campaign_open(item_sets["t1"], curator, guideline=guideline)
    client.force_login(make_user("ann-guide", ANNOTATOR))
    html = page(client, reverse("annotation:annotate", kwargs={"pk": campaign.pk}))
    panel = html[html.index('id="guideline"') : html.index("Press <kbd>?</kbd> to close")]
    assert "<h1>How to judge</h1>" in panel and "<strong>yes</strong>" in panel
    assert "<script>" not in panel and "&lt;script&gt;" in panel
    assert "<img" not in panel and "&lt;img" in panel
    assert "javascript:" not in panel
    assert 'href="https://example.org/guide"' in panel


@pytest.mark.parametrize("role", [CURATOR, MODEL_AUTHOR, "none"])
def test_only_annotators_and_admins_reach_the_pages(client, role_users, role):
    from pipeline.models import Category, Item, ItemSet, Objective, Script

    objective = Objective.objects.create(
        text="plan a picnic", category=Category.objects.create(name="Toys"), generator_model="m"
    )
    item_set = ItemSet.objects.create(
        name="roles", task="t1", seed=1, size_requested=1, status="ready"
    )
    Item.objects.create(
        item_set=item_set,
        uid="t1-roles",
        task="t1",
        key="script:1",
        origin="script",
        category=objective.category,
        objective=objective,
        script=Script.objects.create(objective=objective, generator_model="m"),
        position=1,
        payload={"objective": objective.text, "steps": [{"order": 1, "text": "pack"}]},
    )
    campaign = campaign_create(user=None, item_set=item_set, name="roles", votes_per_item=1)
    urls = [
        reverse("annotation:my-campaigns"),
        reverse("annotation:annotate", kwargs={"pk": campaign.pk}),
    ]
    for url in urls:
        client.force_login(role_users[role])
        assert client.get(url).status_code == 403, (role, url)
        client.force_login(role_users[ADMIN])
        assert client.get(url).status_code == 200, url
        client.logout()
        assert client.get(url)["Location"].startswith(reverse("login"))


# --- the API the page uses: one request per item, what it answers, what it costs -------------


def api_post(client, name, pk, body=None):
    response = client.post(
        reverse(f"annotation-api:{name}", kwargs={"pk": pk}),
        body or {},
        content_type="application/json",
    )
    return response.status_code, response.json()


def test_submit_and_skip_can_bring_the_next_item(client, campaign_factory, annotators):
    from annotation.serializers import NextOutputSerializer, ProgressOutputSerializer

    campaign = campaign_factory(votes_per_item=1)
    me = annotators[0]
    client.force_login(me)
    status, first = api_post(client, "next", campaign.pk)
    assert status == 200
    held = first["item"]["assignment"]
    status, body = api_post(client, "submit", held, {"label": 1, "seconds": 4.5, "next": True})
    assert status == 200 and body["status"] == "submitted" and body["label"] == 1
    following = body["next"]
    assert set(following) == set(NextOutputSerializer().fields)
    assert set(following["progress"]) == set(ProgressOutputSerializer().fields)
    assert set(following["item"]) == ITEM_VIEW_KEYS and following["item"]["assignment"] != held
    assert following["progress"]["done_in_campaign"] == 1
    assert following["progress"]["last_assignment"] == held
    # What the answer brought is what I hold: a plain next gives the same item.
    assert api_post(client, "next", campaign.pk)[1]["item"] == following["item"]
    # The same submit again (a retry after a time-out): the same judgement, the same next item.
    status, again = api_post(client, "submit", held, {"label": 1, "seconds": 9, "next": True})
    assert status == 200 and again["next"]["item"] == following["item"]
    assert {k: v for k, v in again.items() if k != "next"} == {
        k: v for k, v in body.items() if k != "next"
    }
    assert Assignment.objects.filter(annotator=me, status="submitted").count() == 1
    # Without "next" the answer is the judgement alone, as before.
    second = following["item"]["assignment"]
    status, skipped = api_post(client, "skip", second, {"next": True})
    assert status == 200 and skipped["status"] == "skipped"
    third = skipped["next"]["item"]["assignment"]
    assert third not in (held, second)
    status, plain = api_post(client, "submit", third, {"label": 0})
    assert status == 200 and set(plain) == ITEM_VIEW_KEYS
    assert Assignment.objects.get(pk=second).status == "skipped"


def test_the_next_item_answer_reports_the_campaign_counts(
    client, campaign_factory, annotators, settings
):
    settings.ANNOTATION_ITEM_COUNTS_SECONDS = 0  # no cache: the figure as of this moment
    campaign = campaign_factory(votes_per_item=1)
    client.force_login(annotators[0])
    real = campaign.items.filter(is_control=False).count()
    for done in range(3):
        status, body = api_post(client, "next", campaign.pk)
        progress = body["progress"]
        assert (progress["campaign_items"], progress["campaign_items_complete"]) == (real, done)
        api_post(client, "submit", body["item"]["assignment"], {"label": 1, "seconds": 3})


def statements(queries):
    # Savepoints are there only because the test runs inside a transaction.
    return [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_an_item_costs_few_statements_through_the_api(campaign_factory, make_user):
    """The hot path of a campaign, in database statements per request, token-authenticated as
    a program would be (bench/annotation_load.py measures what these cost)."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    if not settings.USING_POSTGRES:
        pytest.skip("the statements of the PostgreSQL path")
    campaign = campaign_factory(votes_per_item=2)
    annotator = make_user("ann-api", ANNOTATOR)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=annotator).key}")
    next_url = reverse("annotation-api:next", kwargs={"pk": campaign.pk})

    def counted(path, body=None):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, body, format="json")
        assert response.status_code == 200, response.content
        return response.json(), statements(queries.captured_queries)

    client.post(next_url)  # the first request of an annotator joins the campaign
    body, sql = counted(next_url)
    assert len(sql) == 2, sql  # authentication; the item held (no new reservation)
    submit = reverse("annotation-api:submit", kwargs={"pk": body["item"]["assignment"]})
    body, sql = counted(submit, {"label": 1, "seconds": 4})
    assert len(sql) == 2, sql  # authentication; the judgement with its counters
    body, sql = counted(next_url)
    assert len(sql) == 3, sql  # authentication; the annotator's state; the reservation
    submit = reverse("annotation-api:submit", kwargs={"pk": body["item"]["assignment"]})
    body, sql = counted(submit, {"label": 0, "seconds": 4, "next": True})
    assert len(sql) == 3, sql  # authentication; the judgement and my state; the reservation
    assert body["next"]["item"] is not None


def test_submit_with_next_returns_another_item_i_already_hold(campaign_factory, make_user):
    """Two reservations at once (two tabs asking at the same moment): answering one with
    "next" hands out the other, not a third item. The next new reservation first gives back
    the slots of reservations that ran out, so that item (the oldest) comes next."""
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from annotation.services import _reserve

    campaign = campaign_factory(votes_per_item=1)
    annotator = make_user("ann-two", ANNOTATOR)
    other = make_user("ann-gone", ANNOTATOR)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=annotator).key}")
    gone = item_assign(campaign, other)
    first = item_assign(campaign, annotator)
    second = _reserve(campaign, annotator, control=False)
    Assignment.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    def submit(assignment_id):
        url = reverse("annotation-api:submit", kwargs={"pk": assignment_id})
        response = client.post(url, {"label": 1, "seconds": 3, "next": True}, format="json")
        assert response.status_code == 200, response.content
        return response.json()["next"]["item"]

    assert submit(first.pk)["assignment"] == second.pk
    assert Assignment.objects.filter(annotator=annotator, status="reserved").count() == 1
    third = submit(second.pk)
    gone.refresh_from_db()
    assert gone.status == Assignment.Status.EXPIRED
    assert Assignment.objects.get(pk=third["assignment"]).item_id == gone.item_id
    assert CampaignItem.objects.get(pk=gone.item_id).taken == 1


def test_tokens_and_roles_are_checked_on_the_annotator_api(campaign_factory, make_user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    campaign = campaign_factory(votes_per_item=1)
    next_url = reverse("annotation-api:next", kwargs={"pk": campaign.pk})
    curator = make_user("cur-api", CURATOR)
    annotator = make_user("ann-token", ANNOTATOR)
    admin = make_user("admin-api", ADMIN)

    def status(key):
        client = APIClient()
        if key is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client.post(next_url).status_code

    token = {user: Token.objects.create(user=user).key for user in (curator, annotator, admin)}
    assert status(token[annotator]) == 200
    assert status(token[admin]) == 200  # administrators hold every role
    assert status(token[curator]) == 403  # no annotator role
    assert status("not-a-token") in (401, 403)
    assert status(None) == 403
    annotator.is_active = False
    annotator.save(update_fields=["is_active"])
    assert status(token[annotator]) in (401, 403)
    assert not Assignment.objects.filter(annotator__in=[curator]).exists()
