"""A redline as HTML: the whole newer text with deletions in ``<del>`` and insertions in ``<ins>``, and a table of
contents of the changes, each entry a link to the change and each change a link on to the next.

Each unit keeps its provision id as the element id (``para_27``), so a redline links to the same provision as the
reading room does; the changes are also numbered ``change-1``, ``change-2``… for the jumps. All text is escaped here.
"""

from __future__ import annotations

from html import escape

from .redline import DELETE, INSERT, Change, changed

_STYLE = """
body { font-family: "Times New Roman", "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }
ins { color: #05620f; text-decoration: underline; background: #e6f4e6; }
del { color: #a30000; text-decoration: line-through; background: #fbe7e7; }
.label { color: #666; font: .75em sans-serif; margin-right: .5em; }
.unit.inserted, .unit.deleted, .unit.changed { border-left: 3px solid #c90; padding-left: .5em; }
.next { font: .75em sans-serif; margin-left: .5em; }
nav.changes { font: .9em sans-serif; border: 1px solid #ccc; padding: .5em 1em; }
"""

def render_redline_html(
    changes: list[Change], title: str, language: str, subtitle: str = "", standalone: bool = True
) -> str:
    """The redline page (``standalone``) or its ``<article>`` fragment; ``subtitle`` names the two revisions."""
    jumps = {change.id: number for number, change in enumerate(changed(changes), start=1)}
    total = len(jumps)
    parts = [f'<article class="redline" lang="{escape(language)}">', f"<h1>{escape(title)}</h1>"]
    if subtitle:
        parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    parts.append(_contents(changes, jumps))
    for change in changes:
        parts.append(_unit(change, jumps.get(change.id), total))
    parts.append("</article>")
    body = "\n".join(parts)
    if not standalone:
        return body
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _contents(changes: list[Change], jumps: dict[str, int]) -> str:
    if not jumps:
        return '<nav class="changes"><p>No changes.</p></nav>'
    items = "".join(
        f'<li><a href="#change-{jumps[c.id]}">{escape(c.label)}</a> — {c.status}</li>'
        for c in changes if c.id in jumps
    )
    return f'<nav class="changes"><p>{len(jumps)} changes</p><ol>{items}</ol></nav>'


def _unit(change: Change, number: int | None, total: int) -> str:
    text = "".join(_edit(edit.op, edit.text) for edit in change.edits)
    anchor = f'<a id="change-{number}"></a>' if number else ""
    after = ""
    if number:
        target = f"#change-{number + 1}" if number < total else "#change-1"
        after = f'<a class="next" href="{target}">↓</a>'
    return (
        f'<p class="unit {change.status}" id="{escape(change.id)}">{anchor}'
        f'<span class="label">{escape(change.label)}</span>{text}{after}</p>'
    )


def _edit(op: str, text: str) -> str:
    if op == INSERT:
        return f"<ins>{escape(text)}</ins>"
    if op == DELETE:
        return f"<del>{escape(text)}</del>"
    return escape(text)
