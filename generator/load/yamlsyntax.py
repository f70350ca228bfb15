"""What YAML's own syntax lets through or explains in English, in the submitter's words.

Two parts of the strict loader (:mod:`generator.load.loader`):

* :func:`token_traps` reads the token stream for what the node tree no longer shows: the
  non-specific tag ``!`` (``percent: ! 45`` composes exactly like ``percent: 45``), anchors
  (``&name``, refused even without an alias) and directives (``%YAML``, ``%TAG``).
* :func:`syntax_problem` turns every libyaml error into a Chinese sentence with a hint; no
  word of libyaml's English reaches a clerk, an unknown message gets a general sentence.
"""

from __future__ import annotations

import logging
import re

import yaml

from generator.load.problems import Problem

log = logging.getLogger(__name__)

_TRIGGERS = ("!", "&")
"""Characters without which no tag or anchor can occur: most files skip the token scan."""
_DIRECTIVE = re.compile("(?:^|[\r\n\x85\u2028\u2029])\ufeff*%")
"""A directive starts a line (libyaml reads ``%`` as one only in the first column), so a
``%`` inside a sentence (增长 15%, in most reports) does not call for the scan (issue 16.5)."""


def token_traps(text: str, display: str) -> list[Problem]:
    """Y005 (the tag ``!``), Y006 (an anchor), Y017 (a directive), located at the token."""
    if not any(c in text for c in _TRIGGERS) and not _DIRECTIVE.search(text):
        return []
    problems: list[Problem] = []
    scanner = yaml.CSafeLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token is None:  # pragma: no cover - check_token said there is one
                break
            mark = token.start_mark
            where = (display, mark.line + 1, mark.column + 1)
            if isinstance(token, yaml.DirectiveToken):
                name = f"%{token.name}"
                problems.append(
                    Problem(
                        "SCP-Y017",
                        *where,
                        f"不允许使用 YAML 指令「{name}」（以 % 开头的行）。",
                        "报送文件不需要指令：请删除这一行（和紧跟的“---”行）；说明文字请写成以 # 开头的注释。",
                    )
                )
            elif isinstance(token, yaml.TagToken) and token.value[1] == "!" and not token.value[0]:
                problems.append(
                    Problem(
                        "SCP-Y005",
                        *where,
                        "不允许使用 YAML 标签「!」：它让后面的值不经检查地按别的类型读取。",
                        "请删除「!」；需要文字时把值用引号括起来，需要数字时直接写数字。",
                    )
                )
            elif isinstance(token, yaml.AnchorToken):
                problems.append(
                    Problem(
                        "SCP-Y006",
                        *where,
                        f"这里定义了锚点「&{token.value}」，本系统不支持锚点和别名。",
                        f"请删除「&{token.value}」；需要重复的内容请直接写出来。",
                    )
                )
    except yaml.YAMLError:
        pass  # a syntax error: the parser reports it, located and translated
    finally:
        scanner.dispose()
    return problems


