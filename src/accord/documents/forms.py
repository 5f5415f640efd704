"""Forms of the documents' pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Document
from .services import ImportRefused, check_size

MAX_LANGUAGES_SIDE_BY_SIDE = 3


class SizedUploadForm(forms.Form):
    """A form with a ``file`` to upload, refused here, with the import's own one-line message, when it is over the
    upload limit, before anything reads it. ``file_help`` names the formats taken, with the limit as ``%(limit)s``."""

    file_help = ""
    file_label = _("File")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = forms.FileField(
            label=self.file_label,
            help_text=self.file_help % {"limit": filesizeformat(settings.ACCORD_UPLOAD_MAX_BYTES)},
            error_messages={
                "required": _("Choose a file."),
                "empty": _("The file is empty."),
                "invalid": _("No file was received."),
            },
        )
        self.order_fields(["file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name)
        except ImportRefused as refusal:
            raise forms.ValidationError(str(refusal), code="too_large") from None
        return upload


class UploadForm(SizedUploadForm):
    """A file to import and the distribution its documents get."""

    file_help = _(".md, .txt or .docx, at most %(limit)s")
    distribution = forms.ChoiceField(
        label=_("Distribution"),
        choices=Document.DISTRIBUTIONS,
        initial=Document.PARTICIPANTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a distribution."), "invalid_choice": _("Choose a distribution.")},
    )


class LanguagesForm(forms.Form):
    """The language versions of a revision to read side by side (``lang``): one to three of ``languages``, the codes
    of its versions. The reading room writes the checkboxes itself; this form only checks the choice."""

    lang = forms.MultipleChoiceField(
        error_messages={"invalid_choice": _("This revision has no version in %(value)s.")},
    )

    def __init__(self, languages: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = [(code, code) for code in languages]

    def clean_lang(self):
        chosen = self.cleaned_data["lang"]
        if len(chosen) > MAX_LANGUAGES_SIDE_BY_SIDE:
            message = ngettext("Choose at most %(count)d language.", "Choose at most %(count)d languages.",
                               MAX_LANGUAGES_SIDE_BY_SIDE)
            raise forms.ValidationError(message % {"count": MAX_LANGUAGES_SIDE_BY_SIDE}, code="too_many")
        return chosen


class AcceptForm(forms.Form):
    """A reviser's acceptance of a concordance finding as is: the ``pair`` of its report ("en:ru"), its
    ``fingerprint`` and the ``reason``, which is required. The report page writes the fields itself; this form only
    checks what comes back."""

    pair = forms.CharField(max_length=20, error_messages={"required": _("Say which pair of languages.")})
    fingerprint = forms.CharField(max_length=64, error_messages={"required": _("Say which finding.")})
    reason = forms.CharField(max_length=2000, error_messages={"required": _("Say why the finding is accepted as is.")})
