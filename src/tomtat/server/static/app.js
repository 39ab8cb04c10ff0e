// tomtat web page: paste or drop articles, summarize, see where each sentence came from.
// Plain JS, no build step, no network beyond this server. All text goes in via textContent.
"use strict";

const STRINGS = {
  vi: {
    title: "Tóm tắt tin tức",
    tagline: "Dán vài bài báo tiếng Việt về cùng một sự kiện, nhận bản tóm tắt trích từ chính các câu trong bài.",
    articlesHeading: "Các bài báo",
    dropHint: "Kéo thả tệp .txt hoặc .html vào đây, hoặc",
    chooseFiles: "chọn tệp",
    addArticle: "+ Thêm bài",
    length: "Độ dài",
    syllables: "âm tiết",
    summarize: "Tóm tắt",
    summaryHeading: "Bản tóm tắt",
    highlightHint: "Di chuột hoặc chạm vào một câu để xem câu đó lấy từ bài nào.",
    sourcesHeading: "Bài gốc",
    footer: "tomtat · tóm tắt trích xuất, chạy ngoại tuyến",
    article: "Bài",
    titlePlaceholder: "Tiêu đề",
    sourcePlaceholder: "Nguồn (tên báo)",
    textPlaceholder: "Dán nội dung bài báo vào đây",
    remove: "Xoá bài này",
    from: "Nguồn",
    alsoReported: "Cũng đưa tin",
    working: "Đang tóm tắt…",
    needText: "Hãy dán nội dung ít nhất một bài báo.",
    failed: "Không tóm tắt được",
    done: (n, s) => `Xong: ${n} câu, ${s} âm tiết.`,
    meta: (n, s) => `${n} câu · ${s} âm tiết`,
    readFiles: (n) => `Đã đọc ${n} tệp.`,
    badFile: (name) => `Không đọc được tệp ${name}.`,
    noSources: "Không có câu gốc để đánh dấu.",
    untitled: "Không tiêu đề",
  },
  en: {
    title: "News summarizer",
    tagline: "Paste several Vietnamese news articles on one story and get a summary made of their own sentences.",
    articlesHeading: "Articles",
    dropHint: "Drop .txt or .html files here, or",
    chooseFiles: "choose files",
    addArticle: "+ Add article",
    length: "Length",
    syllables: "syllables",
    summarize: "Summarize",
    summaryHeading: "Summary",
    highlightHint: "Hover over or tap a sentence to see which article it came from.",
    sourcesHeading: "Source articles",
    footer: "tomtat · extractive summaries, offline",
    article: "Article",
    titlePlaceholder: "Title",
    sourcePlaceholder: "Source (outlet)",
    textPlaceholder: "Paste the article text here",
    remove: "Remove this article",
    from: "Source",
    alsoReported: "Also reported by",
    working: "Summarizing…",
    needText: "Paste the text of at least one article.",
    failed: "Could not summarize",
    done: (n, s) => `Done: ${n} sentences, ${s} syllables.`,
    meta: (n, s) => `${n} sentences · ${s} syllables`,
    readFiles: (n) => `Read ${n} file(s).`,
    badFile: (name) => `Could not read ${name}.`,
    noSources: "No source sentences to highlight.",
    untitled: "Untitled",
  },
};

let lang = localStorage.getItem("tomtat-lang") === "en" ? "en" : "vi";
let lastResult = null;
let pinned = null; // the summary sentence element clicked last

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const t = (key, ...args) => {
  const value = STRINGS[lang][key];
  return typeof value === "function" ? value(...args) : value;
};

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

// ------------------------------------------------------------ language

