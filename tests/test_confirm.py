"""Timeliness, status, CODEOWNERS, scope and the reviewer's summary on a real repository
replayed from the base fixture with hand-picked dates (all China Standard Time)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from casekit import BASE, ROOT, make_base
from gitkit import GitRepo, read_tree

from generator.cli.main import main
from generator.history.gitio import FileChange
from generator.history.ledger_diff import diff_ledgers
from generator.history.scope import check_scope, owner_of

GD = "submissions/guangdong"
FS = f"{GD}/foshan"
HOME = f"{GD}/fs-example-home"
GROUP = "submissions/central/example-group"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture as if submitted through pull requests in 2019."""
    source = make_base(tmp_path_factory.mktemp("source") / "repo")
    root = tmp_path_factory.mktemp("replayed") / "repo"
    repo = GitRepo(root)
    repo.commit(
        read_tree(source, "schemas", "submissions/programme.yaml", f"{GD}/province.yaml"),
        "初始化",
        "2019-06-01T09:00:00+08:00",
    )
    repo.pull_request(
        "foshan-basic",
        [(read_tree(source, f"{FS}/pilot.yaml", f"{FS}/ledger.yaml"), "2019-06-24T10:00:00+08:00")],
        style="merge",
        merged_at="2019-06-25T16:00:00+08:00",
    )
    repo.pull_request(
        "home-basic",
        [(read_tree(source, f"{HOME}/pilot.yaml", f"{HOME}/ledger.yaml"), "2019-07-04T10:00:00+08:00")],
        style="squash",
        merged_at="2019-07-05T09:00:00+08:00",
        trailers={"Confirmed-by": "广东省商务厅", "Submitted-at": "2019-06-28T17:00:00+08:00"},
    )
    repo.pull_request(
        "group-basic",
        [(read_tree(source, GROUP), "2019-06-29T10:00:00+08:00")],
        style="rebase",
        merged_at="2019-06-29T18:00:00+08:00",
    )
    repo.pull_request(
        "gd-recommendations",
        [(read_tree(source, f"{GD}/recommendations"), "2019-07-02T08:00:00+08:00")],
        style="merge",
        merged_at="2019-07-02T11:00:00+08:00",
    )
    repo.pull_request(
        "foshan-2019q3",
        [(read_tree(source, f"{FS}/reports"), "2019-10-20T10:00:00+08:00")],
        style="merge",
        merged_at="2019-10-22T10:00:00+08:00",
    )
    repo.pull_request(
        "home-2019q3",
        [(read_tree(source, f"{HOME}/reports"), "2019-10-14T10:00:00+08:00")],
        style="merge",
        merged_at="2019-10-14T15:00:00+08:00",
    )
    repo.pull_request(
        "foshan-2019",
        [(read_tree(source, f"{FS}/summaries"), "2019-10-29T10:00:00+08:00")],
        style="merge",
        merged_at="2019-10-30T10:00:00+08:00",
    )
    # a forged author date, earlier than the year the summary reports on
    repo.pull_request(
        "home-2019",
        [(read_tree(source, f"{HOME}/summaries"), "2018-12-01T10:00:00+08:00")],
        style="squash",
        merged_at="2019-11-05T10:00:00+08:00",
    )
    repo.pull_request(
        "gd-2019",
        [(read_tree(source, f"{GD}/summaries"), "2019-11-08T10:00:00+08:00")],
        style="merge",
        merged_at="2019-11-10T10:00:00+08:00",
    )
    return root


