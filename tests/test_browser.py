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
    page.keyboard.press("ArrowRight")  # the next name of the same paragraph
    focused = page.evaluate("document.activeElement.id")
    assert focused == "m-ottoman-empire-2"
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "entity-card"
    assert "Ottoman Empire" in card(page).inner_text()
    page.keyboard.press("Escape")
    card(page).wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "m-ottoman-empire-2"
    assert page.evaluate("document.activeElement.hasAttribute('aria-describedby')") is False
    page.keyboard.press("ArrowLeft")
    card(page).wait_for(state="visible")
    assert "Enver Pasha" in card(page).inner_text()
    # Enter still follows the link to the register entry.
    page.keyboard.press("Enter")
    page.wait_for_url("**/persons.html#enver")
    assert page.evaluate("location.hash") == "#enver"


def tab_until(page, predicate: str, limit: int = 400) -> int:
    """Press Tab until the focused element satisfies a JS predicate (e => ...); the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"not reached in {limit} presses: {predicate}")


def tab_stops(page, limit: int = 600) -> list[str]:
    """Every element Tab reaches on the page, in order, once round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate("""() => { const e = document.activeElement;
            return e === document.body ? '' : e.tagName + '#' + (e.id || '') + '|' + (e.getAttribute('href') || e.className?.baseVal || e.className || '') + '|' + Math.round(e.getBoundingClientRect().top + scrollY); }""")
        if not key or (seen and key == seen[0]):
            break
        seen.append(key)
    return seen


def test_one_tab_stop_per_passage_and_the_references_a_few_presses_away(visit):
    page = visit().page
    names = page.locator("main a[data-card]").count()
    stops = tab_stops(page)
    # Before: every one of the names was a tab stop (287 stops). Now a passage is one.
    passages = page.evaluate("""() => new Set([...document.querySelectorAll('main a[data-card]')].map(a =>
        a.closest('.title-block, .abstract, .keywords, .para, .table-figure, .reference-list > li, .note-list > li'))).size""")
    name_stops = [s for s in stops if s.startswith("A#m-") or s.startswith("A#d-") or s.startswith("A#cite-")]
    assert names > 200 and len(name_stops) <= passages < 40 and len(stops) < 150, (len(name_stops), passages, len(stops))
    # The skip links: the references are three presses and Enter away.
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the references"
    assert page.locator("a.skip-link[href='#references']").evaluate("e => e.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#references')")
    # The switch puts every name back in the tab order.
    page.goto(page.url)
    page.locator("button.nav-toggle").click()
    assert page.locator("button.nav-toggle").get_attribute("aria-pressed") == "true"
    assert page.locator("main a[data-card][tabindex='-1']").count() == 0


def test_tab_goes_from_a_name_into_its_card_and_on(visit):
    page = visit().page
    page.focus("#m-kokand-1")
    card(page).wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#entity-card') !== null")
    assert page.evaluate("document.activeElement.href") == "https://www.geonames.org/1512979"
    assert card(page).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "places.html#kokand"
    page.keyboard.press("Tab")  # out of the card: it closes, focus goes on in the page
    card(page).wait_for(state="hidden")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def outline_shown(page) -> bool:
    return page.evaluate("""() => { const e = document.activeElement;
        const s = getComputedStyle(e);
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return true;
        const shape = e.querySelector && e.querySelector('circle, rect');
        return !!shape && getComputedStyle(shape).stroke.indexOf('rgb') === 0 && parseFloat(getComputedStyle(shape).strokeWidth) >= 3; }""")


@pytest.mark.parametrize("name", ["index.html", "places.html", "chronology.html", "network.html", "about.html"])
def test_focus_is_always_visible(visit, name):
    page = visit(name).page
    stops = tab_stops(page, limit=150)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(len(stops)):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        assert outline_shown(page), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


# --- the map and the timeline ------------------------------------------------------------------


