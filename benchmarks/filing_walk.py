"""The filing desk walked through as a first-time clerk would file a quarterly report:

    python benchmarks/filing_walk.py http://127.0.0.1:8000 shenzhen guangdong /tmp/walk.png

(against the site served by ``mkdocs serve``). The page is driven for real, so every step is
known to work; the time is modelled at a human pace: reading a row 3 s, choosing from a list
2 s, Chinese through a pinyin input method at 40 characters a minute, digits at 3 a second.
"""

from __future__ import annotations

import sys
import time

from playwright.sync_api import sync_playwright

CHINESE_SECONDS = 1.5  # per character, pinyin input at 40 a minute
clock = {"seconds": 0.0, "inputs": 0, "chars": 0}


def act(seconds: float, chars: int = 0) -> None:
    clock["seconds"] += seconds
    clock["chars"] += chars
    clock["inputs"] += 1


def main(base: str, pilot: str, province: str, shot: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        started = time.time()
        page.goto(base + "/file/")
        page.wait_for_selector("#scp-group")
        clock["seconds"] += 20  # read the introduction
        page.select_option("#scp-group", province)
        act(4)
        page.wait_for_selector(f"#scp-unit option[value='pilot:{pilot}']", state="attached")
        page.select_option("#scp-unit", f"pilot:{pilot}")
        act(6)
        page.wait_for_selector(".scp-form [name=overview]")
        page.select_option("#scp-doc", "report")
        act(2)
        page.wait_for_selector(".scp-form [name='targets.0.value']")
        clock["seconds"] += 10  # read the notice and the period
        overview = "本季度继续推进供应链公共服务平台建设，新增接入企业三百余家，重点企业供应链成本进一步下降，融资规模稳步扩大。"
        page.fill("[name=overview]", overview)
        act(len(overview) * CHINESE_SECONDS, len(overview))
        targets = page.locator("[name$='.value'][name^='targets.']").count()
        for i in range(targets):
            field = f"[name='targets.{i}.value']"
            value = str(round(float(page.input_value(field)) * 1.05 + 1, 1))
            page.fill(field, value)
            act(3 + 2 + len(value) / 3, len(value))  # read the row, then type
        measures = page.locator("[name^='measures.'][name$='.status']").count()
        text = "本季度完成阶段性工作，里程碑按期完成，下季度继续推进。"
        for i in range(measures):
            page.select_option(f"[name='measures.{i}.status']", label="推进中")
            act(3 + 2)
            page.fill(f"[name='measures.{i}.percent']", "80")
            act(2, 2)
            page.fill(f"[name='measures.{i}.narrative']", text)
            act(len(text) * CHINESE_SECONDS, len(text))
        page.wait_for_timeout(500)
        clock["seconds"] += 15  # read the checks
        summary = page.locator(".scp-summary").inner_text().replace("\n", " ")
        page.screenshot(path=shot)
        height = page.evaluate("document.documentElement.scrollHeight")
        browser.close()
    print(f"{targets} targets, {measures} measures: {clock['inputs']} inputs, {clock['chars']} characters typed")
    print(f"checks: {summary[:120]}")
    print(f"form {height} px tall at 1366x768; modelled clerk time {clock['seconds'] / 60:.1f} min")
    print(f"(+ about 2 min to paste a token and submit); the script took {time.time() - started:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:5])
