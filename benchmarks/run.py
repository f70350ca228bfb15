"""The performance benchmark of issue 7, in one command:

    python benchmarks/run.py [--pilots 321 3210] [--runs 3]        (or: make bench)

For each programme size it generates a synthetic repository (``scpilot demo``), then times,
each figure the median of ``--runs`` runs and every comparison a ratio measured in the same
run: full validation against check-jsonschema (schema validation only, same files); one
pilot's pull request; the history pass (and at half the history, for linearity); the site
build against plain ``mkdocs build`` of the very Markdown the generator produced, with peak
memory, site size and largest page; a ``mkdocs serve --dirty`` rebuild after editing one
quarterly report; the bytes a visitor's browser downloads for search (benchmarks/searchbytes.py:
a page load, and the first results of a query). It prints the table and writes docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from searchbytes import PARTS, QUERIES, by_part, compressed, measure

from generator.plugin.pagefind import records

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KINDS = {
    "programme": "submissions/programme.yaml",
    "province": "submissions/*/province.yaml",
    "recommendations": "submissions/*/recommendations/*.yaml",
    "province_summary": "submissions/*/summaries/*.yaml",
    "pilot": "submissions/*/*/pilot.yaml",
    "ledger": "submissions/*/*/ledger.yaml",
    "report": "submissions/*/*/reports/*.yaml",
    "summary": "submissions/*/*/summaries/*.yaml",
}
STEPS = ("validate", "pr", "history", "site", "serve")
CHUNK = 4000  # files per check-jsonschema invocation (command-line length)
# Run a command; report the processor time of it and its descendants, and the command's own peak
# memory (its VmHWM, read from /proc while it runs): the largest descendant's peak (RUSAGE_CHILDREN)
# would be Pagefind's indexing service at any scale, not the MkDocs process being compared.
MEASURE = (
    "import resource, subprocess, sys, threading, time\n"
    "child = subprocess.Popen(sys.argv[1:])\n"
    "peak = [0]\n"
    "def watch():\n"
    "    while child.poll() is None:\n"
    "        try:\n"
    "            for line in open('/proc/%d/status' % child.pid):\n"
    "                if line.startswith('VmHWM:'):\n"
    "                    peak[0] = max(peak[0], int(line.split()[1]))\n"
    "        except (OSError, ValueError):\n"
    "            pass\n"
    "        time.sleep(0.2)  # VmHWM only grows: the last reading is the peak, to 0.2 s\n"
    "watcher = threading.Thread(target=watch, daemon=True)\n"
    "watcher.start()\n"
    "code = child.wait()\n"
    "watcher.join()\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write('\\nCPU_S %.3f\\n' % (used.ru_utime + used.ru_stime))\n"
    "sys.stderr.write('\\nMAXRSS_KB %d\\n' % (peak[0] or used.ru_maxrss))\n"
    "sys.exit(code)\n"
)


@dataclass
class Row:
    name: str
    value: str
    compare: str = ""
    ratio: str = ""
    note: str = ""
    baseline: str = ""
    """The figure before issue 16 (docs/benchmarks.md of 2026-11-27), printed beside this run's."""
    step: str = ""
    """The step (``--steps``) that measured it."""
    measured: str = ""
    """Set on a row kept from an earlier run (a run of other steps): when and at what load."""


BASELINES: dict[str, dict[int, str]] = {
    "validate": {321: "3.08 s", 3210: "32.18 s"},
    "pr": {321: "3.36 s", 3210: "33.58 s"},
    "history": {321: "0.34 s", 3210: "4.06 s"},
    "build": {321: "42.45 s（1.17 倍）", 3210: "411 s（1.25 倍）"},
    "memory": {321: "514.1 MB（1.68 倍）", 3210: "3258.1 MB（1.58 倍）"},
    "largest": {321: "86 KB", 3210: "390 KB"},
    "search": {321: "5.8 MB", 3210: "54.6 MB"},
    "search_load": {321: "5.8 MB", 3210: "54.6 MB"},
    "serve": {321: "13.71 s", 3210: "149 s"},
}
"""What issue 16 measured before its work (lunr's whole index was fetched on the first keystroke)."""


def baseline(key: str, pilots: int) -> str:
    return BASELINES.get(key, {}).get(pilots, "")


