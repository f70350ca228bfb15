/* The filing desk's checks: the same JSON Schemas as `scpilot validate`, run by Ajv (draft
 * 2020-12), with the project's Chinese messages, plus the cross-document rules the page can
 * know (ledger ids and units, the calendar, the pilot period). Each problem has the rule id
 * of the command line (SCP-S…, SCP-E…, SCP-W…), a severity, the field's path, a message and
 * a hint. */
(function (SCP) {
  "use strict";

  var BASE = "https://scpilot.invalid/schemas/";
  var TYPE_NAMES = { string: "文字", number: "数字", integer: "整数", boolean: "true 或 false",
    object: "一组字段", array: "列表", "null": "空值" };
  var PLACEHOLDER = "【请填写】";

  /* -- schemas ------------------------------------------------------------------------- */

  function Schemas(files) {
    this.files = files; // name -> schema
  }

  Schemas.prototype.resolve = function (node, base) {
    // Follow $ref chains; the node's own title and description win over the target's.
    var seen = 0;
    while (node && node.$ref && seen < 20) {
      var parts = node.$ref.split("#");
      var file = parts[0] || base;
      var target = this.files[file];
      (parts[1] || "").split("/").filter(Boolean).forEach(function (p) {
        target = target && target[p.replace(/~1/g, "/").replace(/~0/g, "~")];
      });
      var merged = {};
      Object.keys(target || {}).forEach(function (k) { merged[k] = target[k]; });
      Object.keys(node).forEach(function (k) { if (k !== "$ref") merged[k] = node[k]; });
      node = merged;
      base = file;
      seen += 1;
    }
    return { node: node || {}, base: base };
  };

  /* The schema of an object with its if/then/else applied to the value: the summary's
   * sections depend on pilot_type. */
  Schemas.prototype.effective = function (node, base, value) {
    var r = this.resolve(node, base);
    node = r.node;
    if (!node["if"]) return r;
    var cond = node["if"];
    var ok = (cond.required || []).every(function (k) { return value && value[k] !== undefined; });
    Object.keys(cond.properties || {}).forEach(function (k) {
      var c = cond.properties[k];
      if ("const" in c && !(value && value[k] === c["const"])) ok = false;
    });
    var branch = ok ? node.then : node["else"];
    if (!branch) return r;
    var props = {};
    Object.keys(node.properties || {}).forEach(function (k) { props[k] = node.properties[k]; });
    Object.keys(branch.properties || {}).forEach(function (k) {
      var own = props[k] || {};
      var add = {};
      Object.keys(branch.properties[k]).forEach(function (kk) { add[kk] = branch.properties[k][kk]; });
      if (own.title && !add.title) add.title = own.title;
      if (own.description && !add.description) add.description = own.description;
      props[k] = add;
    });
    var out = {};
    Object.keys(node).forEach(function (k) { if (k !== "if" && k !== "then" && k !== "else") out[k] = node[k]; });
    out.properties = props;
    if (branch.required) out.required = (node.required || []).concat(branch.required);
    return { node: out, base: r.base };
  };

  /* The schema node at a path inside a document of `kind`, given the document's data. */
  Schemas.prototype.at = function (kind, path, data) {
    var cur = this.effective(this.files[kind + ".schema.json"], kind + ".schema.json", data);
    var value = data;
    for (var i = 0; i < path.length; i += 1) {
      var step = path[i];
      var node = cur.node;
      var next;
      if (typeof step === "number") next = node.items;
      else next = node.properties && node.properties[step];
      if (!next) return null;
      value = value == null ? undefined : value[step];
      cur = this.effective(next, cur.base, value);
    }
    return cur.node;
  };

  Schemas.prototype.title = function (kind, path, data) {
    var node = this.at(kind, path, data);
    return node && node.title;
  };

  /* A labelled enumeration: `enum` with the parallel Chinese `x-labels` (the schemas' one
   * source of labels, as generator.load.schemas.labelled reads it): [{value, title}]. */
  function enumOf(node) {
    var values = node && node["enum"], labels = node && node["x-labels"];
    if (!Array.isArray(values) || !Array.isArray(labels) || labels.length !== values.length) return null;
    return values.map(function (v, i) { return { value: v, title: String(labels[i]) }; });
  }

  /* -- Ajv ------------------------------------------------------------------------------ */

  function realDate(s) {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
    var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
    var t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }

  function makeAjv(schemas) {
    var Ajv = window.ajv2020;
    var ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: true });
    ajv.addFormat("date", { type: "string", validate: realDate });
    // jsonschema's email check (the command line's) is "contains @"; the schemas add a pattern.
    ajv.addFormat("email", { type: "string", validate: function (s) { return s.indexOf("@") >= 0; } });
    Object.keys(schemas.files).forEach(function (name) {
      var copy = JSON.parse(JSON.stringify(schemas.files[name]));
      copy.$id = BASE + name;
      delete copy.$schema;
      ajv.addSchema(copy);
    });
    return ajv;
  }

  /* -- messages ----------------------------------------------------------------------- */

  function describe(value) {
    if (value === null || value === undefined) return "空值";
    if (typeof value === "boolean") return "布尔值 " + value;
    if (typeof value === "number") return "数字 " + value;
    if (typeof value === "string") return "文字「" + (value.length > 30 ? value.slice(0, 30) + "…" : value) + "」";
    if (Array.isArray(value)) return "列表";
    return "一组字段";
  }

  function pointer(p) {
    return p.split("/").slice(1).map(function (s) {
      s = s.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^[0-9]+$/.test(s) ? +s : s;
    });
  }

  function get(data, path) {
    var v = data;
    for (var i = 0; i < path.length && v != null; i += 1) v = v[path[i]];
    return v;
  }

  function Translator(schemas, kind, data) {
    this.schemas = schemas; this.kind = kind; this.data = data;
  }

  /* 目标 T2 的「季末数值」（value）, as the command line says it. */
  Translator.prototype.field = function (path) {
    var anchor = 0, context = "";
    for (var i = 0; i < path.length; i += 1) {
      if (typeof path[i] === "number") {
        var item = get(this.data, path.slice(0, i + 1));
        var t = this.schemas.title(this.kind, path.slice(0, i + 1), this.data) || "第几项";
        var id = item && typeof item.id === "string" && item.id.length <= 20 ? item.id : null;
        context = id ? t + " " + id : t + "（第 " + (path[i] + 1) + " 项）";
        anchor = i + 1;
      }
    }
    var rest = path.slice(anchor);
    if (!rest.length) return context || "文件内容";
    var self = this;
    var titles = rest.map(function (s, j) {
      return self.schemas.title(self.kind, path.slice(0, anchor + j + 1), self.data) || String(s);
    });
    var named = "「" + titles.join(" › ") + "」（" + rest.join(".") + "）";
    return context ? context + " 的" + named : named;
  };

  Translator.prototype.problem = function (e) {
    var path = pointer(e.instancePath);
    var node = e.parentSchema || {};
    var custom = node["x-message"];
    var name = this.field(path);
    var value = e.data;
    var kw = e.keyword;
    var p = e.params || {};
    if (kw === "required") {
      var missing = p.missingProperty;
      var full = path.concat([missing]);
      var sub = this.schemas.at(this.kind, full, this.data) || {};
      var where = path.length ? this.field(path) + " " : "";
      return mk("SCP-S002", full, custom || where + "缺少必填字段「" + (sub.title || missing) + "」（" + missing + "）。",
        "请填写这一项。" + (sub.description || "") +
        (/\/else\//.test(e.schemaPath || "") ? "这一部分确实没有内容时，可以只写 not_reported: 未报告（审核人和网站会看到）。" : ""));
    }
    if (kw === "additionalProperties") {
      var key = p.additionalProperty;
      return mk("SCP-S003", path.concat([key]), (path.length ? name + " 中" : "") + "有不认识的字段「" + key + "」。",
        "请删除这个字段。");
    }
    if (kw === "type") {
      var wants = String(p.type).split(",").map(function (t) { return TYPE_NAMES[t] || t; }).join("或");
      return mk("SCP-S001", path, name + "应为" + (/^[a-z]/.test(wants) ? " " + wants : wants) + "，这里是" + describe(value) + "。",
        typeHint(p.type, value));
    }
    if (kw === "enum" || kw === "const") {
      var opts = enumOf(node) || (node["enum"] || [node["const"]]).map(function (v) { return { value: v, title: "" }; });
      return mk("SCP-S004", path, custom || name + "的值「" + String(value) + "」不在可选范围内。",
        "可选的值：" + opts.map(function (o) { return o.title ? o.value + "（" + o.title + "）" : String(o.value); }).join("、") + "。");
    }
    if (kw === "pattern") {
      return mk("SCP-S005", path, custom || name + "格式不对：" + describe(value) + "。", node.description || "请按字段说明的格式填写。");
    }
    if (kw === "format") {
      if (p.format === "date") {
        return mk("SCP-S005", path, name + "不是真实存在的日期：" + describe(value) + "。",
          "日期格式为 YYYY-MM-DD，例如 2019-06-30；请检查月份和日子是否存在。");
      }
      return mk("SCP-S005", path, name + "格式不对：" + describe(value) + "。", node.description || "");
    }
    if (kw === "minimum" || kw === "maximum" || kw === "exclusiveMinimum" || kw === "exclusiveMaximum") {
      var rel = { minimum: "不能小于", maximum: "不能大于", exclusiveMinimum: "必须大于", exclusiveMaximum: "必须小于" }[kw];
      return mk("SCP-S006", path, name + "为 " + value + "，" + rel + " " + p.limit + "。", "请检查数值和单位。" + (node.description || ""));
    }
    if (kw === "minLength") {
      return mk("SCP-S007", path, p.limit <= 1 ? name + "不能为空。" : name + "至少要写 " + p.limit + " 个字。", "请填写内容。");
    }
    if (kw === "maxLength") {
      return mk("SCP-S007", path, name + "有 " + String(value).length + " 个字，超过上限 " + p.limit + " 字。", "请精简文字。");
    }
    if (kw === "minItems") return mk("SCP-S007", path, name + "至少要有 " + p.limit + " 项。", "请点「添加一项」补充。");
    if (kw === "maxItems") return mk("SCP-S007", path, name + "最多 " + p.limit + " 项。", "请合并或删除多余的项。");
    if (kw === "minProperties") return mk("SCP-S007", path, name + "至少要填写 " + p.limit + " 项。", "请至少填写一项，或者不填这一组。");
    if (kw === "uniqueItems") return mk("SCP-S008", path, name + "中有重复的项。", "同一个列表里每一项只写一次。");
    if (kw === "not") {
      return mk("SCP-S009", path, (e.schema && e.schema["x-message"]) || name + "的字段组合不符合要求。", "请按字段说明删除不适用的字段。");
    }
    if (kw === "oneOf" || kw === "anyOf") {
      return mk("SCP-S009", path, custom ? (path.length ? name + "：" + custom : custom) : name + "不符合任何一种允许的写法。",
        "请对照字段说明检查必填项。");
    }
    return mk("SCP-S009", path, custom || name + "不符合要求。", "请对照字段说明检查。");
  };

  function typeHint(type, value) {
    var t = String(type);
    if (value === null || value === undefined) return "这个字段不能空着。";
    if (/number|integer/.test(t) && typeof value === "string") {
      if (/[０-９．－＋]/.test(value)) return "这里用了全角数字或符号：请切换到英文输入法重新输入，例如 12.5。";
      if (/[,，]/.test(value)) return "数字不要写千分位逗号，例如 1250000。";
      if (/[0-9]/.test(value)) return "数值里不要带单位、百分号或文字，单位写在旁边的单位栏，例如 12.5。";
      return "请填写阿拉伯数字，例如 12.5。";
    }
    return "请对照字段说明填写。";
  }

  function mk(rule, path, message, hint, severity) {
    return { rule: rule, severity: severity || (rule.charAt(4) === "W" || rule === "SCP-W000" ? "warning" : "error"),
      path: path, message: message, hint: hint || "" };
  }

  /* Ajv reports every branch of a oneOf/anyOf; keep what the command line would say: the
   * alternative's own message, or the branch that explains most. */
  function prune(errors) {
    var drop = {};
    var combos = errors.filter(function (e) { return e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if"; });
    combos.forEach(function (c) {
      var prefix = c.schemaPath.replace(/\/(oneOf|anyOf|if)$/, "");
      var inner = errors.filter(function (e) {
        return e !== c && e.schemaPath.indexOf(prefix + "/" + c.keyword + "/") === 0;
      });
      if (c.keyword === "if") {
        drop[errors.indexOf(c)] = true;
        return;
      }
      var node = c.parentSchema || {};
      if (node["x-message"]) {
        inner.forEach(function (e) { drop[errors.indexOf(e)] = true; });
        return;
      }
      // Otherwise the branch with the fewest errors explains best; the combinator itself goes.
      var branches = {};
      inner.forEach(function (e) {
        var b = e.schemaPath.slice(prefix.length + c.keyword.length + 2).split("/")[0];
        (branches[b] = branches[b] || []).push(e);
      });
      var keys = Object.keys(branches).sort(function (a, b) { return branches[a].length - branches[b].length; });
      if (!keys.length) return;
      drop[errors.indexOf(c)] = true;
      keys.slice(1).forEach(function (k) { branches[k].forEach(function (e) { drop[errors.indexOf(e)] = true; }); });
    });
    return errors.filter(function (e, i) { return !drop[i]; });
  }

  /* -- cross-document rules the page can know ----------------------------------------- */

  function walkStrings(value, path, out) {
    if (typeof value === "string") {
      if (value.indexOf(PLACEHOLDER) >= 0) out.push(path);
    } else if (Array.isArray(value)) {
      value.forEach(function (v, i) { walkStrings(v, path.concat([i]), out); });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (k) { walkStrings(value[k], path.concat([k]), out); });
    }
    return out;
  }

  function inPeriod(day, cal) {
    return typeof day === "string" && day >= cal.pilot_start && day <= cal.pilot_end;
  }

  function ids(list, noun, field, out) {
    var seen = {};
    (list || []).forEach(function (item, i) {
      var id = item && item.id;
      if (typeof id !== "string") return;
      if (seen[id]) out.push(mk("SCP-E010", [field, i, "id"], noun + "编号 " + id + " 重复。", "每个" + noun + "的编号只能用一次：请换一个新编号。"));
      seen[id] = true;
    });
  }

  var STATUS = { not_started: "未开始", in_progress: "推进中", completed: "已完成", delayed: "滞后", suspended: "暂停" };

  function reportRules(doc, ctx, out) {
    var ledger = ctx.ledger;
    var cal = ctx.calendar;
    var periods = cal.deadlines.filter(function (d) { return d.document === "report"; }).map(function (d) { return d.period; });
    if (typeof doc.period === "string" && periods.indexOf(doc.period) < 0) {
      out.push(mk("SCP-E003", ["period"], "期别 " + doc.period + " 不在工作日历中。", "工作日历规定的季报期别：" + periods.join("、") + "。"));
    }
    ids(doc.targets, "目标", "targets", out);
    ids(doc.measures, "举措", "measures", out);
    (doc.measures || []).forEach(function (m, i) {
      if (!m || typeof m.percent !== "number") return;
      if ((m.status === "completed") !== (m.percent === 100) && STATUS[m.status]) {
        out.push(mk("SCP-E020", ["measures", i, "percent"], "举措 " + m.id + " 的状态是「" + STATUS[m.status] + "」，完成百分比却是 " + m.percent + "。",
          "已完成的举措填 100；完成百分比为 100 的举措状态选「已完成」。"));
      } else if (m.status === "not_started" && m.percent > 0) {
        out.push(mk("SCP-E020", ["measures", i, "percent"], "举措 " + m.id + " 的状态是「未开始」，完成百分比却是 " + m.percent + "。",
          "未开始的举措完成百分比填 0；已经开始的请把状态改为「推进中」。"));
      }
    });
    if (!ledger) return;
    var targets = {}, measures = {};
    (ledger.targets || []).forEach(function (t) { targets[t.id] = t; });
    (ledger.measures || []).forEach(function (m) { measures[m.id] = m; });
    (doc.targets || []).forEach(function (t, i) {
      if (!t || typeof t.id !== "string") return;
      var lt = targets[t.id];
      if (!lt) {
        out.push(mk("SCP-E004", ["targets", i, "id"], "台账中没有目标 " + t.id + "。", "台账的目标：" + Object.keys(targets).join("、") + "。"));
        return;
      }
      var quantitative = lt.kind !== "qualitative";
      if (quantitative && t.value === undefined && t.text !== undefined) {
        out.push(mk("SCP-W003", ["targets", i], "目标 " + t.id + " 是定量目标，季报只写了文字，没有季末数值。", "请填写季末数值；暂时没有数据的，在说明中写明原因。"));
      } else if (!quantitative && typeof t.value === "number") {
        out.push(mk("SCP-W003", ["targets", i, "value"], "目标 " + t.id + " 是定性目标，季报却填了数值 " + t.value + "。", "定性目标用文字描述进展。"));
      } else if (typeof t.unit === "string" && lt.unit && t.unit !== lt.unit) {
        out.push(mk("SCP-E006", ["targets", i, "unit"], "目标 " + t.id + " 的单位「" + t.unit + "」与台账的「" + lt.unit + "」不一致。",
          "请把数值换算为台账的单位（" + lt.unit + "）后填写。"));
      }
    });
    (doc.measures || []).forEach(function (m, i) {
      if (m && typeof m.id === "string" && !measures[m.id]) {
        out.push(mk("SCP-E005", ["measures", i, "id"], "台账中没有举措 " + m.id + "。", "台账的举措：" + Object.keys(measures).join("、") + "。"));
      }
    });
    var reported = {};
    (doc.targets || []).concat(doc.measures || []).forEach(function (x) { if (x) reported[x.id] = true; });
    var missing = Object.keys(targets).concat(Object.keys(measures)).filter(function (id) { return !reported[id]; });
    if (missing.length) {
      out.push(mk("SCP-W001", [], "季报没有报告台账中的 " + missing.join("、") + "。", "季报应报告台账中每个目标的季末数值和每项举措的进展。"));
    }
    var allowed = ctx.kpiKeys;
    if (allowed && doc.kpis && typeof doc.kpis === "object") {
      Object.keys(doc.kpis).forEach(function (k) {
        if (allowed.indexOf(k) < 0) out.push(mk("SCP-E013", ["kpis", k], "指标 " + k + " 不适用于这类试点。", "这类试点填报的指标：" + allowed.join("、") + "。"));
      });
    }
    var last = ctx.previous;
    if (last && unchanged(doc, last)) {
      out.push(mk("SCP-W004", [], "本季度的每个数值和每项举措的进展都与上一期（" + ctx.previousPeriod + "）完全相同。",
        "请核对是否已改为本季度末的实际数值；确实没有变化的，请在说明中写明。"));
    }
  }

  function unchanged(doc, last) {
    function key(list, fields) {
      var m = {};
      (list || []).forEach(function (x) { if (x) m[x.id] = fields.map(function (f) { return JSON.stringify(x[f]); }).join("|"); });
      return m;
    }
    var a = key(doc.targets, ["value", "text"]), b = key(last.targets, ["value", "text"]);
    var c = key(doc.measures, ["status", "percent", "narrative"]), d = key(last.measures, ["status", "percent", "narrative"]);
    var ids1 = Object.keys(a).concat(Object.keys(c));
    if (!ids1.length) return false;
    return Object.keys(a).every(function (k) { return a[k] === b[k]; }) &&
      Object.keys(c).every(function (k) { return c[k] === d[k]; });
  }

  function ledgerRules(doc, ctx, out) {
    var cal = ctx.calendar;
    var hint = "试点期为 " + cal.pilot_start + " 至 " + cal.pilot_end + "。";
    ids(doc.targets, "目标", "targets", out);
    ids(doc.measures, "举措", "measures", out);
    var known = {};
    (doc.targets || []).forEach(function (t) { if (t) known[t.id] = true; });
    (doc.targets || []).forEach(function (t, i) {
      var b = t && t.baseline && t.baseline.date, g = t && t.target && t.target.date;
      if (typeof b === "string" && typeof g === "string" && realDate(b) && realDate(g)) {
        if (b >= g) out.push(mk("SCP-E008", ["targets", i, "target", "date"], "目标 " + t.id + " 的目标日期 " + g + " 不晚于基期日期 " + b + "。", "目标日期必须在基期日期之后。"));
        if (!inPeriod(g, cal)) out.push(mk("SCP-E007", ["targets", i, "target", "date"], "目标 " + t.id + " 的目标日期 " + g + " 不在试点期内。", hint));
      }
    });
    (doc.measures || []).forEach(function (m, i) {
      if (!m) return;
      (m.targets || []).forEach(function (id, j) {
        if (typeof id === "string" && !known[id]) out.push(mk("SCP-E004", ["measures", i, "targets", j], "举措 " + m.id + " 对应的目标 " + id + " 不在本台账中。", "请填写本台账中的目标编号。"));
      });
      var s = m.start, e = m.end;
      var datesOk = realDate(String(s)) && realDate(String(e));
      if (datesOk && s > e) out.push(mk("SCP-E008", ["measures", i, "end"], "举措 " + m.id + " 的完成日期 " + e + " 早于开始日期 " + s + "。", "请核对开始日期和完成日期。"));
      [["开始日期", s, "start"], ["完成日期", e, "end"]].forEach(function (x) {
        if (realDate(String(x[1])) && !inPeriod(x[1], cal)) out.push(mk("SCP-E007", ["measures", i, x[2]], "举措 " + m.id + " 的" + x[0] + " " + x[1] + " 不在试点期内。", hint));
      });
      (m.milestones || []).forEach(function (st, j) {
        var d = st && st.date;
        if (!realDate(String(d))) return;
        if (!inPeriod(d, cal)) out.push(mk("SCP-E007", ["measures", i, "milestones", j, "date"], "举措 " + m.id + " 的里程碑 " + d + " 不在试点期内。", hint));
        else if (datesOk && !(s <= d && d <= e)) out.push(mk("SCP-E008", ["measures", i, "milestones", j, "date"], "举措 " + m.id + " 的里程碑日期 " + d + " 不在举措起止日期之内。", "请调整里程碑日期或举措的起止日期。"));
      });
    });
  }

  /* -- the checker ------------------------------------------------------------------- */

  function Checker(files) {
    this.schemas = new Schemas(files);
    this.ajv = makeAjv(this.schemas);
  }

  /* Every problem of `data` as a document of `kind`; `ctx` carries what the page knows:
   * {calendar, ledger (confirmed data), previous (last report), previousPeriod, kpiKeys}. */
  Checker.prototype.check = function (kind, data, ctx) {
    var validate = this.ajv.getSchema(BASE + kind + ".schema.json");
    var out = [];
    if (!validate(data)) {
      var t = new Translator(this.schemas, kind, data);
      prune(validate.errors || []).forEach(function (e) { out.push(t.problem(e)); });
    }
    walkStrings(data, [], []).forEach(function (path) {
      out.push(mk("SCP-E024", path, "还有没填写的「" + PLACEHOLDER + "」。", "请把「" + PLACEHOLDER + "」改为实际内容。"));
    });
    if (ctx && ctx.calendar) {
      if (kind === "report" && data && typeof data === "object") reportRules(data, ctx, out);
      if (kind === "ledger" && data && typeof data === "object") ledgerRules(data, ctx, out);
    }
    return dedupe(out);
  };

  function dedupe(list) {
    var seen = {};
    return list.filter(function (p) {
      var k = p.rule + "|" + p.path.join(".") + "|" + p.message;
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
  }

  SCP.checks = { Checker: Checker, Schemas: Schemas, enumOf: enumOf, realDate: realDate, PLACEHOLDER: PLACEHOLDER };
})(window.scpilotFiling = window.scpilotFiling || {});
