"""One pass of a real browser over every main page, as every demo role, in every language.

Shared by the width and accessibility checks: one Chromium, one login per role, a few pages
loaded side by side in each role's context. The width is measured on every view. axe-core costs
about a second a page, so it runs on a Latin square instead: page i is audited as role r in
language (i + r) mod 5, which audits every page once as every role and once in every language.
"""

import asyncio
import time
from dataclasses import dataclass, field

from axe_playwright_python.async_playwright import Axe
from django.conf import settings

from partnerships.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser import CHROMIUM_ARGS

PHONE = {"width": 360, "height": 740}
PARALLEL_PAGES = 6
BLOCKING_IMPACTS = {"serious", "critical"}

# The widest element that sticks out of the viewport, to say what to fix.
OVERFLOW_JS = """() => {
  const vw = window.innerWidth, found = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > vw + 1 || r.left < -1)) {
      found.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                 `${el.className && typeof el.className === 'string' ? '.' +
                    el.className.trim().split(/\\s+/).join('.') : ''} (${Math.round(r.width)}px)`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewport: vw,
          culprits: found.slice(-3)};
}"""


@dataclass
class Findings:
    visited: int = 0
    too_wide: list = field(default_factory=list)
    axe: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    no_focus_ring: list = field(default_factory=list)
    opened: set = field(default_factory=set)  # labels of pages some role could open
    axe_seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"{self.visited} page views; axe took {self.axe_seconds:.0f} s"]
        lines += [f"HTTP {status}: {where}" for where, status in self.errors]
        lines += [f"focus not visible: {where} {element}" for where, element in self.no_focus_ring]
        lines += [
            f"too wide ({width} px): {where} {culprits}" for where, width, culprits in self.too_wide
        ]
        lines += [
            f"axe {impact} {rule}: {where} {targets}" for where, rule, impact, targets in self.axe
        ]
        return "\n".join(lines)


async def _log_in(context, email):
    page = await context.new_page()
    await page.goto("/accounts/login/")
    await page.fill("input[name=username]", email)
    await page.fill("input[name=password]", DEMO_PASSWORD)
    await page.click("main form button[type=submit]")
    await page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


async def _choose_language(page, language):
    """Through the language switcher, as a user would (it also stores the choice)."""
    await page.goto("/partnerships/")
    await page.click(".navbar-toggler")  # on a phone the switcher is in the menu
    await page.select_option("#language-select", language)
    await page.wait_for_function(f"document.documentElement.lang === '{language}'")


async def _check(context, axe, where, url, findings, run_axe):
    page = await context.new_page()
    try:
        # Deferred scripts and stylesheets are in by DOMContentLoaded; images need not be.
        response = await page.goto(url, wait_until="domcontentloaded")
        if response.status in (403, 404):
            return  # not this role's page (404: another organisation's, not revealed)
        if response.status >= 400:
            findings.errors.append((where, response.status))
            return
        findings.visited += 1
        findings.opened.add(where.rsplit(" [", 1)[0])
        width = await page.evaluate(OVERFLOW_JS)
        if width["scrollWidth"] > width["viewport"]:
            findings.too_wide.append((where, width["scrollWidth"], width["culprits"]))
        if run_axe:
            started = time.monotonic()
            results = await axe.run(page)
            findings.axe_seconds += time.monotonic() - started
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING_IMPACTS:
                    targets = [n["target"] for n in violation["nodes"]][:3]
                    findings.axe.append((where, violation["id"], violation["impact"], targets))
    finally:
        await page.close()


# The first few stops of the keyboard's Tab key: each must draw a visible focus indicator.
FOCUS_JS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return ring || style.boxShadow !== 'none' ? '' : el.outerHTML.slice(0, 80);
}"""


async def _check_focus(page, where, findings, stops=4):
    for _ in range(stops):
        await page.keyboard.press("Tab")
        missing = await page.evaluate(FOCUS_JS)
        if missing:
            findings.no_focus_ring.append((where, missing))


async def _check_pages(context, axe, pages, audited, where, findings):
    limit = asyncio.Semaphore(PARALLEL_PAGES)

    async def one(i, label, url):
        async with limit:
            await _check(context, axe, f"{label} [{where}]", url, findings, i in audited)

    await asyncio.gather(*(one(i, label, url) for i, (label, url) in enumerate(pages)))


async def _sweep(base_url, chromium, roles, pages, languages):
    from playwright.async_api import async_playwright

    findings, axe = Findings(), Axe()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for r, (role, email) in enumerate(roles):
            context = await browser.new_context(base_url=base_url, viewport=PHONE)
            context.set_default_timeout(20_000)
            first = await _log_in(context, email)
            for l_index, language in enumerate(languages):
                await _choose_language(first, language)
                await _check_focus(first, f"partnership list [{role}, {language}]", findings)
                # Page i gets axe as role r in language (i + r) mod len(languages).
                audited = {i for i in range(len(pages)) if (i + r) % len(languages) == l_index}
                await _check_pages(context, axe, pages, audited, f"{role}, {language}", findings)
            await context.close()
        await browser.close()
    return findings


def sweep(base_url, chromium, roles, pages, *, languages=None) -> Findings:
    languages = languages or [code for code, _name in settings.LANGUAGES]
    return asyncio.run(_sweep(base_url, chromium, roles, pages, languages))
