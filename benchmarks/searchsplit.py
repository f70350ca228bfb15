"""What one search bundle per kind of page would cost per query (issue 16.1): a probe, not a
step of run.py. It indexes an already built site twice with the plugin's own settings, once for
the pages a visitor looks for first (pilots, practices, the lists) and once for the reports and
summaries, each bundle served beside the site's pages, and measures each query as
searchbytes.measure does. A search that shows the first bundle's results before it fetches the
second would fetch the first bundle's bytes for its first results.

    .venv/bin/python benchmarks/searchsplit.py build/bench/site-ours --work /tmp/split
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from searchbytes import PARTS, QUERIES, by_part, compressed, measure

from generator.plugin.pagefind import _Service, index_config, records

BUNDLES = {
    "试点、经验做法和名单": "{index.html,pilots/index.html,pilots/*/index.html,pilots/[0-9]*/**/*.html,"
    "practices/**/*.html,provinces/**/*.html,status/**/*.html,recommendations/**/*.html,programmes/**/*.html,"
    "guides/**/*.html,statistics/**/*.html,experience/**/*.html,methods/**/*.html,reference/**/*.html,"
    "revoked/**/*.html}",
    "季度报告和总结报告": "pilots/*/{reports,summaries}/**/*.html",
}
"""Each bundle's pages, as Pagefind globs relative to the site."""


async def _bundle(site: Path, glob: str, output: Path) -> None:
    service = await _Service().launch()
    try:
        index = await service.create_index(index_config(output))
        await index.add_directory(str(site), glob=glob)
        await index.write_files(output_path=str(output))
    finally:
        await service.close()


def served(site: Path, folder: Path, glob: str) -> Path:
    """``folder``: the site's pages (as links) with a bundle of only the pages ``glob`` matches."""
    folder.mkdir(parents=True, exist_ok=True)
    for child in site.iterdir():
        if child.name != "pagefind" and not (folder / child.name).exists():
            (folder / child.name).symlink_to(child.resolve())
    asyncio.run(_bundle(site, glob, folder / "pagefind"))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按页面种类分开的搜索索引：每次查询下载的字节。")
    parser.add_argument("site", type=Path, help="已构建的网站文件夹，例如 build/bench/site-ours。")
    parser.add_argument("--work", type=Path, required=True, help="放两个索引的空文件夹。")
    parser.add_argument("--query", action="append", help="查询词（可重复）；默认同 searchbytes.QUERIES。")
    args = parser.parse_args(argv)
    queries = tuple(args.query or QUERIES)
    for i, (name, glob) in enumerate(BUNDLES.items()):
        folder = served(args.site, args.work / str(i), glob)
        sys.stdout.write(f"{name}：{records(folder / 'pagefind'):,} 个记录（{folder}）\n")
        for term, paths in measure(folder, queries)[1].items():
            parts = by_part(folder, paths)
            detail = "、".join(f"{kind} {parts[kind] / 1e3:.0f} KB" for kind, _ in PARTS if kind in parts)
            sys.stdout.write(
                f"  “{term}” {sum(parts.values()) / 1e3:.0f} KB（{detail}；压缩脚本后 {compressed(folder, paths) / 1e3:.0f} KB）\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