function applyLanguage(root = document) {
  document.documentElement.lang = lang;
  for (const node of $$("[data-i18n]", root)) node.textContent = t(node.dataset.i18n);
  for (const node of $$("[data-i18n-placeholder]", root)) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const b of $$(".lang button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  document.title = `${t("title")} · tomtat`;
  if (lastResult) {
    renderResult(lastResult);
    if (!$("#status").classList.contains("error")) setStatus(t("done", lastResult.sentences.length, lastResult.syllables));
  }
}

// ------------------------------------------------------------ article blocks

function addArticle(data = {}) {
  const node = $("#article-template").content.firstElementChild.cloneNode(true);
  $(".f-title", node).value = data.title || "";
  $(".f-source", node).value = data.source || "";
  $(".f-text", node).value = data.text || "";
  $(".remove", node).addEventListener("click", () => {
    if ($$("#articles .article").length > 1) node.remove();
    else for (const f of $$("input, textarea", node)) f.value = "";
    renumber();
  });
  $("#articles").append(node);
  applyLanguage(node);
  renumber();
  return node;
}

function renumber() {
  $$("#articles .article").forEach((node, i) => { $(".num", node).textContent = String(i + 1); });
}

function collectArticles() {
  return $$("#articles .article")
    .map((node) => ({
      title: $(".f-title", node).value.trim(),
      source: $(".f-source", node).value.trim() || null,
      text: $(".f-text", node).value.trim(),
    }))
    .filter((a) => a.title || a.text);
}

function fillArticle(data) {
  const empty = $$("#articles .article").find((node) =>
    !$(".f-title", node).value.trim() && !$(".f-text", node).value.trim());
  if (empty) {
    $(".f-title", empty).value = data.title || "";
    $(".f-source", empty).value = data.source || "";
    $(".f-text", empty).value = data.text || "";
  } else {
    addArticle(data);
  }
}

// ------------------------------------------------------------ files

function baseName(name) {
  return name.replace(/\.[^.]+$/, "");
}

function fromText(text, name) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines[0].trim()) lines.shift();
  const title = (lines.shift() || "").trim();
  return { title, text: lines.join("\n").trim(), source: baseName(name) };
}

function fromHtmlInBrowser(html, name) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const junk of $$("script, style, nav, header, footer, aside, form, noscript", doc)) junk.remove();
  const meta = (sel) => { const m = doc.querySelector(sel); return m ? (m.getAttribute("content") || "").trim() : ""; };
  const h1 = doc.querySelector("h1");
  const title = meta('meta[property="og:title"]') || (h1 && h1.textContent.trim()) || (doc.title || "").trim();
  const root = doc.querySelector("article") || doc.body;
  let paras = $$("p", root).map((p) => p.textContent.replace(/\s+/g, " ").trim()).filter(Boolean);
  if (!paras.length && root) paras = [root.textContent.replace(/\s+/g, " ").trim()];
  const source = meta('meta[property="og:site_name"]') || baseName(name);
  return { title, text: paras.join("\n"), source };
}

async function fromHtml(html, name) {
  try {
    const response = await fetch("/v1/extract", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ html, name }),
    });
    if (response.ok) {
      const a = await response.json();
      if (a.text && a.text.trim()) return { title: a.title || "", text: a.text, source: a.source || baseName(name) };
    }
  } catch (_) { /* fall back to the browser's parser */ }
  return fromHtmlInBrowser(html, name);
}

async function readFiles(files) {
  let count = 0;
  for (const file of files) {
    const name = file.name || "file";
    try {
      const text = await file.text();
      const isHtml = /\.html?$/i.test(name) || file.type === "text/html" || /^\s*<(!doctype|html)/i.test(text);
      fillArticle(isHtml ? await fromHtml(text, name) : fromText(text, name));
      count += 1;
    } catch (_) {
      setStatus(t("badFile", name), true);
    }
  }
  if (count) setStatus(t("readFiles", count));
}

// ------------------------------------------------------------ summarize

