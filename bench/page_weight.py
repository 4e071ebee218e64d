"""Bytes a phone downloads on a first visit to each main page (empty cache), as served in
production: DEBUG=0, static files collected and compressed by WhiteNoise.

    .venv/bin/python bench/page_weight.py

Prints one line per page (HTML + every asset, transferred bytes) and fails (exit 1) if a page
weighs more than the budget. Runs on a throwaway demo site (scripts/demo_server.py).
"""

import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.demo_server import CHROMIUM_ARGS, demo_server, log_in  # noqa: E402

BUDGET = 200 * 1024
PHONE = {"width": 360, "height": 740}
WHO = "amina@sautiyajamii.example"
PARTNERSHIP = "Youth voices in county budgeting"


def _main_pages(page) -> list[tuple[str, str]]:
    """The main pages of the first demo partnership, found by following links."""
    page.goto("/partnerships/")
    page.get_by_role("link", name=PARTNERSHIP).click()
    partnership = page.url
    links = {"partnership list": "/partnerships/", "partnership": partnership}
    for label, selector in [
        ("reporting", "#reporting-section a[href$='/reporting/']"),
        ("MoU", "#mou-section a[href*='/mou/']"),
        ("reflection round", "#reflection-section a[href*='/reflection/']"),
        ("budget", "#budgets-section a[href*='/budgets/']"),
        ("budgets", "#budgets-section a[href*='/budgets/partnership/']"),
        ("decision-making agreement", "#mou-section a[href$='/decisions/']"),
        ("write our report", "a.write-our-report"),
    ]:
        link = page.locator(selector).first
        if link.count():
            links[label] = link.get_attribute("href")
    links["notifications"] = "/partnerships/notifications/"
    links["profile"] = "/accounts/profile/"
    return list(links.items())


def _weigh(browser, base_url, state, url) -> tuple[int, dict]:
    context = browser.new_context(base_url=base_url, viewport=PHONE, storage_state=state)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    by_type, total = defaultdict(int), 0
    for request in responses:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        by_type[request.resource_type] += size
        total += size
    encodings = {
        r.response().headers.get("content-encoding", "none")
        for r in responses
        if r.resource_type in {"stylesheet", "script"} and r.response()
    }
    context.close()
    return total, {**by_type, "encodings": ",".join(sorted(encodings))}


def main() -> int:
    over = []
    with demo_server(debug=False) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=base_url, viewport=PHONE)
        page = context.new_page()
        log_in(page, WHO)
        pages = _main_pages(page)
        state = context.storage_state()
        context.close()
        print(
            f"{'page':<28} {'total KB':>9}  {'html':>6} {'css':>6} {'js':>6} {'img':>6}  "
            "static encoding"
        )
        for label, url in pages:
            total, parts = _weigh(browser, base_url, state, url)
            print(
                f"{label:<28} {total / 1024:9.1f}  {parts.get('document', 0) / 1024:6.1f} "
                f"{parts.get('stylesheet', 0) / 1024:6.1f} {parts.get('script', 0) / 1024:6.1f} "
                f"{(parts.get('image', 0) + parts.get('other', 0)) / 1024:6.1f}  "
                f"{parts['encodings']}"
            )
            if total > BUDGET:
                over.append(label)
        browser.close()
    if over:
        print(f"Over {BUDGET // 1024} KB: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
