"""XLIFF files for CAT tools: a declaration's provisions out for translation, and the translated file read back.

Conference services translate in CAT tools (Trados, memoQ, OmegaT) that exchange XLIFF. This module writes one
language version's worth of work as XLIFF 2.0 (OASIS, namespace ``urn:oasis:names:tc:xliff:document:2.0``) or, for
older tools, XLIFF 1.2, and reads either version back. It is pure: bytes in, bytes or dataclasses out; what to do
with a file read (compare its sources to the current revision, update the language version in one transaction) is
the caller's.

Writing — :func:`write_xliff2` / :func:`write_xliff12`
    One unit per provision of the source declaration (``Declaration.provisions()``: recitals, operative
    paragraphs, sub-items), in document order, or only those named by ``only`` (e.g. the changed and stale ones a
    translator needs). The unit id is the provision id (``para_27``, ``recs_1__rec_5``, ``para_12__point_a``),
    written unchanged so that it comes back unchanged; the unit's name (1.2: ``resname``) is the display label
    (``OP27``). Notes carry the label and Accord's state of the provision: ``changed`` (its source changed since
    the last revision), ``stale`` (its translation is out of date) or ``unchanged``; a provision named in both is
    ``changed``. The target is the target declaration's text for the same provision id, when it has one; the
    segment is ``initial`` (1.2: ``needs-translation``) when the provision is changed or stale or has no target,
    ``translated`` otherwise, so that a CAT tool offers the old translation for revision but does not take it as
    done. Text is plain (provision texts hold no mark-up) and escaped by lxml; ``xml:space="preserve"`` keeps
    leading and trailing spaces.

    Languages are written as BCP 47 tags from the language tables' ``locale`` (``en-GB``, ``ru-RU``), else the bare
    code for a language without a table: CAT tools match a file's languages to a project's, which are usually set
    up as regional variants, and it is the tag Accord's Word files already carry, so one document speaks one tag.
    :attr:`XliffFile.source_code`/:attr:`XliffFile.target_code` give the ISO 639 code back.

    The ``<file>`` id is the source's symbol made an XML NMTOKEN (``MM/2021/DRAFT/3`` → ``MM-2021-DRAFT-3``; an id may
    not hold ``/``), and ``original`` is the symbol as written (or the ``original`` argument), so that a file
    coming back names the revision it was made from.

    Characters that XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE…) are written as
    XLIFF 2.0 ``<cp hex="…"/>`` and read back as the characters; XLIFF 1.2 has no such element, so
    :func:`write_xliff12` refuses a text holding one, naming the unit, rather than drop a character (the file's
    source would then no longer match the revision it came from).

Reading — :func:`read_xliff`
    Detects the version from the root's namespace (2.0, also used by XLIFF 2.1; 1.2, 1.1, or none with
    ``version="1.x"``) and returns an :class:`XliffFile`. It accepts what CAT tools do to a file: a unit split into
    several ``<segment>`` elements (joined in order with the ``<ignorable>`` text between them; ``order`` on a
    target is honoured), inline elements in sources and targets (``<mrk>``/``<pc>``/``<g>`` give their text,
    ``<ph>``/``<sc>``/``<ec>``/``<x>``… give none, as they stand for codes; ``<cp>`` gives its character), notes and
    module elements (``mtc:matches``…) added, attributes of other namespaces, comments, a byte-order mark, CRLF line
    endings, a missing target (``None``). Text is taken as written where ``xml:space="preserve"`` applies (as in
    the files Accord writes); where the default applies (a tool dropped the attribute and indented the content), a
    run of white space holding a line break at the start or end of a text node is taken as indentation and
    dropped, and everything else is kept as written, spaces that are text (leading, trailing, no-break) included.
    Files Accord writes say ``preserve``, so this touches only a file a tool re-indented.

    A unit's ``state`` is XLIFF 2.0's vocabulary, ``initial`` < ``translated`` < ``reviewed`` < ``final``: the
    least advanced of its segments'. XLIFF 1.2 states map onto it (``new``/``needs-translation``/``needs-adaptation``
    /``needs-l10n`` → initial; ``translated``, ``needs-review-*`` and custom ``x-`` values → translated;
    ``signed-off`` → reviewed; ``final`` or ``approved="yes"`` → final; a target without a state → translated, as
    most tools read it). A unit whose target is missing, wholly or in one of its segments, has ``target`` None and
    state ``initial``: half a translation is not one.

Structure check — :func:`check_structure`
    The OASIS schemas are not available to Accord, so none is used or shipped. Instead :func:`read_xliff` (and
    :func:`check_structure` alone) checks the constraints of the XLIFF core that Accord relies on to import a file:

    * for 2.0: root ``<xliff>`` in the 2.0 namespace with ``version``, ``srcLang`` and ``trgLang``; exactly one
      ``<file>`` (Accord writes one per language version), with an ``id`` and at least one ``<unit>``; every
      ``<unit>`` (and ``<group>``) with an ``id`` unique within the file; every unit with at least one
      ``<segment>``; every segment and ignorable with exactly one ``<source>`` and at most one ``<target>``;
      ``state`` among initial/translated/reviewed/final; targets' ``order`` placing each segment once; ``<cp>``
      with a valid ``hex``; no element of the core namespace that the core does not define, and core elements only
      where the core puts them (a core ``<source>`` inside a module element, as in ``mtc:match``, is the module's
      business);
    * for 1.2, the same in its terms: ``source-language`` and ``target-language``; one ``<file>`` with a
      ``<body>``; ``trans-unit`` ids present and unique; one ``<source>`` and at most one ``<target>`` per
      trans-unit; known ``state`` values; no unknown element of the 1.2 namespace.

    This is a check of the core constraints Accord relies on, not validation against the OASIS schema: a file that
    passes may still break a rule of the specification that Accord does not depend on.

Refusals are :class:`XliffError` (a ValueError) with a one-line message naming what is wrong and the units
concerned: "not XLIFF: root element is <html>", "XLIFF 2.0 without trgLang", "unit ids repeated: para_3",
"unit para_9: <segment> without <source>". Problems of one file are reported together, joined by "; ".

Parsing is safe: lxml with entities unresolved, no network, no DTD loading and huge-tree limits on; a file that
declares entities or refers to one (billion laughs, external entities) is refused, never expanded or fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field

from lxml import etree

from .docx_reader import MAX_XML_TAGS
from .languages import get_language
from .model import Declaration

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF11_NS = "urn:oasis:names:tc:xliff:document:1.1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"

CHANGED = "changed"
STALE = "stale"
UNCHANGED = "unchanged"

INITIAL = "initial"
TRANSLATED = "translated"
REVIEWED = "reviewed"
FINAL = "final"
STATES = (INITIAL, TRANSLATED, REVIEWED, FINAL)  # least to most advanced

# XLIFF 1.2 target states (its specification's list) on XLIFF 2.0's scale; ``x-`` custom values read as translated.
_STATES_12 = {
    "new": INITIAL,
    "needs-translation": INITIAL,
    "needs-adaptation": INITIAL,
    "needs-l10n": INITIAL,
    "needs-review-translation": TRANSLATED,
    "needs-review-adaptation": TRANSLATED,
    "needs-review-l10n": TRANSLATED,
    "translated": TRANSLATED,
    "signed-off": REVIEWED,
    "final": FINAL,
}

# The elements of the XLIFF 2.0 core and the core children each may have: anything else of the core namespace is
# refused. Elements of other namespaces (modules, tools' own) are allowed and ignored wherever they stand.
_INLINE_2 = frozenset({"cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"})
_CHILDREN_2: dict[str, frozenset[str]] = {
    "xliff": frozenset({"file"}),
    "file": frozenset({"skeleton", "notes", "unit", "group"}),
    "group": frozenset({"notes", "unit", "group"}),
    "unit": frozenset({"notes", "originalData", "segment", "ignorable"}),
    "notes": frozenset({"note"}),
    "originalData": frozenset({"data"}),
    "segment": frozenset({"source", "target"}),
    "ignorable": frozenset({"source", "target"}),
    "source": _INLINE_2,
    "target": _INLINE_2,
    "pc": _INLINE_2,
    "mrk": _INLINE_2,
    "data": frozenset({"cp"}),
    "skeleton": frozenset(),
    "note": frozenset(),
    "cp": frozenset(),
    "ph": frozenset(),
    "sc": frozenset(),
    "ec": frozenset(),
    "sm": frozenset(),
    "em": frozenset(),
}

# The elements XLIFF 1.2 defines; only their names are checked (see the module docstring).
_ELEMENTS_12 = frozenset({
    "xliff", "file", "header", "body", "group", "trans-unit", "bin-unit", "source", "seg-source", "target",
    "alt-trans", "note", "context-group", "context", "count-group", "count", "prop-group", "prop", "phase-group",
    "phase", "tool", "skl", "internal-file", "external-file", "glossary", "reference", "bin-source", "bin-target",
    "g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "mrk", "sub",
})
# 1.2 inline elements whose content is text; ``bpt``/``ept``/``ph``/``it`` hold native codes, ``x``/``bx``/``ex``
# nothing, so they give no text.
_TEXT_INLINE_12 = frozenset({"g", "mrk"})

# Characters XML 1.0 cannot hold (its ``Char`` production's complement).
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# XML 1.0 (fifth edition) NameChar: what an NMTOKEN (XLIFF 2.0's id type) is made of.
_NAME_CHAR = (
    r":A-Z_a-z\-.0-9\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040"
    r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF\u0300-\u036F"
)
_NMTOKEN_RE = re.compile(f"[{_NAME_CHAR}]+")
_NOT_NAME_CHARS_RE = re.compile(f"[^{_NAME_CHAR}]+")

_MAX_IDS_NAMED = 10  # a message names this many unit ids, then counts the rest


class XliffError(ValueError):
    """A file that is not XLIFF Accord can read, or provisions that cannot be written; the message is one line (line
    breaks in what it quotes, a unit id written with ``&#10;``, are made spaces)."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.splitlines()))


@dataclass(frozen=True)
class XliffNote:
    """A note of a unit: its ``category`` (XLIFF 1.2: its ``from``), None when it has none, and its text."""

    category: str | None
    text: str


@dataclass
class XliffUnit:
    """One unit as read: the provision ``id``, the joined ``source`` and ``target`` texts (``target`` None when the
    file has none, wholly or for one segment), the ``state`` on XLIFF 2.0's scale, the display ``label`` (the unit's
    ``name``, 1.2: ``resname``) and the unit's notes in file order."""

    id: str
    source: str
    target: str | None
    state: str
    label: str | None = None
    notes: list[XliffNote] = field(default_factory=list)


@dataclass
class XliffFile:
    """A file as read: ``version`` as the file states it (``2.0``, ``2.1``, ``1.2``…), the language tags as written
    (``en-GB``), ``original`` (the revision's symbol in files Accord wrote; None if absent) and the units in order."""

    version: str
    source_language: str
    target_language: str
    original: str | None
    units: list[XliffUnit]

    @property
    def source_code(self) -> str:
        """The source language's ISO 639 code, lower case: ``en-GB`` → ``en``."""
        return _primary_subtag(self.source_language)

    @property
    def target_code(self) -> str:
        """The target language's ISO 639 code, lower case: ``ru-RU`` → ``ru``."""
        return _primary_subtag(self.target_language)

    def by_id(self) -> dict[str, XliffUnit]:
        """The units by id (ids are unique: :func:`read_xliff` refuses a file that repeats one)."""
        return {unit.id: unit for unit in self.units}


def _primary_subtag(tag: str) -> str:
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


# ---------------------------------------------------------------------------------------------------------------
# Writing


@dataclass(frozen=True)
class _Row:
    id: str
    label: str
    source: str
    target: str | None
    state: str  # CHANGED, STALE or UNCHANGED

    @property
    def done(self) -> bool:
        """Whether the target may be offered as a finished translation."""
        return self.target is not None and self.state == UNCHANGED


def _rows(
    source: Declaration, target: Declaration, changed: Set[str], stale: Set[str], only: Set[str] | None
) -> list[_Row]:
    if source.language == target.language:
        raise XliffError(f"source and target are both in {source.language!r}: an XLIFF file pairs two languages")
    targets = {p.id: p.text for p in target.provisions()}
    rows = []
    for provision in source.provisions():
        # Ids of ``only``, ``changed`` or ``stale`` that the source lacks are ignored: a provision deleted in this
        # revision has nothing left to translate.
        if only is not None and provision.id not in only:
            continue
        state = CHANGED if provision.id in changed else STALE if provision.id in stale else UNCHANGED
        rows.append(_Row(provision.id, provision.label, provision.text, targets.get(provision.id), state))
    if not rows:
        raise XliffError("nothing to write: no provision of the source is selected")
    bad = [row.id for row in rows if not _NMTOKEN_RE.fullmatch(row.id)]
    if bad:  # the model's ids are NMTOKENs; an id that is not would not survive a CAT tool
        raise XliffError(f"provision ids that are not XML NMTOKENs: {_ids(bad)}")
    return rows


def _language_tag(code: str) -> str:
    """The BCP 47 tag of a language: its table's locale, else the bare code."""
    try:
        return get_language(code).locale
    except KeyError:
        return code


def _file_id(source: Declaration, original: str | None) -> str:
    name = source.symbol.value if source.symbol else original
    return (_NOT_NAME_CHARS_RE.sub("-", name).strip("-") if name else "") or "document"


def _original(source: Declaration, original: str | None) -> str | None:
    return original if original is not None else source.symbol.value if source.symbol else None


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xliff2(
    source: Declaration,
    target: Declaration,
    *,
    changed: Set[str] = frozenset(),
    stale: Set[str] = frozenset(),
    only: Set[str] | None = None,
    original: str | None = None,
) -> bytes:
    """``source``'s provisions as an XLIFF 2.0 file for translation into ``target``'s language (UTF-8 bytes).

    ``changed`` and ``stale`` name provisions by id (see the module docstring for what each state writes);
    ``only``, when given, restricts the file to those provisions. ``original`` overrides the ``original``
    attribute of ``<file>`` (by default the source's symbol). Raises :class:`XliffError` when nothing is selected
    or both declarations are in one language.
    """
    rows = _rows(source, target, changed, stale, only)

    def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{XLIFF2_NS}}}{tag}", **attributes)

    root = etree.Element(f"{{{XLIFF2_NS}}}xliff", nsmap={None: XLIFF2_NS})
    root.set("version", "2.0")
    root.set("srcLang", _language_tag(source.language))
    root.set("trgLang", _language_tag(target.language))
    file = sub(root, "file", id=_file_id(source, original))
    if (name := _original(source, original)) is not None:
        file.set("original", name)
    for row in rows:
        unit = sub(file, "unit", id=row.id, name=row.label)
        notes = sub(unit, "notes")
        sub(notes, "note", category="label").text = row.label
        sub(notes, "note", category="accord-state").text = row.state
        segment = sub(unit, "segment", state=TRANSLATED if row.done else INITIAL)
        _put_text2(sub(segment, "source"), row.source)
        if row.target is not None:
            _put_text2(sub(segment, "target"), row.target)
    return _serialise(root)


