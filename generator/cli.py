"""The ``scpilot`` command. Every check the CI runs is a subcommand here, so the same
repository works on GitHub, GitLab or Gitea: the workflows only call these commands.

Exit codes: 0 no error (warnings allowed), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__, reporters
from generator.problems import RULES
from generator.schemas import SchemaSetError
from generator.validate import validate_repository

log = logging.getLogger("generator")


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"scpilot：参数有误：{message}\n提示：运行 scpilot --help 或 scpilot <命令> --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="scpilot", description="全国供应链创新与应用试点报送仓库工具：校验报送材料、查看规则。")
    parser.add_argument("--version", action="version", version=f"scpilot {__version__}")
    parser.add_argument(
        "--root", type=Path, default=None, help="仓库根目录（含 submissions/ 和 schemas/）；默认从当前目录向上查找。"
    )
    sub = parser.add_subparsers(dest="command", metavar="<命令>", parser_class=_Parser)
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
    validate.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="仓库根目录（含 submissions/ 和 schemas/）；默认从当前目录向上查找。",
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
    return parser


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


def cmd_validate(args: argparse.Namespace, root: Path) -> int:
    scope = [_relative(root, p) for p in args.paths]
    result = validate_repository(root)
    if scope and "." not in scope:
        result = result.only(scope)
    if args.format == "json":
        sys.stdout.write(reporters.as_json(result.problems))
    elif args.format == "github":
        sys.stdout.write(reporters.github(result.problems, args.max_annotations))
    else:
        sys.stdout.write(reporters.text(result.problems, result.files))
    return 0 if result.ok else 1


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
        return cmd_validate(args, root)
    except UsageError as exc:
        sys.stderr.write(f"scpilot：{exc}\n")
        return 2
    except SchemaSetError as exc:
        sys.stderr.write(f"scpilot：schemas/ 中的 JSON Schema 有误（请联系系统维护人）：{exc}\n")
        return 1
