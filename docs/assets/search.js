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
  let loading = null;
  let found = [];
  let shown = 0;
  let serial = 0;
  let timer = 0;

  const load = () => {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: new URL("..", bundle).pathname, highlightParam: PARAM, excerptLength: 36 });
        await pagefind.init();
        return pagefind;
      });
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
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

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
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
        link.href = s.url;
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
    data.forEach((d) => list.append(item(d)));
    shown += next.length;
    more.hidden = shown >= found.length;
  };

  const run = async () => {
    const mine = ++serial;
    const term = input.value.trim();
    list.replaceChildren();
    more.hidden = true;
    found = [];
    shown = 0;
    if (!term) {
      meta.textContent = "输入词语搜索全站：试点、经验、指标、季报和总结报告";
      return;
    }
    meta.textContent = "正在搜索……";
    try {
      const pagefind = await load();
      const response = await pagefind.search(term);
      if (mine !== serial) return;
      found = response.results;
      if (!found.length) {
        meta.textContent = `没有找到与“${term}”相关的页面`;
        return;
      }
      meta.textContent = `找到 ${found.length} 个与“${term}”相关的页面`;
      await showMore(mine);
    } catch (error) {
      if (mine !== serial) return;
      meta.textContent = "搜索暂时不可用：请通过网站的网址访问本页（直接打开的文件不能搜索）";
      console.warn("search:", error);
    }
  };

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
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      if (document.activeElement !== input) input.focus({ preventScroll: true });
      open(false);
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
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
