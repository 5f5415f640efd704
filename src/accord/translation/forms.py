"""Forms of the translation pages. They check the shape of what was sent; whether the translation, the file, the
approval or the new language can be taken is :mod:`.services`' decision (and
:func:`accord.negotiation.revisions.update_translation`'s), so no form duplicates one of their rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accord.documents.services import ImportRefused, check_size


class SaveForm(forms.Form):
    """A provision's translation as typed, with the text the translator started from (``expected``): if the stored
    text is no longer that one, someone changed it meanwhile and nothing is written."""

    provision = forms.CharField(max_length=100)
    expected = forms.CharField(required=False, strip=False)
    text = forms.CharField(label=_("Translation"), required=False, strip=False, widget=forms.Textarea)
    all = forms.BooleanField(required=False)  # the workspace showed every provision: go back to that view


class ImportForm(forms.Form):
    """A translated XLIFF file coming back from a CAT tool. A file over the upload limit is refused here, before
    anything reads it."""

    file = forms.FileField(
        label=_("Translated XLIFF file"),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
            "invalid": _("No file was received."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("XLIFF 2.0 or 1.2, at most %(limit)s") % {
            "limit": filesizeformat(settings.ACCORD_UPLOAD_MAX_BYTES)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name)
        except ImportRefused as refusal:
            raise forms.ValidationError(str(refusal), code="too_large") from None
        return upload


class AddLanguageForm(forms.Form):
    """A revision (by id) and a language it should get a version in."""

    revision = forms.IntegerField(label=_("Revision"), min_value=1)
    language = forms.CharField(label=_("Language"), max_length=10)
