"""The filing desk's JavaScript libraries, vendored into the site from npm.

``package.json`` and ``package-lock.json`` beside this module pin them; ``npm ci --prefix
generator/site/filing`` (run by ``make site`` and ``make test`` through ``.ci/system-deps``)
installs them into ``node_modules``, and the site build copies the one browser file of each
into ``assets/filing/vendor/``. Nothing is fetched from a CDN at page time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules"


@dataclass(frozen=True)
class Library:
    package: str
    file: str
    """The browser build inside the package (a UMD script that defines a global)."""
    why: str


LIBRARIES = (
    Library("ajv-dist", "dist/ajv2020.min.js", "JSON Schema draft 2020-12 in the browser, on the same schema files"),
    Library("js-yaml", "dist/js-yaml.min.js", "the YAML emitter of the downloaded and submitted file"),
)


class VendorError(Exception):
    """A library is not installed: the message says how to install it."""


def locked_version(package: str) -> str:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"][f"node_modules/{package}"]["version"])


def vendored() -> dict[str, bytes]:
    """``assets/filing/vendor/<name>`` → bytes, for each library at its locked version."""
    files: dict[str, bytes] = {}
    for library in LIBRARIES:
        folder = NODE_MODULES / library.package
        wanted = locked_version(library.package)
        try:
            installed = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
            data = (folder / library.file).read_bytes()
        except (OSError, ValueError, KeyError) as exc:
            raise VendorError(_missing(library.package, wanted)) from exc
        if installed != wanted:
            raise VendorError(
                f"在线填报页需要 {library.package} {wanted}（package-lock.json），已安装的是 {installed}。"
                f"\n提示：运行 npm ci --prefix {_prefix()}（make site 会自动运行）。"
            )
        files[f"assets/filing/vendor/{Path(library.file).name}"] = data
    return files


def _prefix() -> str:
    return "generator/site/filing"


def _missing(package: str, version: str) -> str:
    return (
        f"在线填报页需要的 JavaScript 库 {package} {version} 还没有安装。"
        f"\n提示：运行 npm ci --prefix {_prefix()}（make site 和 make test 会自动运行）。"
    )
