// The header's search box (docs/overrides/partials/search.html) on Pagefind's JS API. Nothing of
// the index is fetched with the page: pagefind/pagefind.js is imported on the first focus or
// keystroke, and each query then fetches only the index chunks and page fragments it needs.
// A result's link carries ?highlight=…; on that page pagefind-highlight.js marks the words.
(() => {
  "use strict";
  const PARAM = "highlight";
  const PAGE = 8; // results shown at once ("显示更多结果" adds as many again)
  const box = document.querySelector("[data-scp-search]");
  if (!box) return;
  const bundle = new URL(box.getAttribute("data-scp-search"), document.baseURI);
  const toggle = document.getElementById("__search");
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".scp-search-more");
  const facets = box.querySelector(".scp-search-filters");
  const fields = box.querySelector(".scp-search-filter-fields");
  const ORDER = ["类型", "省份", "年份", "主题"]; // the catalogue's facets, as the pages mark them
  const chosen = {};
  let loading = null;
  let found = [];
  let shown = 0;
  let serial = 0;
  let timer = 0;

  const load = () => {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        // noWorker: a query's few milliseconds of work need no web worker, whose script would add 41 KB
        await pagefind.options({
          baseUrl: new URL("..", bundle).pathname,
          highlightParam: PARAM,
          excerptLength: 36,
          noWorker: true,
        });
        await pagefind.init();
        return pagefind;
      });
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };

  // Pagefind's index holds Chinese as the words its indexer (jieba) found, while the browser splits
  // a query with Intl.Segmenter, which often breaks a word the index holds whole into single
  // characters (坏账率 → 坏 账 率; the index has 坏账 率). Each query word matches every indexed
  // word it begins, so a single character right after another Chinese word is left out: 坏 finds
  // 坏账, and the page holding 坏账率 is found instead of none.
  const HAN = /\p{Script=Han}/u;
  const words = (query) => {
    if (typeof Intl.Segmenter === "undefined") return query.split(/\s+/).filter(Boolean);
    const out = [];
    let afterHan = false;
    for (const { segment, isWordLike } of new Intl.Segmenter("zh", { granularity: "word" }).segment(query)) {
      if (!isWordLike) {
        afterHan = false;
        continue;
      }
      const han = HAN.test(segment);
      if (!(han && afterHan && Array.from(segment).length === 1)) out.push(segment);
      afterHan = han;
    }
    return out;
  };
  // What the page opened from a result marks: each word as typed, and its parts of two or more characters.
  const marks = (query) => {
    const typed = query.split(/\s+/).filter(Boolean);
    const parts = typed.flatMap((w) => words(w)).filter((w) => Array.from(w).length > 1 || !HAN.test(w));
    return Array.from(new Set([...typed, ...parts]));
  };
  const address = (url, highlight) => {
    const target = new URL(url, window.location.href);
    target.searchParams.delete(PARAM);
    for (const word of highlight) target.searchParams.append(PARAM, word);
    return target.pathname + target.search + target.hash;
  };

  const open = (on) => {
    if (toggle && toggle.checked !== on) toggle.checked = on;
  };

  // Pagefind's excerpt is text with <mark> around the words found: keep exactly that, as nodes.
  const excerpt = (html) => {
    const p = document.createElement("p");
    const parsed = new DOMParser().parseFromString(html, "text/html");
    parsed.body.childNodes.forEach((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    });
    return p;
  };

  const item = (data, highlight) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = address(data.url, highlight);
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("div");
    title.className = "scp-search-title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.append(title, excerpt(data.excerpt || ""));
    a.append(article);
    li.append(a);
    const sections = (data.sub_results || []).filter((s) => s.url !== data.url && s.title).slice(0, 3);
    if (sections.length) {
      const ul = document.createElement("ul");
      ul.className = "scp-search-sections";
      ul.setAttribute("aria-label", "页面中的位置");
      for (const s of sections) {
        const sub = document.createElement("li");
        const link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = address(s.url, highlight);
        link.textContent = s.title;
        sub.append(link);
        ul.append(sub);
      }
      li.append(ul);
    }
    return li;
  };

  const showMore = async (mine) => {
    const next = found.slice(shown, shown + PAGE);
    const data = await Promise.all(next.map((r) => r.data()));
    if (mine !== serial) return;
    const highlight = marks(input.value.trim());
    data.forEach((d) => list.append(item(d, highlight)));
    shown += next.length;
    more.hidden = shown >= found.length;
  };

  const run = async () => {
    const mine = ++serial;
    const term = input.value.trim();
    const filters = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));
    const filtered = Object.keys(filters).length > 0;
    list.replaceChildren();
    more.hidden = true;
    found = [];
    shown = 0;
    if (!term && !filtered) {
      meta.textContent = "输入词语搜索全站：试点、经验、指标、季报和总结报告";
      return;
    }
    meta.textContent = "正在搜索……";
    try {
      const pagefind = await load();
      const query = words(term).join(" ");
      if (term && !query) {
        meta.textContent = `没有找到与“${term}”相关的页面`;
        return;
      }
      const response = await pagefind.search(query || null, { filters });
      if (mine !== serial) return;
      found = response.results;
      const what = [term && `“${term}”`, ...Object.values(filters)].filter(Boolean).join("、");
      if (!found.length) {
        meta.textContent = `没有找到与${what}相关的页面`;
        return;
      }
      await showMore(mine);
      if (mine === serial) meta.textContent = `找到 ${found.length} 个与${what}相关的页面`;
    } catch (error) {
      if (mine !== serial) return;
      meta.textContent = "搜索暂时不可用：请通过网站的网址访问本页（直接打开的文件不能搜索）";
      console.warn("search:", error);
    }
  };

  // The filters' values come from the index, fetched only when the visitor opens 筛选.
  const showFacets = async () => {
    if (fields.childElementCount) return;
    const pagefind = await load();
    const available = await pagefind.filters();
    const names = ORDER.filter((n) => available[n]).concat(Object.keys(available).filter((n) => !ORDER.includes(n)));
    for (const name of names) {
      const label = document.createElement("label");
      label.textContent = name;
      const select = document.createElement("select");
      select.name = name;
      select.add(new Option("全部", ""));
      const values = Object.keys(available[name]).sort((a, b) => a.localeCompare(b, "zh"));
      for (const value of values) select.add(new Option(`${value}（${available[name][value]}）`, value));
      select.addEventListener("change", () => {
        chosen[name] = select.value;
        run();
      });
      label.append(select);
      fields.append(label);
    }
  };
  facets.addEventListener("toggle", () => {
    if (facets.open) showFacets().catch((error) => console.warn("search filters:", error));
  });

  const links = () => Array.from(list.querySelectorAll("a"));

  input.addEventListener("focus", () => {
    open(true);
    load();
  });
  input.addEventListener("input", (event) => {
    if (event.isComposing) return; // an IME is still composing Chinese: wait for the word
    open(true);
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("compositionend", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.focus();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      run();
      input.focus();
    });
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (toggle.checked) input.focus();
    });
  }
  more.addEventListener("click", () => {
    const before = links().length;
    showMore(serial).then(() => {
      const next = links()[before];
      if (next) next.focus();
    });
  });

  // Keyboard: ↓ and ↑ move between the input and the results, Esc closes, / or s opens.
  box.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLSelectElement) return; // a filter's own keys
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      if (document.activeElement !== input) input.focus({ preventScroll: true });
      open(false);
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      open(true);
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s") {
      event.preventDefault();
      input.focus();
    }
  });

  // A page opened from a result: mark the words searched for.
  if (new URLSearchParams(window.location.search).has(PARAM)) {
    import(new URL("pagefind-highlight.js", bundle).href)
      .then(({ default: Highlight }) => new Highlight({ highlightParam: PARAM, markOptions: { className: "scp-highlight" }, addStyles: false }))
      .catch((error) => console.warn("highlight:", error));
  }
})();
