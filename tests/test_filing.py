"""The filing desk (在线填报) in Debian Chromium: a clerk fills a quarterly report from the
ledger and the downloaded file passes ``scpilot validate``; a bad value shows its Chinese
message at the field; a reload keeps the draft; every document type round-trips; the
browser's checks agree with ``scpilot validate`` on the shared case corpus; no request
leaves 127.0.0.1; no serious accessibility violation on a desktop or a phone."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from casekit import CASES, apply_case
from filingkit import CHROMIUM, DOCUMENTS, FLAGS, SKIP, open_desk, site_repo, validate
from sitekit import base_site_repo, build, serve

from generator.load.layout import classify
from generator.load.loader import load_file
from generator.load.problems import RULES, Severity

pytestmark = pytest.mark.skipif(SKIP, reason="SCPILOT_SKIP_BROWSER set")
AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
REPORT = "pilot=foshan&doc=report&period=2019Q4"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_site_repo(tmp_path_factory, "filing")


@pytest.fixture(scope="module")
def base(repo: Path) -> Iterator[str]:
    with serve(repo / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.outside == [], page.outside
    assert page.errors == [], page.errors
    context.close()


def download(page: Any) -> bytes:
    with page.expect_download() as info:
        page.click("[data-action=download]")
    return Path(info.value.path()).read_bytes()


def fill_report(page: Any) -> None:
    page.fill("[name=overview]", "本季度平台二期上线，新增接入企业 40 家。")
    page.fill("[name='targets.0.value']", "220")
    page.fill("[name='targets.1.value']", "41.2")
    page.select_option("[name='measures.0.status']", label="推进中")
    page.fill("[name='measures.0.percent']", "55")
    page.fill("[name='measures.0.narrative']", "二期开发完成，组织了两场推介会。")


def test_a_quarterly_report_from_the_ledger_validates(page: Any, base: str, repo: Path) -> None:
    open_desk(page, base, REPORT)
    # every ledger target and measure is a row, prefilled from the latest report (2019Q3)
    assert page.input_value("[name='targets.0.id']") == "T1"
    assert page.input_value("[name='targets.0.value']") == "180"
    assert page.locator("[data-path='targets.1.value'] .scp-unit").inner_text() == "亿元"  # the ledger's unit
    assert "上期（2019Q3）180 家" in page.locator(".scp-info").all_inner_texts()[2] or any(
        "上期（2019Q3）180 家" in t for t in page.locator(".scp-info").all_inner_texts()
    )
    assert page.locator("[data-action=submit]").count() == 1
    fill_report(page)
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
    text = download(page)
    assert text.startswith(b"# yaml-language-server: $schema=../../../../schemas/report.schema.json\n")
    assert 'period: "2019Q4"' in text.decode("utf-8")
    text.decode("utf-8")  # UTF-8
    result = validate(repo, "submissions/guangdong/foshan/reports/2019Q4.yaml", text)
    assert result.returncode == 0, result.stdout + result.stderr
    errors = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert errors == []


def test_a_bad_value_shows_its_chinese_message_at_the_field(page: Any, base: str) -> None:
    open_desk(page, base, REPORT)
    field = page.locator("[name='targets.0.value']")
    field.fill("１２０家")
    page.wait_for_function(
        "document.querySelector(\"[name='targets.0.value']\").getAttribute('aria-invalid') === 'true'"
    )
    described = str(field.get_attribute("aria-describedby")).split()
    messages = " ".join(page.locator(f"#{i}").inner_text() for i in described)
    assert "应为数字" in messages and "全角" in messages
    assert "还有" in page.locator(".scp-summary").inner_text()
    page.click("[data-action=download]")
    assert "还有错误" in page.locator(".scp-result").inner_text()


def test_a_reload_keeps_the_draft(page: Any, base: str) -> None:
    open_desk(page, base, REPORT)
    page.fill("[name=overview]", "草稿：还没写完")
    page.wait_for_timeout(300)
    page.reload()
    page.wait_for_selector("[name=overview]")
    assert page.input_value("[name=overview]") == "草稿：还没写完"
    assert "已恢复" in page.locator(".scp-notice").inner_text()
    page.click("[data-action=discard]")
    page.wait_for_selector("[name=overview]")
    assert page.input_value("[name=overview]") == ""


def _public(data: Any, internal: set[str]) -> Any:
    if isinstance(data, dict):
        return {k: _public(v, internal) for k, v in data.items() if k not in internal}
    if isinstance(data, list):
        return [_public(v, internal) for v in data]
    return data


@pytest.mark.parametrize(("query", "rel"), DOCUMENTS, ids=[q.split("&doc=")[1] for q, _ in DOCUMENTS])
def test_every_document_type_starts_from_the_confirmed_version_and_validates(
    page: Any, base: str, repo: Path, query: str, rel: str
) -> None:
    open_desk(page, base, query)
    assert "从已确认的版本开始" in page.locator(".scp-notice").inner_text()
    for name, value in _required_internal(page):
        page.fill(f"[name='{name}']", value)
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
    text = download(page)
    result = validate(repo, rel, text)
    assert result.returncode == 0, result.stdout + result.stderr
    original = load_file(repo / rel, rel).document
    produced = yaml.safe_load(text.decode("utf-8"))
    assert original is not None
    internal = {"contacts", "contact", "reviewer_notes"}
    assert _public(produced, internal) == _public(original.data, internal)


def _required_internal(page: Any) -> list[tuple[str, str]]:
    """Contact fields the public site never carries: a clerk types them again."""
    names = page.evaluate(
        """() => [...document.querySelectorAll('.scp-form [name]')].filter(e => {
              if (e.getAttribute('aria-invalid') === 'true') return true;
              const group = e.closest('fieldset');
              const slot = group && group.querySelector(':scope > .scp-error');
              return e.getAttribute('aria-required') === 'true' && !e.value && slot && !slot.hidden;
            }).map(e => e.name)"""
    )
    values = {"name": "张三", "phone": "020-12345678", "title": "科长", "email": "clerk@example.org"}
    return [(n, values.get(n.rsplit(".", 1)[-1], "示例")) for n in names]


# -- the shared corpus: the browser's checks and `scpilot validate` agree --------------------

BROWSER_RULES = {
    "SCP-E003",
    "SCP-E004",
    "SCP-E005",
    "SCP-E006",
    "SCP-E007",
    "SCP-E008",
    "SCP-E010",
    "SCP-E013",
    "SCP-E020",
}
KINDS = {"report", "ledger", "pilot", "summary", "recommendations", "province_summary"}


def _corpus(tmp: Path) -> list[tuple[str, str, str, Any, bool]]:
    """(case name, kind, loaded data, rejected by `scpilot validate`) for every case the page can see."""
    from casekit import make_base

    cases = []
    for folder in ("valid", "invalid"):
        for path in sorted((CASES / folder).glob("*.yaml")):
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            if case.get("files") or case.get("remove") or not ({"set", "delete"} & set(case)):
                continue
            loc = classify(case["file"])
            expected = set(case.get("expect") or [])
            errors = {r for r in expected if RULES[r].severity is Severity.ERROR}
            if (
                loc is None
                or loc.kind not in KINDS
                or not all(r.startswith("SCP-S") or r in BROWSER_RULES for r in errors)
            ):
                continue
            root = tmp / path.stem
            if root.exists():
                shutil.rmtree(root)
            make_base(root)
            apply_case(case, root)
            loaded = load_file(root / case["file"], case["file"])
            if loaded.document is None:
                continue
            unit = f"pilot:{loc.pilot}" if loc.pilot else f"province:{loc.province}"
            cases.append((f"{folder}/{path.stem}", loc.kind, unit, loaded.document.data, bool(errors)))
    return cases


def test_the_browser_and_the_command_line_reject_the_same_documents(page: Any, base: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    assert len(corpus) >= 30, len(corpus)
    open_desk(page, base, REPORT)
    disagree = []
    for name, kind, unit, data, rejected in corpus:
        problems = page.evaluate(
            """async ([kind, data, unit]) => {
              const d = window.scpilotFiling.desk;
              const ctx = await d.contextFor(unit, kind, data.period || data.year || null);
              return d.checker.check(kind, data, ctx).filter(p => p.severity === 'error').map(p => p.rule);
            }""",
            [kind, data, unit],
        )
        if bool(problems) != rejected:
            disagree.append(
                f"{name}: scpilot validate {'rejects' if rejected else 'accepts'}, the page says {problems}"
            )
    assert disagree == [], "\n".join(disagree)


# -- every screen and every hand ------------------------------------------------------------


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_no_serious_accessibility_violation(browser: Any, base: str, viewport: tuple[int, int]) -> None:
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    open_desk(page, base, REPORT)
    page.fill("[name='targets.0.value']", "abc")  # an error on screen too
    page.wait_for_selector("[aria-invalid=true]")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    serious = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_every_input_is_labelled_and_named_by_its_path(page: Any, base: str) -> None:
    open_desk(page, base, REPORT)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#scp-filing input:not([type=hidden]), #scp-filing select, #scp-filing textarea')]
             .filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id)"""
    )
    assert unlabelled == []
    names = set(page.eval_on_selector_all(".scp-form [name]", "els => els.map(e => e.name)"))
    assert {"overview", "targets.0.value", "measures.0.status", "measures.0.narrative"} <= names
    # keyboard only: Tab reaches the first editable field of the form
    page.focus("#scp-unit")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "overview":
            break
    assert page.evaluate("document.activeElement.name") == "overview"