def _put_text2(element: etree._Element, text: str) -> None:
    """Set ``text`` as the content of ``element``, characters XML cannot hold as ``<cp hex="…"/>``."""
    element.set(XML_SPACE, "preserve")
    # The content always starts with a text node, even empty: lxml's pretty-printer would otherwise indent an
    # element that opens with a child, adding whitespace to the text.
    element.text = ""
    last = None
    position = 0
    for match in _NOT_XML_RE.finditer(text):
        _append_text(element, last, text[position:match.start()])
        last = etree.SubElement(element, f"{{{XLIFF2_NS}}}cp", hex=f"{ord(match.group(0)):04X}")
        position = match.end()
    _append_text(element, last, text[position:])


def _append_text(element: etree._Element, last: etree._Element | None, text: str) -> None:
    if last is None:
        element.text += text
    else:
        last.tail = (last.tail or "") + text


def write_xliff12(
    source: Declaration,
    target: Declaration,
    *,
    changed: Set[str] = frozenset(),
    stale: Set[str] = frozenset(),
    only: Set[str] | None = None,
    original: str | None = None,
) -> bytes:
    """The same as :func:`write_xliff2` in XLIFF 1.2, for older tools.

    ``<file>``'s ``original`` (required by 1.2) is the symbol, else ``"document"``. Raises :class:`XliffError`
    also for a text holding a character that XML cannot hold, which XLIFF 1.2 cannot carry.
    """
    rows = _rows(source, target, changed, stale, only)
    unwritable = [row.id for row in rows if _NOT_XML_RE.search(row.source + (row.target or ""))]
    if unwritable:
        raise XliffError(f"XLIFF 1.2 cannot carry characters XML 1.0 cannot hold, found in {_ids(unwritable)}; "
                         f"write XLIFF 2.0, which carries them as <cp>")

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, f"{{{XLIFF12_NS}}}{tag}", **attributes)
        element.text = text
        return element

    root = etree.Element(f"{{{XLIFF12_NS}}}xliff", nsmap={None: XLIFF12_NS}, version="1.2")
    file = sub(root, "file")
    file.set("original", _original(source, original) or "document")
    file.set("source-language", _language_tag(source.language))
    file.set("target-language", _language_tag(target.language))
    file.set("datatype", "plaintext")
    body = sub(file, "body")
    for row in rows:
        unit = sub(body, "trans-unit", id=row.id, resname=row.label)
        unit.set(XML_SPACE, "preserve")  # 1.2 puts xml:space on the unit, not on <source>/<target>
        sub(unit, "source", row.source)
        if row.target is not None:
            sub(unit, "target", row.target, state="translated" if row.done else "needs-translation")
        sub(unit, "note", f"{row.label}: {row.state}", **{"from": "accord"})
    return _serialise(root)


