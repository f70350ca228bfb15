/* A form built from a JSON Schema: every field with its Chinese title, the description as
 * help text, choices by their Chinese labels, required marks, units beside numbers, and
 * lists whose rows can be added and removed. Each input's `name` is the field's path in the
 * YAML document (`targets.0.value`); the document itself is the state, changed in place. */
(function (SCP) {
  "use strict";

  var NUMBER = /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function idOf(path) {
    return "f-" + (path.length ? path.join("-") : "root").replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function getAt(data, path) {
    var v = data;
    for (var i = 0; i < path.length && v != null; i += 1) v = v[path[i]];
    return v;
  }

  function setAt(data, path, value) {
    var v = data;
    for (var i = 0; i < path.length - 1; i += 1) {
      if (v[path[i]] == null) v[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      v = v[path[i]];
    }
    var last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(v)) v[last] = undefined; else delete v[last];
    } else v[last] = value;
  }

  function typeOf(node) {
    var t = node.type;
    if (Array.isArray(t)) t = t.filter(function (x) { return x !== "null"; })[0];
    if (!t && node.properties) t = "object";
    return t || "string";
  }

  /* `opts`: {schemas, kind, data, skip: [keys], fixed: {key: true}, info(path) -> text,
   *  hide(path, key) -> bool, unit(path) -> text, onInput(path), onStructure()} */
  function Form(opts) { this.o = opts; }

  Form.prototype.render = function (root) {
    var o = this.o;
    root.textContent = "";
    var top = o.schemas.effective(o.schemas.files[o.kind + ".schema.json"], o.kind + ".schema.json", o.data);
    this.object(top.node, top.base, [], root, true);
  };

  Form.prototype.object = function (node, base, path, parent, isRoot) {
    var o = this.o, self = this;
    var required = node.required || [];
    var value = getAt(o.data, path);
    Object.keys(node.properties || {}).forEach(function (key) {
      if (isRoot && o.skip.indexOf(key) >= 0) return;
      if (o.hide && o.hide(path, key, value)) return;
      var child = o.schemas.effective(node.properties[key], base, value ? value[key] : undefined);
      self.field(child.node, child.base, path.concat([key]), parent, required.indexOf(key) >= 0);
    });
  };

  Form.prototype.label = function (node, path, required) {
    var text = node.title || String(path[path.length - 1]);
    var label = el("label", { "for": idOf(path), "class": "scp-label" }, [document.createTextNode(text)]);
    if (required) label.appendChild(el("span", { "class": "scp-required", text: "（必填）" }));
    return label;
  };

  Form.prototype.describedBy = function (node, path) {
    return (node.description ? idOf(path) + "-help " : "") + idOf(path) + "-err";
  };

  Form.prototype.help = function (node, path) {
    var wrap = document.createDocumentFragment();
    if (node.description) wrap.appendChild(el("p", { id: idOf(path) + "-help", "class": "scp-help", text: node.description }));
    wrap.appendChild(el("p", { id: idOf(path) + "-err", "class": "scp-error", hidden: true }));
    return wrap;
  };

  Form.prototype.field = function (node, base, path, parent, required) {
    var o = this.o;
    var options = SCP.checks.enumOf(node);
    var type = typeOf(node);
    if (!options && type === "object") return this.group(node, base, path, parent, required);
    if (!options && type === "array") return this.list(node, base, path, parent, required);
    var value = getAt(o.data, path);
    if (o.fixed[path.join(".")]) return this.fixedField(node, path, value, parent, options);
    var box = el("div", { "class": "scp-field", "data-path": path.join(".") });
    box.appendChild(this.label(node, path, required));
    var info = o.info && o.info(path);
    if (info) box.appendChild(el("p", { "class": "scp-info", text: info }));
    var input;
    var common = { id: idOf(path), name: path.join("."), "aria-describedby": this.describedBy(node, path),
      "aria-required": required ? "true" : null };
    if (options || type === "boolean") {
      input = el("select", common);
      input.appendChild(el("option", { value: "", text: "（请选择）" }));
      (options || [{ value: true, title: "是" }, { value: false, title: "否" }]).forEach(function (opt) {
        var option = el("option", { value: JSON.stringify(opt.value), text: opt.title });
        if (value === opt.value) option.selected = true;
        input.appendChild(option);
      });
    } else if (type === "string" && (node.maxLength || 0) >= 500) {
      input = el("textarea", Object.assign({ rows: (node.maxLength || 0) >= 2000 ? 6 : 3 }, common));
      input.value = value == null ? "" : String(value);
    } else {
      var attrs = Object.assign({ type: node.format === "date" ? "date" : "text", autocomplete: "off" }, common);
      if (type === "number" || type === "integer") { attrs.inputmode = "decimal"; attrs["class"] = "scp-number"; }
      input = el("input", attrs);
      input.value = value == null ? "" : String(value);
    }
    var row = el("div", { "class": "scp-control" }, [input]);
    var unit = node["x-unit"] || (o.unit && o.unit(path));
    if (unit && (type === "number" || type === "integer")) row.appendChild(el("span", { "class": "scp-unit", text: unit }));
    box.appendChild(row);
    box.appendChild(this.help(node, path));
    var self = this;
    var handler = function () { self.read(input, node, type, path); };
    input.addEventListener(input.tagName === "SELECT" ? "change" : "input", handler);
    parent.appendChild(box);
  };

  /* A value the clerk cannot change here (the pilot, the period, a ledger id): one line of
   * text, and a hidden input that still carries the field's path. */
  Form.prototype.fixedField = function (node, path, value, parent, options) {
    var shown = value == null ? "" : String(value);
    (options || []).forEach(function (opt) { if (opt.value === value) shown = opt.title; });
    var box = el("div", { "class": "scp-fixed", "data-path": path.join(".") }, [
      el("span", { "class": "scp-fixed-label", text: (node.title || String(path[path.length - 1])) + "：" }),
      el("span", { text: shown }),
      el("input", { type: "hidden", name: path.join("."), id: idOf(path), value: shown })
    ]);
    box.appendChild(el("p", { id: idOf(path) + "-err", "class": "scp-error", hidden: true }));
    parent.appendChild(box);
  };

  Form.prototype.read = function (input, node, type, path) {
    var raw = input.value;
    var value;
    if (input.tagName === "SELECT") value = raw === "" ? undefined : JSON.parse(raw);
    else if (raw.trim() === "") value = undefined;
    else if (type === "number" || type === "integer") value = NUMBER.test(raw.trim()) ? Number(raw.trim()) : raw;
    else value = raw;
    setAt(this.o.data, path, value);
    this.o.onInput(path);
  };

  Form.prototype.group = function (node, base, path, parent, required) {
    var box = el("fieldset", { "class": "scp-group", id: idOf(path), "aria-describedby": this.describedBy(node, path),
      "data-path": path.join(".") });
    var legend = el("legend", { text: node.title || String(path[path.length - 1]) });
    if (required) legend.appendChild(el("span", { "class": "scp-required", text: "（必填）" }));
    box.appendChild(legend);
    var info = this.o.info && this.o.info(path);
    if (info) box.appendChild(el("p", { "class": "scp-info", text: info }));
    box.appendChild(this.help(node, path));
    this.object(node, base, path, box, false);
    parent.appendChild(box);
  };

  Form.prototype.list = function (node, base, path, parent, required) {
    var o = this.o, self = this;
    var items = getAt(o.data, path);
    if (!Array.isArray(items)) items = [];
    var box = el("fieldset", { "class": "scp-list", id: idOf(path), "aria-describedby": this.describedBy(node, path),
      "data-path": path.join(".") });
    var legend = el("legend", { text: node.title || String(path[path.length - 1]) });
    if (required) legend.appendChild(el("span", { "class": "scp-required", text: "（必填）" }));
    box.appendChild(legend);
    box.appendChild(this.help(node, path));
    var item = o.schemas.resolve(node.items || {}, base);
    var fixedRows = o.fixed[path.join(".") + ".*"];
    var title = item.node.title || "一项";
    items.forEach(function (entry, i) {
      var rowPath = path.concat([i]);
      var row = el("div", { "class": "scp-row", "data-path": rowPath.join(".") });
      var eff = o.schemas.effective(item.node, item.base, entry);
      if (typeOf(eff.node) === "object" && !SCP.checks.enumOf(eff.node)) {
        var fs = el("fieldset", { "class": "scp-group", id: idOf(rowPath), "aria-describedby": idOf(rowPath) + "-err",
          "data-path": rowPath.join(".") });
        var ident = entry && typeof entry.id === "string" ? " " + entry.id : "";
        fs.appendChild(el("legend", { text: title + ident + "（第 " + (i + 1) + " 项）" }));
        var info = o.info && o.info(rowPath);
        if (info) fs.appendChild(el("p", { "class": "scp-info", text: info }));
        fs.appendChild(el("p", { id: idOf(rowPath) + "-err", "class": "scp-error", hidden: true }));
        self.object(eff.node, eff.base, rowPath, fs, false);
        row.appendChild(fs);
      } else {
        var copy = Object.assign({}, eff.node, { title: title + "（第 " + (i + 1) + " 项）" });
        self.field(copy, eff.base, rowPath, row, false);
      }
      if (!fixedRows) {
        var remove = el("button", { type: "button", "class": "md-button scp-remove",
          text: "删除第 " + (i + 1) + " 项" + (ident ? "（" + title + ident + "）" : "") });
        remove.addEventListener("click", function () {
          var list = getAt(o.data, path);
          list.splice(i, 1);
          o.onStructure(path);
        });
        row.appendChild(remove);
      }
      box.appendChild(row);
    });
    if (!fixedRows) {
      var add = el("button", { type: "button", "class": "md-button scp-add", text: "添加一项" + title });
      add.addEventListener("click", function () {
        var list = getAt(o.data, path);
        if (!Array.isArray(list)) { list = []; setAt(o.data, path, list); }
        list.push(typeOf(item.node) === "object" ? {} : undefined);
        o.onStructure(path.concat([list.length - 1]));
      });
      box.appendChild(add);
    }
    parent.appendChild(box);
  };

  /* Messages at their fields: the input whose name is the path, or the nearest group. */
  function showProblems(root, problems) {
    Array.prototype.forEach.call(root.querySelectorAll(".scp-error"), function (p) { p.hidden = true; p.textContent = ""; });
    Array.prototype.forEach.call(root.querySelectorAll("[aria-invalid]"), function (n) { n.removeAttribute("aria-invalid"); });
    var unplaced = [];
    problems.forEach(function (pr) {
      var path = pr.path.slice();
      while (true) {
        var slot = document.getElementById(idOf(path) + "-err");
        if (slot && root.contains(slot)) {
          slot.hidden = false;
          var line = el("span", { "class": pr.severity === "warning" ? "scp-warn" : "scp-bad",
            text: (pr.severity === "warning" ? "提醒：" : "") + pr.message + (pr.hint ? " " + pr.hint : "") });
          if (slot.textContent) slot.appendChild(document.createElement("br"));
          slot.appendChild(line);
          var input = root.querySelector("[name=\"" + path.join(".") + "\"]");
          if (input && pr.severity === "error") input.setAttribute("aria-invalid", "true");
          break;
        }
        if (!path.length) { unplaced.push(pr); break; }
        path.pop();
      }
    });
    return unplaced;
  }

  SCP.form = { Form: Form, showProblems: showProblems, idOf: idOf, getAt: getAt, setAt: setAt, el: el };
})(window.scpilotFiling = window.scpilotFiling || {});
