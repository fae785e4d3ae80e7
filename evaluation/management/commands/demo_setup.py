"""python manage.py demo_setup: the demo's campaigns, simulated crowd votes, release and
leaderboard, on the item sets `demo_item_sets` built. For the local demo only.

The crowd here is SIMULATED: five accounts (crowd1..crowd5) answer through the real assignment
service with labels drawn from a documented rule plus noise, so that agreement statistics,
adjudication and a release have something to show. About a fifth of each campaign's items is
left open for the demo annotators (annotator1..3) to label in the browser. Nothing here is
run outside the demo; every step skips what already exists.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import ANNOTATOR
from accounts.services import user_create_with_roles
from annotation.curation.gold import campaign_stats
from annotation.curation.releases import release_create, release_publish
from annotation.models import Campaign, Release
from annotation.services import campaign_create, item_assign, judgement_submit
from pipeline.models import Item, ItemSet, Task

DEMO_SEED = 2025
VOTES = 5
CROWD = [f"crowd{n}" for n in range(1, VOTES + 1)]
SHARE_JUDGED = 0.8  # of each campaign's items, by the simulated crowd
NOISE = 0.12  # chance a simulated answer is flipped
RELEASE = ("EcomScriptBench-demo", "0.1.0")
GUIDELINE = {
    Task.T1: "## Is the script a plausible, feasible plan for the objective?\n\n"
    "Answer **yes** (`1`/`y`) when following the steps in order would achieve the objective "
    "and no step is impossible, unsafe or off-topic; otherwise **no** (`0`/`n`).",
    Task.T2: "## Does buying this product help carry out the highlighted step?\n\n"
    "Answer **yes** when the product is what the step needs (given the objective). A step that "
    "needs no purchase makes every product a **no**.",
    Task.T3: "## Is the script with its products feasible as a whole?\n\n"
    "Answer **yes** when every product suits its step and the products do not conflict "
    "with each other; otherwise **no**.",
}


def simulated_truth(item: Item) -> int:
    """The simulated crowd's idea of the answer (demo only). T2 follows how the pair was
    made (associated pairs yes, negatives no); scripts are mostly plausible, as in the paper
    (experts accepted 94% of scripts)."""
    coin = random.Random(f"truth:{item.uid}").random()
    if item.task == Task.T2:
        return int(item.origin == Item.Origin.ASSOCIATED)
    return int(coin < (0.8 if item.task == Task.T1 else 0.7))


class Command(BaseCommand):
    help = "Demo campaigns with simulated crowd votes, a published demo release, baselines."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_setup writes simulated votes; refusing with DEBUG off.")
        from accounts.models import User

        curator = User.objects.filter(username="curator").first()
        if curator is None:
            raise CommandError("run demo_accounts first (the demo curator owns the campaigns)")
        # Simulated workers: no password, they never log in.
        crowd = [
            user_create_with_roles(username=name, password=None, roles=[ANNOTATOR])
            for name in CROWD
        ]
        campaigns = []
        for task in (Task.T1, Task.T2, Task.T3):
            item_set = (
                ItemSet.objects.filter(task=task, seed=DEMO_SEED, status=ItemSet.Status.READY)
                .order_by("created_at")
                .first()
            )
            if item_set is None or not item_set.items.exists():
                self.stdout.write(f"No demo item set for {task}; run demo_item_sets first.")
                continue
            campaigns.append(self._campaign(task, item_set, curator, crowd))
        if not campaigns:
            raise CommandError("nothing to set up: no demo item sets")
        release = self._release(campaigns, curator)
        self._after_release(release, curator)

    def _campaign(self, task, item_set, curator, crowd) -> Campaign:
        name = f"Demo {task.upper()}"
        campaign = Campaign.objects.filter(name=name, item_set=item_set).first()
        if campaign is None:
            controls = {}
            if task == Task.T2:
                # By definition (SPEC.md section 1) a step that needs no purchase makes the pair
                # 0: such pairs are controls with a known answer.
                controls = {
                    uid: 0
                    for uid in item_set.items.filter(origin=Item.Origin.NO_NEED)
                    .order_by("position")
                    .values_list("uid", flat=True)[:3]
                }
            campaign = campaign_create(
                user=curator,
                item_set=item_set,
                name=name,
                votes_per_item=VOTES,
                guideline=GUIDELINE[task],
                control_answers=controls,
                control_share=0.1,
                qualification_items=min(2, len(controls)),
                qualification_pass=0.5,
                min_seconds=1.5,
            )
            real = campaign.items.filter(is_control=False).count()
            quota = max(1, int(real * SHARE_JUDGED))
            rng = random.Random(f"{DEMO_SEED}:{task}")
            for person in crowd:
                judged = 0
                while judged < quota and (held := item_assign(campaign, person)) is not None:
                    item = held.item.item
                    truth = held.item.control_answer if held.is_control else simulated_truth(item)
                    label = truth if rng.random() > NOISE else 1 - truth
                    judgement_submit(held.pk, person, label=label, seconds=rng.uniform(3, 20))
                    judged += not held.is_control
                # Leave nothing reserved: the rest is for the demo annotators.
                leftover = item_assign(campaign, person) if judged >= quota else None
                if leftover is not None:
                    from annotation.services import assignment_skip

                    assignment_skip(leftover.pk, person)
            campaign_stats(campaign)
        progress = campaign.items.filter(is_control=False)
        self.stdout.write(
            f"{campaign.name}: {progress.count()} items, "
            f"{progress.filter(judged__gte=VOTES).count()} with all {VOTES} simulated votes"
        )
        return campaign

    def _release(self, campaigns, curator) -> Release:
        name, version = RELEASE
        release = Release.objects.filter(name=name, version=version).first()
        if release is None:
            with transaction.atomic():
                release = release_create(
                    user=curator,
                    name=name,
                    version=version,
                    campaigns=campaigns,
                    notes="Demo release from simulated crowd votes on the sample catalogue.",
                    seed=DEMO_SEED,
                    sizes={"train": 0.5, "dev": 0.1, "test": 0.4},
                )
                release = release_publish(release)
        stats = release.stats
        self.stdout.write(
            f"Release {release}: {stats['items']} items; left out: {stats.get('left_out', {})}"
        )
        return release

    def _after_release(self, release, curator) -> None:
        """The built-in baselines on the demo leaderboard."""
        from evaluation.baselines.services import baseline_run
        from evaluation.models import Submission

        if Submission.objects.filter(release=release, model__is_baseline=True).exists():
            return
        for kind in ("random", "majority", "embedding"):
            submission = baseline_run(release, kind).submission
            self.stdout.write(f"Baseline {submission.model}: {submission.status}")
        # The embedded SmolLM2 takes about 3 s an item on one thread: judge a few per task.
        submission = baseline_run(release, "llm", limit=6).submission
        self.stdout.write(f"Baseline {submission.model}: {submission.status} ({submission.note})")
