"""The HTML reading edition in a real browser (headless Chromium through Playwright).

Every page is loaded over file:// with all network access refused and recorded;
the cards, the highlight legend and the citation buttons are driven with the
mouse, the keyboard and touch; axe-core checks WCAG 2.1 A/AA in light and dark
mode; screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import missing_tool
from test_html import PAGES, ROOT, build_into

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
KINDS = ["person", "place", "org", "event", "date"]


def axe_path() -> Path | None:
    for candidate in (os.environ.get("AXE_CORE_JS"), ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_into(tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the session (skipped without one, except on CI)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page in a fresh context, with what it logged and tried to fetch."""

    def __init__(self, browser, site: Path, name: str, **context_options):
        self.errors: list[str] = []
        self.network: list[str] = []
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("request", lambda r: self._request(r.url))
        self.site = site
        if name:
            self.goto(name)

    def _failed(self, request) -> None:
        # A file the page asks for must exist (a request cut short by the next
        # navigation, like a late favicon, is not a missing file).
        if request.url.startswith("file:"):
            path = Path(unquote(urlsplit(request.url).path))
            if not path.is_file():
                self.errors.append(f"missing: {request.url}")

    def _request(self, url: str) -> None:
        if not url.startswith(("file:", "data:", "about:")):
            self.network.append(url)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.network.append(url)
            route.abort()

    def url(self, name: str) -> str:
        return (self.site / name).as_uri()

    def goto(self, name: str) -> None:
        self.page.goto(self.url(name))
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site):
    opened: list[Visit] = []

    def open_(name: str = "index.html", **options) -> Visit:
        v = Visit(browser, site, name, **options)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def card(page):
    return page.locator("#entity-card")


# --- loading --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors_or_network(visit, name):
    v = visit(name)
    assert v.page.evaluate("document.styleSheets.length") >= 1
    assert v.page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    # The script ran: the controls that need it are shown.
    assert v.page.locator("[data-js-only][hidden]").count() == 0
    v.page.mouse.move(10, 10)
    v.page.wait_for_timeout(200)
    assert v.errors == []
    assert v.network == []


# --- cards ----------------------------------------------------------------------------------


def test_a_name_opens_its_card_on_hover_and_the_pointer_can_rest_on_it(visit):
    v = visit()
    page = v.page
    trigger = page.locator("#m-enver-5")
    trigger.hover()
    card(page).wait_for(state="visible")
    text = card(page).inner_text()
    assert "Enver Pasha" in text and "22 November 1881" in text and "Anvar Posho" in text
    assert card(page).get_attribute("data-kind") == "person"
    assert trigger.get_attribute("aria-describedby") == "entity-card"
    # Hoverable: moving onto the card keeps it open.
    card(page).hover()
    page.wait_for_timeout(500)
    assert card(page).is_visible()
    # Leaving both closes it.
    page.mouse.move(5, 880)
    card(page).wait_for(state="hidden")
    assert trigger.get_attribute("aria-describedby") is None
    assert v.errors == [] and v.network == []


def test_citations_dates_and_places_have_cards_with_their_facts(visit):
    page = visit().page
    page.locator("#cite-olcott1981-1").hover()
    card(page).wait_for(state="visible")
    assert "Olcott" in card(page).inner_text() and "Soviet Studies" in card(page).inner_text()
    page.locator("#m-dushanbe-1").hover()
    page.wait_for_function("document.getElementById('entity-card').dataset.kind === 'place'")
    text = card(page).inner_text()
    assert "Dushanbe" in text and "38.53575° N" in text
    assert card(page).locator("a[href='https://www.wikidata.org/wiki/Q9365']").count() == 1
    date = page.locator("a.ent-date", has_text="early 1922").first
    date.hover()
    page.wait_for_function("document.getElementById('entity-card').dataset.kind === 'date'")
    assert "between 1 January 1922 and 30 April 1922" in card(page).inner_text()


def test_the_keyboard_opens_the_card_on_focus_and_escape_closes_it(visit):
    page = visit().page
    page.focus("#m-enver-5")
    card(page).wait_for(state="visible")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "m-ottoman-empire-2"
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "entity-card"
    assert "Ottoman Empire" in card(page).inner_text()
    page.keyboard.press("Escape")
    card(page).wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "m-ottoman-empire-2"
    assert page.evaluate("document.activeElement.hasAttribute('aria-describedby')") is False
    page.keyboard.press("Shift+Tab")
    card(page).wait_for(state="visible")
    assert "Enver Pasha" in card(page).inner_text()
    # Enter still follows the link to the register entry.
    page.keyboard.press("Enter")
    page.wait_for_url("**/persons.html#enver")
    assert page.evaluate("location.hash") == "#enver"


def test_a_tap_opens_the_card_and_a_second_tap_follows_the_link(visit):
    v = visit(has_touch=True, is_mobile=True, viewport={"width": 375, "height": 800})
    page = v.page
    trigger = page.locator("#m-kokand-1")
    trigger.scroll_into_view_if_needed()
    trigger.tap()
    card(page).wait_for(state="visible")
    assert "Kokand" in card(page).inner_text()
    assert page.url.endswith("/index.html")
    box = card(page).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    trigger.tap()
    page.wait_for_url("**/places.html#kokand")


def test_without_javascript_every_name_is_a_plain_link(visit):
    v = visit(java_script_enabled=False)
    page = v.page
    assert page.locator(".legend").is_hidden()
    assert page.locator("button.copy-cite").first.is_hidden()
    page.locator("#m-ibrahim-bek-3").click()
    page.wait_for_url("**/persons.html#ibrahim-bek")


