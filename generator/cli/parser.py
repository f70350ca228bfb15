"""argparse in Chinese: the help's headings and the usage errors a clerk reads.

argparse writes its own words through gettext, which has no Chinese catalogue here: the
headings are set on each parser, the help options are added with Chinese help, and the
error messages argparse builds are translated by pattern (an unknown one is shown as is,
under a Chinese heading)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), text)
    for pattern, text in (
        (
            r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)",
            "{arg} 的值{value}不在可选范围内。可选：{choices}。",
        ),
        (r"argument (?P<arg>\S+): expected one argument", "{arg} 后面要写一个值。"),
        (r"argument (?P<arg>\S+): expected at least one argument", "{arg} 后面至少要写一个值。"),
        (r"argument (?P<arg>\S+): expected (?P<n>\d+) arguments?", "{arg} 后面要写 {n} 个值。"),
        (r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)", "{arg} 不需要值，却写了{value}。"),
        (r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)", "{arg} 不能和 {other} 同时使用。"),
        (r"argument (?P<arg>\S+): invalid int value: (?P<value>.*)", "{arg} 的值{value}不是整数。"),
        (r"argument (?P<arg>\S+): invalid float value: (?P<value>.*)", "{arg} 的值{value}不是数字。"),
        (r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.*)", "{arg} 的值{value}无效。"),
        (r"argument (?P<arg>\S+): (?P<message>.*)", "{arg}：{message}"),
        (r"the following arguments are required: (?P<args>.*)", "缺少必填的参数：{args}。"),
        (r"one of the arguments (?P<args>.*) is required", "这些参数至少要写一个：{args}。"),
        (r"unrecognized arguments: (?P<args>.*)", "不认识的参数：{args}。"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "选项 {option} 有歧义，可能是：{matches}。"),
        (r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)", "{value}不在可选范围内。可选：{choices}。"),
    )
)


def translate(message: str) -> str:
    """argparse's English error in Chinese (unchanged when no pattern knows it)."""
    for pattern, text in _ERRORS:
        match = pattern.fullmatch(message.strip())
        if match:
            parts = {k: _quoted(v) if k == "value" else v for k, v in match.groupdict().items()}
            if "choices" in parts:
                parts["choices"] = "、".join(c.strip().strip("'\"") for c in parts["choices"].split(","))
            if "message" in parts:
                parts["message"] = translate(parts["message"])
            return text.format(**parts)
    return message


def _quoted(value: str) -> str:
    return "「" + value.strip("'\"") + "」"


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, help options and usage errors are in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False  # added below, with Chinese help
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这条帮助并退出。")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"scpilot：参数有误：{translate(message)}\n提示：运行 scpilot --help 或 scpilot <命令> --help 查看用法。\n",
        )
