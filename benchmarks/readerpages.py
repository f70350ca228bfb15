"""The key reader pages of a built site, measured as a reader meets them: the height at 1280 and
390 px, the page's bytes, and whether it scrolls sideways on a phone (issue 15's closing figures).

    python benchmarks/readerpages.py site/

Uses Playwright with Debian's chromium (SCPILOT_CHROMIUM overrides its path); prints one line per
page and width."""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = (
    "",
    "pilots/shenzhen/",
    "pilots/hangzhou/",
    "status/",
    "status/guangdong/",
    "practices/",
    "statistics/",
    "programmes/",
    "programmes/demonstration-2021/",
)
CHROMIUM = os.environ.get("SCPILOT_CHROMIUM", "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def measure(site: Path) -> list[tuple[int, str, int, int, bool]]:
    """(width, page, height in px, bytes, scrolls sideways) for each page and width."""
    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in PAGES:
                    page.goto(f"http://127.0.0.1:{port}/{path}")
                    height = int(page.evaluate("document.documentElement.scrollHeight"))
                    wide = bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))
                    rows.append((width, path, height, (site / path / "index.html").stat().st_size, wide))
            browser.close()
        server.shutdown()
    return rows


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    for width, path, height, size, wide in measure(site):
        print(f"{width:>5} /{path:<34} {height:>6} px {size:>8} B  横向滚动={'是' if wide else '否'}")


if __name__ == "__main__":
    main()