@dataclass
class Scale:
    pilots: int
    files: int = 0
    commits: int = 0
    pages: int = 0
    rows: list[Row] = field(default_factory=list)
    facts: dict[str, float] = field(default_factory=dict)
    runs: int = 0
    command: str = ""
    date: str = ""
    loadavg: str = ""
    """The machine's load average (1 minute) when the scale started and when it ended: the
    cores are shared, and a loaded machine makes every figure slower (the ratios less so)."""

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.pilots}.json").write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, path: Path) -> Scale:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["rows"] = [Row(**r) for r in data["rows"]]
        return cls(**data)


def env() -> dict[str, str]:
    found = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    found.pop("SOURCE_DATE_EPOCH", None)
    found["PATH"] = f"{BIN}{os.pathsep}{found.get('PATH', '')}"
    return found


def run(cmd: list[str], cwd: Path, *, check: bool = True) -> tuple[float, int, str]:
    """Wall time, the command's own peak memory (KiB, not its children's) and its stderr."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], cwd=cwd, env=env(), capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    match = re.search(r"MAXRSS_KB (\d+)\s*$", done.stderr)
    if check and done.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd[:3])}… failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, int(match.group(1)) if match else 0, done.stderr


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def repeat(runs: int, action: Callable[[], float]) -> float:
    return median([action() for _ in range(runs)])


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- the steps ------------------------------------------------------------------------------------


def demo(work: Path, pilots: int, seed: int) -> Path:
    out = work / f"demo-{pilots}-{seed}"
    marker = out / ".bench-complete"
    if not marker.exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(
            [
                str(BIN / "scpilot"),
                "--root",
                str(ROOT),
                "demo",
                "--pilots",
                str(pilots),
                "--seed",
                str(seed),
                "--out",
                str(out),
            ],
            check=True,
            env=env(),
        )
        marker.write_text("ok\n")
    return out


def documents(repo: Path) -> dict[str, list[str]]:
    return {kind: sorted(p.relative_to(repo).as_posix() for p in repo.glob(pattern)) for kind, pattern in KINDS.items()}


def check_jsonschema(repo: Path, files: dict[str, list[str]]) -> float:
    total = 0.0
    for kind, paths in files.items():
        for i in range(0, len(paths), CHUNK):
            cmd = [str(BIN / "check-jsonschema"), "--schemafile", f"schemas/{kind}.schema.json", *paths[i : i + CHUNK]]
            total += run(cmd, repo)[0]
    return total


def validation(scale: Scale, repo: Path, runs: int, steps: set[str]) -> None:
    files = documents(repo)
    scale.files = sum(len(v) for v in files.values())
    if "validate" in steps:
        tagged(scale, "validate", whole_repository, repo, runs, files)
    if "pr" in steps:
        tagged(scale, "pr", pull_request_row, repo, runs, files)


def tagged(scale: Scale, step: str, action: Callable[..., None], *args: object) -> None:
    """Run one step, ``action(scale, *args)``, and mark the rows it adds with its name."""
    before = len(scale.rows)
    action(scale, *args)
    for row in scale.rows[before:]:
        row.step = step


def carried(scale: Scale, folder: Path, steps: set[str]) -> None:
    """The rows of the steps not run this time, kept from the last stored run of this scale
    (each says when it was measured), so that a run of some steps does not erase the others."""
    path = folder / f"{scale.pilots}.json"
    if not path.exists():
        return
    old = Scale.load(path)
    kept = [r for r in old.rows if r.step and r.step not in steps]
    for row in kept:
        row.measured = row.measured or f"{old.date}，负载 {old.loadavg}"
    order = {name: i for i, name in enumerate(STEPS)}
    scale.rows = sorted(kept + scale.rows, key=lambda r: order.get(r.step, len(STEPS)))
    scale.facts = {**old.facts, **scale.facts}
    scale.files = scale.files or old.files
    scale.commits = scale.commits or old.commits
    scale.pages = scale.pages or old.pages


def whole_repository(scale: Scale, repo: Path, runs: int, files: dict[str, list[str]]) -> None:
    ours = repeat(runs, lambda: run([str(BIN / "scpilot"), "validate", "--root", str(repo)], repo)[0])
    theirs = repeat(runs, lambda: check_jsonschema(repo, files))
    scale.facts["validate"] = ours
    scale.facts["validate_ratio"] = ours / theirs
    scale.rows.append(
        Row(
            "全量校验（Schema + 跨文件规则 + 台账质量）",
            fmt_s(ours),
            f"check-jsonschema 仅 Schema：{fmt_s(theirs)}",
            f"{ours / theirs:.2f}",
            f"{scale.files} 个文件",
            baseline("validate", scale.pilots),
        )
    )


def pull_request_row(scale: Scale, repo: Path, runs: int, files: dict[str, list[str]]) -> None:
    pilot = sorted(p.parent for p in repo.glob("submissions/*/*/pilot.yaml"))[len(files["pilot"]) // 2]
    folder = pilot.relative_to(repo).as_posix()
    changed = sorted(p.relative_to(repo).as_posix() for p in pilot.rglob("*.yaml"))
    whole = repeat(runs, lambda: run([str(BIN / "scpilot"), "validate", "--root", str(repo), folder], repo)[0])
    cold, warm = pull_request(repo, pilot, runs)
    scale.facts.update(pr=warm, pr_cold=cold)
    theirs = repeat(
        runs,
        lambda: check_jsonschema(
            repo, {k: [c for c in changed if c in set(v)] for k, v in files.items() if any(c in v for c in changed)}
        ),
    )
    scale.rows.append(
        Row(
            "一个试点的合并请求：scpilot validate --base（只读取跨文件规则需要的材料）",
            fmt_s(warm),
            f"同一次运行中读取整个仓库（scpilot validate {folder}）：{fmt_s(whole)}；"
            f"check-jsonschema 只查这 {len(changed)} 个文件：{fmt_s(theirs)}",
            f"{warm / whole:.2f}",
            f"改动这个试点的全部 {len(changed)} 个文件；索引已缓存时的用时，首次（没有缓存）{fmt_s(cold)}",
            baseline("pr", scale.pilots),
        )
    )


def pull_request(repo: Path, pilot: Path, runs: int) -> tuple[float, float]:
    """``scpilot validate --base HEAD`` after an edit of every file of one pilot: without the
    registry index (a fresh cache folder) and with it (the same folder again)."""
    edited = {p: p.read_bytes() for p in sorted(pilot.rglob("*.yaml"))}
    cache = repo.parent / f"{repo.name}-cache"
    cmd = [str(BIN / "scpilot"), "validate", "--root", str(repo), "--base", "HEAD"]
    colds, warms = [], []
    try:
        for path, raw in edited.items():
            path.write_bytes(raw + "\n# 合并请求中的修改\n".encode())
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            os.environ["SCPILOT_CACHE"] = str(cache)
            try:
                colds.append(run(cmd, repo)[0])
                warms.append(run(cmd, repo)[0])
            finally:
                os.environ.pop("SCPILOT_CACHE", None)
    finally:
        for path, raw in edited.items():
            path.write_bytes(raw)
        shutil.rmtree(cache, ignore_errors=True)
    return median(colds), median(warms)


HISTORY = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from generator.history.versions import read_history\n"
    "start = time.perf_counter()\n"
    "h = read_history(Path(sys.argv[1]), sys.argv[2])\n"
    "print(time.perf_counter() - start, sum(len(v) for v in h.versions.values()))\n"
)


def history(scale: Scale, repo: Path, runs: int) -> None:
    chain = subprocess.run(
        ["git", "rev-list", "--first-parent", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split()
    half = chain[len(chain) // 2]
    commits = int(
        subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout
    )
    half_commits = int(
        subprocess.run(
            ["git", "rev-list", "--count", half], cwd=repo, capture_output=True, text=True, check=True
        ).stdout
    )
    scale.commits = commits

    def once(ref: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", HISTORY, str(repo), ref],
            cwd=repo,
            env=env(),
            capture_output=True,
            text=True,
            check=True,
        )
        return float(out.stdout.split()[0])

    full = repeat(runs, lambda: once("HEAD"))
    part = repeat(runs, lambda: once(half))
    scale.facts["history"] = full
    scale.facts["history_us_per_commit"] = full / commits * 1e6
    scale.rows.append(
        Row(
            "历史读取（一次 git 历史遍历）",
            fmt_s(full),
            f"一半历史（{half_commits} 个提交）：{fmt_s(part)}",
            f"{(full / part) / (commits / half_commits):.2f}",
            f"{commits} 个提交，每个提交 {full / commits * 1e6:.0f} 微秒；比值为时间之比÷提交数之比（1 即线性）",
            baseline("history", scale.pilots),
        )
    )


def plain_project(repo: Path, work: Path) -> Path:
    """A plain MkDocs project (same theme, Markdown extensions and search) holding the
    Markdown and files the generator produced (``scpilot pages``) and the hand-written docs."""
    plain = work / f"{repo.name}-plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(repo / "docs", plain / "docs")
    subprocess.run(
        [str(BIN / "scpilot"), "pages", "--root", str(repo), "--out", str(plain / "docs")],
        check=True,
        env=env(),
        capture_output=True,
    )
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - scpilot:\n(?:    .*\n)+", "\n", text)
    text = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", text)
    text = re.sub(r"\nplugins:\n(?!  )", "\nplugins: []\n", text)  # not MkDocs' default search plugin
    # the same search as the site: Pagefind over the built pages
    (plain / "pagefind_hook.py").write_text(
        "from generator.plugin.pagefind import index_site\n\n\n"
        "def on_post_build(config):\n    index_site(config['site_dir'])\n",
        encoding="utf-8",
    )
    text += "\nhooks:\n  - pagefind_hook.py\n"
    (plain / "mkdocs.yml").write_text(text, encoding="utf-8")
    return plain


def cpu_seconds(log: str) -> float:
    """The processor time (user and system, Pagefind's included) a command of ``run`` used: on
    cores shared with other work it varies far less than the wall time."""
    match = re.search(r"CPU_S ([\d.]+)", log)
    return float(match.group(1)) if match else 0.0


def site(scale: Scale, repo: Path, work: Path, runs: int) -> None:
    plain = plain_project(repo, work)
    mkdocs = str(BIN / "mkdocs")
    ours_t, ours_m, plain_t, plain_m, ours_c, plain_c = [], [], [], [], [], []
    for _ in range(runs):
        t, m, log = run([mkdocs, "build", "-q", "-d", str(work / "site-ours")], repo)
        ours_t.append(t)
        ours_m.append(m)
        ours_c.append(cpu_seconds(log))
        t, m, log = run([mkdocs, "build", "-q", "-d", str(work / "site-plain")], plain)
        plain_t.append(t)
        plain_m.append(m)
        plain_c.append(cpu_seconds(log))
    built = work / "site-ours"
    pages = [p for p in built.rglob("*.html")]
    scale.pages = len(pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    ours, theirs = median(ours_t), median(plain_t)
    scale.facts.update(
        build=ours,
        plain=theirs,
        memory=max(ours_m) * 1024,
        plain_memory=max(plain_m) * 1024,
        largest=largest.stat().st_size,
        site=du(built),
    )
    scale.facts["index"] = du(built / "pagefind")
    scale.facts["records"] = records(built / "pagefind")
    scale.rows.append(
        Row(
            "网站构建（mkdocs build，含生成器）",
            fmt_s(ours),
            f"普通 mkdocs build 同样的 Markdown：{fmt_s(theirs)}",
            f"{ours / theirs:.2f}",
            f"{len(pages)} 个页面",
            baseline("build", scale.pilots),
        )
    )
    cpu, plain_cpu = median(ours_c), median(plain_c)
    scale.facts.update(build_cpu=cpu, plain_cpu=plain_cpu)
    if cpu and plain_cpu:
        scale.rows.append(
            Row(
                "网站构建的处理器时间（用户态 + 内核态，含 Pagefind）",
                fmt_s(cpu),
                f"普通 mkdocs build：{fmt_s(plain_cpu)}",
                f"{cpu / plain_cpu:.2f}",
                "机器的核被其他工作分用时，处理器时间比用时稳定",
            )
        )
    scale.rows.append(
        Row(
            "构建峰值内存",
            fmt_mb(max(ours_m) * 1024),
            f"普通 mkdocs build：{fmt_mb(max(plain_m) * 1024)}",
            f"{max(ours_m) / max(plain_m):.2f}",
            "",
            baseline("memory", scale.pilots),
        )
    )
    scale.rows.append(Row("网站大小", fmt_mb(du(built)), f"普通构建：{fmt_mb(du(work / 'site-plain'))}"))
    scale.rows.append(
        Row(
            "最大页面",
            f"{largest.stat().st_size / 1e3:.0f} KB",
            "",
            "",
            largest.relative_to(built).as_posix(),
            baseline("largest", scale.pilots),
        )
    )
    search(scale, built)


LUNR = {321: 5.8e6, 3210: 54.6e6}
"""What a visitor downloaded before the first result with Material's lunr search (its whole
index, search/search_index.json), as this benchmark measured it before the switch to Pagefind."""


def search(scale: Scale, built: Path) -> None:
    loaded, fetched = measure(built, QUERIES)
    load = sum(by_part(built, loaded).values())
    parts = {q: by_part(built, paths) for q, paths in fetched.items()}
    per_query = {q: sum(bytes_.values()) for q, bytes_ in parts.items()}
    worst_query = max(per_query, key=per_query.__getitem__)
    worst, heaviest = per_query[worst_query], parts[worst_query]
    gzipped = compressed(built, fetched[worst_query])
    scale.facts.update(search_load=load, search_query=worst)
    before = LUNR.get(scale.pilots)
    scale.rows.append(
        Row(
            "搜索：一次查询得到首批结果前下载的字节（Pagefind）",
            f"{worst / 1e3:.0f} KB",
            f"lunr 搜索先下载整个索引（改用 Pagefind 前测得）：{fmt_mb(before)}" if before else "",
            f"{worst / before:.3f}" if before else "",
            "；".join(f"“{q}” {b / 1e3:.0f} KB" for q, b in per_query.items())
            + "（浏览器网络事件，/pagefind/ 下的响应之和，取最大）；最大一次："
            + "、".join(f"{name} {heaviest[name] / 1e3:.0f} KB" for name, _ in PARTS if name in heaviest)
            + f"（GitHub Pages 压缩脚本后约 {gzipped / 1e3:.0f} KB）"
            + f"；索引共 {fmt_mb(scale.facts['index'])}，{scale.facts['records']:,} 个记录",
            baseline("search", scale.pilots),
        )
    )
    scale.rows.append(
        Row(
            "搜索：打开页面时下载的索引",
            f"{load / 1e3:.0f} KB",
            "",
            "",
            "输入之前不下载任何索引文件",
            baseline("search_load", scale.pilots),
        )
    )


def serve_dirty(scale: Scale, repo: Path, runs: int, timeout: float) -> None:
    report = sorted(repo.glob("submissions/*/*/reports/2020Q2.yaml"))[0]
    original = report.read_bytes()
    samples: list[float] = []
    built: list[float] = []
    rest: list[float] = []
    port = 8400 + scale.pilots % 500
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=repo,
        env=env(),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: list[tuple[float, str]] = []
    ready = threading.Event()

    def reader() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append((time.perf_counter(), line))
            if "Serving on" in line:
                ready.set()

    threading.Thread(target=reader, daemon=True).start()
    try:
        if not ready.wait(timeout):
            raise RuntimeError("mkdocs serve did not finish its first build in time")
        page = f"http://127.0.0.1:{port}/pilots/{report.parent.parent.name}/reports/2020Q2/"
        for i in range(runs):
            time.sleep(2)
            seen = len(lines)
            marker = f"修改{i + 1}。"
            edited = original.replace(b"\noverview: ", f"\noverview: {marker}".encode(), 1)
            started = time.perf_counter()
            report.write_bytes(edited)
            shown = _wait_for_page(lines, seen, page, marker, started + timeout)
            samples.append(shown - started)
            took = [line for _, line in lines[seen:] if "Documentation built in" in line]
            if took:
                built.append(float(re.search(r"built in ([0-9.]+)", took[0]).group(1)))  # type: ignore[union-attr]
            rest.append(_wait_for_rest(lines, seen, started + timeout) - started)
    finally:
        report.write_bytes(original)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    full = scale.facts.get("build", 0.0)
    value = median(samples)
    scale.facts["serve"] = value
    scale.facts["serve_rest"] = median(rest)
    scale.rows.append(
        Row(
            "mkdocs serve --dirty：改一份季报后，这份季报的页面显示修改",
            fmt_s(value),
            f"完整构建：{fmt_s(full)}" if full else "",
            f"{value / full:.2f}" if full else "",
            "从保存文件到浏览器取得含修改的页面（HTTP 读取页面核对）"
            + (f"；其中 MkDocs 报告的构建用时 {fmt_s(median(built))}" if built else ""),
            baseline("serve", scale.pilots),
        )
    )
    scale.rows.append(
        Row(
            "mkdocs serve --dirty：其余页面（报送情况、统计、目录、下载）在后台跟上",
            fmt_s(median(rest)),
            f"完整构建：{fmt_s(full)}" if full else "",
            f"{median(rest) / full:.2f}" if full else "",
            "从保存文件到后台生成完毕、浏览器再次刷新",
        )
    )


def _wait_for_page(lines: list[tuple[float, str]], seen: int, page: str, marker: str, deadline: float) -> float:
    """When the served page first holds ``marker``: checked after each browser reload."""
    import urllib.request

    checked = seen
    while time.perf_counter() < deadline:
        reloads = [t for t, line in lines[checked:] if "Reloading browsers" in line]
        if reloads:
            checked = len(lines)
            with urllib.request.urlopen(page, timeout=30) as response:
                if marker in response.read().decode("utf-8"):
                    return reloads[0]
        time.sleep(0.05)
    raise RuntimeError("mkdocs serve --dirty did not show the edit in time")


def _wait_for_rest(lines: list[tuple[float, str]], seen: int, deadline: float) -> float:
    """When the browsers reload after the background render said it was done."""
    while time.perf_counter() < deadline:
        said = [i for i, (_, line) in enumerate(lines[seen:], start=seen) if "汇总页面已在后台更新" in line]
        if said:
            after = [t for t, line in lines[said[0] :] if "Reloading browsers" in line]
            if after:
                return after[0]
        time.sleep(0.05)
    raise RuntimeError("mkdocs serve --dirty did not refresh the other pages in time")


# -- the report -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        info = Path("/proc/cpuinfo").read_text()
        found = re.search(r"model name\s*:\s*(.+)", info)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{kb / 1024 / 1024:.0f} GB 内存"
    except (OSError, AttributeError):
        memory = ""
    versions = []
    for package in ("mkdocs", "mkdocs-material", "jsonschema", "check-jsonschema", "PyYAML"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            versions.append(f"{package} 未安装")
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return (
        f"{cpu}，{os.cpu_count()} 核，{memory}；{platform.system()} {platform.release()}；"
        f"Python {platform.python_version()}；{'，'.join(versions)}；{git}"
    )


Target = tuple[str, Callable[["Scale"], bool], Callable[[dict[str, float]], bool]]
TARGETS: tuple[Target, ...] = (
    (
        "全量校验比 check-jsonschema 快（3,210 个试点，比值 < 1）",
        lambda s: s.pilots >= 3210,
        lambda f: f["validate_ratio"] < 1,
    ),
    ("生成器开销 ≤ 1.25 倍", lambda s: True, lambda f: f["build"] / f["plain"] <= 1.25),
    ("真实规模构建 ≤ 60 秒", lambda s: s.pilots <= 321, lambda f: f["build"] <= 60),
    ("十倍规模构建 ≤ 8 分钟", lambda s: s.pilots >= 3210, lambda f: f["build"] <= 480),
    ("峰值内存 ≤ 1 GB", lambda s: True, lambda f: f["memory"] <= 1024**3),
    ("一次查询下载的搜索索引 ≤ 300 KB", lambda s: True, lambda f: f["search_query"] <= 300e3),
    ("打开页面不下载搜索索引", lambda s: True, lambda f: f["search_load"] == 0),
    ("一个试点的合并请求 ≤ 2 秒（索引已缓存）", lambda s: s.pilots >= 3210, lambda f: f["pr"] <= 2),
    ("一个试点的合并请求 ≤ 2 秒（首次，没有缓存）", lambda s: s.pilots >= 3210, lambda f: f["pr_cold"] <= 2),
    ("改一份季报后 ≤ 3 秒显示（mkdocs serve --dirty）", lambda s: s.pilots <= 321, lambda f: f["serve"] <= 3),
    ("最大页面 ≤ 120 KB", lambda s: s.pilots >= 3210, lambda f: f["largest"] <= 120e3),
    ("生成器开销 ≤ 1.15 倍", lambda s: s.pilots >= 3210, lambda f: f["build"] / f["plain"] <= 1.15),
    ("峰值内存 ≤ 1.25 倍普通 mkdocs", lambda s: True, lambda f: f["memory"] / f["plain_memory"] <= 1.25),
)


def table(scale: Scale) -> str:
    head = f"### {scale.pilots:,} 个试点（{scale.files:,} 个报送文件，{scale.commits:,} 个提交，{scale.pages:,} 个页面）\n\n"
    if scale.command:
        head += f"命令 `{scale.command}`，{scale.date}，每项 {scale.runs} 次运行的中位数。"
        head += f"测量时机器的负载（1 分钟平均）：{scale.loadavg}。\n\n" if scale.loadavg else "\n\n"
    lines = ["| 项目 | 结果 | 改进前（issue 16） | 同一次运行中的对照 | 比值 | 说明 |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {r.name} | {r.value} | {r.baseline} | {r.compare} | {r.ratio} | "
        f"{r.note}{f'（另一次运行测得：{r.measured}）' if r.measured else ''} |"
        for r in scale.rows
    ]
    return head + "\n".join(lines) + "\n"


def verdicts(scales: list[Scale]) -> str:
    lines = ["| 目标 | 规模 | 结果 |", "|---|---|---|"]
    for title, applies, met in TARGETS:
        for s in scales:
            if not applies(s):
                continue
            try:
                ok = met(s.facts)
            except KeyError:
                continue
            lines.append(f"| {title} | {s.pilots:,} | {'达到' if ok else '未达到'} |")
    if len(scales) >= 2 and all("largest" in s.facts for s in scales):
        small, big = scales[0], scales[-1]
        growth = big.facts["largest"] / small.facts["largest"]
        lines.append(f"| 页面大小不随规模增长（最大页面之比） | {small.pilots:,} → {big.pilots:,} | {growth:.2f} 倍 |")
    if len(scales) >= 2 and all("history_us_per_commit" in s.facts for s in scales):
        small, big = scales[0], scales[-1]
        growth = big.facts["history_us_per_commit"] / small.facts["history_us_per_commit"]
        lines.append(
            f"| 历史读取与提交数成线性（每提交用时之比） | {small.pilots:,} → {big.pilots:,} | {growth:.2f} 倍 |"
        )
    return "\n".join(lines) + "\n"


def page(scales: list[Scale]) -> str:
    return (
        "---\ntitle: 性能测试\nsearch:\n  exclude: true\n---\n\n"
        "# 性能测试\n\n"
        "这一页由性能测试命令（`python benchmarks/run.py`，或 `make bench`）自动生成，请勿手工修改。"
        "测试用 `scpilot demo` 生成的虚构仓库（真实规模 321 个试点和十倍规模 3,210 个试点，"
        "含 2019—2020 年逐个合并请求报送和确认的 git 历史）。每个数字是多次运行的中位数，"
        "比值都是在同一次运行中测得的；各规模的结果保存在 `build/bench/results/`，本页列出最近一次测得的每个规模。\n\n"
        f"- 机器：{machine()}\n\n"
        "## 结果\n\n" + "\n".join(table(s) for s in scales) + "\n## 目标\n\n" + verdicts(scales) + "\n"
        "## 说明\n\n"
        "- **全量校验**：`scpilot validate`，读取并校验全部文件（YAML 陷阱、JSON Schema、跨文件规则、台账质量）；"
        "对照为 `check-jsonschema`，按材料类型分别用对应的 Schema 只做格式校验，同样的文件。\n"
        "- **一个试点的合并请求**：改动一个试点文件夹中的每个文件后运行 `scpilot validate --base HEAD`："
        "只校验改动的文件和依赖它们的文件，只读取跨文件规则需要的材料（工作日历、各省登记、同名试点、本省的试点等），"
        "只为读取事实的材料从按内容（git 的 blob 标识）缓存的索引中读取。先在没有缓存时测一次（首次），再测一次（已缓存）。"
        "同一次运行中的对照是改进前的做法 `scpilot validate <试点文件夹>`（读取整个仓库，只报告这个文件夹的问题），"
        "以及 `check-jsonschema` 只查这个试点的文件。\n"
        "- **历史读取**：`generator.history.versions.read_history`，并在主线一半处的提交上再测一次，检验用时与提交数成线性。\n"
        "- **网站构建**：带生成器插件的 `mkdocs build`；对照为用 `scpilot pages` 导出的同样的 Markdown，"
        "在主题、Markdown 扩展和搜索设置都相同、但没有生成器插件的 MkDocs 项目中 `mkdocs build`。"
        "峰值内存为 MkDocs 构建进程本身的最大常驻内存（不含它启动的 Pagefind 索引服务）。\n"
        "- **搜索**：Pagefind 的索引分成许多小文件，浏览器只下载一次查询需要的部分。在 Debian 的 chromium 中打开首页，"
        "在页头的搜索框输入一个词，直到显示首批结果，把 `/pagefind/` 下各个响应的字节数相加（每个词用新的浏览器上下文，"
        "没有缓存）；“打开页面”是输入之前下载的索引字节数。对照是改用 Pagefind 前 lunr 搜索的整个索引。\n"
        "- **`mkdocs serve --dirty`**：启动后等首次构建完成，修改一份季报的概述，计时到服务器记录“Reloading browsers”"
        "且用 HTTP 取得的这份季报的页面含有修改；生成器先只重建这个试点的页面（先按合并请求的方式校验改动），"
        "其余页面在后台重新生成，完成后浏览器再刷新一次，第二项计时到这一次刷新。\n"
        "- **改进前（issue 16）**：issue 16 开始前本页记录的数字（2026-11-27，同一台机器），列在本次结果旁边；"
        "“同一次运行中的对照”则是本次运行中测得的。\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="scpilot 性能测试：打印结果表并写入 docs/benchmarks.md。")
    parser.add_argument("--pilots", type=int, nargs="+", default=[321, 3210], help="试点数量，默认 321 和 3210。")
    parser.add_argument("--runs", type=int, default=3, help="每项测几次取中位数，默认 3。")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="工作文件夹，默认 build/bench。")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="结果页面。")
    parser.add_argument("--no-serve", action="store_true", help="不测 mkdocs serve --dirty。")
    parser.add_argument("--serve-timeout", type=float, default=1800)
    parser.add_argument(
        "--steps",
        nargs="+",
        choices=STEPS,
        default=list(STEPS),
        help="只测这些项目（默认全部）：validate 全量校验，pr 一个试点的合并请求，history 历史读取，site 网站构建和搜索，serve mkdocs serve --dirty。",
    )
    args = parser.parse_args(argv)
    steps = set(args.steps)
    if shutil.which("check-jsonschema", path=str(BIN)) is None:
        sys.stderr.write("需要 check-jsonschema：pip install -e '.[bench]'（或 make bench）。\n")
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    command = "python benchmarks/run.py " + " ".join(
        [f"--pilots {' '.join(str(p) for p in args.pilots)}", f"--runs {args.runs}"]
        + (["--no-serve"] if args.no_serve else [])
        + ([f"--steps {' '.join(args.steps)}"] if steps != set(STEPS) else [])
    )
    scales = []
    for pilots in args.pilots:
        scale = Scale(pilots)
        started = os.getloadavg()[0]
        repo = demo(args.work, pilots, args.seed)
        validation(scale, repo, args.runs, steps)
        if "history" in steps:
            tagged(scale, "history", history, repo, args.runs)
        if "site" in steps:
            tagged(scale, "site", site, repo, args.work, args.runs)
        if "serve" in steps and not args.no_serve:
            tagged(scale, "serve", serve_dirty, repo, args.runs, args.serve_timeout)
        carried(scale, args.work / "results", steps - ({"serve"} if args.no_serve else set()))
        scale.runs = args.runs
        scale.loadavg = f"{started:.1f} → {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）"
        scale.command = command
        scale.date = datetime.now(UTC).strftime("%Y-%m-%d")
        scale.save(args.work / "results")
        scales.append(scale)
        sys.stdout.write(table(scale) + "\n")
        sys.stdout.flush()
    sys.stdout.write(verdicts(scales))
    stored = sorted((Scale.load(p) for p in (args.work / "results").glob("*.json")), key=lambda x: x.pilots)
    args.out.write_text(page(stored), encoding="utf-8")
    sys.stdout.write(f"\n已写入 {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
