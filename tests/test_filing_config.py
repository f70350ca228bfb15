"""The filing desk's configuration and build inputs, without a browser: the plugin's ``host``
option, the API address per host, the vendored libraries at their locked versions, and the
page's data (what a unit file holds, and that the public build holds no internal field)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.plugin.mkdocs_plugin import _host
from generator.site.filing import HostConfig, vendor


@pytest.mark.parametrize(
    ("host", "api"),
    [
        (HostConfig("github", "https://github.com", "mofcom/scpilot"), "https://api.github.com"),
        (HostConfig("github", "https://ghe.example.gov.cn/", "mofcom/scpilot"), "https://ghe.example.gov.cn/api/v3"),
        (HostConfig("gitea", "https://git.example.gov.cn", "commerce/filings"), "https://git.example.gov.cn/api/v1"),
        (HostConfig("gitlab", "https://gitlab.example.gov.cn", "g/p"), "https://gitlab.example.gov.cn/api/v4"),
        (HostConfig("gitea", "http://x", "a/b", api="http://127.0.0.1:9/api/v1/"), "http://127.0.0.1:9/api/v1"),
    ],
)
def test_the_api_address_follows_from_the_host(host: HostConfig, api: str) -> None:
    assert host.api_base == api


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"kind": "svn", "url": "https://x", "repo": "a/b"}, "host.kind"),
        ({"kind": "gitea", "url": "https://x", "repo": "filings"}, "所有者/仓库名"),
        ({"kind": "gitea", "url": "https://x", "repo": "a/b", "token": "t"}, "token"),
        ({"kind": "gitea", "url": "https://x"}, "host 设置有误"),
    ],
)
def test_a_mistyped_host_option_is_a_chinese_error(options: dict[str, object], words: str) -> None:
    with pytest.raises(PluginError) as info:
        _host(options)
    assert words in str(info.value)


def test_the_libraries_are_vendored_at_their_locked_versions() -> None:
    files = vendor.vendored()
    assert set(files) == {"assets/filing/vendor/ajv2020.min.js", "assets/filing/vendor/js-yaml.min.js"}
    lock = json.loads((vendor.HERE / "package-lock.json").read_text(encoding="utf-8"))
    for library in vendor.LIBRARIES:
        wanted = lock["packages"][f"node_modules/{library.package}"]["version"]
        assert json.loads((vendor.NODE_MODULES / library.package / "package.json").read_text())["version"] == wanted
    assert files["assets/filing/vendor/ajv2020.min.js"].startswith(b"/* ajv 8.17.1 (ajv2020)")


def test_missing_libraries_say_how_to_install_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(vendor, "NODE_MODULES", tmp_path)
    with pytest.raises(vendor.VendorError) as info:
        vendor.vendored()
    assert "npm ci --prefix generator/site/filing" in str(info.value)


def test_the_public_desk_holds_no_internal_field(sample_site: Path) -> None:
    units = sorted((sample_site / "file" / "units").glob("*.json"))
    assert len(units) >= 10
    text = "".join(path.read_text(encoding="utf-8") for path in units)
    assert '"contacts"' not in text and '"reviewer_notes"' not in text and '"contact"' not in text
    desk = json.loads((sample_site / "file" / "desk.json").read_text(encoding="utf-8"))
    assert desk["host"]["kind"] == "gitea" and desk["host"]["api"].endswith("/api/v1")
    # the first file lists provinces only; a province's units come with its own file
    assert "units" not in desk and {"guangdong", "central"} <= {g["id"] for g in desk["groups"]}
    guangdong = json.loads((sample_site / "file" / "groups" / "guangdong.json").read_text(encoding="utf-8"))
    assert {"pilot:shenzhen", "province:guangdong"} <= {f"{u['kind']}:{u['id']}" for u in guangdong["units"]}
    shenzhen = json.loads((sample_site / "file" / "units" / "pilot-shenzhen.json").read_text(encoding="utf-8"))
    assert {"pilot", "ledger", "report:2020Q3", "summary:2020"} <= set(shenzhen["documents"])
