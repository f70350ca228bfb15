/* Submitting through the git host's REST API: a branch named after the unit and period, one
 * commit with the file, and a pull (merge) request into the configured branch. One small
 * adapter per host:
 *   GitHub REST API (api version 2022-11-28; GitHub Enterprise Server at <url>/api/v3),
 *   Gitea / Forgejo API v1 (<url>/api/v1),
 *   GitLab REST API v4 (<url>/api/v4).
 * The token is sent only in a request header to the configured API address. */
(function (SCP) {
  "use strict";

  function HostError(kind, status, detail) {
    this.kind = kind; this.status = status; this.detail = detail || "";
  }

  function b64(text) {
    var bytes = new TextEncoder().encode(text);
    var s = "";
    for (var i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  }

  function encodePath(path) {
    return path.split("/").map(encodeURIComponent).join("/");
  }

  function call(api, method, path, headers, body) {
    var init = { method: method, headers: {}, mode: "cors", credentials: "omit", cache: "no-store",
      referrerPolicy: "no-referrer" };
    Object.keys(headers).forEach(function (k) { init.headers[k] = headers[k]; });
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(api + path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (err) { data = { message: text }; }
        return { status: res.status, ok: res.ok, data: data };
      });
    }, function () {
      // fetch rejects without a status on a network failure and on a CORS refusal alike.
      throw new HostError("network", 0);
    });
  }

  function expect(res, codes, what) {
    if (codes.indexOf(res.status) >= 0) return res;
    var message = res.data && (res.data.message || res.data.error) ? String(res.data.message || res.data.error) : "";
    throw new HostError(what, res.status, message);
  }

  /* What GitHub and Gitea spell alike: a file's blob sha on a branch, and the pull request. */
  function reposApi(host, repo, h) {
    return {
      fileSha: function (path, branch) {
        return call(host.api, "GET", repo + "/contents/" + encodePath(path) + "?ref=" + encodeURIComponent(branch), h).then(function (r) {
          if (r.status === 404) return null;
          return expect(r, [200], "file").data.sha;
        });
      },
      openRequest: function (branch, title, body) {
        return call(host.api, "POST", repo + "/pulls", h, { title: title, head: branch, base: host.branch, body: body }).then(function (r) {
          return expect(r, [201], "pull").data.html_url;
        });
      }
    };
  }

  /* -- GitHub -------------------------------------------------------------------------- */
  function github(host, token) {
    var h = { Authorization: "Bearer " + token, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" };
    var repo = "/repos/" + host.repo;
    var shared = reposApi(host, repo, h);
    return {
      label: "GitHub",
      checkRepo: function () { return call(host.api, "GET", repo, h).then(function (r) { return expect(r, [200], "repo"); }); },
      baseSha: function () {
        return call(host.api, "GET", repo + "/git/ref/heads/" + encodePath(host.branch), h).then(function (r) {
          return expect(r, [200], "branch").data.object.sha;
        });
      },
      createBranch: function (name, sha) {
        return call(host.api, "POST", repo + "/git/refs", h, { ref: "refs/heads/" + name, sha: sha }).then(function (r) {
          if (r.status === 422) return false; // "Reference already exists"
          expect(r, [201], "branch");
          return true;
        });
      },
      fileSha: shared.fileSha,
      putFile: function (path, branch, content, message, sha) {
        var body = { message: message, content: b64(content), branch: branch };
        if (sha) body.sha = sha;
        return call(host.api, "PUT", repo + "/contents/" + encodePath(path), h, body).then(function (r) { return expect(r, [200, 201], "commit"); });
      },
      openRequest: shared.openRequest
    };
  }

  /* -- Gitea / Forgejo ------------------------------------------------------------------ */
  function gitea(host, token) {
    var h = { Authorization: "token " + token, Accept: "application/json" };
    var repo = "/repos/" + host.repo;
    var shared = reposApi(host, repo, h);
    return {
      label: "Gitea",
      checkRepo: function () { return call(host.api, "GET", repo, h).then(function (r) { return expect(r, [200], "repo"); }); },
      baseSha: function () {
        return call(host.api, "GET", repo + "/branches/" + encodePath(host.branch), h).then(function (r) {
          return expect(r, [200], "branch").data.commit.id;
        });
      },
      createBranch: function (name) {
        // old_ref_name since Gitea 1.21; old_branch_name for older servers (unknown fields are ignored)
        var body = { new_branch_name: name, old_ref_name: host.branch, old_branch_name: host.branch };
        return call(host.api, "POST", repo + "/branches", h, body).then(function (r) {
          if (r.status === 409) return false;
          expect(r, [201], "branch");
          return true;
        });
      },
      fileSha: shared.fileSha,
      putFile: function (path, branch, content, message, sha) {
        var body = { content: b64(content), message: message, branch: branch };
        if (sha) body.sha = sha;
        return call(host.api, sha ? "PUT" : "POST", repo + "/contents/" + encodePath(path), h, body).then(function (r) { return expect(r, [200, 201], "commit"); });
      },
      openRequest: shared.openRequest
    };
  }

  /* -- GitLab --------------------------------------------------------------------------- */
  function gitlab(host, token) {
    var h = { "PRIVATE-TOKEN": token, Accept: "application/json" };
    var project = "/projects/" + encodeURIComponent(host.repo);
    return {
      label: "GitLab",
      checkRepo: function () { return call(host.api, "GET", project, h).then(function (r) { return expect(r, [200], "repo"); }); },
      baseSha: function () {
        return call(host.api, "GET", project + "/repository/branches/" + encodeURIComponent(host.branch), h).then(function (r) {
          return expect(r, [200], "branch").data.commit.id;
        });
      },
      createBranch: function (name) {
        return call(host.api, "POST", project + "/repository/branches", h, { branch: name, ref: host.branch }).then(function (r) {
          if (r.status === 400 && /exist/i.test(JSON.stringify(r.data || ""))) return false;
          expect(r, [201], "branch");
          return true;
        });
      },
      fileSha: function (path, branch) {
        return call(host.api, "GET", project + "/repository/files/" + encodeURIComponent(path) + "?ref=" + encodeURIComponent(branch), h).then(function (r) {
          if (r.status === 404) return null;
          return expect(r, [200], "file").data.blob_id || "exists";
        });
      },
      putFile: function (path, branch, content, message, sha) {
        var body = { branch: branch, commit_message: message,
          actions: [{ action: sha ? "update" : "create", file_path: path, content: b64(content), encoding: "base64" }] };
        // the description answers 200, GitLab itself 201
        return call(host.api, "POST", project + "/repository/commits", h, body).then(function (r) { return expect(r, [200, 201], "commit"); });
      },
      openRequest: function (branch, title, body) {
        return call(host.api, "POST", project + "/merge_requests", h,
          { source_branch: branch, target_branch: host.branch, title: title, description: body }).then(function (r) {
          return expect(r, [201], "pull").data.web_url;
        });
      }
    };
  }

  var ADAPTERS = { github: github, gitea: gitea, gitlab: gitlab };

  /* Branch, commit, pull request. A branch that already exists (an earlier attempt) gets a
   * numbered sibling, so a resubmission never overwrites what a reviewer may be reading. */
  function submit(host, token, job, progress) {
    var a = ADAPTERS[host.kind](host, token);
    var branch = job.branch;
    progress("正在连接 " + a.label + "……");
    return a.checkRepo().then(function () { return a.baseSha(); }).then(function (sha) {
      progress("正在创建分支……");
      function attempt(n) {
        var name = n === 1 ? job.branch : job.branch + "-" + n;
        return a.createBranch(name, sha).then(function (made) {
          if (made) { branch = name; return name; }
          if (n >= 9) throw new HostError("branch-exists", 409);
          return attempt(n + 1);
        });
      }
      return attempt(1);
    }).then(function () {
      return a.fileSha(job.path, branch);
    }).then(function (existing) {
      progress("正在提交文件……");
      return a.putFile(job.path, branch, job.content, job.message, existing);
    }).then(function () {
      progress("正在创建合并请求……");
      return a.openRequest(branch, job.title, job.body);
    }).then(function (url) {
      return { url: url, branch: branch };
    });
  }

  /* Every failure as a Chinese sentence that says what to do. */
  function explain(err, host) {
    var where = host.url + "/" + host.repo;
    if (!(err instanceof HostError)) return "提交时出现意外错误：" + String(err && err.message || err) + "。请下载文件，按下方步骤上传。";
    if (err.kind === "network") {
      return "连不上 " + host.api + "：可能是网络断开，或者该服务器没有允许本网站跨域访问（CORS）。" +
        "请检查网络后重试；如果一直不行，请下载文件，按下方步骤在 " + where + " 的网页上上传，并告知管理员为本网站开启跨域访问。";
    }
    if (err.status === 401) return "令牌无效或已过期（401）。请在 " + host.url + " 重新生成个人访问令牌，粘贴到「访问令牌」后再提交。";
    if (err.status === 403) return "这个令牌没有写入仓库 " + host.repo + " 的权限（403）。请确认令牌包含写仓库的权限（见页面下方说明），或请管理员把您加为仓库的协作者。";
    if (err.status === 404) return "找不到仓库 " + host.repo + " 或分支 " + host.branch + "（404）。可能是令牌看不到这个仓库：请确认您有访问权限；网站配置有误时请联系管理员。";
    if (err.kind === "branch-exists" || err.status === 409) return "同名的分支已经存在（409），说明这份材料已经提交过多次。请先到 " + where + " 查看已有的合并请求。";
    if (err.status === 422 || err.status === 400) {
      return "服务器拒绝了这次提交（" + err.status + "）" + (err.detail ? "：" + err.detail : "") + "。如果是“已有相同的合并请求”，请到 " + where + " 查看；否则请下载文件上传。";
    }
    return "服务器返回错误 " + err.status + (err.detail ? "（" + err.detail + "）" : "") + "。请稍后重试，或下载文件上传。";
  }

  /* The host's own "new file" page with the content filled in, where the address stays short. */
  function newFileUrl(host, path, content) {
    var slash = path.lastIndexOf("/");
    var dir = path.slice(0, slash), name = path.slice(slash + 1);
    var web = host.url + "/" + host.repo;
    var url;
    if (host.kind === "github") url = web + "/new/" + encodeURIComponent(host.branch) + "/" + encodePath(dir) + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(content);
    else if (host.kind === "gitea") url = web + "/_new/" + encodeURIComponent(host.branch) + "/" + encodePath(dir) + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(content);
    else url = web + "/-/new/" + encodeURIComponent(host.branch) + "/" + encodePath(dir) + "?file_name=" + encodeURIComponent(name) + "&content=" + encodeURIComponent(content);
    return url.length <= 8000 ? url : null;
  }

  function uploadUrl(host, path) {
    var dir = path.slice(0, path.lastIndexOf("/"));
    var web = host.url + "/" + host.repo;
    if (host.kind === "github") return web + "/upload/" + encodeURIComponent(host.branch) + "/" + encodePath(dir);
    if (host.kind === "gitea") return web + "/_upload/" + encodeURIComponent(host.branch) + "/" + encodePath(dir);
    return web + "/-/tree/" + encodeURIComponent(host.branch) + "/" + encodePath(dir);
  }

  SCP.hosts = { submit: submit, explain: explain, newFileUrl: newFileUrl, uploadUrl: uploadUrl, HostError: HostError };
})(window.scpilotFiling = window.scpilotFiling || {});
