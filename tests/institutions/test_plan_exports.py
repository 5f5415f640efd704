"""A plan as files, read back: the XLSX with openpyxl (real dates, a header row, the counts sheet) and the DOCX with
python-docx (the title, the approval, a table per dimension), in the language asked for."""

import datetime as dt
import io

import docx
import openpyxl
from django.urls import reverse
from django.utils.translation import override

from accord.institutions import cbm
from accord.institutions.plan_files import plan_docx, plan_title, plan_xlsx
from accord.registry.models import State


def in_russian(wording, *args) -> str:
    """The fixed wording as the Russian catalog has it (English until it is translated)."""
    with override("ru"):
        return wording(*args)


def test_the_xlsx_holds_every_event_with_real_dates_and_the_counts(signed_in, plan):
    response = signed_in("delegate-ru").get(reverse("institutions:plan_xlsx", args=[2021]) + "?lang=ru")
    book = openpyxl.load_workbook(io.BytesIO(response.content))

    events, summary = book.worksheets
    assert book.properties.language == "ru"
    rows = list(events.iter_rows(values_only=True))
    assert rows[0][0] == in_russian(plan_title, plan)
    assert "25 февраля 2021" in rows[1][0]
    header = rows[3]
    assert len(header) == 11 and all(header)
    body = [row for row in rows[4:] if row[0] is not None]
    assert [row[0] for row in body] == list(range(1, 15))
    mudflows = next(row for row in body if row[3] == "Семинар-практикум по реагированию на сели и землетрясения")
    assert mudflows[1] == "Экологическое измерение"
    assert mudflows[2] == "4.1 Сотрудничество в области чрезвычайных ситуаций"
    assert mudflows[5] == "Кыргызстан" and mudflows[8] == "Бишкек"
    assert (mudflows[6], mudflows[7]) == (dt.datetime(2021, 6, 22), dt.datetime(2021, 6, 23))
    assert mudflows[10].startswith("Report of the organizer")
    assert events.freeze_panes == "A5" and events.auto_filter.ref == "A4:K18"

    counts = list(summary.iter_rows(values_only=True))
    assert counts[1] == ("1. Военно-политическое измерение", 1, 1, 0, 0, 2)
    assert counts[-1][1:] == (7, 5, 1, 1, 14)


def test_the_xlsx_follows_the_plan_as_it_changes(officer, plan):
    cbm.add_event(officer, plan, area=cbm.area_by_label("5.1"), kind="seminar",
                  titles={"en": "Seminar on the Silk Road heritage"}, organizer=State.objects.get(code="UZ"),
                  start=dt.date(2021, 12, 20))
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan, "kk")))
    rows = [row for row in book.worksheets[0].iter_rows(min_row=5, values_only=True) if row[0] is not None]
    assert len(rows) == 15
    added = next(row for row in rows if row[3] == "Seminar on the Silk Road heritage")  # no Kazakh title: English
    assert added[5] == "Өзбекстан" and added[6] == added[7] == dt.datetime(2021, 12, 20) and added[8] is None
    assert list(book.worksheets[1].iter_rows(values_only=True))[-1][-1] == 15


def test_the_docx_has_the_title_the_approval_and_a_table_per_dimension(signed_in, plan):
    response = signed_in("observer-tm").get(reverse("institutions:plan_docx", args=[2021]) + "?lang=ru")
    document = docx.Document(io.BytesIO(response.content))

    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == in_russian(plan_title, plan)
    assert document.paragraphs[0].style.name == "Title"
    assert "25 февраля 2021" in paragraphs[1]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. Военно-политическое измерение", "2. Новые вызовы и угрозы", "3. Экономическое измерение",
                        "4. Экологическое измерение", "5. Человеческое измерение"]
    assert len(document.tables) == 5
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows[1:]]
    assert len(rows) == 14 and [row[0] for row in rows] == [str(n) for n in range(1, 15)]
    ict = next(row for row in rows if row[2] == "Совещание экспертов по безопасности в сфере использования ИКТ")
    assert ict[1].startswith("2.3 Безопасность в сфере") and ict[4] == "Россия" and ict[6] == "Москва"
    assert "12 октября 2021" in ict[5] and "13 октября 2021" in ict[5]
    assert document.core_properties.language == "ru"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_the_docx_of_a_plan_not_yet_approved_says_so(officer, demo):
    plan = cbm.create_plan(officer, year=2022)
    document = docx.Document(io.BytesIO(plan_docx(plan, "en")))
    assert document.paragraphs[1].text == "Not yet approved by the Senior Officials Committee."
    assert "No event is planned in this dimension." in [p.text for p in document.paragraphs]
    assert not document.tables
