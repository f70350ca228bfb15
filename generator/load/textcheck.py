"""The text of a submission before YAML sees it: its encoding (UTF-8, a BOM, or the GBK and
UTF-16 a Windows editor may have saved) and the line-level traps a clerk's editor produces
(tabs or full-width spaces as indentation, a full-width colon after a key, invisible bidi
controls). Each is a located Chinese problem; the loader refuses the file on any error."""

from __future__ import annotations

import re

from generator.load.problems import Problem

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FULLWIDTH_KEY = re.compile(r"^[ \-]*([A-Za-z_][A-Za-z0-9_]*)\s*：")


def decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        problems.append(
            Problem(
                "SCP-Y002",
                display,
                1,
                1,
                "文件是 UTF-16 或 UTF-32 编码（Windows 记事本的“Unicode”）。",
                "请用编辑器把文件另存为“UTF-8（无 BOM）”编码。",
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(
            Problem(
                "SCP-Y003",
                display,
                1,
                1,
                "文件以 UTF-8 BOM 开头，已忽略 BOM 继续读取。",
                "建议另存为“UTF-8（无 BOM）”编码，避免其他工具出错。",
            )
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        problems.append(
            Problem(
                "SCP-Y014",
                display,
                line,
                1,
                "文件含有空字节（\\0），不是文本文件。",
                "请确认提交的是 YAML 文本文件，而不是 Word、Excel 或其他二进制文件。",
            )
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            guess = "文件似乎是 GBK/GB18030 编码（Windows 中文系统的默认编码）。"
        except UnicodeDecodeError:
            guess = "文件含有不是 UTF-8 的字节。"
        problems.append(
            Problem(
                "SCP-Y002",
                display,
                line,
                column,
                f"文件不是 UTF-8 编码：{guess}",
                "请用编辑器（如 VS Code 右下角的编码按钮、记事本的“另存为”）把文件另存为“UTF-8”编码后再提交。",
            )
        )
        return None


def _utf16_without_bom(raw: bytes) -> bool:
    """Text saved as UTF-16 without a byte order mark: ASCII characters leave every other byte
    zero, and the whole file decodes to text without control characters."""
    head = raw[:400]
    if len(raw) < 4 or b"\x00" not in head:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) * 4 < len(head) // 2:  # a stray NUL in a text file is not UTF-16
        return False
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = raw[: len(raw) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 0x20 and c not in "\t\n\r" for c in text)


def lint_lines(text: str, display: str) -> list[Problem]:
    """Traps a YAML parser accepts silently or explains badly, found line by line."""
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        bidi = _BIDI.search(line)
        if bidi:
            problems.append(
                Problem(
                    "SCP-Y014",
                    display,
                    number,
                    bidi.start() + 1,
                    f"这一行含有看不见的文字方向控制字符 U+{ord(bidi.group()):04X}，它会让文字显示的顺序与实际内容不同。",
                    "这类字符通常是从网页或其他文档复制时带进来的：请删除它，或在编辑器中显示不可见字符后再检查。",
                )
            )
            continue
        stripped = line.lstrip(" ")
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith("\u00a0"):
            problems.append(
                Problem(
                    "SCP-Y014",
                    display,
                    number,
                    len(indent) + 1,
                    "这一行用不换行空格（U+00A0）缩进：它看起来和空格一样，YAML 却不把它当作空格。",
                    "这类字符通常是从网页或 Word 复制时带进来的：请删除这些字符，用普通空格重新缩进。",
                )
            )
            continue
        if stripped.startswith("\u3000") or "\u3000" in indent:
            problems.append(
                Problem(
                    "SCP-Y010",
                    display,
                    number,
                    len(indent) + 1,
                    "这一行用全角空格（中文输入法下的空格）缩进。",
                    "YAML 只认半角空格缩进：请切换到英文输入法，删除这些全角空格后重新用空格键缩进。",
                )
            )
            continue
        if stripped.startswith("\t"):
            problems.append(
                Problem(
                    "SCP-Y012",
                    display,
                    number,
                    len(indent) + 1,
                    "这一行用制表符（Tab）缩进。",
                    "YAML 只认空格缩进：请把 Tab 换成空格（每级两个空格）；编辑器里可以打开“用空格代替 Tab”。",
                )
            )
            continue
        match = _FULLWIDTH_KEY.match(line)
        if match:
            problems.append(
                Problem(
                    "SCP-Y009",
                    display,
                    number,
                    match.end(),
                    f"字段「{match.group(1)}」后面用了全角冒号“：”，YAML 认不出这是一个字段。",
                    "请切换到英文输入法，把“：”改成半角冒号“:”，冒号后再加一个空格。",
                )
            )
    return problems
