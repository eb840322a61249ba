"""What a reference manager imports from the HTML edition, asked of Zotero's own
translation-server (the code Zotero uses to save a page). It is not part of the
project: the test runs only when ZOTERO_TRANSLATION_SERVER points to a running
server (e.g. http://127.0.0.1:1969, started from a checkout with its submodules
and ``npm install``), and is skipped otherwise, as on CI. The built pages are
served on 127.0.0.1 for the server to read."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import urllib.request

import pytest

SERVER = os.environ.get("ZOTERO_TRANSLATION_SERVER", "").rstrip("/")
pytestmark = pytest.mark.skipif(not SERVER, reason="ZOTERO_TRANSLATION_SERVER is not set")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from test_html import build_into

    site = build_into(tmp_path_factory.mktemp("citation-site"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def saved(url: str) -> tuple[int, list[dict]]:
    request = urllib.request.Request(f"{SERVER}/web", data=url.encode(), headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:  # 501: no translator, the page is saved as a plain web page
        return error.code, []


def test_the_article_page_is_saved_as_the_article_in_the_edition(site_url):
    status, items = saved(site_url + "index.html")
    assert status == 200 and len(items) == 1
    item = items[0]
    assert item["itemType"] == "bookSection"
    assert item["title"].startswith("Anvar Posho and the Warlords: Leadership Dynamics")
    assert item["bookTitle"] == "Anvar Posho and the Warlords (digital edition)"
    assert "publicationTitle" not in item  # no invented journal, no author/title string as container
    assert [(c["lastName"], c["creatorType"]) for c in item["creators"]] == [("Artikov", "author")]


@pytest.mark.parametrize("page", ["persons.html", "places.html", "organisations.html", "chronology.html",
                                  "bibliography.html", "about.html"])
def test_other_pages_are_saved_as_themselves(site_url, page):
    status, items = saved(site_url + page)
    assert status in (200, 501)
    for item in items:
        assert item["itemType"] == "webpage"
        assert not item["title"].startswith("Anvar Posho and the Warlords:")
