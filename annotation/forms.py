"""Forms of the curator pages. They parse input (a control-answers CSV included); the rules
(what a campaign may be built from, staged campaigns) are the services'."""

from django import forms

from annotation.imports import control_answers_read
from annotation.models import Campaign
from pipeline.models import ItemSet, Task


class ItemSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ItemSet) -> str:
        return f"{obj.name} ({obj.get_task_display()}, {obj.stats.get('items', '?')} items)"


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Campaign) -> str:
        return f"{obj.name} (#{obj.pk}, {obj.get_state_display().lower()})"


class CampaignForm(forms.Form):
    item_set = ItemSetChoiceField(
        queryset=ItemSet.objects.none(),
        help_text="A ready item set; its task is the campaign's task.",
    )
    name = forms.CharField(max_length=200)
    votes_per_item = forms.IntegerField(
        min_value=1, max_value=50, initial=5, help_text="k: votes per item (5 in the paper)."
    )
    initial_votes = forms.IntegerField(
        min_value=1,
        max_value=50,
        required=False,
        help_text="Dynamic overlap: ask this many votes first and go up to k only where they "
        "disagree. Empty: always k.",
    )
    reservation_minutes = forms.IntegerField(
        min_value=1,
        initial=30,
        help_text="An item an annotator holds longer than this goes back to the queue.",
    )
    guideline = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Markdown. Annotators open it with ?; every edit is a new version.",
    )
    control_file = forms.FileField(
        required=False,
        label="Control answers",
        help_text="CSV with header item,label: the item id shown on the item set page and its "
        "known answer (0/1). Those items become control items. Empty: no control items, no "
        "qualification, no pauses.",
    )
    control_share = forms.FloatField(
        min_value=0,
        max_value=0.99,
        initial=0.1,
        help_text="Share of control items mixed in among real ones.",
    )
    qualification_items = forms.IntegerField(
        min_value=0,
        max_value=100,
        initial=4,
        help_text="Control items a new annotator answers before any real item.",
    )
    qualification_pass = forms.FloatField(
        min_value=0, max_value=1, initial=0.75, help_text="Pass mark on those items (share right)."
    )
    pause_below = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=0.6,
        help_text="Pause an annotator whose control accuracy falls below this...",
    )
    pause_min_controls = forms.IntegerField(
        min_value=0, max_value=1000, initial=5, help_text="...after at least this many controls."
    )
    min_seconds = forms.FloatField(
        min_value=0, initial=2.0, help_text="Answers faster than this are flagged too fast."
    )
    source_campaign = CampaignChoiceField(
        queryset=Campaign.objects.none(),
        required=False,
        help_text="T3 only (staged): include only scripts whose label in this T1 campaign is "
        "settled positive.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_set"].queryset = ItemSet.objects.filter(
            status=ItemSet.Status.READY
        ).order_by("-created_at")
        self.fields["source_campaign"].queryset = Campaign.objects.filter(task=Task.T1)

    def clean(self):
        data = super().clean()
        data["control_answers"] = {}
        upload, item_set = data.get("control_file"), data.get("item_set")
        if upload and item_set:
            known = set(item_set.items.values_list("uid", flat=True))
            answers, problems = control_answers_read(upload, upload.name, known_items=known)
            for problem in problems[:50]:
                self.add_error("control_file", str(problem))
            if len(problems) > 50:
                self.add_error("control_file", f"... and {len(problems) - 50} more problems")
            data["control_answers"] = answers
        return data

    def service_kwargs(self) -> dict:
        """The cleaned data as campaign_create's keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop("control_file", None)
        return data


class GuidelineForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        label="Guideline (markdown)",
    )


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=Campaign.State.choices)


class JudgementImportForm(forms.Form):
    file = forms.FileField(
        help_text="CSV with header item,annotator,label[,seconds]: item = the campaign's item "
        "id, annotator = the platform's worker id, label 0/1 (or true/false, yes/no), seconds "
        "optional. One bad row and nothing is imported."
    )
