"""What the translation tests share besides fixtures: DRAFT/4 made through the services, reading pages, provisions."""

import re

import lxml.etree
import lxml.html

from accord.negotiation import revisions, services
from accord.negotiation.models import Amendment

OP27 = "para_27"
OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"


def issue_draft_4(draft, users):
    """Russia replaces words in OP27 of DRAFT/3, the chair accepts and issues DRAFT/4; returns DRAFT/4."""
    amendment = services.table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                               text=NEW_WORDS)
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=amendment.version)
    return revisions.issue_next_revision(draft, users["chair"]).revision


def provision(version, provision_id=OP27):
    """The text of one provision of a language version, as stored now."""
    version.refresh_from_db()
    return next(p.text for p in version.text().provisions() if p.id == provision_id)


def html(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    return [text(item) for item in html(response).cssselect("#errors li")]


# What a translator writes in the CAT tool for OP27 of DRAFT/4, in two sentences as the tool segments it.
RU_FIRST = ("Мы призываем те государства-члены, которые еще не сделали этого, в кратчайшие сроки ратифицировать Устав "
            "Секретариата Совещания по взаимодействию и мерам доверия в Азии.")
RU_SECOND = ("Мы также призываем те государства-члены, которые еще не сделали этого, подписать и ратифицировать "
             "Конвенцию о привилегиях и иммунитетах Секретариата, его персонала и представителей государств-членов.")
RU_NEW = f"{RU_FIRST} {RU_SECOND}"


def sentences(text: str) -> tuple[str, str]:
    """A provision of two sentences, cut where a CAT tool segments it: after the first full stop and its space."""
    first, second = re.split(r"(?<=[.。]) ", text, maxsplit=1)
    return first, second


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cat_tool_xliff2(exported: bytes, unit_id: str, target: str) -> bytes:
    """What a CAT tool sends back for one unit of an XLIFF 2.0 file Accord exported, written by hand as such a tool
    writes it: the languages and file id kept, the unit split into two segments with the space between them an
    ``<ignorable>``, the term marked with ``<mrk>`` in the target, ``state="translated"``, a translation-memory
    match of a module namespace, Windows line endings and a byte-order mark."""
    root = lxml.etree.fromstring(exported)
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    file = root.find("x:file", ns)
    source = root.find(f".//x:unit[@id='{unit_id}']//x:source", ns).text
    source_1, source_2 = sentences(source)
    target_1, target_2 = sentences(target)
    term = "Устав Секретариата"
    marked = xml_escape(target_1).replace(term, f'<mrk id="m1" type="term">{term}</mrk>')
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"'
        f' version="2.0" srcLang="{root.get("srcLang")}" trgLang="{root.get("trgLang")}">',
        f'  <file id="{file.get("id")}" original="{file.get("original")}">',
        f'    <unit id="{unit_id}" name="OP27">',
        '      <mtc:matches>',
        '        <mtc:match ref="#s1" similarity="72.0"><source>Old sentence.</source><target>Старое.</target>'
        '</mtc:match>',
        '      </mtc:matches>',
        '      <segment id="s1" state="translated">',
        f'        <source>{xml_escape(source_1)}</source>',
        f'        <target>{marked}</target>',
        '      </segment>',
        '      <ignorable>',
        '        <source xml:space="preserve"> </source>',
        '      </ignorable>',
        '      <segment id="s2" state="translated">',
        f'        <source>{xml_escape(source_2)}</source>',
        f'        <target>{xml_escape(target_2)}</target>',
        '      </segment>',
        '    </unit>',
        '  </file>',
        '</xliff>',
    ]
    return "\ufeff".encode() + "\r\n".join(lines).encode() + b"\r\n"


def cat_tool_xliff12(exported: bytes, unit_id: str, target: str) -> bytes:
    """The same in XLIFF 1.2 as an older tool writes it: the source segmented in ``<seg-source>`` and the target in
    ``<mrk mtype="seg">`` parts, the old translation kept as an ``<alt-trans>``, ``state="translated"``, CRLF."""
    root = lxml.etree.fromstring(exported)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    file = root.find("x:file", ns)
    unit = root.find(f".//x:trans-unit[@id='{unit_id}']", ns)
    source = unit.find("x:source", ns).text
    old = unit.find("x:target", ns).text
    source_1, source_2 = sentences(source)
    target_1, target_2 = sentences(target)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">',
        f'<file original="{file.get("original")}" source-language="{file.get("source-language")}" '
        f'target-language="{file.get("target-language")}" datatype="plaintext">',
        '<header><tool tool-id="cat" tool-name="A CAT tool"/></header>',
        '<body>',
        f'<trans-unit id="{unit_id}" resname="OP27" sdl:locked="false">',
        f'<source>{xml_escape(source)}</source>',
        f'<seg-source><mrk mtype="seg" mid="1">{xml_escape(source_1)}</mrk> '
        f'<mrk mtype="seg" mid="2">{xml_escape(source_2)}</mrk></seg-source>',
        f'<target state="translated"><mrk mtype="seg" mid="1">{xml_escape(target_1)}</mrk> '
        f'<mrk mtype="seg" mid="2">{xml_escape(target_2)}</mrk></target>',
        f'<alt-trans match-quality="70"><target>{xml_escape(old)}</target></alt-trans>',
        '<note from="translator">Term checked against the TBX.</note>',
        '</trans-unit>',
        '</body>',
        '</file>',
        '</xliff>',
    ]
    return "\r\n".join(lines).encode()


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/xliff+xml")


def messages_shown(response) -> list[str]:
    return [text(item) for item in html(response).cssselect(".messages li")]


def bearer(username: str) -> dict[str, str]:
    """``Authorization: Bearer …`` with a new token printed by `accord token USERNAME`."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("token", username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}
