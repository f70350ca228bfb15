"""Local stand-ins for the REST APIs of GitHub, Gitea/Forgejo and GitLab, for the filing desk's
browser tests. Each checks every request against that host's published API description
(see README.md beside this file) and keeps a small repository in memory.

    from hosts import GiteaStub, files_from

    with GiteaStub(token="t0ken", files=files_from(ROOT / "submissions", "submissions")) as host:
        ...  # point the page at host.base_url, submit
        host.assert_in_contract()
        assert host.file_on_branch(host.pulls[0].head, "submissions/...") == expected
"""

from __future__ import annotations

from .hosts import HOSTS, GiteaStub, GitHubStub, GitLabStub
from .openapi import Description
from .stub import HostStub, PullRequest, Recorded, blob_sha, files_from

__all__ = [
    "HOSTS",
    "Description",
    "GitHubStub",
    "GitLabStub",
    "GiteaStub",
    "HostStub",
    "PullRequest",
    "Recorded",
    "blob_sha",
    "files_from",
]
