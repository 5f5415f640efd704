"""Forms of the translation pages. They check the shape of what was sent; whether the translation, the file, the
approval or the new language can be taken is :mod:`.services`' decision (and
:func:`accord.negotiation.revisions.update_translation`'s), so no form duplicates one of their rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.documents.forms import SizedUploadForm


class SaveForm(forms.Form):
    """A provision's translation as typed, with the text the translator started from (``expected``): if the stored
    text is no longer that one, someone changed it meanwhile and nothing is written."""

    provision = forms.CharField(max_length=100)
    expected = forms.CharField(required=False, strip=False)
    text = forms.CharField(label=_("Translation"), required=False, strip=False, widget=forms.Textarea)
    all = forms.BooleanField(required=False)  # the workspace showed every provision: go back to that view


class ImportForm(SizedUploadForm):
    """A translated XLIFF file coming back from a CAT tool."""

    file_label = _("Translated XLIFF file")
    file_help = _("XLIFF 2.0 or 1.2, at most %(limit)s")


class AddLanguageForm(forms.Form):
    """A revision (by id) and a language it should get a version in."""

    revision = forms.IntegerField(label=_("Revision"), min_value=1)
    language = forms.CharField(label=_("Language"), max_length=10)
