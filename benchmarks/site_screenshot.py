"""Screenshot of the bundled sample's offline site (`jiebang render html`), for the README.

Run: python benchmarks/site_screenshot.py [--out docs/overview.png] [--as-of 2022-06-30]
Needs the test extra (playwright) and Debian's `chromium`; for readable Chinese, a Chinese font
(`apt-get install fonts-wqy-microhei`). Nothing is downloaded: Playwright drives the system's
Chromium, which is started with everything that would reach the network switched off.
tests/test_browser.py launches the browser the same way (`launch`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parents[1]
# Nothing that phones home: no GPU, QUIC, sync, component or background updates (headless and a
# fresh temporary profile, --user-data-dir, are what Playwright's `launch` gives every browser).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str | None:
    """The system's Chromium (`JIEBANG_CHROMIUM` to name another), or None."""
    named = os.environ.get("JIEBANG_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: Playwright) -> Browser:
    """Headless Chromium with a fresh profile, never a browser Playwright would download."""
    executable = chromium()
    if executable is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "overview.png")
    parser.add_argument("--as-of", default="2022-06-30")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=820)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    jiebang = shutil.which("jiebang", path=str(Path(sys.executable).parent)) or "jiebang"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([jiebang, "render", "html", "-o", str(site), "--as-of", options.as_of], check=True)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": options.width, "height": options.height})
            page.goto((site / "index.html").as_uri())
            options.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(options.out))
            browser.close()
    print(f"{options.out} ({options.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