def test_every_map_marker_is_a_keyboard_link_to_its_entry(visit):
    page = visit("places.html").page
    markers = page.locator("#map svg g.places a")
    hrefs = markers.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert {"#bukhara", "#dushanbe", "#kokand", "#baljuvon", "#istanbul", "#moscow"} == set(hrefs)
    assert "#fort-leavenworth" not in hrefs
    tab_until(page, "e => e.closest && e.closest('#map svg') !== null")
    reached = []
    while page.evaluate("document.activeElement.closest('#map svg') !== null"):
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        assert outline_shown(page)
        page.keyboard.press("Tab")
    assert sorted(reached) == sorted(hrefs)
    page.locator("#map svg a[href='#kokand']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#kokand'")
    # The markers sit inside the drawing, and Bukhara west of Kokand.
    box = page.locator("#map svg").bounding_box()
    for a in markers.all():
        b = a.bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1
    assert page.locator("#map a[href='#bukhara'] circle").bounding_box()["x"] < page.locator("#map a[href='#kokand'] circle").bounding_box()["x"]


def test_the_network_is_usable_by_keyboard(visit):
    page = visit("network.html").page
    nodes = page.locator("svg.network a.node")
    assert nodes.count() >= 30
    tab_until(page, "e => e.matches && e.matches('svg.network a.node')")
    first = page.evaluate("document.activeElement.getAttribute('data-node')")
    picked = page.locator("svg.network .edge.picked")
    assert picked.count() >= 1
    assert all(first in e.split() for e in picked.evaluate_all("els => els.map(e => e.getAttribute('data-ends'))"))
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{first}'")


def overlaps(a, b, slack=0.5) -> bool:
    return (a["x"] + slack < b["x"] + b["width"] and b["x"] + slack < a["x"] + a["width"]
            and a["y"] + slack < b["y"] + b["height"] and b["y"] + slack < a["y"] + a["height"])


@pytest.mark.parametrize("name,selector", [("chronology.html", "#timeline svg"), ("places.html", "#map svg")])
def test_labels_are_never_crossed(visit, name, selector):
    page = visit(name).page
    for svg in page.locator(selector).all():
        boxes = svg.evaluate("""s => {
            const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
            const labels = [...s.querySelectorAll('.mark text, .places text, .water-labels text, .river-labels text, .grid-label')]
              .map(t => ({mark: t.closest('a, g.mark') || t, text: t.textContent, box: box(t)}));
            const shapes = [...s.querySelectorAll('.mark rect, .mark circle, .mark line, .places circle')].map(e => ({mark: e.closest('a, g.mark'), box: box(e)}));
            return labels.map(l => ({text: l.text, box: l.box,
              others: labels.filter(o => o.mark !== l.mark).map(o => o.box).concat(shapes.filter(o => o.mark !== l.mark).map(o => o.box))}));
        }""")
        assert boxes
        for label in boxes:
            crossed = [o for o in label["others"] if overlaps(label["box"], o)]
            assert not crossed, f"{label['text']} is crossed in {name}"


