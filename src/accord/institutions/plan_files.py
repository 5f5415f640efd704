"""A Plan on Implementation of CBMs as files to circulate: DOCX (python-docx) and XLSX (openpyxl).

Both are written in one language, which need not be the interface's: the events' titles and venues, the dimensions,
areas and States in that language (else English), the fixed wording ("Workshop", "Held", the headings) from the
interface catalog of that language (English when Accord has none), dates as the language writes them (Babel).

* DOCX: A4 landscape in the house layout of :mod:`accord.text.docx_writer` (Times New Roman 12), the title, the
  approval by the Senior Officials Committee, then per dimension a heading and a table of its events.
* XLSX: a sheet of events, one row each, with real dates, a header row that stays in view and a filter on every
  column; a second sheet with the events counted by dimension and status.
"""

from __future__ import annotations

import datetime as dt
import io

from babel.dates import format_date
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from accord.text.docx_writer import WordWriter
from accord.text.languages import get_language as language_table

from . import cbm
from .models import Dimension, Plan, PlanEvent

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _babel_locale(language: str) -> str:
    try:
        return language_table(language).locale.replace("-", "_")
    except KeyError:
        return "en_GB"


def day_text(day: dt.date, language: str) -> str:
    """"26 August 2021", "26 августа 2021 г.", as ``language`` writes a date."""
    return format_date(day, "long", locale=_babel_locale(language))


def days_text(event: PlanEvent, language: str) -> str:
    if event.start == event.end:
        return day_text(event.start, language)
    return f"{day_text(event.start, language)} – {day_text(event.end, language)}"


def plan_title(plan: Plan) -> str:
    """In the active language."""
    return _("Plan on Implementation of Confidence Building Measures for %(year)s") % {"year": plan.year}


def approval_text(plan: Plan, language: str) -> str:
    """In the active language: by whom and when the plan was approved, with the decision's symbol or reference."""
    if not plan.is_approved:
        return _("Not yet approved by the Senior Officials Committee.")
    decision = plan.approval.symbol if plan.approval_id else plan.approval_reference
    return _("Approved by the Senior Officials Committee on %(day)s (%(decision)s).") % {
        "day": day_text(plan.approved_by_soc_on, language), "decision": decision}


def _columns() -> list[str]:
    """The events' columns, in the active language."""
    return [_("No."), _("Dimension"), _("Priority area"), _("Event"), _("Kind"), _("Organizer"), _("First day"),
            _("Last day"), _("Venue"), _("Status"), _("Report")]


def _report(event: PlanEvent) -> str:
    parts = [event.report.symbol] if event.report_id else []
    if event.report_note:
        parts.append(event.report_note)
    return "; ".join(parts)


def _events(plan: Plan) -> list[PlanEvent]:
    return list(cbm.plan_events(plan).order_by("area__dimension__number", "area__number", "start", "pk"))


# DOCX -----------------------------------------------------------------------------------------------------------------


def plan_docx(plan: Plan, language: str) -> bytes:
    """The plan as a Word document in ``language``."""
    with translation.override(language):
        writer = WordWriter(language)
        doc = writer.doc
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(15)

        title = doc.add_paragraph(plan_title(plan), style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_paragraph(approval_text(plan, language)).alignment = WD_ALIGN_PARAGRAPH.CENTER

        events = _events(plan)
        by_dimension: dict[int, list[PlanEvent]] = {}
        for event in events:
            by_dimension.setdefault(event.area.dimension_id, []).append(event)
        headers = [_("No."), _("Priority area"), _("Event"), _("Kind"), _("Organizer"), _("Dates"), _("Venue"),
                   _("Status")]
        number = 0
        for dimension in Dimension.objects.order_by("number"):
            doc.add_paragraph(f"{dimension.number}. {dimension.name(language)}", style="Heading 2")
            rows = by_dimension.get(dimension.pk, [])
            if not rows:
                doc.add_paragraph(_("No event is planned in this dimension."))
                continue
            table = doc.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, headers):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
            for event in rows:
                number += 1
                values = [str(number), f"{event.area.label} {event.area.name(language)}", event.title(language),
                          str(event.get_kind_display()), event.organizer.name(language), days_text(event, language),
                          event.venue_name(language), str(event.get_status_display())]
                for cell, text in zip(table.add_row().cells, values):
                    cell.text = text
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.first_line_indent = Mm(0)
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                        for run in paragraph.runs:
                            run.font.size = Pt(10)

        footer = section.footer.paragraphs[0]
        footer.text = plan_title(plan)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        props = doc.core_properties
        props.title = plan_title(plan)
        props.language = language
        props.author = props.last_modified_by = "Accord"
        props.comments = ""
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


# XLSX -----------------------------------------------------------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_INVALID_SHEET_CHARS = str.maketrans({char: " " for char in "[]:*?/\\"})


def _sheet_title(text: str) -> str:
    return text.translate(_INVALID_SHEET_CHARS).strip()[:31]


def _header(sheet, values: list[str]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def plan_xlsx(plan: Plan, language: str) -> bytes:
    """The plan as a workbook in ``language``: a sheet of events, a sheet of counts."""
    with translation.override(language):
        book = Workbook()
        sheet = book.active
        sheet.title = _sheet_title(_("Events %(year)s") % {"year": plan.year})
        sheet.append([plan_title(plan)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([approval_text(plan, language)])
        sheet.append([])
        _header(sheet, _columns())
        header_row = sheet.max_row
        for number, event in enumerate(_events(plan), start=1):
            area = f"{event.area.label} {event.area.name(language)}"
            sheet.append([number, event.area.dimension.name(language), area, event.title(language),
                          str(event.get_kind_display()), event.organizer.name(language), event.start, event.end,
                          event.venue_name(language), str(event.get_status_display()), _report(event)])
            for column in (7, 8):
                sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd"
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(_columns()))}{sheet.max_row}"
        for column, width in enumerate((6, 28, 36, 48, 16, 20, 12, 12, 18, 12, 30), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for row in sheet.iter_rows(min_row=header_row + 1):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)

        summary = book.create_sheet(_sheet_title(_("Summary")))
        overview = cbm.dashboard(cbm.EventFilter(year=plan.year), language)
        labels = dict(PlanEvent.STATUSES)
        _header(summary, [_("Dimension"), *(str(labels[status]) for status in overview.statuses), _("Total")])
        for row in overview.by_dimension:
            summary.append([f"{row.key.number}. {row.key.name(language)}",
                            *(row.counts[status] for status in overview.statuses), row.total])
        summary.append([_("Total"), *(overview.totals.counts[status] for status in overview.statuses),
                        overview.totals.total])
        for cell in summary[summary.max_row]:
            cell.font = Font(bold=True)
        summary.column_dimensions["A"].width = 40

        book.properties.title = plan_title(plan)
        book.properties.language = language
        book.properties.creator = "Accord"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
