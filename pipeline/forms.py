from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]


class CatalogUploadForm(forms.Form):
    files = MultipleFileField(
        help_text="Amazon Reviews 2023 JSON Lines, plain or .gz: meta_<Category>.jsonl "
        "and/or <Category>.jsonl. Metadata files are imported first."
    )
    strict = forms.BooleanField(
        required=False,
        help_text="Abort on the first bad line and change nothing (otherwise bad lines are "
        "reported and skipped).",
    )


class PipelineRunForm(forms.Form):
    stages = forms.MultipleChoiceField(
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="Stages run in pipeline order; work already done is skipped.",
    )
    categories = forms.MultipleChoiceField(
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every category.",
    )
    limit = forms.IntegerField(
        min_value=1,
        required=False,
        help_text="Products in scope, spread over the categories. Empty: all products.",
    )

    def __init__(self, *args, stage_names=(), category_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stages"].choices = [(s, s) for s in stage_names]
        self.fields["categories"].choices = [(c, c.replace("_", " ")) for c in category_names]


class ItemSetForm(forms.Form):
    task = forms.ChoiceField(choices=[])
    name = forms.CharField(max_length=200, required=False, help_text="Empty: task and seed.")
    size = forms.IntegerField(
        min_value=1, max_value=1_000_000, initial=5000, help_text="5,000 per task in the paper."
    )
    seed = forms.IntegerField(initial=0, help_text="The same seed gives the same items.")
    categories = forms.MultipleChoiceField(
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every category. Items are spread over categories by size.",
    )
    negative_share = forms.FloatField(
        min_value=0, max_value=1, initial=0.5, help_text="T2 only: share of negative pairs."
    )
    no_need_share = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=0.3,
        help_text="T2 only: share of the negatives that pair a step needing no purchase with a "
        "product; the rest pair a step with a same-category product it was not associated with.",
    )

    def __init__(self, *args, task_choices=(), category_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = list(task_choices)
        self.fields["categories"].choices = [(c, c.replace("_", " ")) for c in category_names]