def test_timeline_marks_are_links_and_periods_start_at_their_start(visit):
    page = visit("chronology.html").page
    period = page.locator("#timeline svg").nth(1)
    links = period.locator("a.mark")
    assert links.count() >= 10
    for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    # "1921-1922" fills the enlarged panel from its very start (January 1921): one bar, no dot.
    whole = period.locator("a.mark", has_text="1921-1922")
    assert whole.locator("circle").count() == 0
    bar = whole.locator("rect").bounding_box()
    axis = period.locator("line.axis").bounding_box()
    assert abs(bar["x"] - axis["x"]) < 2 and abs(bar["x"] + bar["width"] - axis["x"] - axis["width"]) < 2
    # The Soviet era began before 1921: its bar says it goes on beyond the panel.
    assert "←" in period.locator("a.mark", has_text="Soviet era").text_content()
    period.locator("a.mark", has_text="Battle of Baljuvon").click()
    page.wait_for_function("location.hash === '#ev-death-of-enver'")


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timelines_shaded_period_shows_in_both_schemes(visit, scheme):
    page = visit("chronology.html", color_scheme=scheme).page
    band = page.locator("#timeline .detail-band").evaluate("e => getComputedStyle(e).fill")
    ground = page.locator("#timeline .svg-scroll").evaluate("e => getComputedStyle(e).backgroundColor")
    lighter, darker = sorted((luminance(band), luminance(ground)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 1.15, (band, ground)
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / f"timeline-{scheme}.png"))


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_maps_aral_sea_is_water_and_its_rivers_show_on_the_land_in_both_schemes(visit, scheme):
    page = visit("places.html", color_scheme=scheme).page
    style = "(e, p) => getComputedStyle(e)[p]"
    sea = page.locator("#map svg > rect.map-water").evaluate(style, "fill")
    land = page.locator("#map svg > path.map-land").evaluate(style, "fill")
    aral = page.locator("#map svg > path.map-lake")
    assert aral.evaluate(style, "fill") == sea != land  # the Aral is drawn as the Caspian is
    assert aral.bounding_box()["width"] > 40  # an area, not a speck
    for name in ("Amu Darya", "Syr Darya"):
        river = page.locator(f"#map svg > path.map-river.named[data-river='{name}']")
        assert river.evaluate(style, "fill") == "none" and contrast(river.evaluate(style, "stroke"), land) >= 3, name  # WCAG 1.4.11
        label = page.locator("#map .river-labels text", has_text=name)
        assert label.is_visible() and contrast(label.evaluate(style, "fill"), land) >= 4.5, name
    page.locator("#map").screenshot(path=str(ARTIFACTS / f"map-{scheme}.png"))


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
    assert page.locator("button.cite-toggle").first.is_hidden()
    assert page.locator("#search-input").is_hidden()
    page.locator("#m-ibrahim-bek-3").click()
    page.wait_for_url("**/persons.html#ibrahim-bek")
    page.goto(v.url("places.html"))
    page.locator("#map a[href='#dushanbe']").click()
    page.wait_for_function("location.hash === '#dushanbe'")


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


def test_the_cite_button_opens_the_paragraphs_citations_and_the_confirmation_covers_nothing(visit):
    v = visit()
    page = v.page
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("#p3 button.cite-toggle")
    button.click()
    panel = page.locator("#cite-p3-panel")
    panel.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    assert panel.locator("dt").all_inner_texts() == ["Chicago", "APA", "MLA", "BibTeX", "RIS"]
    assert "no public address yet" in panel.inner_text()
    chicago = panel.locator("p[data-style='chicago']").inner_text()
    assert "Par. 3." in chicago and "Artikov" in chicago
    panel.locator("button.copy-cite").first.click()
    status = page.locator(".copy-status")
    status.wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == chicago
    # In the flow of the page, under the citation: it covers no text.
    assert status.evaluate("e => getComputedStyle(e).position") == "static"
    for other in ["#p3", "#p4", "#cite-p3-panel p[data-style='apa']"]:
        assert not overlaps(status.bounding_box(), page.locator(other).bounding_box()), other
    status.locator("button.copy-dismiss").click()
    status.wait_for(state="hidden")
    panel.locator("button.cite-close").click()
    panel.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('cite-toggle')")


def test_a_paragraph_address_highlights_the_whole_paragraph(visit):
    v = visit()
    page = v.page
    page.goto(v.url("index.html") + "#p3")
    colour = page.locator("#p3").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour != page.locator("#p2").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_about_page_copies_the_citation_of_the_edition(visit):
    v = visit("about.html")
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = v.page
    page.locator("#cite button.copy-cite").first.click()
    page.locator(".copy-status").wait_for(state="visible")
    whole = page.locator("#cite-whole").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == whole


# --- the article page: downloads, contents, search -----------------------------------------