def _status(root: Path, at: str, capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str, str | None], dict]:
    assert main(["status", "--root", str(root), "--at", at, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return {(r["pilot"], r["document"], r["period"]): r for r in rows}


def test_status_replays_hand_checked_cases(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _status(replayed, "2019-11-01", capsys)
    expected = {
        ("foshan", "pilot", None): ("on_time", 0, "2019-06-24"),
        ("foshan", "ledger", None): ("on_time", 0, "2019-06-24"),
        ("fs-example-home", "ledger", None): ("on_time", 0, "2019-06-28"),  # trailer wins over a late merge
        ("example-group", "pilot", None): ("on_time", 0, "2019-06-29"),
        ("guangdong", "recommendations", "2019"): ("late", 2, "2019-07-02"),
        ("foshan", "report", "2019Q3"): ("late", 5, "2019-10-20"),
        ("fs-example-home", "report", "2019Q3"): ("on_time", 0, "2019-10-14"),
        ("example-group", "report", "2019Q3"): ("missing", 17, None),
        ("foshan", "report", "2019Q2"): ("missing", 109, None),
        ("foshan", "summary", "2019"): ("on_time", 0, "2019-10-29"),
        ("fs-example-home", "summary", "2019"): ("missing", 1, None),  # due 10-31, confirmed only 11-05
        ("foshan", "report", "2019Q4"): ("not_due", None, None),
        ("example-group", "report", "2020Q1"): ("exempt", None, None),  # revoked 2020-03-20
    }
    for key, (state, days, submitted) in expected.items():
        row = rows[key]
        assert (row["state"], row["days_late"], row["submitted_at"]) == (state, days, submitted), key
    assert rows[("fs-example-home", "ledger", None)]["confirmed_by"] == "广东省商务厅"
    assert rows[("foshan", "report", "2019Q3")]["confirmed_by"] == "王审核"
    assert rows[("foshan", "report", "2019Q3")]["confirmed_at"] == "2019-10-22"
    assert all(
        set(r)
        == {
            "programme",
            "pilot",
            "document",
            "period",
            "due",
            "submitted_at",
            "confirmed_at",
            "confirmed_by",
            "commit",
            "state",
            "days_late",
        }
        for r in rows.values()
    )


def test_forged_author_date_is_flagged_not_trusted(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _status(replayed, "2020-11-30", capsys)
    row = rows[("fs-example-home", "summary", "2019")]
    assert (row["state"], row["days_late"], row["submitted_at"]) == ("late", 5, "2019-11-05")
    assert rows[("guangdong", "province_summary", "2019")]["days_late"] == 8  # submitted 11-08
    assert rows[("example-group", "summary", "2020")]["state"] == "exempt"
    assert main(["status", "--root", str(replayed), "--at", "2020-11-30"]) == 0
    assert "声称的提交时间早于所报期别开始，按确认时间判断" in capsys.readouterr().out


def test_status_csv_and_text(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(replayed), "--at", "2019-11-01", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0] == "programme,pilot,document,period,due,submitted_at,confirmed_at,confirmed_by,commit,state,days_late"
    )
    assert main(["status", "--root", str(replayed), "--at", "2019-11-01"]) == 0
    text = capsys.readouterr().out
    assert "截至 2019-11-01" in text and "逾期 5 天" in text and "免报" in text


def test_codeowners_written_and_checked(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 1
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    text = (base_repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/submissions/guangdong/foshan/  @gd-commerce" in text
    assert "/submissions/guangdong/province.yaml  @mofcom-scm" in text
    assert "/submissions/central/  @mofcom-scm" in text
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 0
    # a separately planned city is confirmed by MOFCOM
    pilot = base_repo / FS / "pilot.yaml"
    pilot.write_text(pilot.read_text(encoding="utf-8").replace('"440600"', '"440300"'), encoding="utf-8")
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 1
    main(["codeowners", "--root", str(base_repo)])
    assert "/submissions/guangdong/foshan/  @mofcom-scm" in (base_repo / ".github/CODEOWNERS").read_text()


def test_repository_codeowners_has_no_drift(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", "--root", str(ROOT)]) == 0, capsys.readouterr().err


def test_scope_rules() -> None:
    assert owner_of(f"{FS}/reports/2019Q3.yaml") == "pilot:guangdong/foshan"
    assert owner_of(f"{GD}/recommendations/2019.yaml") == "province:guangdong"
    assert owner_of("generator/cli.py") == "code"
    assert check_scope([FileChange("A", f"{FS}/reports/2019Q4.yaml"), FileChange("M", f"{FS}/ledger.yaml")]) == []
    rules = [
        p.rule
        for p in check_scope(
            [
                FileChange("A", f"{FS}/reports/2019Q4.yaml"),
                FileChange("M", f"{HOME}/ledger.yaml"),
                FileChange("M", "generator/cli.py"),
                FileChange("D", f"{FS}/reports/2019Q3.yaml"),
            ]
        )
    ]
    assert rules == ["SCP-G001", "SCP-G002", "SCP-G003"]


def _pr_repo(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.commit(
        read_tree(make_base(root.parent / "src"), "schemas", "submissions"), "初始", "2019-06-20T09:00:00+08:00"
    )
    return repo


def test_check_scope_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _pr_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit(
        {f"{HOME}/reports/2019Q3.yaml": None, f"{FS}/ledger.yaml": "pilot: foshan\n"},
        "混合",
        "2019-10-01T09:00:00+08:00",
    )
    assert main(["check-scope", "main", "pr", "--root", str(repo.root)]) == 1
    out = capsys.readouterr().out
    assert "SCP-G001" in out and "SCP-G003" in out
    assert main(["check-scope", "main", "--root", str(repo.root)]) == 1
    assert main(["check-scope", "nonexistent", "--root", str(repo.root)]) == 2


def test_changes_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _pr_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "pr")
    ledger = (repo.root / FS / "ledger.yaml").read_text(encoding="utf-8")
    report = (repo.root / FS / "reports/2019Q3.yaml").read_text(encoding="utf-8")
    repo.commit(
        {
            f"{FS}/ledger.yaml": ledger.replace("value: 80, date: 2020-09-30", "value: 70, date: 2020-09-30").replace(
                "2020-06-30, name: 平台二期上线", "2020-05-31, name: 平台二期上线"
            ),
            f"{FS}/reports/2019Q4.yaml": report.replace("2019Q3", "2019Q4").replace("亿元}", "万元}"),
        },
        "台账修订和四季度季报",
        "2020-01-20T09:00:00+08:00",
    )
    code = main(["changes", "main", "pr", "--root", str(repo.root), "--submitted-at", "2020-01-20"])
    out = capsys.readouterr().out
    assert code == 1  # the new report's unit does not match the ledger
    assert "## 变更摘要：试点 guangdong/foshan" in out
    assert "广东省商务厅（@gd-commerce）" in out
    assert "目标 T2 目标值 80 亿元 → 70 亿元" in out
    assert "举措 M1 里程碑「平台二期上线」2020-06-30 → 2020-05-31" in out
    assert "| 季报 | 2019Q4 | 新增 | 2020-01-15 | 逾期 5 天 |" in out
    assert "SCP-E006" in out
    code = main(["changes", "main", "pr", "--root", str(repo.root), "--format", "json", "--submitted-at", "2020-01-14"])
    payload = json.loads(capsys.readouterr().out)
    report_row = next(d for d in payload["documents"] if d["document"] == "report")
    assert (report_row["state"], report_row["days_late"]) == ("on_time", 0)


def test_ledger_diff_words() -> None:
    old = {
        "targets": [
            {
                "id": "T2",
                "name": "融资",
                "unit": "%",
                "baseline": {"value": 10, "date": "2018-12-31"},
                "target": {"value": 30, "date": "2020-10-31"},
            }
        ],
        "measures": [],
    }
    new = {
        "targets": [
            {
                "id": "T2",
                "name": "融资",
                "unit": "%",
                "baseline": {"value": 10, "date": "2018-12-31"},
                "target": {"value": 25, "date": "2020-10-31"},
            },
            {
                "id": "T3",
                "name": "新目标",
                "unit": "家",
                "baseline": {"value": 1, "date": "2018-12-31"},
                "target": {"value": 2, "date": "2020-10-31"},
            },
        ],
        "measures": [],
    }
    assert [c.text for c in diff_ledgers(old, new)] == ["新增目标 T3「新目标」", "目标 T2 目标值 30% → 25%"]


def test_fixture_sources_exist() -> None:
    assert (BASE / FS / "ledger.yaml").exists() and shutil.which("git")


def _branch_without_merge(replayed: Path, tmp_path: Path, landed: str) -> Path:
    """A copy of ``replayed`` on a branch ``pr``, where main stops before ``landed`` was merged:
    what ``landed`` brought is only on the branch (a pull request not yet confirmed)."""
    root = tmp_path / "repo"
    shutil.copytree(replayed, root)
    repo = GitRepo.__new__(GitRepo)
    repo.root = root
    merge = repo.git("log", "--first-parent", "--format=%H", f"--grep=合并 {landed}$", "main")
    repo.git("checkout", "-q", "-b", "pr")
    repo.git("branch", "-q", "-f", "main", f"{merge}^1")
    return root


def test_branch_only_report_awaits_confirmation(
    replayed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14.1: a report committed on a branch is not confirmed: no confirmer, not on time."""
    root = _branch_without_merge(replayed, tmp_path, "foshan-2019q3")
    rows = _status(root, "2019-11-01", capsys)
    row = rows[("foshan", "report", "2019Q3")]
    assert (row["state"], row["confirmed_by"], row["confirmed_at"]) == ("awaiting", None, None)
    assert row["submitted_at"] == "2019-10-20" and row["commit"]
    assert rows[("foshan", "ledger", None)]["state"] == "on_time"  # merged on main before
    assert main(["status", "--root", str(root), "--at", "2019-11-01"]) == 0
    text = capsys.readouterr().out
    assert "已提交，待确认" in text and "尚未合并到 main" in text
    assert main(["due", "--root", str(root), "--at", "2019-11-01", "--format", "json"]) == 0
    items = {(o["owner"], i["period"]): i for o in json.loads(capsys.readouterr().out) for i in o["items"]}
    assert items[("foshan", "2019Q3")]["state"] == "overdue"
    assert items[("foshan", "2019Q3")]["awaiting_confirmation"] is True
    # the branch itself as the target: then it is confirmed
    assert main(["status", "--root", str(root), "--at", "2019-11-01", "--format", "json", "--target", "pr"]) == 0
    rows = {(r["pilot"], r["document"], r["period"]): r for r in json.loads(capsys.readouterr().out)}
    assert rows[("foshan", "report", "2019Q3")]["state"] == "late"


def test_status_without_history_is_unknown(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14.2: outside git nothing can be said about submission: "无法判断", not "未报"."""
    rows = _status(base_repo, "2019-11-01", capsys)
    states = {r["state"] for r in rows.values()}
    assert states <= {"unknown", "exempt"} and "unknown" in states
    assert main(["status", "--root", str(base_repo), "--at", "2019-11-01"]) == 0
    assert "无法判断" in capsys.readouterr().out


def test_changes_shows_unfilled_template_and_unchanged_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14.5: a placeholder left in (error) and last quarter's values unchanged (warning)."""
    repo = _pr_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "pr")
    report = (repo.root / FS / "reports/2019Q3.yaml").read_text(encoding="utf-8")
    repo.commit(
        {
            f"{FS}/reports/2019Q4.yaml": report.replace("2019Q3", "2019Q4").replace(
                "平台一期开发过半。", "【请填写】总体进展"
            )
        },
        "四季度季报",
        "2020-01-10T09:00:00+08:00",
    )
    code = main(["changes", "main", "pr", "--root", str(repo.root), "--submitted-at", "2020-01-10"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 个错误，1 个警告" in out
    assert "| 错误 | SCP-E024 |" in out and "| 警告 | SCP-W004 |" in out


@pytest.mark.parametrize(
    "ledger",
    [
        "pilot: foshan\nrevised_on: 2019-06-20\ntargets: 不是列表\nmeasures: []\n",
        "pilot: foshan\nrevised_on: 2019-06-20\ntargets:\n  - id: T1\nmeasures:\n  - 第一项\n",
        "pilot: foshan\ntargets: [\n",
    ],
)
def test_changes_reports_a_malformed_ledger(ledger: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14.3: a pull request whose ledger is malformed gets its summary (a TypeError before)."""
    repo = _pr_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit({f"{FS}/ledger.yaml": ledger}, "台账", "2020-01-20T09:00:00+08:00")
    code = main(["changes", "main", "pr", "--root", str(repo.root), "--submitted-at", "2020-01-20"])
    out = capsys.readouterr().out
    assert code == 1
    assert "## 变更摘要：试点 guangdong/foshan" in out
    assert "台账这次提交的版本没有通过校验，无法逐项列出修改内容" in out
    assert "### 校验问题" in out


def test_check_scope_counts_the_files_it_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14.12: "检查了 0 个文件" for a change that touched two files."""
    repo = _pr_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "pr")
    report = (repo.root / FS / "reports/2019Q3.yaml").read_text(encoding="utf-8")
    repo.commit(
        {f"{FS}/reports/2019Q3.yaml": report + "# 注释\n", f"{FS}/pilot.yaml": None},
        "两个文件",
        "2019-10-01T09:00:00+08:00",
    )
    assert main(["check-scope", "main", "pr", "--root", str(repo.root)]) == 1  # a confirmed file deleted
    assert "检查了 2 个改动的文件：1 个错误" in capsys.readouterr().out


def test_changes_counts_the_warnings_the_watch_list_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14.14: changes said 0 warnings where the watch list counted the folder's others."""
    repo = _pr_repo(tmp_path / "repo")
    ledger = (repo.root / FS / "ledger.yaml").read_text(encoding="utf-8")
    repo.commit(
        {f"{FS}/ledger.yaml": ledger.replace("target: {value: 500,", "target: {value: 120,")},
        "台账",
        "2019-07-01T09:00:00+08:00",
    )
    repo.git("checkout", "-q", "-b", "pr")
    report = (repo.root / FS / "reports/2019Q3.yaml").read_text(encoding="utf-8")
    repo.commit(
        {f"{FS}/reports/2019Q3.yaml": report.replace("开发过半", "开发过半，已修订")},
        "季报",
        "2019-10-10T09:00:00+08:00",
    )
    assert main(["changes", "main", "pr", "--root", str(repo.root), "--submitted-at", "2019-10-10"]) == 0
    out = capsys.readouterr().out
    assert "0 个错误，0 个警告（另有 1 个警告在这次没有改动的文件中" in out
    assert main(["changes", "main", "pr", "--root", str(repo.root), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings_elsewhere"] == 1
