"""Refresh docs/screenshot.png from a running `make run` (demo data): a phone-sized page."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PATH = sys.argv[2] if len(sys.argv) > 2 else "/partnerships/"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    page = browser.new_page(base_url=BASE, viewport={"width": 390, "height": 844})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "amina@sautiyajamii.example")
    page.fill("input[name=password]", "demo-partners-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(PATH)
    OUT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT), full_page=True)
    browser.close()
print(f"wrote {OUT}")
