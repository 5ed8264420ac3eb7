"""Screenshots of the product: the portal home for each demo role, on a phone and on a desk
(issue 16); the public site's home, search and meeting calendar (issues 17, 19); the
secretariat's guided flow of a trajectory in the admin (issue 18).

Run against a local demo site (`make run` in another terminal), then commit the images:

    .venv/bin/python bin/screenshots.py [--base-url http://127.0.0.1:8000]

Writes docs/screenshots/portaal-<role>-<width>.png, publiek-<page>-<width>.png and
admin-traject-1280.png, linked from the README. Uses the
system's Chromium, as the browser tests do (tests/conftest.py).
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"  # as the browser tests
DEMO_PASSWORD = "demo-asdg-2021"  # asdg/management/commands/seed_demo.py
ROLES = {
    "lid": "lid@example.org",
    "stuurgroep": "stuurgroep@example.org",
    "secretariaat": "secretaris@example.org",
}
WIDTHS = {375: 812, 1280: 900}  # width: height of the first screen
PUBLIC = {"home": "/", "zoeken": "/zoeken/?q=armoede", "bijeenkomsten": "/bijeenkomsten/"}


def log_in(page, email: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/portaal/")


def shoot(base_url: str) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for role, email in ROLES.items():
            for width, height in WIDTHS.items():
                context = browser.new_context(
                    base_url=base_url, locale="nl-NL", viewport={"width": width, "height": height}
                )
                page = context.new_page()
                log_in(page, email)
                path = OUT / f"portaal-{role}-{width}.png"
                page.screenshot(path=path)  # the first screen: what a person sees first
                written.append(path)
                context.close()
        for name, address in PUBLIC.items():
            for width, height in WIDTHS.items():
                context = browser.new_context(
                    base_url=base_url, locale="nl-NL", viewport={"width": width, "height": height}
                )
                page = context.new_page()
                page.goto(address)
                path = OUT / f"publiek-{name}-{width}.png"
                page.screenshot(path=path)
                written.append(path)
                context.close()
        # The secretariat's flow of the demo trajectory in drafting (the local demo asks no
        # second factor for the admin: make run's ASDG_ADMIN_REQUIRE_OTP=false).
        context = browser.new_context(
            base_url=base_url, locale="nl-NL", viewport={"width": 1280, "height": 1400}
        )
        page = context.new_page()
        log_in(page, ROLES["secretariaat"])
        page.goto("/admin/advices/trajectory/?status__exact=drafting")
        page.locator("#result_list tbody tr th a").first.click()
        page.wait_for_load_state()
        path = OUT / "admin-traject-1280.png"
        page.screenshot(path=path)
        written.append(path)
        context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    for path in shoot(args.base_url):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
