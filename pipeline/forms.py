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
