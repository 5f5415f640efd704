"""The concordance checker's findings in the interface language.

The text core (:mod:`accord.text.concordance`) stays pure and English: it renders a finding's message from a template
per message ``code`` filled with the finding's ``params``. The interface translates by the same code and params:
:data:`MESSAGES` holds a translatable template per code with the same named placeholders, and :func:`message` fills
it after turning the parameters that are words of the core's English vocabulary — a part's label ("Header line 2",
"Section II heading"), a punctuation mark's role, what kind of number differs, a section — into the interface
language. Values quoted from the texts (excerpts, numbers, terms) stay as written; language codes are shown in
capitals (RU), which every interface language can put in any sentence. A value outside the known vocabulary is
shown as the core wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.text.concordance import Finding

MESSAGES = {
    "structure.missing": gettext_lazy(
        "%(source_label)s of the %(source_lang)s version has no counterpart in the %(target_lang)s version"),
    "structure.extra": gettext_lazy(
        "%(target_label)s of the %(target_lang)s version has no counterpart in the %(source_lang)s version"),
    "structure.split": gettext_lazy(
        "%(source_label)s (%(source_lang)s) is split in two in the %(target_lang)s version: %(target_label)s"),
    "structure.merged": gettext_lazy(
        "%(source_label)s (%(source_lang)s) are merged into one in the %(target_lang)s version: %(target_label)s"),
    "structure.moved": gettext_lazy(
        "%(source_label)s (%(source_lang)s) stands elsewhere in the %(target_lang)s version, as %(target_label)s"),
    "structure.renumbered": gettext_lazy(
        "%(source_label)s (%(source_lang)s) is numbered %(target_label)s in the %(target_lang)s version"),
    "structure.section": gettext_lazy(
        "%(source_label)s is in %(source_section)s in the %(source_lang)s version but in %(target_section)s in the "
        "%(target_lang)s version"),
    "numbers.differ": gettext_lazy(
        "%(label)s: the %(what)s %(source_value)s (%(source_lang)s) reads %(target_value)s in the %(target_lang)s "
        "version"),
    "numbers.missing": gettext_lazy(
        "%(label)s: the %(what)s %(source_value)s (%(source_lang)s) is not in the %(target_lang)s version"),
    "numbers.extra": gettext_lazy(
        "%(label)s: the %(what)s %(target_value)s (%(target_lang)s) is not in the %(source_lang)s version"),
    "dates.differ": gettext_lazy(
        "%(label)s: the date %(source_value)s (%(source_lang)s) reads %(target_value)s in the %(target_lang)s "
        "version"),
    "dates.missing": gettext_lazy(
        "%(label)s: the date %(source_value)s (%(source_lang)s) is not in the %(target_lang)s version"),
    "dates.extra": gettext_lazy(
        "%(label)s: the date %(target_value)s (%(target_lang)s) is not in the %(source_lang)s version"),
    "symbols.missing": gettext_lazy(
        "%(label)s: the symbol %(value)s (%(source_lang)s) is not in the %(target_lang)s version"),
    "symbols.extra": gettext_lazy(
        "%(label)s: the symbol %(value)s (%(target_lang)s) is not in the %(source_lang)s version"),
    "symbols.differ": gettext_lazy(
        "%(label)s: the symbol %(source_value)s (%(source_lang)s) reads %(target_value)s in the %(target_lang)s "
        "version"),
    "symbols.lookalike": gettext_lazy(
        "%(label)s: the symbol %(written)s (%(lang)s) is typed with %(letters)s in place of Latin letters, so it "
        "does not equal %(value)s"),
    "acronyms.unmatched": gettext_lazy(
        "%(label)s: the acronym %(acronym)s (%(lang)s) has no equivalent in the %(other_lang)s version%(expected)s"),
    "terminology.missing": gettext_lazy(
        "%(label)s: “%(term)s” (%(source_lang)s) should be rendered as “%(expected)s” in the %(target_lang)s version "
        "(term base), which is not found"),
    "terminology.deprecated": gettext_lazy(
        "%(label)s: “%(used)s” (%(target_lang)s) is a deprecated term for “%(term)s”; the term base gives "
        "“%(expected)s”"),
    "punctuation.convention": gettext_lazy(
        "%(label)s ends with %(mark)s in the %(lang)s version, where %(kind)s end with %(allowed)s"),
    "punctuation.differ": gettext_lazy(
        "%(label)s ends with %(source_mark)s in the %(source_lang)s version but with %(target_mark)s in the "
        "%(target_lang)s version"),
    "untranslated.passage": gettext_lazy(
        "%(label)s: a passage of the %(target_lang)s version is left as in the %(source_lang)s version"),
    "one_version.only": gettext_lazy("%(what)s only in the %(lang)s version: “%(text)s”"),
    "one_version.differ": gettext_lazy(
        "%(what)s reads “%(source_text)s” in the %(source_lang)s version but “%(target_text)s” in the "
        "%(target_lang)s version"),
    "length.outlier": gettext_lazy(
        "%(label)s: the %(target_lang)s text is %(percent)s%% of the length expected from the %(source_lang)s text"),
    "spelling.lookalike_letters": gettext_lazy(
        "%(label)s: “%(word)s” (%(lang)s) is typed with %(letters)s of another alphabet; the word is spelled "
        "“%(fix)s”"),
    "spelling.mixed_script": gettext_lazy("%(label)s: “%(word)s” (%(lang)s) mixes %(scripts)s letters"),
    "spelling.run_together": gettext_lazy("%(label)s: words run together in “%(excerpt)s” (%(lang)s)"),
}

CHECKS = {
    "structure": pgettext_lazy("concordance check", "Structure"),
    "numbers": pgettext_lazy("concordance check", "Numbers"),
    "dates": pgettext_lazy("concordance check", "Dates"),
    "symbols": pgettext_lazy("concordance check", "Symbols"),
    "acronyms": pgettext_lazy("concordance check", "Acronyms"),
    "terminology": pgettext_lazy("concordance check", "Terminology"),
    "punctuation": pgettext_lazy("concordance check", "Punctuation"),
    "untranslated": pgettext_lazy("concordance check", "Untranslated text"),
    "one_version": pgettext_lazy("concordance check", "In one version only"),
    "length": pgettext_lazy("concordance check", "Length"),
    "spelling": pgettext_lazy("concordance check", "Spelling"),
}

SEVERITIES = {
    "error": pgettext_lazy("severity", "Error"),
    "warning": pgettext_lazy("severity", "Warning"),
    "info": pgettext_lazy("severity", "Information"),
}

# Headings of the counts at the top of a report.
SEVERITY_COUNTS = {
    "error": gettext_lazy("Errors"),
    "warning": gettext_lazy("Warnings"),
    "info": gettext_lazy("Information"),
}

# The names the core gives the parts of a document that are not numbered provisions.
_LABELS = {
    "Title": gettext_lazy("Title"),
    "Opening formula": gettext_lazy("Opening formula"),
    "Enacting formula": gettext_lazy("Enacting formula"),
    "Enclosure": gettext_lazy("Enclosure"),
    "Place and date": gettext_lazy("Place and date"),
    "Addressee": gettext_lazy("Addressee"),
    "Header line": gettext_lazy("Header line"),
    "Letterhead line": gettext_lazy("Letterhead line"),
    "Closing line": gettext_lazy("Closing line"),
    "Note number": gettext_lazy("Note number"),
    "Symbol": gettext_lazy("Symbol"),
}
_NUMBERED_LABELS = (
    (re.compile(r"Header line (?P<number>\d+)"), gettext_lazy("Header line %(number)s")),
    (re.compile(r"Letterhead line (?P<number>\d+)"), gettext_lazy("Letterhead line %(number)s")),
    (re.compile(r"Closing line (?P<number>\d+)"), gettext_lazy("Closing line %(number)s")),
    (re.compile(r"Section (?P<num>\S+) heading"), gettext_lazy("Section %(num)s heading")),
    (re.compile(r"(?P<label>.+) heading"), gettext_lazy("%(label)s heading")),
    (re.compile(r"(?P<label>.+) \(end\)"), gettext_lazy("%(label)s (end)")),
)
_MARKS = {
    "full stop": pgettext_lazy("end mark", "full stop"),
    "semicolon": pgettext_lazy("end mark", "semicolon"),
    "comma": pgettext_lazy("end mark", "comma"),
    "colon": pgettext_lazy("end mark", "colon"),
    "exclamation mark": pgettext_lazy("end mark", "exclamation mark"),
    "question mark": pgettext_lazy("end mark", "question mark"),
    "ellipsis": pgettext_lazy("end mark", "ellipsis"),
    "no punctuation": pgettext_lazy("end mark", "no punctuation"),
}
_PROVISION_KINDS = {
    "preambular paragraphs": pgettext_lazy("provisions whose end mark is checked", "preambular paragraphs"),
    "operative paragraphs": pgettext_lazy("provisions whose end mark is checked", "operative paragraphs"),
    "items": pgettext_lazy("provisions whose end mark is checked", "items"),
    "paragraphs of a note": pgettext_lazy("provisions whose end mark is checked", "paragraphs of a note"),
}
_QUANTITIES = {
    "number": pgettext_lazy("what differs", "number"),
    "year": pgettext_lazy("what differs", "year"),
    "percentage": pgettext_lazy("what differs", "percentage"),
    "note number": pgettext_lazy("what differs", "note number"),
    "symbol": pgettext_lazy("what differs", "symbol"),
}
_SCRIPTS = {"Latin and Cyrillic": gettext_lazy("Latin and Cyrillic")}
_SECTION_RE = re.compile(r"section (?P<num>\S+)")
_TERM_HINT_RE = re.compile(r" \((?P<terms>.+) in the term base\)")
_LANGUAGE_PARAMS = ("source_lang", "target_lang", "lang", "other_lang")


def label(text: str) -> str:
    """A label of the core ("PP6", "Header line 2", "Section II heading", "PP4 + PP5") in the interface language;
    provision labels such as PP6 and OP27 are the same in every language."""
    return " + ".join(_one_label(part) for part in text.split(" + "))


def _one_label(text: str) -> str:
    if text in _LABELS:
        return str(_LABELS[text])
    for pattern, template in _NUMBERED_LABELS:
        match = pattern.fullmatch(text)
        if match:
            return template % {key: _one_label(value) for key, value in match.groupdict().items()}
    return text


def _mark(text: str) -> str:
    return str(_MARKS.get(text, text))


def _marks(text: str) -> str:
    """Marks the core joins with " or " ("comma or semicolon")."""
    marks = [_mark(part) for part in text.split(" or ")]
    return marks[0] if len(marks) == 1 else _("%(marks)s or %(last)s") % {
        "marks": ", ".join(marks[:-1]), "last": marks[-1]}


def _section(text: str) -> str:
    if text == "no section":
        return _("no section")
    match = _SECTION_RE.fullmatch(text)
    return _("section %(num)s") % match.groupdict() if match else text


def _term_hint(text: str) -> str:
    match = _TERM_HINT_RE.fullmatch(text)
    return " " + _("(%(terms)s in the term base)") % match.groupdict() if match else text


def _vocabulary(table: dict) -> Callable[[str], str]:
    return lambda text: str(table.get(text, text))


# How each parameter is shown, by name; (code prefix, name) entries come first.
_SHOWN: dict[Any, Callable[[str], str]] = {
    **{name: str.upper for name in _LANGUAGE_PARAMS},
    "label": label, "source_label": label, "target_label": label,
    "mark": _mark, "source_mark": _mark, "target_mark": _mark, "allowed": _marks,
    "kind": _vocabulary(_PROVISION_KINDS),
    "source_section": _section, "target_section": _section,
    "scripts": _vocabulary(_SCRIPTS),
    ("one_version", "what"): label,
    ("numbers", "what"): _vocabulary(_QUANTITIES),
    ("acronyms", "expected"): _term_hint,
}


def params(finding: Finding) -> dict[str, str]:
    """The finding's params with the core's words in the interface language (see the module docstring)."""
    check = finding.code.split(".")[0]
    shown = {}
    for name, value in finding.params.items():
        how = _SHOWN.get((check, name)) or _SHOWN.get(name)
        shown[name] = how(value) if how and isinstance(value, str) else value
    return shown


def message(finding: Finding) -> str:
    """The finding's message in the interface language; the core's English message for a code this module does
    not know."""
    template = MESSAGES.get(finding.code)
    return str(template) % params(finding) if template is not None else finding.message


def check_name(check: str) -> str:
    return str(CHECKS.get(check, check))


def severity_name(severity: str) -> str:
    return str(SEVERITIES.get(severity, severity))


def severity_count_name(severity: str) -> str:
    return str(SEVERITY_COUNTS.get(severity, severity))
