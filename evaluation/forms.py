"""Forms of the evaluation pages. They only parse input; objects are made by services."""

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from accounts.models import User
from evaluation.models import EvaluatedModel

MODEL_FIELDS = (
    "name",
    "organisation",
    "parameters",
    "open_weights",
    "setting",
    "paper_url",
    "code_url",
    "description",
)


class EvaluatedModelForm(forms.ModelForm):
    """Validates the facts of a model; the view hands cleaned_data to model_create/update."""

    paper_url = forms.URLField(required=False, assume_scheme="https")
    code_url = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = EvaluatedModel
        fields = MODEL_FIELDS
        labels = {"parameters": "Parameter count", "open_weights": "Open weights"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        # The service reports a name the author already uses (a clear 409 message).
        pass

    def facts(self) -> dict:
        return {name: self.cleaned_data[name] for name in MODEL_FIELDS}


class SignupForm(BaseUserCreationForm):
    """Username, email and a password checked by AUTH_PASSWORD_VALIDATORS."""

    email = forms.EmailField(required=True)

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken.")
        return username


class SubmissionForm(forms.Form):
    model = forms.ModelChoiceField(queryset=EvaluatedModel.objects.none())
    release = forms.ModelChoiceField(queryset=None)
    file = forms.FileField(
        required=False,
        label="One file with a task column",
        help_text="CSV task,id,label[,score] or JSON Lines with the same keys.",
    )
    file_t1 = forms.FileField(required=False, label="T1 file (id,label[,score])")
    file_t2 = forms.FileField(required=False, label="T2 file")
    file_t3 = forms.FileField(required=False, label="T3 file")
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, models, releases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = models
        self.fields["release"].queryset = releases

    def clean(self):
        data = super().clean()
        per_task = [data.get(f"file_{task}") for task in ("t1", "t2", "t3")]
        if not data.get("file") and not any(per_task):
            raise forms.ValidationError("Upload one file with a task column, or one file per task.")
        if data.get("file") and any(per_task):
            raise forms.ValidationError(
                "Either one file with a task column or files per task, not both."
            )
        return data

    def files_for_service(self) -> list[tuple[str, object, str | None]]:
        data = self.cleaned_data
        if data.get("file"):
            return [(data["file"].name, data["file"], None)]
        return [
            (data[f"file_{task}"].name, data[f"file_{task}"], task)
            for task in ("t1", "t2", "t3")
            if data.get(f"file_{task}")
        ]