# (words in libyaml's context or problem, rule, message, hint); the first match wins.
_SYNTAX: tuple[tuple[str, str, str, str], ...] = (
    ("found character '\\t'", "SCP-Y001", "这里有制表符（Tab）。", "YAML 只认空格：请把 Tab 换成空格。"),
    ("tab character", "SCP-Y001", "这里有制表符（Tab）。", "YAML 只认空格：请把 Tab 换成空格（每级两个空格）。"),
    (
        "directive",
        "SCP-Y017",
        "以 % 开头的行是 YAML 指令，本系统不接受。",
        "请删除这一行；说明文字请写成以 # 开头的注释，文字以 % 开头时用引号括起来。",
    ),
    (
        "incompatible YAML document",
        "SCP-Y017",
        "文件声明了本系统不接受的 YAML 版本（%YAML 指令）。",
        "请删除以 %YAML 开头的这一行。",
    ),
    (
        "found duplicate anchor",
        "SCP-Y006",
        "同一个锚点名（&）定义了两次，本系统不支持锚点和别名。",
        "请删除 & 和 * 标记，把内容直接写出来。",
    ),
    ("found undefined alias", "SCP-Y006", "这里引用了不存在的锚点（*）。", "本系统不支持锚点和别名，请直接写出内容。"),
    (
        "while scanning an anchor",
        "SCP-Y006",
        "「&」后面应该是锚点的名字，本系统也不支持锚点。",
        "文字以 & 开头时请用引号括起来。",
    ),
    (
        "while scanning an alias",
        "SCP-Y006",
        "「*」后面应该是锚点的名字，本系统也不支持别名。",
        "文字以 * 开头时请用引号括起来。",
    ),
    (
        "tag",
        "SCP-Y005",
        "这里的「!」让 YAML 以为是一个标签，本系统不接受标签。",
        "请删除以 ! 开头的标签；文字以 ! 开头时用引号括起来。",
    ),
    (
        "expected a single document",
        "SCP-Y013",
        "一个文件里有多个 YAML 文档（用 --- 分隔）。",
        "每个文件只写一个文档：请删除多余的“---”行，或拆成多个文件。",
    ),
    (
        "expected <document start>",
        "SCP-Y013",
        "文档结束标记“...”之后还有内容：一个文件里成了多个 YAML 文档。",
        "请删除单独一行的“...”（和多余的“---”）；每个文件只写一个文档。",
    ),
    (
        "unexpected document indicator",
        "SCP-Y013",
        "引号里的文字中间出现了单独一行的“---”或“...”，YAML 把它当作文档分隔。",
        "检查引号是否成对；文字中需要这几个字符时不要让它们单独成行。",
    ),
    (
        "mapping values are not allowed",
        "SCP-Y001",
        "这里的冒号让 YAML 以为开始了一个新字段，但位置不对。",
        "检查上一行和这一行的缩进是否对齐；文字里含有“: ”时，请把整段文字用引号括起来。",
    ),
    (
        "found unexpected ':'",
        "SCP-Y001",
        "这里的冒号位置不对：YAML 分不清它是字段的冒号还是文字的一部分。",
        "字段的冒号后加一个空格；文字里含有冒号时，请把整段文字用引号括起来。",
    ),
    (
        "block sequence entries are not allowed",
        "SCP-Y001",
        "列表项“- ”不能写在这里（例如写在了字段名的同一行）。",
        "列表的每一项另起一行，“- ”比上一级字段多缩进两个空格；文字以“- ”开头时用引号括起来。",
    ),
    (
        "mapping keys are not allowed",
        "SCP-Y001",
        "这里的“? ”让 YAML 以为开始了一个复杂的字段名。",
        "以“?”开头的文字请用引号括起来。",
    ),
    (
        "could not find expected ':'",
        "SCP-Y001",
        "这里缺少冒号，或者缩进不对。",
        "字段写成“名称: 值”，冒号后加一个空格；检查缩进是否对齐。",
    ),
    (
        "did not find expected key",
        "SCP-Y001",
        "这一行的缩进和同一层的其他字段没有对齐。",
        "同一层的字段必须左端对齐，列表项“- ”也要对齐。",
    ),
    (
        "did not find expected '-' indicator",
        "SCP-Y001",
        "列表项的缩进没有对齐。",
        "同一个列表的每一项“- ”必须左端对齐。",
    ),
    (
        "did not find expected ',' or ']'",
        "SCP-Y001",
        "方括号列表“[ ]”没有闭合，或列表项之间缺少逗号。",
        "检查“[”和“]”是否成对，列表项之间用半角逗号分隔。",
    ),
    (
        "did not find expected ',' or '}'",
        "SCP-Y001",
        "花括号“{ }”没有闭合，或字段之间缺少逗号。",
        "检查“{”和“}”是否成对，字段之间用半角逗号分隔。",
    ),
    (
        "did not find expected node content",
        "SCP-Y001",
        "这里应该有一个值，却是空的或是一个不能开头的符号。",
        "检查逗号、冒号前后是否漏写了内容；以 , [ ] { } 等符号开头的文字请用引号括起来。",
    ),
    (
        "while scanning a block scalar",
        "SCP-Y001",
        "「|」或「>」（多行文字）后面的写法不对。",
        "「|」或「>」后面直接换行，下一行起比字段名多缩进两个空格写文字；只有一行文字时不要用它们。",
    ),
    (
        "found unexpected end of stream",
        "SCP-Y001",
        "文件在引号或括号还没结束时就结束了。",
        '检查引号“"”和括号“[ ]”“{ }”是否成对。',
    ),
    (
        "found unknown escape character",
        "SCP-Y001",
        "双引号里的反斜杠“\\”后跟了不认识的字符。",
        "不需要转义时改用单引号，或把“\\”写成“\\\\”。",
    ),
    (
        "hexdecimal number",
        "SCP-Y001",
        "双引号里的“\\x”“\\u”后面应该是十六进制数字。",
        "不需要转义时改用单引号，或把“\\”写成“\\\\”。",
    ),
    (
        "escape",
        "SCP-Y001",
        "双引号里的反斜杠“\\”转义写法不对。",
        "不需要转义时改用单引号，或把“\\”写成“\\\\”。",
    ),
    (
        "found character that cannot start any token",
        "SCP-Y001",
        "这里有一个 YAML 不允许放在开头的字符（如 @、`、%）。",
        "以这些字符开头的文字请用引号括起来。",
    ),
    (
        "did not find expected comment or line break",
        "SCP-Y001",
        "这一行在值的后面还有多余的内容。",
        "一行只写一个“名称: 值”；引号括起来的文字后面不能再跟别的字，整段文字请放在一对引号里。",
    ),
    (
        "expected <block end>",
        "SCP-Y001",
        "缩进不一致，YAML 无法判断这一行属于哪一层。",
        "检查这一行与上下文的缩进是否对齐（每级两个空格）。",
    ),
    ("while scanning a quoted scalar", "SCP-Y001", "引号没有成对。", "检查这段文字的开头和结尾引号是否配对。"),
    (
        "special characters are not allowed",
        "SCP-Y014",
        "文件含有 YAML 不允许的特殊字符。",
        "请删除控制字符或不可见字符。",
    ),
    (
        "while scanning a simple key",
        "SCP-Y001",
        "这一行像是一个字段，但缺少冒号，或者太长、跨了行。",
        "字段写成“名称: 值”，冒号后加一个空格；很长的文字请用引号括起来。",
    ),
)


def syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    """One located problem for a libyaml error, always in Chinese."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    detail = f"{exc.context or ''} {exc.problem or ''}"
    if "maximum nesting depth" in detail:  # libyaml stops deep flow nesting itself
        return Problem(
            "SCP-Y008",
            display,
            line,
            column,
            "嵌套的括号层数太多，YAML 无法读取。",
            "报送文件的层级不会这么深：请检查方括号“[ ]”和花括号“{ }”是否成对。",
        )
    if "expected <document start>" in detail and any(ln.startswith("%") for ln in text.splitlines()):
        detail = "directive"  # "%YAML 1.1" without "---": a directive, not a second document
    for needle, rule, message, hint in _SYNTAX:
        if needle in detail:
            return Problem(rule, display, line, column, f"YAML 语法错误：{message}", hint)
    log.debug("untranslated YAML error in %s: %s", display, detail)
    return Problem(
        "SCP-Y001",
        display,
        line,
        column,
        "YAML 语法错误：这里的写法 YAML 读不懂。",
        "检查这一行及上一行的缩进（只用空格，同一层对齐）、冒号（半角，后面加空格）和引号（成对）。",
    )
