/* The filing desk (在线填报): pick the unit, the document and the period; fill the form;
 * see the checks in Chinese as you type; submit as a pull request, open the host's own
 * "new file" page, or download the file. The draft lives in localStorage until submitted;
 * the token lives in sessionStorage only. */
(function (SCP) {
  "use strict";

  var el = SCP.form.el;
  var DRAFT = "scpilot-filing-draft:";
  var TOKEN = "scpilot-filing-token:";

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + "：" + r.status);
      return r.json();
    });
  }

  function today(cal) {
    var ms = Date.now() + (cal.utc_offset_hours || 8) * 3600000;
    return new Date(ms).toISOString().slice(0, 10);
  }

  function params() {
    var q = new URLSearchParams(window.location.search);
    return { pilot: q.get("pilot"), province: q.get("province"), doc: q.get("doc"), period: q.get("period") };
  }

  function Desk(root, desk, schemas) {
    this.root = root;
    this.desk = desk;
    this.checker = new SCP.checks.Checker(schemas);
    this.schemas = this.checker.schemas;
    this.unit = null;
    this.unitData = null;
    this.data = null;
    this.problems = [];
    this.timer = null;
  }

  /* -- choosing what to file ---------------------------------------------------------- */

  Desk.prototype.start = function () {
    var self = this;
    this.root.textContent = "";
    var pick = el("form", { "class": "scp-pick", "aria-label": "选择要填报的材料" });
    this.groupSelect = el("select", { id: "scp-group", name: "group" });
    this.groupSelect.appendChild(el("option", { value: "", text: "（请选择省份）" }));
    this.desk.groups.forEach(function (g) { self.groupSelect.appendChild(el("option", { value: g.id, text: g.name })); });
    this.unitSelect = el("select", { id: "scp-unit", name: "unit" });
    this.docSelect = el("select", { id: "scp-doc", name: "doc" });
    this.periodSelect = el("select", { id: "scp-period", name: "period" });
    pick.appendChild(this.choice("scp-group", "省份", this.groupSelect));
    pick.appendChild(this.choice("scp-unit", "填报单位", this.unitSelect));
    pick.appendChild(this.choice("scp-doc", "材料", this.docSelect));
    this.periodBox = this.choice("scp-period", "期别", this.periodSelect);
    pick.appendChild(this.periodBox);
    this.dueNote = el("p", { "class": "scp-info", id: "scp-due", "aria-live": "polite" });
    pick.appendChild(this.dueNote);
    this.root.appendChild(pick);
    this.main = el("div", { "class": "scp-main" });
    this.root.appendChild(this.main);
    this.groupSelect.addEventListener("change", function () { self.chooseGroup(null); });
    this.unitSelect.addEventListener("change", function () { self.chooseUnit(null, null); });
    this.docSelect.addEventListener("change", function () { self.choosePeriods(null); self.load(); });
    this.periodSelect.addEventListener("change", function () { self.load(); });
    var p = params();
    var file = p.pilot ? "pilot-" + p.pilot : p.province ? "province-" + p.province : "";
    var hello = function () { self.main.appendChild(el("p", { "class": "scp-info", text: "请先选择省份、填报单位和材料。" })); };
    if (!file || !/^[a-z0-9-]+$/.test(file)) { hello(); return; }
    // a preselected unit: its own file says which province it belongs to
    fetchJson("units/" + file + ".json").then(function (data) {
      self.groupSelect.value = data.unit.province;
      return self.chooseGroup(data.unit.kind + ":" + data.unit.id).then(function () { self.chooseUnit(p.doc, p.period); });
    }, hello);
  };

  /* The units of a province (its pilots and the province itself), fetched when it is picked. */
  Desk.prototype.chooseGroup = function (wanted) {
    var self = this;
    var id = this.groupSelect.value;
    this.unitSelect.textContent = "";
    this.unitSelect.appendChild(el("option", { value: "", text: "（请选择试点或省份）" }));
    this.groupUnits = [];
    if (!id) return Promise.resolve();
    return fetchJson("groups/" + id + ".json").then(function (group) {
      self.groupUnits = group.units;
      group.units.forEach(function (u) {
        var text = u.kind === "province" ? u.name + "（省级）" : u.name + (u.revoked ? "（已取消资格）" : "");
        self.unitSelect.appendChild(el("option", { value: u.kind + ":" + u.id, text: text }));
      });
      if (wanted) self.unitSelect.value = wanted;
    }, function (err) { self.fail("读取省份数据失败：" + err.message); });
  };

  Desk.prototype.choice = function (id, text, select) {
    return el("div", { "class": "scp-choice" }, [el("label", { "for": id, text: text }), select]);
  };

  Desk.prototype.chooseUnit = function (doc, period) {
    var self = this;
    var key = this.unitSelect.value;
    this.unit = (this.groupUnits || []).filter(function (u) { return u.kind + ":" + u.id === key; })[0] || null;
    this.docSelect.textContent = "";
    if (!this.unit) return;
    this.unit.docs.forEach(function (d) {
      self.docSelect.appendChild(el("option", { value: d, text: self.desk.kinds[d].title }));
    });
    if (doc && this.unit.docs.indexOf(doc) >= 0) this.docSelect.value = doc;
    fetchJson("units/" + this.unit.kind + "-" + this.unit.id + ".json").then(function (data) {
      self.unitData = data;
      self.choosePeriods(period);
      self.load();
    }, function (err) { self.fail("读取单位数据失败：" + err.message); });
  };

  /* The unit's own calendar: the span of the programmes it is enrolled in and the deadlines it
   * owes (from its enrolment on), over the desk's calendar of every programme. */
  function calendarOf(desk, unitData) {
    var own = unitData && unitData.calendar;
    if (!own) return desk.calendar;
    var cal = {};
    Object.keys(desk.calendar).forEach(function (k) { cal[k] = desk.calendar[k]; });
    Object.keys(own).forEach(function (k) { cal[k] = own[k]; });
    return cal;
  }

  Desk.prototype.periodsOf = function (doc) {
    return calendarOf(this.desk, this.unitData).deadlines.filter(function (d) { return d.document === doc && d.period; })
      .sort(function (a, b) { return a.due < b.due ? -1 : 1; });
  };

  /* The period now due, as `scpilot new` picks it: the first whose deadline is today or
   * later and that is not filed yet; once the calendar is over, the latest one missing. */
  Desk.prototype.choosePeriods = function (wanted) {
    var self = this;
    var doc = this.docSelect.value;
    var list = this.periodsOf(doc);
    this.periodSelect.textContent = "";
    this.periodBox.hidden = !list.length;
    this.dueNote.textContent = "";
    if (!list.length) return;
    var docs = (this.unitData && this.unitData.documents) || {};
    var exists = function (p) { return !!docs[doc + ":" + p]; };
    list.forEach(function (d) {
      var label = d.period + (exists(d.period) ? "（已报送，可更正）" : "") + "，" + d.due + " 前报送";
      self.periodSelect.appendChild(el("option", { value: d.period, text: label }));
    });
    var now = today(this.desk.calendar);
    var pick = null, note = "";
    list.forEach(function (d) { if (!pick && d.due >= now && !exists(d.period)) pick = d; });
    if (!pick) {
      for (var i = list.length - 1; i >= 0; i -= 1) {
        if (!exists(list[i].period)) { pick = list[i]; note = list[i].period + " 已于 " + list[i].due + " 截止，已逾期。"; break; }
      }
    }
    pick = pick || list[list.length - 1];
    if (wanted && list.some(function (d) { return d.period === wanted; })) this.periodSelect.value = wanted;
    else this.periodSelect.value = pick.period;
    this.dueNote.textContent = note;
  };

  /* -- the document ------------------------------------------------------------------- */

  Desk.prototype.path = function () {
    var u = this.unit, doc = this.docSelect.value;
    return this.desk.patterns[doc].replace("{province}", u.province).replace("{pilot}", u.id)
      .replace("{period}", this.periodSelect.value);
  };

  Desk.prototype.draftKey = function () {
    return DRAFT + this.unit.kind + ":" + this.unit.id + ":" + this.docSelect.value + ":" + (this.periodBox.hidden ? "" : this.periodSelect.value);
  };

  Desk.prototype.confirmed = function (doc, period) {
    var docs = (this.unitData && this.unitData.documents) || {};
    return docs[period ? doc + ":" + period : doc] || null;
  };

  Desk.prototype.ledger = function () {
    var l = this.confirmed("ledger");
    return l ? l.data : null;
  };

  /* The latest report before `period`: the values last reported. */
  Desk.prototype.previous = function (period) {
    var docs = (this.unitData && this.unitData.documents) || {};
    var best = null;
    Object.keys(docs).forEach(function (k) {
      if (k.indexOf("report:") === 0) {
        var p = k.slice(7);
        if (p < period && (!best || p > best)) best = p;
      }
    });
    return best ? { period: best, data: docs["report:" + best].data } : null;
  };

  Desk.prototype.fresh = function (doc, period) {
    var u = this.unit;
    if (doc === "report") return this.reportBody(period);
    if (doc === "summary") return { pilot: u.id, year: period, pilot_type: u.type, sections: {}, practices: [] };
    if (doc === "ledger") return { pilot: u.id, revised_on: today(this.desk.calendar), targets: [], measures: [] };
    if (doc === "pilot") return { id: u.id, name: u.name, type: u.type };
    if (doc === "recommendations") return { province: u.id, year: period, service_enterprises: [], platforms: [] };
    return { province: u.id, year: period };
  };

  /* Exactly the rows `scpilot new report` writes: every ledger target and measure, values
   * from the latest earlier report, else the baseline; statuses and percents likewise. */
  Desk.prototype.reportBody = function (period) {
    var ledger = this.ledger() || { targets: [], measures: [] };
    var last = this.previous(period);
    var lt = {}, lm = {};
    if (last) {
      (last.data.targets || []).forEach(function (t) { lt[t.id] = t; });
      (last.data.measures || []).forEach(function (m) { lm[m.id] = m; });
    }
    var targets = (ledger.targets || []).map(function (t) {
      var before = lt[t.id];
      if (t.kind === "qualitative") return { id: t.id, text: before && before.text ? before.text : undefined };
      var base = t.baseline && typeof t.baseline.value === "number" ? t.baseline.value : 0;
      return { id: t.id, value: before && typeof before.value === "number" ? before.value : base, unit: t.unit };
    });
    var measures = (ledger.measures || []).map(function (m) {
      var before = lm[m.id];
      return { id: m.id, status: before ? before.status : "not_started", percent: before ? before.percent : 0, narrative: undefined };
    });
    return { pilot: this.unit.id, period: period, overview: undefined, targets: targets, measures: measures };
  };

  Desk.prototype.load = function () {
    if (!this.unit || !this.unitData) return;
    var doc = this.docSelect.value;
    var period = this.periodBox.hidden ? null : this.periodSelect.value;
    var q = new URLSearchParams();
    q.set(this.unit.kind === "province" ? "province" : "pilot", this.unit.id);
    q.set("doc", doc);
    if (period) q.set("period", period);
    window.history.replaceState(null, "", "?" + q.toString());
    var notice = "";
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(this.draftKey()) || "null"); } catch (err) { saved = null; }
    var existing = this.confirmed(doc, period);
    if (saved && saved.data) {
      this.data = saved.data;
      notice = "已恢复您在 " + saved.saved + " 保存在本机的草稿。";
    } else if (existing) {
      this.data = JSON.parse(JSON.stringify(existing.data));
      notice = (existing.confirmed ? "从已确认的版本开始：" : "从仓库中的版本开始：") + "修改后提交即为更正（" + existing.path + "）。";
    } else {
      this.data = this.fresh(doc, period);
      notice = doc === "report" ? this.reportNotice(period) : "新建" + this.desk.kinds[doc].title + "。";
    }
    this.existing = !!existing;
    this.renderDocument(notice);
  };

  Desk.prototype.reportNotice = function (period) {
    var last = this.previous(period);
    if (!this.ledger()) return "这个试点还没有确认的工作台账：季报按台账填写，请先填报工作台账。";
    return last ? "已按台账列出全部目标和举措，数值预填自 " + last.period + " 季报：请改为本季度末的实际数值。"
      : "首份季报：已按台账列出全部目标和举措，数值预填为台账的基期值。";
  };

  Desk.prototype.fixedFields = function () {
    var doc = this.docSelect.value;
    var fixed = {};
    ["pilot", "period", "year", "province", "pilot_type"].forEach(function (k) { fixed[k] = true; });
    if (doc === "pilot") fixed.id = true;
    if (doc === "report") {
      fixed["targets.*"] = true;
      fixed["measures.*"] = true;
      (this.data.targets || []).forEach(function (t, i) { fixed["targets." + i + ".id"] = true; });
      (this.data.measures || []).forEach(function (m, i) { fixed["measures." + i + ".id"] = true; });
    }
    return fixed;
  };

  /* What the checks know besides the document: the calendar, the unit's confirmed ledger,
   * its latest earlier report and the KPIs of its type. */
  function contextOf(desk, unit, documents, doc, period, cal) {
    var ledger = documents.ledger ? documents.ledger.data : null;
    var last = null;
    if (doc === "report" && period) {
      Object.keys(documents).forEach(function (k) {
        if (k.indexOf("report:") === 0 && k.slice(7) < period && (!last || k.slice(7) > last)) last = k.slice(7);
      });
    }
    var set = unit.kpi_set && desk.calendar.kpi_sets[unit.kpi_set];
    return { calendar: cal || desk.calendar, ledger: ledger, previous: last ? documents["report:" + last].data : null,
      previousPeriod: last, kpiKeys: set || null };
  }

  Desk.prototype.context = function () {
    return contextOf(this.desk, this.unit, this.unitData.documents || {}, this.docSelect.value,
      this.periodBox.hidden ? null : this.periodSelect.value, calendarOf(this.desk, this.unitData));
  };

  /* The same context for any unit ("pilot:foshan"), fetched: the test corpus uses it. */
  Desk.prototype.contextFor = function (key, doc, period) {
    var desk = this.desk;
    return fetchJson("units/" + key.replace(":", "-") + ".json").then(function (data) {
      return contextOf(desk, data.unit, data.documents || {}, doc, period, calendarOf(desk, data));
    });
  };

  Desk.prototype.rowInfo = function (path) {
    if (this.docSelect.value !== "report" || path.length !== 2) return "";
    var ledger = this.ledger();
    if (!ledger) return "";
    var item = this.data[path[0]] && this.data[path[0]][path[1]];
    if (!item) return "";
    if (path[0] === "targets") {
      var t = (ledger.targets || []).filter(function (x) { return x.id === item.id; })[0];
      if (!t) return "";
      var unit = t.kind === "qualitative" ? "" : (t.unit === "%" ? "%" : " " + t.unit);
      var show = function (end) { return end ? (t.kind === "qualitative" ? end.text : end.value + unit) + "（" + end.date + "）" : ""; };
      var text = t.id + " " + t.name + "｜基期 " + show(t.baseline) + " → 目标 " + show(t.target);
      var last = this.previous(this.periodSelect.value);
      var before = last && (last.data.targets || []).filter(function (x) { return x.id === item.id; })[0];
      if (before) text += "｜上期（" + last.period + "）" + (typeof before.value === "number" ? before.value + unit : before.text || "");
      return text;
    }
    var m = (ledger.measures || []).filter(function (x) { return x.id === item.id; })[0];
    if (!m) return "";
    var deadline = this.periodsOf("report").filter(function (d) { return d.period === this.periodSelect.value; }, this)[0];
    var due = (m.milestones || []).filter(function (s) {
      return deadline && deadline.starts && s.date >= deadline.starts && s.date <= deadline.ends;
    }).map(function (s) { return s.date + " " + s.name; });
    return m.id + " " + m.name + "｜" + m.start + " 至 " + m.end + (due.length ? "｜本季度里程碑：" + due.join("；") : "");
  };

  Desk.prototype.hide = function (path, key, value) {
    if (this.docSelect.value !== "report") return false;
    if (path.length === 2 && path[0] === "targets") {
      var ledger = this.ledger();
      var t = ledger && (ledger.targets || []).filter(function (x) { return value && x.id === value.id; })[0];
      if (!t) return false;
      // the unit is the ledger's: shown beside the value, not a field of its own
      return t.kind === "qualitative" ? key === "value" || key === "unit" : key === "text" || key === "unit";
    }
    if (path.length === 1 && path[0] === "kpis") {
      var set = this.context().kpiKeys;
      return !!set && set.indexOf(key) < 0;
    }
    return false;
  };

  Desk.prototype.renderDocument = function (notice) {
    var self = this;
    var doc = this.docSelect.value;
    this.main.textContent = "";
    var head = el("section", { "class": "scp-doc-head", "aria-labelledby": "scp-doc-title" });
    head.appendChild(el("h2", { id: "scp-doc-title", text: this.unit.name + "：" + this.desk.kinds[doc].title +
      (this.periodBox.hidden ? "" : "（" + this.periodSelect.value + "）") }));
    head.appendChild(el("p", { "class": "scp-info", text: "文件：" + this.path() }));
    this.notice = el("p", { "class": "scp-notice", role: "status", text: notice });
    head.appendChild(this.notice);
    if (this.unit.revoked) head.appendChild(el("p", { "class": "scp-warn", text: "这个试点已被取消资格，一般不再报送材料。" }));
    var discard = el("button", { type: "button", "class": "md-button", "data-action": "discard", text: "放弃草稿，重新开始" });
    discard.addEventListener("click", function () {
      window.localStorage.removeItem(self.draftKey());
      self.load();
    });
    head.appendChild(discard);
    this.main.appendChild(head);
    this.formRoot = el("form", { "class": "scp-form", "aria-label": this.desk.kinds[doc].title, novalidate: true });
    this.formRoot.addEventListener("submit", function (e) { e.preventDefault(); });
    this.main.appendChild(this.formRoot);
    this.form = new SCP.form.Form({
      schemas: this.schemas, kind: doc, data: this.data,
      skip: ["reviewer_notes"],
      fixed: this.fixedFields(),
      info: function (p) { return self.rowInfo(p); },
      unit: function (p) {
        var row = doc === "report" && p.length === 3 && p[0] === "targets" && p[2] === "value" ? self.data.targets[p[1]] : null;
        return row && row.unit;
      },
      hide: function (p, k, v) { return self.hide(p, k, v); },
      onInput: function () { self.changed(false); },
      onStructure: function () { self.changed(true); }
    });
    this.form.render(this.formRoot);
    this.main.appendChild(this.actions());
    this.runChecks();
  };

  Desk.prototype.changed = function (structure) {
    var self = this;
    this.saveDraft();
    if (structure) {
      var focus = document.activeElement && document.activeElement.name;
      this.form.o.fixed = this.fixedFields();
      this.form.render(this.formRoot);
      if (focus) { var again = this.formRoot.querySelector("[name=\"" + focus + "\"]"); if (again) again.focus(); }
      this.runChecks();
      return;
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.runChecks(); }, 200);
  };

  Desk.prototype.saveDraft = function () {
    var stamp = new Date(Date.now() + (this.desk.calendar.utc_offset_hours || 8) * 3600000).toISOString().slice(0, 16).replace("T", " ");
    try {
      window.localStorage.setItem(this.draftKey(), JSON.stringify({ saved: stamp, data: this.data }));
    } catch (err) { this.notice.textContent = "浏览器不允许保存草稿（可能是隐私模式）：请在关闭页面前下载文件。"; }
  };

  Desk.prototype.documentData = function () {
    return SCP.yamlfile.clean(JSON.parse(JSON.stringify(this.data, function (k, v) { return v === undefined ? null : v; }))) || {};
  };

  Desk.prototype.runChecks = function () {
    var doc = this.docSelect.value;
    var data = this.documentData();
    this.problems = this.checker.check(doc, data, this.context());
    var unplaced = SCP.form.showProblems(this.formRoot, this.problems);
    var errors = this.problems.filter(function (p) { return p.severity === "error"; });
    var warnings = this.problems.filter(function (p) { return p.severity === "warning"; });
    this.summary.textContent = "";
    this.summary.appendChild(el("p", { "class": errors.length ? "scp-bad" : "scp-good",
      text: errors.length ? "还有 " + errors.length + " 个错误需要修改" + (warnings.length ? "，" + warnings.length + " 条提醒" : "") + "。"
        : "检查通过" + (warnings.length ? "，有 " + warnings.length + " 条提醒，请确认" : "") + "：可以提交。" }));
    var list = el("ul", {});
    unplaced.concat(warnings.filter(function (w) { return unplaced.indexOf(w) < 0; })).forEach(function (p) {
      list.appendChild(el("li", { "class": p.severity === "warning" ? "scp-warn" : "scp-bad",
        text: p.rule + "：" + p.message + (p.hint ? " " + p.hint : "") }));
    });
    if (list.childNodes.length) this.summary.appendChild(list);
    this.text = SCP.yamlfile.emit(this.path(), doc, this.desk.kinds[doc].title, data);
    this.preview.textContent = this.text;
    var url = this.desk.host && !this.existing ? SCP.hosts.newFileUrl(this.desk.host, this.path(), this.text) : null;
    this.newFile.hidden = !url;
    if (url) this.newFile.setAttribute("href", url);
    return errors.length === 0;
  };

  /* -- actions ------------------------------------------------------------------------ */

  Desk.prototype.actions = function () {
    var self = this;
    var box = el("section", { "class": "scp-actions", "aria-labelledby": "scp-actions-title" });
    box.appendChild(el("h2", { id: "scp-actions-title", text: "检查和提交" }));
    this.summary = el("div", { "class": "scp-summary", role: "status", "aria-live": "polite" });
    box.appendChild(this.summary);
    var host = this.desk.host;
    if (host) {
      var tokenId = "scp-token";
      // a form of its own, so that the password field is in a form and Enter submits
      var send = el("form", { "class": "scp-send", "aria-label": "提交到 " + host.repo, novalidate: true });
      send.addEventListener("submit", function (e) { e.preventDefault(); self.submit(token.value); });
      box.appendChild(send);
      send.appendChild(el("label", { "for": tokenId, text: "访问令牌（" + host.url + " 的个人访问令牌）" }));
      var token = el("input", { id: tokenId, name: "token", type: "password", autocomplete: "off", spellcheck: "false",
        "aria-describedby": "scp-token-help" });
      try { token.value = window.sessionStorage.getItem(TOKEN + host.api) || ""; } catch (err) { token.value = ""; }
      token.addEventListener("input", function () {
        try { window.sessionStorage.setItem(TOKEN + host.api, token.value); } catch (err) { /* not kept */ }
      });
      send.appendChild(token);
      send.appendChild(el("p", { id: "scp-token-help", "class": "scp-help",
        text: "令牌只保存在本浏览器标签页中（关闭后清除），只发送给 " + host.api + "。" + tokenAdvice(host.kind) }));
      send.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary", "data-action": "submit",
        text: "提交到 " + host.repo + "（创建合并请求）" }));
    }
    this.newFile = el("a", { "class": "md-button", "data-action": "newfile", target: "_blank", rel: "noopener", hidden: true,
      text: "在仓库网页中新建这个文件（内容已填好）" });
    box.appendChild(this.newFile);
    var download = el("button", { type: "button", "class": "md-button", "data-action": "download", text: "下载文件" });
    download.addEventListener("click", function () { self.download(); });
    var copy = el("button", { type: "button", "class": "md-button", "data-action": "copy", text: "复制文件内容" });
    copy.addEventListener("click", function () { self.copy(); });
    box.appendChild(download);
    box.appendChild(copy);
    this.result = el("div", { "class": "scp-result", role: "status", "aria-live": "polite" });
    box.appendChild(this.result);
    var steps = el("details", { "class": "scp-steps" });
    steps.appendChild(el("summary", { text: "下载后如何上传（不用 git）" }));
    var ol = el("ol", {});
    var dir = this.path().slice(0, this.path().lastIndexOf("/"));
    [
      "点「下载文件」，文件名是 " + this.path().slice(this.path().lastIndexOf("/") + 1) + "。",
      host ? "打开 " + SCP.hosts.uploadUrl(host, this.path()) + "（仓库中的文件夹 " + dir + "）。" : "打开报送仓库中的文件夹 " + dir + "。",
      "选择「上传文件」（Upload files / 上传文件），选中刚下载的文件；提交方式选择“新建分支并创建合并请求”。",
      "在合并请求中写明报送的材料和期别，等待确认部门审核合并：合并即确认。"
    ].forEach(function (t) { ol.appendChild(el("li", { text: t })); });
    steps.appendChild(ol);
    box.appendChild(steps);
    var details = el("details", { "class": "scp-preview" });
    details.appendChild(el("summary", { text: "查看将要提交的文件" }));
    this.preview = el("pre", { tabindex: "0", "aria-label": "文件内容" });
    details.appendChild(this.preview);
    box.appendChild(details);
    return box;
  };

  function tokenAdvice(kind) {
    if (kind === "github") return "GitHub：细粒度令牌，只选本仓库，权限 Contents 和 Pull requests 为读写。";
    if (kind === "gitlab") return "GitLab：个人访问令牌，范围选 api。";
    return "Gitea：应用令牌，权限 repository 读写。";
  }

  Desk.prototype.blocked = function () {
    if (this.runChecks()) return false;
    this.result.textContent = "还有错误没有修改，请先按提示修改后再提交或下载。";
    var first = this.formRoot.querySelector("[aria-invalid=\"true\"]");
    if (first) first.focus();
    return true;
  };

  Desk.prototype.download = function () {
    if (this.blocked()) return;
    var blob = new Blob([this.text], { type: "text/yaml;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: this.path().slice(this.path().lastIndexOf("/") + 1) });
    document.body.appendChild(a);
    a.click();
    a.remove();
    this.result.textContent = "已下载 " + a.getAttribute("download") + "：请上传到仓库的 " + this.path().slice(0, this.path().lastIndexOf("/")) + " 文件夹（步骤见下方）。";
  };

  Desk.prototype.copy = function () {
    var self = this;
    var done = function () { self.result.textContent = "文件内容已复制到剪贴板。"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(this.text).then(done, function () { self.copyFallback(); done(); });
    } else { this.copyFallback(); done(); }
  };

  Desk.prototype.copyFallback = function () {
    var area = el("textarea", { "aria-hidden": "true", "class": "scp-offscreen" });
    area.value = this.text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  };

  Desk.prototype.pullBody = function () {
    var doc = this.docSelect.value;
    var d = this.data;
    var warnings = this.problems.filter(function (p) { return p.severity === "warning"; });
    var lines = [
      "## 报送内容", "",
      "- 报送单位：" + this.unit.name,
      "- 材料：" + this.desk.kinds[doc].title + (this.periodBox.hidden ? "" : "（" + this.periodSelect.value + "）"),
      "- 文件：`" + this.path() + "`" + (this.existing ? "（更正已有的文件）" : "（新文件）"),
    ];
    if (doc === "report") lines.push("- 目标 " + (d.targets || []).length + " 个，举措 " + (d.measures || []).length + " 项");
    lines.push("- 来源：网站的在线填报页；页面检查 0 个错误，" + warnings.length + " 条提醒", "");
    if (warnings.length) {
      lines.push("## 提醒", "");
      warnings.forEach(function (w) { lines.push("- " + w.rule + "：" + w.message); });
      lines.push("");
    }
    lines.push("## 审核要点（确认部门）", "",
      "- [ ] 自动检查（CI）通过",
      "- [ ] 数值与台账口径一致，变化较大的有说明",
      "- [ ] 举措进展说明具体，状态与完成百分比相符",
      "- [ ] 报送是否按期（见自动检查的变更摘要）",
      "- [ ] 不含不应公开的信息", "",
      "批准并合并即为在线确认。");
    return lines.join("\n");
  };

  Desk.prototype.submit = function (token) {
    var self = this;
    var host = this.desk.host;
    if (this.blocked()) return;
    if (!token) {
      this.result.textContent = "请先粘贴访问令牌（见上方说明），或者下载文件后上传。";
      document.getElementById("scp-token").focus();
      return;
    }
    var doc = this.docSelect.value;
    var period = this.periodBox.hidden ? "" : this.periodSelect.value;
    var what = this.desk.kinds[doc].title + (period ? "（" + period + "）" : "");
    var job = {
      path: this.path(), content: this.text,
      branch: "filing/" + this.unit.id + "-" + doc + (period ? "-" + period : ""),
      message: this.unit.short_name + "：" + (period ? period + " " : "") + this.desk.kinds[doc].title,
      title: this.unit.short_name + "：" + what, body: this.pullBody()
    };
    var key = this.draftKey();
    this.result.textContent = "正在提交……";
    SCP.hosts.submit(host, token, job, function (text) { self.result.textContent = text; }).then(function (done) {
      window.localStorage.removeItem(key);
      self.result.textContent = "";
      self.result.appendChild(el("p", { "class": "scp-good", text: "已提交，等待确认部门审核。合并请求：" }));
      self.result.appendChild(el("a", { href: done.url, "data-result": "pull", text: done.url }));
    }, function (err) {
      self.result.textContent = "";
      self.result.appendChild(el("p", { "class": "scp-bad", role: "alert", text: SCP.hosts.explain(err, host) }));
    });
  };

  Desk.prototype.fail = function (text) {
    this.root.appendChild(el("p", { "class": "scp-bad", role: "alert", text: text }));
  };

  function boot() {
    var root = document.getElementById("scp-filing");
    if (!root) return;
    if (window.location.protocol === "file:") {
      root.textContent = "在线填报需要通过网址打开网站（例如 mkdocs serve 或正式网站），直接打开本地文件时浏览器不允许读取表格数据。";
      return;
    }
    fetchJson(root.getAttribute("data-desk")).then(function (desk) {
      var names = Object.keys(desk.kinds).map(function (k) { return desk.kinds[k].schema; }).concat(["common.schema.json"]);
      return Promise.all(names.map(function (n) { return fetchJson("schemas/" + n); })).then(function (list) {
        var files = {};
        names.forEach(function (n, i) { files[n] = list[i]; });
        var app = new Desk(root, desk, files);
        SCP.desk = app;
        app.start();
      });
    }).catch(function (err) {
      root.textContent = "";
      root.appendChild(el("p", { "class": "scp-bad", role: "alert", text: "在线填报页载入失败：" + err.message + "。请刷新页面重试。" }));
    });
  }

  SCP.Desk = Desk;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.scpilotFiling = window.scpilotFiling || {});
