"""What the checker reports: :class:`Finding`, its two :class:`Side` objects, severities and message templates.

A finding names its ``check`` (structure, numbers, dates, symbols, acronyms, terminology, punctuation,
untranslated, one_version, length, spelling), a stable message ``code`` ("numbers.differ"), a ``severity``, the
``provision`` it is about (the id shared by the language versions), and for each version the language, label and
the **exact excerpt** — a substring of that provision's text starting at ``start`` (None when the excerpt is the
whole text, or empty when the version has nothing there).

The message is rendered from :data:`MESSAGES` with the finding's ``params``: English for the core; a user interface
translates by ``code`` with the same ``params``.

``fingerprint`` hashes the code, the provision id and both excerpts: the same finding on the same words has the same
fingerprint when the text is checked again, so a finding a reviser accepted "as is" can be left out
(``check(..., accepted={fingerprint, …})``); once either excerpt changes, the finding is new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

MESSAGES = {
    "structure.missing": "{source_label} of the {source_lang} version has no counterpart in the {target_lang} version",
    "structure.extra": "{target_label} of the {target_lang} version has no counterpart in the {source_lang} version",
    "structure.split": "{source_label} ({source_lang}) is split in two in the {target_lang} version: {target_label}",
    "structure.merged": "{source_label} ({source_lang}) are merged into one in the {target_lang} version: {target_label}",
    "structure.moved": "{source_label} ({source_lang}) stands elsewhere in the {target_lang} version, as {target_label}",
    "structure.renumbered": "{source_label} ({source_lang}) is numbered {target_label} in the {target_lang} version",
    "structure.section": "{source_label} is in {source_section} in the {source_lang} version but in {target_section} in "
    "the {target_lang} version",
    "numbers.differ": "{label}: the {what} {source_value} ({source_lang}) reads {target_value} in the {target_lang} version",
    "numbers.missing": "{label}: the {what} {source_value} ({source_lang}) is not in the {target_lang} version",
    "numbers.extra": "{label}: the {what} {target_value} ({target_lang}) is not in the {source_lang} version",
    "dates.differ": "{label}: the date {source_value} ({source_lang}) reads {target_value} in the {target_lang} version",
    "dates.missing": "{label}: the date {source_value} ({source_lang}) is not in the {target_lang} version",
    "dates.extra": "{label}: the date {target_value} ({target_lang}) is not in the {source_lang} version",
    "symbols.missing": "{label}: the symbol {value} ({source_lang}) is not in the {target_lang} version",
    "symbols.extra": "{label}: the symbol {value} ({target_lang}) is not in the {source_lang} version",
    "symbols.differ": "{label}: the symbol {source_value} ({source_lang}) reads {target_value} in the {target_lang} "
    "version",
    "symbols.lookalike": "{label}: the symbol {written} ({lang}) is typed with {letters} in place of Latin letters, so "
    "it does not equal {value}",
    "acronyms.unmatched": "{label}: the acronym {acronym} ({lang}) has no equivalent in the {other_lang} version"
    "{expected}",
    "terminology.missing": "{label}: “{term}” ({source_lang}) should be rendered as “{expected}” in the {target_lang} "
    "version (term base), which is not found",
    "terminology.deprecated": "{label}: “{used}” ({target_lang}) is a deprecated term for “{term}”; the term base "
    "gives “{expected}”",
    "punctuation.convention": "{label} ends with {mark} in the {lang} version, where {kind} end with {allowed}",
    "punctuation.differ": "{label} ends with {source_mark} in the {source_lang} version but with {target_mark} in the "
    "{target_lang} version",
    "untranslated.passage": "{label}: a passage of the {target_lang} version is left as in the {source_lang} version",
    "one_version.only": "{what} only in the {lang} version: “{text}”",
    "one_version.differ": "{what} reads “{source_text}” in the {source_lang} version but “{target_text}” in the "
    "{target_lang} version",
    "length.outlier": "{label}: the {target_lang} text is {percent}% of the length expected from the {source_lang} "
    "text",
    "spelling.lookalike_letters": "{label}: “{word}” ({lang}) is typed with {letters} of another alphabet; the word "
    "is spelled “{fix}”",
    "spelling.mixed_script": "{label}: “{word}” ({lang}) mixes {scripts} letters",
    "spelling.run_together": "{label}: words run together in “{excerpt}” ({lang})",
}


@dataclass(frozen=True)
class Side:
    """One version's part in a finding. ``excerpt`` is exact: ``text[start:start + len(excerpt)]`` of the
    provision ``id``, or the whole text when ``start`` is None; empty when the version has nothing there."""

    lang: str
    label: str
    excerpt: str
    id: str | None = None
    start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "label": self.label, "excerpt": self.excerpt, "id": self.id, "start": self.start}


@dataclass(frozen=True)
class Finding:
    """A place where two language versions do not say the same thing (see the module docstring).

    ``version`` is set for a finding about one version's own text (a spelling slip, a look-alike letter): the
    language of that version, so that a check of several pairs reports it once. ``order`` sorts findings in reading
    order of the source.
    """

    check: str
    code: str
    severity: str
    provision: str
    source: Side
    target: Side
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    version: str | None = None
    order: float = 0.0

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    @property
    def fingerprint(self) -> str:
        data = "\x1f".join((self.code, self.provision, self.source.excerpt, self.target.excerpt))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "provision": self.provision,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "params": self.params,
            "fingerprint": self.fingerprint,
        }
