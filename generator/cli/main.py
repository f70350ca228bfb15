"""The ``scpilot`` command. Every check the CI runs is a subcommand here, so the same
repository works on GitHub, GitLab or Gitea: the workflows only call these commands.

Exit codes: 0 no error (warnings allowed), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from generator import __version__
from generator.cli import demo as demo_commands
from generator.cli import printing as print_commands
from generator.cli import programme as programme_commands
from generator.cli import programmes as programmes_commands
from generator.cli import tooling as tooling_commands
from generator.cli.args import add_root, add_target, day
from generator.cli.parser import Parser
from generator.cli.validating import cmd_validate
from generator.history.gitcmd import GitError
from generator.load.problems import RULES, Problem
from generator.load.schemas import SchemaSetError
from generator.rules import reporters

log = logging.getLogger("generator")


class Extension(Protocol):
    """A module that adds subcommands: ``register`` adds its parsers, ``run`` returns an
    exit code for its own commands and None for the others."""

    def register(self, sub: argparse._SubParsersAction[Any]) -> None: ...

    def run(self, args: argparse.Namespace, root: Path) -> int | None: ...


EXTENSIONS: list[Extension] = [
    programme_commands,
    programmes_commands,
    tooling_commands,
    demo_commands,
    print_commands,
]


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="scpilot", description="全国供应链创新与应用试点报送仓库工具：校验报送材料、查看规则。")
    parser.add_argument("--version", action="version", version=f"scpilot {__version__}", help="显示版本号并退出。")
    parser.add_argument(
        "--root", type=Path, default=None, help="仓库根目录（含 submissions/ 和 schemas/）；默认从当前目录向上查找。"
    )
    sub = parser.add_subparsers(dest="command", metavar="<命令>", parser_class=Parser)
    validate = sub.add_parser(
        "validate",
        help="校验报送文件（格式、字段、跨文件规则），一次列出全部问题。",
        description="校验 submissions/ 下的报送文件。给出 PATH 时只报告这些文件或文件夹中的问题，"
        "但跨文件规则仍然读取整个仓库。没有错误时退出码为 0（允许有警告），有错误时为 1。",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="只报告这些文件或文件夹中的问题。")
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="输出格式：text 给人看，json 给程序用，github 生成 GitHub 注释命令。默认 text。",
    )
    add_root(validate)
    validate.add_argument(
        "--base",
        default=None,
        metavar="BASE",
        help="只校验相对 BASE（例如 origin/main 或合并请求的基准提交）改动的文件和依赖它们的文件，"
        "问题与全量校验中这些文件的问题完全相同，但只读取跨文件规则需要的材料；"
        "改动了工作日历或 submissions/ 以外的文件时仍校验整个仓库。",
    )
    validate.add_argument(
        "--max-annotations",
        type=int,
        default=None,
        metavar="N",
        help="github 格式最多输出 N 条（错误优先）。GitHub 每一步只显示 10 条注释。",
    )
    sub.add_parser(
        "rules", help="列出全部校验规则的编号、级别和名称。", description="列出全部校验规则的编号、级别和名称。"
    )
    _git_commands(sub)
    for extension in EXTENSIONS:
        extension.register(sub)
    return parser


def _git_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    status = sub.add_parser(
        "status",
        help="按工作日历列出每个试点和省份每份材料的报送情况。",
        description="按工作日历列出每份应报材料的状态：on_time（按期）、late（逾期）、missing（未报）、"
        "not_due（未到期）、exempt（取消资格后免报）、awaiting（已提交，待确认：只在当前分支上）、"
        "unknown（没有 git 历史，无法判断）。以提交日期（中国标准时间）判断。",
    )
    status.add_argument(
        "--at",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="按哪一天的情况判断，默认今天；可以重放试点期内的任何一天。",
    )
    status.add_argument("--format", choices=("text", "json", "csv"), default="text", help="输出格式，默认 text。")
    add_target(status)
    add_root(status)
    owners = sub.add_parser(
        "codeowners",
        help="根据登记信息生成 .github/CODEOWNERS。",
        description="根据 programme.yaml 和各省 province.yaml 生成 .github/CODEOWNERS："
        "每个试点文件夹由其确认部门审核。",
    )
    owners.add_argument("--check", action="store_true", help="只检查现有文件是否与登记信息一致，不一致时退出码为 1。")
    add_root(owners)
    scope = sub.add_parser(
        "check-scope",
        help="检查一个变更是否只涉及一个归属、没有删除已确认的材料。",
        description="检查 BASE...HEAD 的变更：只改一个试点（或一个省）的材料，不与代码混在一起，"
        "不删除已确认的材料。有问题时退出码为 1。",
    )
    scope.add_argument("base", metavar="BASE", help="比较的基准，例如 origin/main。")
    scope.add_argument("head", metavar="HEAD", nargs="?", default="HEAD", help="变更的终点，默认 HEAD。")
    scope.add_argument("--format", choices=("text", "json", "github"), default="text", help="输出格式，默认 text。")
    add_root(scope)
    changes = sub.add_parser(
        "changes",
        help="生成给审核人看的变更摘要（合并请求评论、工作流摘要）。",
        description="用中文描述 BASE...HEAD 的变更：哪个试点、哪些材料新增或修改、是否按期、台账改了什么、校验结果。",
    )
    changes.add_argument("base", metavar="BASE", help="比较的基准，例如 origin/main。")
    changes.add_argument("head", metavar="HEAD", nargs="?", default="HEAD", help="变更的终点，默认 HEAD。")
    changes.add_argument("--format", choices=("markdown", "json"), default="markdown", help="输出格式，默认 markdown。")
    changes.add_argument(
        "--submitted-at",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="按期判断所用的提交日期（合并请求的创建日期），默认今天。",
    )
    add_root(changes)
    pages = sub.add_parser(
        "pages",
        help="把生成的网页（Markdown 和数据文件）写到文件夹，供任何兼容 MkDocs 的构建工具使用。",
        description="校验报送文件、读取 git 历史，把生成的页面和下载文件写入 --out 指定的文件夹"
        "（与 mkdocs build 中插件生成的内容相同）。",
    )
    pages.add_argument("--out", type=Path, required=True, metavar="DIR", help="输出文件夹，例如 build/pages。")
    pages.add_argument(
        "--profile",
        choices=("public", "internal"),
        default="public",
        help="public（默认）不含任何内部字段；internal 含联系人和审核意见。",
    )
    pages.add_argument(
        "--at", type=day, default=None, metavar="YYYY-MM-DD", help="按哪一天判断是否按期，默认为最近一次确认的日期。"
    )
    add_target(pages)
    add_root(pages)


def find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "submissions" / "programme.yaml").is_file():
            return candidate
    raise UsageError(
        "找不到报送仓库：当前目录及其上级目录中都没有 submissions/programme.yaml。请在仓库中运行，或用 --root 指定。"
    )


def _relative(root: Path, raw: str) -> str:
    path = Path(raw)
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not absolute.exists():
        raise UsageError(f"找不到 {raw}。")
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{raw} 不在仓库 {root} 中。") from None


def _print_problems(problems: list[Problem], fmt: str, files: int, what: str = "个文件") -> None:
    if fmt == "json":
        sys.stdout.write(reporters.as_json(problems))
    elif fmt == "github":
        sys.stdout.write(reporters.github(problems))
    else:
        sys.stdout.write(reporters.text(problems, files, what))


def _dispatch(args: argparse.Namespace, root: Path) -> int:
    for extension in EXTENSIONS:
        code = extension.run(args, root)
        if code is not None:
            return code
    if args.command == "validate":
        return cmd_validate(args, root, [_relative(root, p) for p in args.paths])
    from generator.cli import review as confirm  # the git commands read history: not on validate's path

    if args.command == "status":
        sys.stdout.write(confirm.cmd_status(root, args.at, args.format, args.target))
        return 0
    if args.command == "codeowners":
        code, text = confirm.cmd_codeowners(root, args.check)
        (sys.stderr if code else sys.stdout).write(text)
        return code
    if args.command == "check-scope":
        problems, touched = confirm.cmd_check_scope(root, args.base, args.head)
        _print_problems(problems, args.format, touched, "个改动的文件")
        return 1 if problems else 0
    if args.command == "pages":
        return cmd_pages(root, args.out, args.profile, args.at, args.target)
    if args.command == "changes":
        code, text = confirm.cmd_changes(root, args.base, args.head, args.format, args.submitted_at)
        sys.stdout.write(text)
        return code
    raise UsageError(f"未知命令 {args.command}")


def cmd_pages(root: Path, out: Path, profile: str, at: date | None, branch: str | None = None) -> int:
    from generator.site.build import SiteError, generate
    from generator.site.pages import SiteConfig

    try:
        pages = generate(root, SiteConfig(profile=profile), at, branch)
    except SiteError as exc:
        sys.stdout.write(reporters.text(exc.problems, exc.files))
        return 1
    for rel, content in pages.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    sys.stdout.write(f"已写入 {len(pages)} 个文件到 {out}。\n")
    return 0


def cmd_rules() -> int:
    for rule in RULES.values():
        sys.stdout.write(f"{rule.id}\t{rule.severity.label}\t{rule.title}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="scpilot：%(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "rules":
            return cmd_rules()
        root = args.root.resolve() if args.root else find_root(Path.cwd())
        if args.root and not (root / "submissions").is_dir():
            raise UsageError(f"{args.root} 下没有 submissions/ 文件夹。")
        return _dispatch(args, root)
    except (UsageError, GitError) as exc:
        sys.stderr.write(f"scpilot：{exc}\n")
        return 2
    except SchemaSetError as exc:
        sys.stderr.write(f"scpilot：schemas/ 中的 JSON Schema 有误（请联系系统维护人）：{exc}\n")
        return 1
