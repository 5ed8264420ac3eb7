"""Screenshots of the portal home for each demo role, on a phone and on a desk (issue 16).

Run against a local demo site (`make run` in another terminal), then commit the images:

    .venv/bin/python bin/screenshots.py [--base-url http://127.0.0.1:8000]

Writes docs/screenshots/portaal-<role>-<width>.png, linked from the README. Uses the
system's Chromium, as the browser tests do (tests/conftest.py).
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "demo-asdg-2021"  # asdg/management/commands/seed_demo.py
ROLES = {
    "lid": "lid@example.org",
    "stuurgroep": "stuurgroep@example.org",
    "secretariaat": "secretaris@example.org",
}
WIDTHS = {375: 812, 1280: 900}  # width: height of the first screen


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
                page.goto("/account/inloggen/")
                page.get_by_label("E-mailadres").fill(email)
                page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_url("**/portaal/")
                path = OUT / f"portaal-{role}-{width}.png"
                page.screenshot(path=path)  # the first screen: what a person sees first
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
