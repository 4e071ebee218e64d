"""Screenshots for the docs, taken on a phone (360 px) from a fresh demo site:

    .venv/bin/python scripts/screenshot.py

writes docs/screenshot.png (the README's: the partnership list) and, in Arabic and French,
the partnership, reporting and budget pages as docs/<page>-<language>.png.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.demo_server import CHROMIUM_ARGS, choose_language, demo_server, log_in  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs"
PHONE = {"width": 360, "height": 740}
WHO = "amina@sautiyajamii.example"  # local admin of the first demo partnership
PARTNERSHIP = "Youth voices in county budgeting"


def _pages(page):
    """Partnership, reporting and budget page of the first demo partnership, found by
    following links as a user would."""
    page.goto("/partnerships/")
    page.get_by_role("link", name=PARTNERSHIP).click()
    partnership = page.url
    page.locator("#reporting-section a[href$='/reporting/']").first.click()
    reporting = page.url
    page.goto(partnership)
    page.locator("#budgets-section a[href*='/budgets/']").first.click()
    budget = page.url
    return {"partnership": partnership, "reporting": reporting, "budget": budget}


def main():
    DOCS.mkdir(exist_ok=True)
    written = []
    with demo_server(debug=True) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(base_url=base_url, viewport=PHONE, locale="en-GB")
        log_in(page, WHO)
        choose_language(page, "en")
        page.goto("/partnerships/")
        page.screenshot(path=str(DOCS / "screenshot.png"), full_page=True)
        written.append("screenshot.png")
        urls = _pages(page)
        for language in ("ar", "fr"):
            choose_language(page, language)
            for name, url in urls.items():
                page.goto(url)
                out = DOCS / f"{name}-{language}.png"
                page.screenshot(path=str(out), full_page=True)
                written.append(out.name)
        browser.close()
    print("wrote", ", ".join(f"docs/{name}" for name in written))


if __name__ == "__main__":
    main()
