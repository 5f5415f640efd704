"""The 2021 Plan on Implementation of CBMs in a browser, each role in a browser of its own: a delegate of Russia
opens the plan's dashboard filtered by the economic dimension; the secretariat adds an economic event to the plan and
marks another held; the delegate's dashboard, reloaded, shows the counts changed, still for that dimension only.
"""


def row_counts(tab, selector: str) -> list[str]:
    """The counts of a dashboard row: planned, held, postponed, cancelled, total."""
    return [cell.strip() for cell in tab.locator(f"{selector} td").all_inner_texts()]


def test_the_delegate_sees_the_dashboard_change_as_the_secretariat_updates_the_plan(signed_in, site):
    delegate = signed_in("delegate-ru")
    delegate.goto(f"{site}/institutions/")
    delegate.locator("#plan-2021").get_by_role("link", name="Dashboard").click()
    assert delegate.locator("h1").inner_text() == "Dashboard of the plan for 2021"
    assert row_counts(delegate, "#by-dimension tr[data-dimension='3']") == ["2", "1", "0", "1", "4"]
    delegate.locator("#filters").get_by_label("Dimension").select_option(label="3. Economic dimension")
    delegate.locator("#filters").get_by_role("button", name="Filter").click()
    delegate.wait_for_url("**dimension=3**")
    assert delegate.locator("#by-dimension tbody tr").count() == 1
    assert row_counts(delegate, "#totals") == ["2", "1", "0", "1", "4"]
    assert delegate.locator("#by-state tbody th").all_inner_texts() == [
        "Azerbaijan", "Qatar", "Republic of Korea", "Türkiye"]
    dashboard_url = delegate.url

    officer = signed_in("officer")
    officer.goto(f"{site}/institutions/plans/2021/")
    add = officer.locator("#add-event")
    add.get_by_label("Priority area").select_option(label="3.1 Development of small and medium-sized enterprises")
    add.get_by_label("Kind").select_option(label="Seminar")
    add.get_by_label("Organizer").select_option(label="Thailand")
    add.get_by_label("First day").fill("2021-12-02")
    titles = add.locator("#titles")
    titles.get_by_label("English").fill("Seminar on women's entrepreneurship")
    titles.get_by_label("Russian").fill("Семинар по женскому предпринимательству")
    add.locator("#venue").get_by_label("English").fill("Bangkok")
    add.get_by_role("button", name="Add the event").click()
    assert "Event “Seminar on women's entrepreneurship” added to the plan." in officer.locator(".messages").inner_text()
    assert officer.locator("#event-total").inner_text() == "15"

    status = officer.locator("#change-status")
    event = status.get_by_label("Event")
    event.select_option(event.locator("option", has_text="Workshop on the security of transport corridors")
                        .get_attribute("value"))
    status.get_by_label("New status").select_option(label="Held")
    status.get_by_label("Report (note)").fill("Recommendations circulated to the Member States.")
    status.get_by_role("button", name="Change the status").click()
    assert "Workshop on the security of transport corridors”: Held." in officer.locator(".messages").inner_text()
    row = officer.locator("#events tr", has_text="Workshop on the security of transport corridors")
    assert row.locator(".status").inner_text() == "Held"

    delegate.goto(dashboard_url)
    assert row_counts(delegate, "#by-dimension tr[data-dimension='3']") == ["2", "2", "0", "1", "5"]
    assert row_counts(delegate, "#totals") == ["2", "2", "0", "1", "5"]
    assert delegate.locator("#by-state tbody th").all_inner_texts() == [
        "Azerbaijan", "Qatar", "Republic of Korea", "Thailand", "Türkiye"]
    assert row_counts(delegate, "#by-state tr[data-state='AZ']") == ["0", "1", "0", "0", "1"]
    assert delegate.locator("#by-dimension tbody tr").count() == 1  # still the economic dimension only

    delegate.locator("#filters").get_by_role("link", name="Show all").click()
    assert row_counts(delegate, "#totals") == ["7", "6", "1", "1", "15"]
    assert delegate.errors == [] and officer.errors == []