# --- highlighting and citations ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_highlight_toggle_highlights_its_kind_only(visit, kind):
    page = visit().page
    button = page.locator(f"button.hl-toggle[data-kind='{kind}']")
    sample = {k: page.locator(f"a.ent-{k}").first for k in KINDS}
    before = {k: sample[k].evaluate("e => getComputedStyle(e).backgroundColor") for k in KINDS}
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(f"document.body.classList.contains('hl-{kind}')")
    page.wait_for_timeout(250)  # the background fades in
    after = {k: sample[k].evaluate("e => getComputedStyle(e).backgroundColor") for k in KINDS}
    assert after[kind] != before[kind] and after[kind] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert all(after[k] == before[k] for k in KINDS if k != kind)
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    page.wait_for_timeout(250)
    assert sample[kind].evaluate("e => getComputedStyle(e).backgroundColor") == before[kind]


def test_the_cite_button_copies_the_paragraph_citation(visit):
    v = visit()
    page = v.page
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("#p3 button.copy-cite")
    expected = button.get_attribute("data-copy")
    assert "¶3" in expected
    button.click()
    status = page.locator(".copy-status")
    status.wait_for(state="visible")
    assert expected in status.inner_text()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    assert "copied" in (button.get_attribute("class") or "")


def test_about_page_copies_the_citation_of_the_edition(visit):
    v = visit("about.html")
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = v.page
    page.locator("#cite button.copy-cite").first.click()
    page.locator(".copy-status").wait_for(state="visible")
    whole = page.locator("#cite-whole").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == whole


# --- accessibility ----------------------------------------------------------------------------


def run_axe(page) -> list[str]:
    path = axe_path()
    if path is None:
        missing_tool("axe-core is missing (npm ci --prefix tests)", "CI must check accessibility")
    page.add_script_tag(path=str(path))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(visit, name, scheme):
    v = visit(name, color_scheme=scheme)
    assert run_axe(v.page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_highlights_and_a_card_open(visit, scheme):
    v = visit("index.html", color_scheme=scheme)
    page = v.page
    for kind in KINDS:
        page.locator(f"button.hl-toggle[data-kind='{kind}']").click()
    page.wait_for_timeout(250)
    page.focus("#m-enver-5")
    card(page).wait_for(state="visible")
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_register_reorders_by_number_of_mentions_from_the_keyboard(visit, scheme):
    v = visit("persons.html", color_scheme=scheme)
    page = v.page
    by_name = page.locator(".entries > article").evaluate_all("els => els.map(e => e.id)")
    order = page.get_by_label("Order")
    assert order.is_visible()
    order.focus()
    page.keyboard.press("ArrowDown")  # Chromium changes a focused select's value with the arrow keys
    status = page.locator("[data-register-sort] [role='status']")
    status.wait_for(state="attached")
    page.wait_for_function("document.querySelector('[data-register-sort] [role=status]').textContent !== ''")
    assert "number of mentions" in status.text_content()
    by_mentions = page.locator(".entries > article").evaluate_all("els => els.map(e => e.id)")
    counts = page.locator(".entries > article .occ-head").evaluate_all(
        "els => els.map(e => (e.textContent.match(/(\\d+) times in the article|(once|twice) in the article/) || [])"
        ".slice(1).find(Boolean) || '0')")
    numbers = [{"once": 1, "twice": 2}.get(c) or int(c) for c in counts]
    assert by_mentions[0] == "enver" and sorted(by_mentions) == sorted(by_name) and by_mentions != by_name
    assert numbers == sorted(numbers, reverse=True)
    index = page.locator(".entry-index li a").evaluate_all("els => els.map(a => a.hash.slice(1))")
    assert index == by_mentions
    order.select_option("name")
    assert page.locator(".entries > article").evaluate_all("els => els.map(e => e.id)") == by_name
    assert v.errors == []
    order.select_option("mentions")
    assert run_axe(page) == []


def test_without_javascript_a_register_is_ordered_by_name_with_no_dead_control(visit):
    v = visit("persons.html", java_script_enabled=False)
    assert not v.page.get_by_label("Order").is_visible()
    assert v.page.locator("details.kwic-more").first.is_visible()


# --- layout -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_pages_fit_the_screen_and_are_screenshotted(visit, width):
    v = visit("", viewport={"width": width, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        v.goto(name)
        overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width}px by {overflow}px"
        if width in (1280, 375):
            v.page.screenshot(path=str(ARTIFACTS / f"{name[:-5]}-{width}.png"), full_page=True)
    assert v.errors == [] and v.network == []


def test_dark_mode_changes_the_colours(visit):
    v = visit("index.html", color_scheme="dark")
    dark = v.page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    v.page.screenshot(path=str(ARTIFACTS / "index-1280-dark.png"))
    light = visit("index.html", color_scheme="light").page.evaluate(
        "getComputedStyle(document.documentElement).backgroundColor")
    assert dark != light


def test_the_print_style_hides_navigation_and_keeps_paragraph_numbers_on_the_page(visit):
    page = visit(viewport={"width": 700, "height": 1000}).page
    page.emulate_media(media="print")
    for selector in (".site-header", ".sidebar", "#p3 button.copy-cite", ".legend"):
        assert page.locator(selector).evaluate("e => getComputedStyle(e).display") == "none", selector
    number = page.locator("#p3 .pnum")
    assert number.is_visible() and number.bounding_box()["x"] >= 0  # inside the printable area
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_axe_harness_reports_a_planted_violation(visit):
    """Guards the checks above: axe really runs and reports what it finds."""
    page = visit().page
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'assets/icon.svg';
        document.querySelector('main').prepend(img);
    }""")
    assert any(v.startswith("image-alt") for v in run_axe(page))
