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