# -- submitting through each host's API (local stand-ins checked against the descriptions) -----


def _host_site(tmp: Path, stub: Any) -> Path:
    host = {
        "kind": stub.kind,
        "url": stub.origin,
        "repo": f"{stub.owner}/{stub.repo_name}",
        "branch": "main",
        "api": stub.base_url,
    }
    return site_repo(tmp / f"site-{stub.kind}", host)


def _submit(page: Any, token: str) -> str:
    page.fill("[name=token]", token)
    page.click("[data-action=submit]")
    page.wait_for_function(
        "(() => { const r = document.querySelector('.scp-result'); return r && (r.querySelector('a[data-result=pull]')"
        " || r.querySelector('[role=alert]')); })()",
        timeout=20000,
    )
    return str(page.locator(".scp-result").inner_text())


@pytest.mark.parametrize("kind", ["gitea", "github", "gitlab"])
def test_a_report_reaches_each_host_as_a_pull_request_that_validates(browser: Any, tmp_path: Path, kind: str) -> None:
    from hosts import HOSTS, files_from

    stub_class = HOSTS[kind]
    with stub_class(
        token="clerk-token-42",
        files=files_from(Path(__file__).parent / "fixtures" / "base" / "submissions", "submissions"),
    ) as stub:
        root = _host_site(tmp_path, stub)
        with serve(root / "site") as base:
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            outside: list[str] = []
            page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
            open_desk(page, base, REPORT)
            fill_report(page)
            page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
            shown = _submit(page, stub.token)
            assert "已提交" in shown, shown
            link = page.locator("a[data-result=pull]").get_attribute("href")
            stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
            url = page.url
            context.close()
        stub.assert_in_contract()
        assert stub.token_leaks() == []
        assert stub.token not in stored and stub.token not in url
        assert outside == []
        (pull,) = stub.pulls
        assert link == pull.url
        assert pull.base == "main" and pull.head.startswith("filing/foshan-report-2019Q4")
        assert "审核要点" in pull.body and "submissions/guangdong/foshan/reports/2019Q4.yaml" in pull.body
        rel = "submissions/guangdong/foshan/reports/2019Q4.yaml"
        text = stub.file_on_branch(pull.head, rel)
        assert text is not None
        result = validate(root, rel, text)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def gitea(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    from hosts import GiteaStub, files_from

    files = files_from(Path(__file__).parent / "fixtures" / "base" / "submissions", "submissions")
    with GiteaStub(token="clerk-token-42", files=files) as stub:
        root = _host_site(tmp_path_factory.mktemp("gitea"), stub)
        with serve(root / "site") as base:
            yield stub, base


@pytest.mark.parametrize(
    ("mode", "token", "words"),
    [
        ("none", "wrong-token", "令牌无效"),
        ("forbid_writes", None, "没有写入仓库"),
        ("unknown_repo", None, "找不到仓库"),
        ("cors", None, "跨域"),
        ("fail_pull", None, "服务器拒绝了这次提交"),
    ],
)
def test_every_failure_is_a_chinese_sentence_and_keeps_the_draft(
    browser: Any, gitea: tuple[Any, str], mode: str, token: str | None, words: str
) -> None:
    stub, base = gitea
    setattr(stub, {"cors": "cors"}.get(mode, mode), mode != "cors") if mode != "none" else None
    try:
        page = browser.new_page()
        open_desk(page, base, REPORT)
        fill_report(page)
        page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
        shown = _submit(page, token or stub.token)
        assert words in shown, shown
        page.reload()
        page.wait_for_selector("[name=overview]")
        assert page.input_value("[name=overview]").startswith("本季度平台二期上线")
        page.evaluate("window.localStorage.clear()")
        page.close()
    finally:
        stub.cors, stub.forbid_writes, stub.unknown_repo, stub.fail_pull = True, False, False, False


def test_a_branch_that_exists_gets_a_numbered_sibling(browser: Any, gitea: tuple[Any, str]) -> None:
    stub, base = gitea
    page = browser.new_page()
    open_desk(page, base, REPORT)
    fill_report(page)
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
    shown = _submit(page, stub.token)
    assert "已提交" in shown
    page.evaluate("window.localStorage.clear()")
    open_desk(page, base, REPORT)
    fill_report(page)
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
    assert "已提交" in _submit(page, stub.token)
    page.close()
    heads = [p.head for p in stub.pulls]
    # earlier tests of this module may have left branches (a failed pull request keeps its branch)
    assert len(heads) >= 2 and len(set(heads)) == len(heads)
    assert heads[-1].startswith("filing/foshan-report-2019Q4-") and heads[-1] != heads[-2]
    stub.assert_in_contract()


def test_the_period_defaults_to_the_one_scpilot_new_picks(
    page: Any, base: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.main import main

    code = main(["new", "report", "--pilot", "foshan", "--root", str(repo)])  # `scpilot new`, in this process
    assert code == 0, capsys.readouterr().err
    written = sorted((repo / "submissions/guangdong/foshan/reports").glob("*.yaml"))
    new = [p for p in written if p.name != "2019Q3.yaml"]
    try:
        open_desk(page, base, "pilot=foshan&doc=report")
        assert page.input_value("#scp-period") == new[0].stem
        assert f"period={new[0].stem}" in page.url
    finally:
        for path in new:
            path.unlink()


def test_placeholders_are_errors_and_an_unchanged_report_is_a_warning(page: Any, base: str) -> None:
    open_desk(page, base, REPORT)
    page.fill("[name=overview]", "【请填写】本季度试点工作的总体进展")
    page.fill("[name='measures.0.narrative']", "与上季度相同。")
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('还有')")
    assert page.get_attribute("[name=overview]", "aria-invalid") == "true"
    page.fill("[name=overview]", "本季度与上季度相同。")
    # every value and status still as in 2019Q3, and the narrative unchanged too: a warning, not an error
    page.fill("[name='measures.0.narrative']", "完成需求调研和一期开发招标。")
    # the checks run 200 ms after each edit: on a busy machine they may run between the two fills
    # and pass without the warning, so wait for the summary that has one (or time out and fail)
    page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过，有')")
    assert "SCP-W004" in page.locator(".scp-summary").inner_text()


def test_on_the_sample_site_a_correction_reaches_gitea_and_validates(browser: Any, tmp_path: Path) -> None:
    """Done when (issue 12): the sample data, a sample pilot's quarterly report corrected in the form,
    through the Chinese checks, to a pull request opened through a Gitea-compatible API; the file validates."""
    import os

    from casekit import ROOT
    from filingkit import with_host
    from hosts import GiteaStub, files_from

    rel = "submissions/guangdong/shenzhen/reports/2020Q3.yaml"
    with GiteaStub(token="clerk-token-42", files=files_from(ROOT / "submissions", "submissions")) as stub:
        # the sample's own mkdocs.yml with the host changed, beside it so that its relative paths hold
        work = tmp_path / "config"
        work.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        with_host(
            {"kind": "gitea", "url": stub.origin, "repo": f"{stub.owner}/{stub.repo_name}", "api": stub.base_url}
        )(work)
        config = ROOT / f".mkdocs-filing-test-{os.getpid()}.yml"
        config.write_text((work / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
        try:
            built = build(ROOT, "-f", str(config), "-d", str(tmp_path / "site"), profile=None)
        finally:
            config.unlink()
        assert built.returncode == 0, built.stderr
        with serve(tmp_path / "site") as base:
            page = browser.new_page()
            open_desk(page, base, "pilot=shenzhen&doc=report&period=2020Q3")
            assert "从已确认的版本开始" in page.locator(".scp-notice").inner_text()
            page.fill("[name='targets.0.value']", "8.1")
            page.fill("[name='targets.0.note']", "更正：按市统计局核定数据修改。")
            page.wait_for_function("document.querySelector('.scp-summary').textContent.includes('检查通过')")
            shown = _submit(page, stub.token)
            page.close()
        assert "已提交" in shown, shown
        stub.assert_in_contract()
        (pull,) = stub.pulls
        # a correction updates the file (with its blob sha) on the new branch
        assert any(r.method == "PUT" and "/contents/" in r.target for r in stub.api_requests())
        produced = stub.file_on_branch(pull.head, rel)
        assert produced is not None and b"value: 8.1" in produced
        result = validate(ROOT, rel, produced)
        assert result.returncode == 0, result.stdout + result.stderr
