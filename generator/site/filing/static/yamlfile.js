/* The file a careful person would write: the header of `scpilot new` (the editor's schema
 * line, what the file is, how to check it), then the document in the schema's field order,
 * UTF-8, with codes, phone numbers, years and dates in quotes. */
(function (SCP) {
  "use strict";

  var jsyaml = window.jsyaml;

  /* A string a reader (or YAML 1.1) could take for a number, a date or a time: quote it.
   * Registered as an implicit type only for dumping, so that js-yaml sees it as ambiguous. */
  var codeLike = new jsyaml.Type("tag:scpilot,2020:code-like", {
    kind: "scalar",
    resolve: function (s) { return /^[-+0-9.:()\s]+$/.test(s) || /^[0-9]{4}(Q[1-4])?$/.test(s); },
    construct: function (s) { return s; }
  });
  var SCHEMA = jsyaml.DEFAULT_SCHEMA.extend({ implicit: [codeLike] });

  function relSchema(path, kind) {
    var depth = path.split("/").length - 1;
    var up = "";
    for (var i = 0; i < depth; i += 1) up += "../";
    return up + "schemas/" + kind + ".schema.json";
  }

  function header(path, kind, title) {
    return [
      "yaml-language-server: $schema=" + relSchema(path, kind),
      title + "：由网站的在线填报页生成。",
      "检查：scpilot validate " + path
    ];
  }

  /* Drop empty strings and empty objects the form left behind. An empty list stays: a
   * required list with nothing in it is written `[]` ("没有推荐时写 []"). */
  function clean(value) {
    if (Array.isArray(value)) {
      return value.map(clean).filter(function (v) { return v !== undefined; });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = clean(value[k]);
        if (v === undefined) return;
        if (v && typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length) return;
        out[k] = v;
      });
      return out;
    }
    if (value === "" || value === null) return undefined;
    return value;
  }

  function emit(path, kind, title, data) {
    var body = jsyaml.dump(data, {
      schema: SCHEMA, lineWidth: -1, noRefs: true, quotingType: "\"", sortKeys: false, noCompatMode: false
    });
    return header(path, kind, title).map(function (l) { return "# " + l; }).join("\n") + "\n" + body;
  }

  SCP.yamlfile = { emit: emit, clean: clean, header: header };
})(window.scpilotFiling = window.scpilotFiling || {});
