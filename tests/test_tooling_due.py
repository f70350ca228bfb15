"""``scpilot due``: per owner, what is overdue and what falls due within N days, replayed on
a real git repository with hand-picked dates (China Standard Time); ``local-date``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casekit import make_base
from gitkit import GitRepo, read_tree

from generator.cli.main import main

GD = "submissions/guangdong"
FS = f"{GD}/foshan"
HOME = f"{GD}/fs-example-home"
GROUP = "submissions/central/example-group"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = make_base(tmp_path_factory.mktemp("source") / "repo")
    root = tmp_path_factory.mktemp("due") / "repo"
    repo = GitRepo(root)
    repo.commit(
        read_tree(source, "schemas", "submissions/programme.yaml", f"{GD}/province.yaml"),
        "初始化",
        "2019-06-01T09:00:00+08:00",
    )
    for branch, paths, when in (
        ("foshan-basic", (f"{FS}/pilot.yaml", f"{FS}/ledger.yaml"), "2019-06-25T16:00:00+08:00"),
        ("home-basic", (f"{HOME}/pilot.yaml", f"{HOME}/ledger.yaml"), "2019-06-26T16:00:00+08:00"),
        ("group-basic", (GROUP,), "2019-06-27T16:00:00+08:00"),
        ("gd-recommendations", (f"{GD}/recommendations",), "2019-06-28T16:00:00+08:00"),
        ("foshan-2019q3", (f"{FS}/reports",), "2019-10-12T16:00:00+08:00"),
    ):
        repo.pull_request(branch, [(read_tree(source, *paths), when)], style="merge", merged_at=when)
    return root


def _due(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["due", "--root", str(root), *args])
    return code, capsys.readouterr().out


def _json(
    root: Path, capsys: pytest.CaptureFixture[str], at: str, within: int = 7
) -> dict[str, list[tuple[str, str, int]]]:
    code, out = _due(root, capsys, "--at", at, "--within", str(within), "--format", "json")
    assert code == 0
    return {
        o["owner"]: [(i["period"] or i["document"], i["state"], i["days"]) for i in o["items"]] for o in json.loads(out)
    }


def test_due_lists_overdue_and_due_soon_per_owner(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(replayed, capsys, "2019-10-10") == {
        "foshan": [("2019Q2", "overdue", 87), ("2019Q3", "due_soon", 5)],
        "fs-example-home": [("2019Q2", "overdue", 87), ("2019Q3", "due_soon", 5)],
        "example-group": [("2019Q2", "overdue", 87), ("2019Q3", "due_soon", 5)],
    }


def test_confirmed_documents_drop_out(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _json(replayed, capsys, "2019-10-28")
    assert found["foshan"] == [("2019Q2", "overdue", 105), ("2019", "due_soon", 3)]  # 2019Q3 confirmed on 10-12
    assert found["fs-example-home"][:2] == [("2019Q2", "overdue", 105), ("2019Q3", "overdue", 13)]
    assert found["guangdong"] == [("2019", "due_soon", 3)]  # the provincial summary


def test_window_is_inclusive_and_configurable(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ("2019Q3", "due_soon", 0) in _json(replayed, capsys, "2019-10-15", within=0)["fs-example-home"]
    assert "guangdong" not in _json(replayed, capsys, "2019-10-10", within=7)
    assert _json(replayed, capsys, "2019-10-10", within=21)["guangdong"] == [("2019", "due_soon", 21)]


def test_revoked_pilots_get_no_reminders(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "example-group" in _json(replayed, capsys, "2020-03-19")
    assert "example-group" not in _json(replayed, capsys, "2020-04-10")  # revoked on 2020-03-20


def test_json_carries_each_issue_body(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _due(replayed, capsys, "--at", "2019-10-10", "--format", "json")
    owners = {o["owner"]: o for o in json.loads(out)}
    group = owners["example-group"]
    assert group["title"] == "报送提醒：示例集团有限公司（example-group）"
    assert group["confirmer"] == "商务部市场建设司" and owners["foshan"]["confirmer"] == "广东省商务厅"
    assert (
        group["markdown"].startswith(group["marker"] + "\n") and group["marker"] == "<!-- scpilot-due:example-group -->"
    )
    assert (
        "| 季报 2019Q2 | 2019-07-15 | 已逾期 87 天 | `submissions/central/example-group/reports/2019Q2.yaml` |"
        in group["markdown"]
    )
    assert set(group["items"][0]) == {"document", "period", "due", "state", "days", "path", "awaiting_confirmation"}


def test_text_and_markdown(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _due(replayed, capsys, "--at", "2019-10-10")
    assert code == 0
    assert text.splitlines()[0] == "截至 2019-10-10（中国标准时间），7 天内到期或已逾期的材料："
    assert "  - 季报 2019Q3：截止 2019-10-15，还有 5 天  submissions/guangdong/foshan/reports/2019Q3.yaml" in text
    assert text.splitlines()[-1] == "合计：3 个报送单位，逾期 3 份，7 天内到期 3 份。"
    code, markdown = _due(replayed, capsys, "--at", "2019-10-10", "--format", "markdown")
    assert (
        markdown.startswith("## 报送提醒：截至 2019-10-10（中国标准时间）\n") and "### 佛山市（`foshan`）" in markdown
    )


def test_nothing_due(replayed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _due(replayed, capsys, "--at", "2019-06-10", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out = _due(replayed, capsys, "--at", "2019-06-10")
    assert "没有。" in out


def test_outside_git_everything_counts_as_missing(
    base_repo: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    code = main(["due", "--root", str(base_repo), "--at", "2019-07-20", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0 and "不是 git 仓库" in caplog.text
    owners = {o["owner"] for o in json.loads(out)}
    assert {"foshan", "fs-example-home", "example-group", "guangdong"} <= owners


def test_negative_window_is_refused(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--root", str(base_repo), "--within", "-1"]) == 1
    assert "不能是负数" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        ("2019-10-12T17:20:00Z", "2019-10-13"),
        ("2019-10-12T15:59:59Z", "2019-10-12"),
        ("2019-10-12T08:00:00+08:00", "2019-10-12"),
    ],
)
def test_local_date(moment: str, day: str, base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["local-date", moment, "--root", str(base_repo)]) == 0
    assert capsys.readouterr().out == f"{day}\n"


def test_local_date_needs_a_zone(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["local-date", "2019-10-12T17:20:00", "--root", str(base_repo)]) == 1
    assert "没有时区" in capsys.readouterr().err
