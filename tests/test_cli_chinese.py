"""Issue 14.11: everything argparse prints to a clerk is in Chinese; an impossible day is
called impossible, not a format error."""

from __future__ import annotations

import argparse
import re

import pytest

from generator.cli.main import build_parser, main
from generator.cli.parser import translate

ARGPARSE_ENGLISH = re.compile(
    r"usage:|positional arguments|options:|optional arguments|show this help|show program's|"
    r"invalid choice|choose from|required:|unrecognized arguments|expected one argument|invalid int value|error:"
)


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _parsers(child)
    return found


def test_every_help_is_chinese() -> None:
    parsers = _parsers(build_parser())
    assert len(parsers) > 20
    for parser in parsers:
        text = parser.format_help()
        assert not ARGPARSE_ENGLISH.search(text), (parser.prog, ARGPARSE_ENGLISH.findall(text))
        assert "用法：" in text and "显示这条帮助并退出。" in text, parser.prog


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["status", "--format", "xml"], "--format 的值「xml」不在可选范围内。可选：text、json、csv。"),
        (["nosuch"], "<命令> 的值「nosuch」不在可选范围内"),
        (["due", "--within", "x"], "--within 的值「x」不是整数。"),
        (["changes"], "缺少必填的参数：BASE。"),
        (["validate", "--nope"], "不认识的参数：--nope。"),
        (["status", "--at"], "--at 后面要写一个值。"),
        (["status", "--at", "2020-02-30"], "2020 年 2 月没有 30 日：这个月只有 29 天"),
        (["status", "--at", "2019-13-01"], "月份 13 不存在"),
        (["status", "--at", "2019/10/15"], "不是 YYYY-MM-DD 格式的日期"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert words in err, err
    assert not ARGPARSE_ENGLISH.search(err), err


def test_unknown_messages_pass_through() -> None:
    assert translate("something new") == "something new"