function setStatus(text, isError = false) {
  const node = $("#status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

async function run() {
  const articles = collectArticles();
  if (!articles.length) { setStatus(t("needText"), true); return; }
  const button = $("#run");
  button.disabled = true;
  document.body.setAttribute("aria-busy", "true");
  setStatus(t("working"));
  try {
    const response = await fetch("/v1/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ articles, words: Number($("#length").value), include_sources: true }),
    });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok) {
      const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : `HTTP ${response.status}`;
      setStatus(`${t("failed")}: ${detail}`, true);
      return;
    }
    lastResult = body;
    pinned = null;
    renderResult(body);
    setStatus(t("done", body.sentences.length, body.syllables));
    $("#result").hidden = false;
    $("#result").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (err) {
    setStatus(`${t("failed")}: ${err.message || err}`, true);
  } finally {
    button.disabled = false;
    document.body.removeAttribute("aria-busy");
  }
}

function articleLabel(result, i) {
  const src = result.sources && result.sources[i];
  const meta = result.articles[i] || {};
  return (src && src.label) || meta.source || meta.title || `${t("article")} ${i + 1}`;
}

function renderResult(result) {
  const pinnedId = pinned && pinned.id;
  const summary = $("#summary");
  const sources = $("#sources");
  const warnings = $("#warnings");
  summary.replaceChildren();
  sources.replaceChildren();
  warnings.replaceChildren();
  for (const w of result.warnings || []) warnings.append(el("li", {}, w));

  const used = new Set(result.sentences.map((s) => `${s.article}-${s.position}`));
  result.sentences.forEach((s, i) => {
    const item = el("li", { class: "item" });
    const sent = el("span", {
      class: "sent", tabIndex: 0, id: `sum-${i}`,
      "data-article": String(s.article), "data-position": String(s.position),
      "data-also": s.also_reported_by.join(","),
    }, s.text);
    sent.setAttribute("role", "button");
    sent.setAttribute("aria-pressed", "false");
    const meta = el("span", { class: "meta" });
    meta.append(el("span", { class: "from" }, `${t("from")}: ${s.source}`));
    if (s.also_reported_by_sources.length) {
      meta.append(el("span", { class: "also" }, ` · ${t("alsoReported")}: ${s.also_reported_by_sources.join(", ")}`));
    }
    item.append(sent, " ", meta);
    summary.append(item);
    sent.addEventListener("mouseenter", () => highlight(sent, false));
    sent.addEventListener("mouseleave", () => { if (pinned !== sent) highlight(pinned, false); });
    sent.addEventListener("focus", () => highlight(sent, false));
    sent.addEventListener("click", () => togglePin(sent));
    sent.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); togglePin(sent); } });
  });
  $("#summary-meta").textContent = t("meta", result.sentences.length, result.syllables);

  if (!result.sources) { pinned = null; sources.append(el("p", { class: "hint" }, t("noSources"))); return; }
  result.sources.forEach((src, a) => {
    const panel = el("article", { class: "source", id: `src-${a}` });
    const head = el("header");
    head.append(el("h3", {}, src.title || t("untitled")));
    head.append(el("p", { class: "outlet" }, articleLabel(result, a)));
    panel.append(head);
    const body = el("p", { class: "body" });
    src.sentences.forEach((text, p) => {
      const span = el("span", { class: "src-sent", id: `s-${a}-${p}`, "data-article": String(a), "data-position": String(p) }, text);
      if (used.has(`${a}-${p}`)) {
        span.classList.add("used");
        span.addEventListener("mouseenter", () => {
          const match = $(`#summary .sent[data-article="${a}"][data-position="${p}"]`);
          if (match) highlight(match, false);
        });
      }
      body.append(span, " ");
    });
    panel.append(body);
    sources.append(panel);
  });
  pinned = pinnedId ? document.getElementById(pinnedId) : null;
  if (pinned) { pinned.setAttribute("aria-pressed", "true"); highlight(pinned, false); }
}

function clearHighlight() {
  for (const n of $$(".hl, .active, .also-panel, .current")) n.classList.remove("hl", "active", "also-panel", "current");
}

function highlight(sent, scroll) {
  clearHighlight();
  if (!sent) return;
  const a = sent.dataset.article;
  const p = sent.dataset.position;
  sent.classList.add("current");
  const target = document.getElementById(`s-${a}-${p}`);
  const panel = document.getElementById(`src-${a}`);
  if (target) target.classList.add("hl");
  if (panel) panel.classList.add("active");
  for (const other of (sent.dataset.also || "").split(",").filter(Boolean)) {
    const o = document.getElementById(`src-${other}`);
    if (o) o.classList.add("also-panel");
  }
  if (scroll && target) target.scrollIntoView({ behavior: "smooth", block: "center" });
}

function togglePin(sent) {
  if (pinned) pinned.setAttribute("aria-pressed", "false");
  if (pinned === sent) { pinned = null; clearHighlight(); return; }
  pinned = sent;
  sent.setAttribute("aria-pressed", "true");
  highlight(sent, true);
}

// ------------------------------------------------------------ wiring

function init() {
  addArticle();
  addArticle();
  $("#add-article").addEventListener("click", () => { const n = addArticle(); $(".f-title", n).focus(); });
  $("#run").addEventListener("click", run);
  const length = $("#length");
  length.addEventListener("input", () => { $("#length-value").textContent = length.value; });
  for (const b of $$(".lang button")) {
    b.addEventListener("click", () => { lang = b.dataset.lang; localStorage.setItem("tomtat-lang", lang); applyLanguage(); });
  }
  $("#files").addEventListener("change", (e) => { readFiles(Array.from(e.target.files)); e.target.value = ""; });
  const zone = $("#dropzone");
  for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add("over"); });
  }
  for (const type of ["dragleave", "dragend"]) document.addEventListener(type, () => zone.classList.remove("over"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const files = Array.from((e.dataTransfer && e.dataTransfer.files) || []);
    if (files.length) readFiles(files);
  });
  document.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "Enter") run(); });
  applyLanguage();
}

document.addEventListener("DOMContentLoaded", init);