def test_the_article_page_offers_its_downloads_and_labels_its_titles(visit):
    page = visit().page
    downloads = page.locator(".article-downloads a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert {"../pdf/article.pdf", "../data/article.xml"} <= set(downloads)
    assert page.locator("#title-as-printed").inner_text().lower() == "title as printed"
    assert page.locator(".normalised-title .title-label").is_visible()


def test_the_contents_list_marks_the_section_being_read(visit):
    page = visit().page
    page.locator("#conclusion").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('conclusion').scrollIntoView({block: 'start'})")
    page.wait_for_function("document.querySelector('.toc a[aria-current]')?.getAttribute('href') === '#conclusion'")
    assert page.locator(".toc a[aria-current]").count() == 1


def test_search_finds_the_article_and_the_registers_offline(visit):
    v = visit()
    page = v.page
    box = page.locator("#search-input")
    box.fill("lokai")
    page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
    hrefs = page.locator("#search-results a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert "places.html#lokai-valley" in hrefs and any(h.startswith("index.html#p") for h in hrefs)
    assert "result" in page.locator("#search-count").inner_text()
    box.fill("ibrahim revolt")
    page.wait_for_function("[...document.querySelectorAll('#search-results a')].some(a => a.getAttribute('href') === 'chronology.html#ev-ibrahim-revolt')")
    page.locator("#search-results a[href='chronology.html#ev-ibrahim-revolt']").click()
    page.wait_for_url("**/chronology.html#ev-ibrahim-revolt")
    box_missing = page.locator("#search-input").count()
    assert box_missing == 0 and v.errors == [] and v.network == []


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


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (!(r.width > 0 && r.right > innerWidth + 1) || e.closest('.svg-scroll, #entity-card')) return false;
    // Text kept for screen readers only (clipped to nothing) is not on the screen.
    for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).clipPath !== 'none') return false;
    return true;
}).map(e => e.tagName + '.' + (e.getAttribute('class') || ''))"""


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_pages_fit_the_screen_and_are_screenshotted(visit, width):
    v = visit("", viewport={"width": width, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        v.goto(name)
        overflow = v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width}px by {overflow}px"
        # Nothing is wider than the screen but a scroller that says it scrolls.
        assert v.page.evaluate(WIDER_THAN_THE_SCREEN) == [], name
        for scroller in v.page.locator(".svg-scroll").all():
            if scroller.evaluate("e => e.scrollWidth > e.clientWidth"):
                hint = scroller.locator("xpath=preceding-sibling::p[@class='scroll-hint']")
                assert hint.is_visible() and "scroll" in hint.inner_text(), name
        if width in (1280, 375):
            v.page.screenshot(path=str(ARTIFACTS / f"{name[:-5]}-{width}.png"), full_page=True)
    assert v.errors == [] and v.network == []


def test_on_a_phone_the_map_shows_the_story_and_the_tables_fit(visit):
    page = visit("places.html", viewport={"width": 375, "height": 800}).page
    scroller = page.locator("#map .svg-scroll").bounding_box()
    for place in ["bukhara", "dushanbe", "kokand", "baljuvon"]:
        dot = page.locator(f"#map a[href='#{place}'] circle").bounding_box()
        assert scroller["x"] <= dot["x"] and dot["x"] + dot["width"] <= scroller["x"] + scroller["width"], place
    page.goto(page.url.replace("places.html", "index.html"))
    for table in ["#table1", "#table2"]:
        box = page.locator(f"{table} table").bounding_box()
        caption = page.locator(f"{table} caption").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, table
        assert caption["x"] + caption["width"] <= 375, table
    # Each cell says which column it is in.
    assert page.locator("#table2 td").first.evaluate("e => getComputedStyle(e, '::before').content").startswith('"Date')
    # "[10]" keeps clear of "Paksoy".
    number = page.locator("#ref10 .ref-n").evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().right; }")
    text = page.locator("#ref10 .ref-text").evaluate("e => e.getClientRects()[0].left")
    assert number + 2 <= text


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
    for selector in (".site-header", ".sidebar", "#p3 button.cite-toggle", ".legend"):
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
