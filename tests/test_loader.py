"""The loader's reading errors that no repository file can trigger in a test case."""

from __future__ import annotations

from pathlib import Path

from generator.load.loader import load_file


def test_unreadable_file_is_y016(tmp_path: Path) -> None:
    """SCP-Y016: a file that cannot be read (gone, or a folder) is a located problem, not a traceback."""
    for path in (tmp_path / "gone.yaml", tmp_path):
        loaded = load_file(path, "submissions/guangdong/foshan/ledger.yaml")
        assert loaded.document is None
        assert [(p.rule, p.line, p.column) for p in loaded.problems] == [("SCP-Y016", 0, 0)]
        problem = loaded.problems[0]
        assert problem.message.startswith("文件无法读取") and problem.hint