# ---------------------------------------------------------------------------------------------------------------
# Reading


def read_xliff(data: bytes) -> XliffFile:
    """Read an XLIFF 2.0 or 1.2 file (bytes as received); raises :class:`XliffError` naming what is wrong."""
    root, version = _parse(data)
    _check(root, version)
    return _read2(root) if version.startswith("2") else _read12(root)


def check_structure(data: bytes) -> None:
    """Check ``data`` against the XLIFF core constraints Accord relies on (see the module docstring), without
    reading the units; raises :class:`XliffError` listing every problem found. Not the OASIS schema."""
    root, version = _parse(data)
    _check(root, version)


def _parse(data: bytes) -> tuple[etree._Element, str]:
    """The root element and the XLIFF version, or a refusal. Entities are neither expanded nor fetched; a file that
    declares or uses one is refused outright, as XLIFF never needs them."""
    if data.count(b"<" if isinstance(data, bytes) else "<") > MAX_XML_TAGS:  # before a tree of millions is built
        raise XliffError(f"refused: more than {MAX_XML_TAGS:,} XML tags")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise XliffError(f"not XML: {_one_line(error.msg or str(error))}") from None
    except (ValueError, TypeError) as error:
        raise XliffError(f"not XML: {_one_line(str(error))}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XliffError("XML that declares entities is refused (entity expansion and external entities)")
    if any(True for _ in root.iter(etree.Entity)):
        raise XliffError("XML that refers to entities is refused (entity expansion and external entities)")
    namespace, name = _qname(root)
    if name != "xliff":
        raise XliffError(f"not XLIFF: root element is <{name}>")
    version = root.get("version")
    if namespace == XLIFF2_NS:
        if not version:
            raise XliffError("XLIFF 2.0 without version")
        if not version.startswith("2."):
            raise XliffError(f"XLIFF 2.0 namespace with version {version!r}")
        return root, version
    if namespace in (XLIFF12_NS, XLIFF11_NS) or (namespace is None and version in ("1.0", "1.1", "1.2")):
        return root, version or "1.2"
    raise XliffError(f"not XLIFF 2.0 or 1.2: <xliff> in namespace {namespace!r}, version {version!r}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _qname(element: etree._Element) -> tuple[str | None, str]:
    qname = etree.QName(element)
    return qname.namespace, qname.localname


def _ids(ids: Iterable[str]) -> str:
    ids = list(ids)
    named = ", ".join(ids[:_MAX_IDS_NAMED])
    return f"{named} and {len(ids) - _MAX_IDS_NAMED} more" if len(ids) > _MAX_IDS_NAMED else named


class _Problems:
    """Problems found in a file, grouped by kind so that one message names every unit with that problem."""

    def __init__(self) -> None:
        # Dicts as ordered sets: a file of many thousands of faulty units is not checked in n² steps.
        self.general: dict[str, None] = {}
        self.by_kind: dict[str, dict[str, None]] = {}

    def add(self, problem: str, unit: str | None = None) -> None:
        if unit is None:
            self.general[problem] = None
        else:
            self.by_kind.setdefault(problem, {})[unit] = None

    def raise_any(self) -> None:
        messages = list(self.general)
        for problem, units in self.by_kind.items():
            messages.append(f"{'unit' if len(units) == 1 else 'units'} {_ids(units)}: {problem}")
        if messages:
            raise XliffError("; ".join(messages))


def _elements(parent: etree._Element) -> Iterator[etree._Element]:
    """The element children of ``parent`` (comments left out)."""
    return (child for child in parent if isinstance(child.tag, str))


def _core(parent: etree._Element, namespace: str, *names: str) -> list[etree._Element]:
    return [c for c in _elements(parent) if _qname(c)[0] == namespace and (not names or _qname(c)[1] in names)]


def _unit_label(unit: etree._Element, number: int) -> str:
    """How a message names a unit: its id, else its position."""
    return unit.get("id") or f"#{number} (no id)"


def _check(root: etree._Element, version: str) -> None:
    problems = _Problems()
    if version.startswith("2"):
        _check2(root, problems)
    else:
        _check12(root, problems)
    problems.raise_any()


def _check2(root: etree._Element, problems: _Problems) -> None:
    for attribute in ("srcLang", "trgLang"):
        if not root.get(attribute):
            problems.add(f"XLIFF 2.0 without {attribute}")
    files = _core(root, XLIFF2_NS, "file")
    if len(files) != 1:
        problems.add(f"XLIFF with {len(files)} <file> elements where Accord needs one")
    for file in files:
        if not file.get("id"):
            problems.add("<file> without id")
        if not _core(file, XLIFF2_NS, "unit", "group"):
            problems.add("<file> without <unit>")
    _check_core_elements(root, problems)
    for file in files:
        seen: dict[str, int] = {}
        for number, unit in enumerate(_units2(file), start=1):
            name = _unit_label(unit, number)
            if not unit.get("id"):
                problems.add("<unit> without id", name)
            else:
                seen[unit.get("id")] = seen.get(unit.get("id"), 0) + 1
            _check_unit2(unit, name, problems)
        for group in file.iter(f"{{{XLIFF2_NS}}}group"):
            if not group.get("id"):
                problems.add("<group> without id")
            else:
                seen[group.get("id")] = seen.get(group.get("id"), 0) + 1
        repeated = [key for key, count in seen.items() if count > 1]
        if repeated:
            problems.add(f"unit ids repeated: {_ids(repeated)}")


def _units2(container: etree._Element) -> Iterator[etree._Element]:
    """The units of a file or group in document order, those in groups included."""
    for child in _core(container, XLIFF2_NS, "unit", "group"):
        if _qname(child)[1] == "unit":
            yield child
        else:
            yield from _units2(child)


def _enclosing_unit(element: etree._Element) -> str | None:
    for ancestor in element.iterancestors(f"{{{XLIFF2_NS}}}unit"):
        return ancestor.get("id") or "(no id)"
    return None


def _check_core_elements(root: etree._Element, problems: _Problems) -> None:
    """No element of the core namespace that the core does not define; each under a parent the core allows."""
    for element in root.iter(f"{{{XLIFF2_NS}}}*"):
        name = _qname(element)[1]
        unit = _enclosing_unit(element)
        if name not in _CHILDREN_2:
            problems.add(f"<{name}> is not an XLIFF 2.0 core element", unit)
            continue
        parent = element.getparent()
        if parent is None:
            continue
        parent_namespace, parent_name = _qname(parent)
        # A core element inside a module's element (a <source> in mtc:match) follows that module's rules.
        if parent_namespace == XLIFF2_NS and name not in _CHILDREN_2.get(parent_name, frozenset()):
            problems.add(f"<{name}> inside <{parent_name}>", unit)
        if name == "cp" and _code_point(element) is None:
            value = element.get("hex") or ""
            code = int(value, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", value) else None
            surrogate = code is not None and 0xD800 <= code <= 0xDFFF
            fault = "half of a surrogate pair, not a character" if surrogate else "not a code point"
            problems.add(f"<cp> with hex {value!r}, {fault}", unit)


def _code_point(element: etree._Element) -> int | None:
    """The character a ``<cp>`` stands for; None for a value that is no character: beyond U+10FFFF, or a surrogate
    (half of a UTF-16 pair, which no text can hold by itself: it could not even be written out as UTF-8)."""
    value = element.get("hex") or ""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", value):
        return None
    code = int(value, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return code


def _check_unit2(unit: etree._Element, name: str, problems: _Problems) -> None:
    parts = _core(unit, XLIFF2_NS, "segment", "ignorable")
    if not any(_qname(part)[1] == "segment" for part in parts):
        problems.add("no <segment>", name)
    orders: list[str | None] = []  # each part's target order, None where it keeps its place
    for part in parts:
        kind = _qname(part)[1]
        sources = _core(part, XLIFF2_NS, "source")
        targets = _core(part, XLIFF2_NS, "target")
        if not sources:
            problems.add(f"<{kind}> without <source>", name)
        elif len(sources) > 1:
            problems.add(f"<{kind}> with {len(sources)} <source> elements", name)
        if len(targets) > 1:
            problems.add(f"<{kind}> with {len(targets)} <target> elements", name)
        state = part.get("state")
        if kind == "segment" and state is not None and state not in STATES:
            problems.add(f"<segment> state {state!r} (not one of {', '.join(STATES)})", name)
        orders.append(targets[0].get("order") if targets else None)
    if any(order is not None for order in orders) and not _valid_orders(orders):
        problems.add("target order values that do not place each segment once", name)


def _valid_orders(orders: list[str | None]) -> bool:
    """Whether the targets' places (``order``, else their own position) are each position once."""
    # ASCII digits only ("²" is a digit to str.isdigit, not to int), and few of them (int() refuses 4,300 or more).
    if not all(order is None or re.fullmatch(r"[0-9]{1,9}", order) for order in orders):
        return False
    places = [int(order) if order is not None else position for position, order in enumerate(orders, start=1)]
    return sorted(places) == list(range(1, len(orders) + 1))


def _check12(root: etree._Element, problems: _Problems) -> None:
    namespace = _qname(root)[0]
    files = [c for c in _elements(root) if _qname(c) == (namespace, "file")]
    if len(files) != 1:
        problems.add(f"XLIFF with {len(files)} <file> elements where Accord needs one")
    for file in files:
        for attribute in ("source-language", "target-language"):
            if not file.get(attribute):
                problems.add(f"XLIFF 1.2 without {attribute}")
        if not [c for c in _elements(file) if _qname(c) == (namespace, "body")]:
            problems.add("XLIFF 1.2 <file> without <body>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _qname(element)[0] == namespace and _qname(element)[1] not in _ELEMENTS_12:
            problems.add(f"<{_qname(element)[1]}> is not an XLIFF 1.2 element", _enclosing_unit12(element))
    seen: dict[str, int] = {}
    for number, unit in enumerate(_units12(root), start=1):
        name = _unit_label(unit, number)
        if not unit.get("id"):
            problems.add("<trans-unit> without id", name)
        else:
            seen[unit.get("id")] = seen.get(unit.get("id"), 0) + 1
        sources = [c for c in _elements(unit) if _qname(c) == (namespace, "source")]
        targets = [c for c in _elements(unit) if _qname(c) == (namespace, "target")]
        if len(sources) != 1:
            problems.add("<trans-unit> without <source>" if not sources
                         else f"<trans-unit> with {len(sources)} <source> elements", name)
        if len(targets) > 1:
            problems.add(f"<trans-unit> with {len(targets)} <target> elements", name)
        state = targets[0].get("state") if targets else None
        if state is not None and state not in _STATES_12 and not state.startswith("x-"):
            problems.add(f"target state {state!r} (not an XLIFF 1.2 state)", name)
    repeated = [key for key, count in seen.items() if count > 1]
    if repeated:
        problems.add(f"unit ids repeated: {_ids(repeated)}")


def _units12(root: etree._Element) -> Iterator[etree._Element]:
    namespace = _qname(root)[0]
    tag = f"{{{namespace}}}trans-unit" if namespace else "trans-unit"
    # trans-units stand in <body> or <group>; none is nested in another (alt-trans holds no trans-unit).
    return root.iter(tag)


def _enclosing_unit12(element: etree._Element) -> str | None:
    for ancestor in element.iterancestors():
        if _qname(ancestor)[1] == "trans-unit":
            return ancestor.get("id") or "(no id)"
    return None


# Text ------------------------------------------------------------------------------------------------------------


def _preserves(element: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` applies to the text directly inside ``element``."""
    for node in (element, *element.iterancestors()):
        value = node.get(XML_SPACE)
        if value is not None:
            return value == "preserve"
    return False


# A tool's indentation: XML white space (not U+00A0 and the like, which are text) holding a line break, at the start
# or the end of a text node.
_LAYOUT_RE = re.compile(r"^[ \t\r\n]*\n[ \t\r\n]*|[ \t\r\n]*\n[ \t\r\n]*$")


def _text(element: etree._Element, namespace: str | None) -> str:
    """The plain text of a source or target: text of text-bearing inline elements, none of code placeholders."""
    preserve = _preserves(element)
    parts: list[str] = []

    def keep(text: str | None) -> None:
        if text:
            parts.append(text if preserve else _LAYOUT_RE.sub("", text))

    keep(element.text)
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions give nothing but their tail
            child_namespace, name = _qname(child)
            if child_namespace != namespace:
                parts.append(_text(child, namespace))  # a tool's own element: its text is the text
            elif namespace == XLIFF2_NS:
                if name in ("mrk", "pc"):
                    parts.append(_text(child, namespace))
                elif name == "cp":
                    parts.append(chr(_code_point(child)))
                # ph, sc, ec, sm, em stand for codes or markers, not text
            elif name in _TEXT_INLINE_12:
                parts.append(_text(child, namespace))
        keep(child.tail)
    return "".join(parts)


def _notes(parent: etree._Element, namespace: str | None, attribute: str) -> list[XliffNote]:
    return [
        XliffNote(note.get(attribute), "".join(note.itertext()))
        for note in parent.iter(f"{{{namespace}}}note" if namespace else "note")
    ]


def _read2(root: etree._Element) -> XliffFile:
    file = _core(root, XLIFF2_NS, "file")[0]
    units = []
    for unit in _units2(file):
        sources: list[str] = []
        targets: list[tuple[int, str | None]] = []
        states = []
        for position, part in enumerate(_core(unit, XLIFF2_NS, "segment", "ignorable"), start=1):
            source = _text(_core(part, XLIFF2_NS, "source")[0], XLIFF2_NS)
            target_elements = _core(part, XLIFF2_NS, "target")
            sources.append(source)
            if _qname(part)[1] == "ignorable":
                # An ignorable is whitespace between segments; without a target, it stands as in the source.
                text = _text(target_elements[0], XLIFF2_NS) if target_elements else source
            else:
                text = _text(target_elements[0], XLIFF2_NS) if target_elements else None
                states.append(part.get("state") or INITIAL)
            order = target_elements[0].get("order") if target_elements else None
            targets.append((int(order) if order else position, text))
        pieces = [text for _, text in sorted(targets, key=lambda pair: pair[0])]
        complete = all(piece is not None for piece in pieces)
        units.append(XliffUnit(
            id=unit.get("id"),
            source="".join(sources),
            target="".join(pieces) if complete else None,
            state=min(states, key=STATES.index) if complete else INITIAL,
            label=unit.get("name"),
            notes=[note for notes in _core(unit, XLIFF2_NS, "notes") for note in _notes(notes, XLIFF2_NS, "category")],
        ))
    return XliffFile(
        version=root.get("version"),
        source_language=root.get("srcLang"),
        target_language=root.get("trgLang"),
        original=file.get("original"),
        units=units,
    )


def _read12(root: etree._Element) -> XliffFile:
    namespace = _qname(root)[0]
    file = next(c for c in _elements(root) if _qname(c) == (namespace, "file"))
    units = []
    for unit in _units12(root):
        source = next(c for c in _elements(unit) if _qname(c) == (namespace, "source"))
        target = next((c for c in _elements(unit) if _qname(c) == (namespace, "target")), None)
        if target is None:
            text, state = None, INITIAL
        else:
            text = _text(target, namespace)
            raw = target.get("state")
            state = TRANSLATED if raw is None else _STATES_12.get(raw, TRANSLATED)
            if unit.get("approved") == "yes":
                state = FINAL
        notes = [c for c in _elements(unit) if _qname(c) == (namespace, "note")]
        units.append(XliffUnit(
            id=unit.get("id"),
            source=_text(source, namespace),
            target=text,
            state=state,
            label=unit.get("resname"),
            notes=[XliffNote(note.get("from"), "".join(note.itertext())) for note in notes],
        ))
    return XliffFile(
        version=root.get("version") or "1.2",
        source_language=file.get("source-language"),
        target_language=file.get("target-language"),
        original=file.get("original"),
        units=units,
    )
