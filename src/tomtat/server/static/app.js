// tomtat web page: paste links or articles, summarize, see where each sentence came from.
// Plain JS, no build step, no network beyond this server. All text goes in via textContent.
"use strict";

const STRINGS = {
  vi: {
    title: "Tóm tắt tin tức",
    tagline: "Dán vài bài báo tiếng Việt về cùng một sự kiện, nhận bản tóm tắt trích từ chính các câu trong bài.",
    articlesHeading: "Các bài báo",
    urlsLabel: "Dán đường link",
    urlsPlaceholder: "https://…",
    urlsHint: "Mỗi dòng một đường link; máy chủ tải trang và lấy nội dung bài.",
    dropHint: "Kéo thả tệp .txt hoặc .html vào đây, hoặc",
    chooseFiles: "chọn tệp",
    addArticle: "+ Thêm bài",
    clearAll: "Xoá tất cả",
    length: "Độ dài",
    syllables: "âm tiết",
    summarize: "Tóm tắt",
    cancel: "Huỷ",
    summaryHeading: "Bản tóm tắt",
    toolsLabel: "Chép và tải bản tóm tắt",
    copy: "Chép",
    downloadMd: "Tải .md",
    downloadJson: "Tải .json",
    downloadTxt: "Tải .txt",
    copied: "Đã chép bản tóm tắt.",
    copyFailed: "Không chép được; hãy chọn và chép bằng tay.",
    highlightHint: "Di chuột hoặc chạm vào một câu để xem câu đó lấy từ bài nào.",
    sourcesHeading: "Bài gốc",
    outletsHeading: "Báo nào đưa tin nào",
    outletsCaption: "Dấu ● : báo có câu này (câu được trích); ○ : báo cũng đưa tin này.",
    outletCol: "Báo",
    sentenceCol: (i) => `Câu ${i}`,
    taken: "câu được trích từ báo này",
    reported: "báo này cũng đưa tin",
    timelineHeading: "Diễn biến",
    footer: "tomtat · tóm tắt trích xuất, chạy ngoại tuyến",
    article: "Bài",
    titlePlaceholder: "Tiêu đề",
    sourcePlaceholder: "Nguồn (tên báo)",
    textPlaceholder: "Dán nội dung bài báo vào đây",
    separatorHint: "Nhiều bài trong một ô: ngăn cách các bài bằng một dòng chỉ có ---",
    remove: "Xoá bài này",
    from: "Nguồn",
    alsoReported: "Cũng đưa tin",
    working: "Đang tóm tắt…",
    workingUrls: (n) => `Đang tải ${n} đường link và tóm tắt…`,
    elapsed: (s) => `${s} giây`,
    cancelled: "Đã huỷ.",
    needText: "Hãy dán nội dung ít nhất một bài báo hoặc một đường link.",
    failed: "Không tóm tắt được",
    details: "Chi tiết",
    done: (n, s) => `Xong: ${n} câu, ${s} âm tiết.`,
    meta: (n, s) => `${n} câu · ${s} âm tiết`,
    readFiles: (n) => `Đã đọc ${n} tệp.`,
    badFile: (name) => `Không đọc được tệp ${name}.`,
    noSources: "Không có câu gốc để đánh dấu.",
    untitled: "Không tiêu đề",
    splitInto: (box, n) => `Ô bài ${box} được tách thành ${n} bài theo các dòng ---.`,
    looksLikeMany: (box) => `Ô bài ${box} có vẻ chứa nhiều bài nhưng không có dòng --- ngăn cách: chỉ đọc được như một bài.`,
    urlFailed: (url, why) => `Không tải được ${url}: ${why}`,
    staleNote: "Độ dài đã thay đổi: bản tóm tắt dưới đây chưa cập nhật.",
    rerun: "Tóm tắt lại",
    backToSummary: "↑ Về bản tóm tắt",
    summaryTitle: "Bản tóm tắt",
    sourcesTitle: "Nguồn",
    cannotReach: "Không kết nối được máy chủ. Hãy kiểm tra máy chủ tomtat còn chạy không rồi thử lại.",
  },
  en: {
    title: "News summarizer",
    tagline: "Paste several Vietnamese news articles on one story and get a summary made of their own sentences.",
    articlesHeading: "Articles",
    urlsLabel: "Paste links",
    urlsPlaceholder: "https://…",
    urlsHint: "One link per line; the server downloads each page and reads its article.",
    dropHint: "Drop .txt or .html files here, or",
    chooseFiles: "choose files",
    addArticle: "+ Add article",
    clearAll: "Clear all",
    length: "Length",
    syllables: "syllables",
    summarize: "Summarize",
    cancel: "Cancel",
    summaryHeading: "Summary",
    toolsLabel: "Copy and download the summary",
    copy: "Copy",
    downloadMd: "Download .md",
    downloadJson: "Download .json",
    downloadTxt: "Download .txt",
    copied: "Summary copied.",
    copyFailed: "Could not copy; select the text and copy it by hand.",
    highlightHint: "Hover over or tap a sentence to see which article it came from.",
    sourcesHeading: "Source articles",
    outletsHeading: "Which outlets reported what",
    outletsCaption: "● : the sentence was taken from this outlet; ○ : this outlet reported it too.",
    outletCol: "Outlet",
    sentenceCol: (i) => `Sentence ${i}`,
    taken: "sentence taken from this outlet",
    reported: "this outlet reported it too",
    timelineHeading: "Timeline",
    footer: "tomtat · extractive summaries, offline",
    article: "Article",
    titlePlaceholder: "Title",
    sourcePlaceholder: "Source (outlet)",
    textPlaceholder: "Paste the article text here",
    separatorHint: "Several articles in one box: separate them with a line containing only ---",
    remove: "Remove this article",
    from: "Source",
    alsoReported: "Also reported by",
    working: "Summarizing…",
    workingUrls: (n) => `Fetching ${n} link(s) and summarizing…`,
    elapsed: (s) => `${s} s`,
    cancelled: "Cancelled.",
    needText: "Paste the text of at least one article, or a link.",
    failed: "Could not summarize",
    details: "Details",
    done: (n, s) => `Done: ${n} sentences, ${s} syllables.`,
    meta: (n, s) => `${n} sentences · ${s} syllables`,
    readFiles: (n) => `Read ${n} file(s).`,
    badFile: (name) => `Could not read ${name}.`,
    noSources: "No source sentences to highlight.",
    untitled: "Untitled",
    splitInto: (box, n) => `Box ${box} was split into ${n} articles at its --- lines.`,
    looksLikeMany: (box) => `Box ${box} seems to hold several articles but has no --- separator lines: it was read as one article.`,
    urlFailed: (url, why) => `Could not fetch ${url}: ${why}`,
    staleNote: "The length changed: the summary below is out of date.",
    rerun: "Summarize again",
    backToSummary: "↑ Back to summary",
    summaryTitle: "Summary",
    sourcesTitle: "Sources",
    cannotReach: "Cannot reach the server. Check that the tomtat server is still running, then try again.",
  },
};

// Stable API error codes (`code` next to `detail`) in the page's languages. Unknown codes
// fall back to the server's `detail`; the detail is always kept under "Details".
const ERROR_TEXT = {
  no_input: ["Không có nội dung để tóm tắt (bài trống).", "Nothing to summarize (the articles are empty)."],
  unreadable_input: ["Không đọc được nội dung (không phải văn bản UTF-8).", "The input could not be read (not UTF-8 text)."],
  malformed_input: ["Dữ liệu gửi lên không đúng định dạng.", "The input is malformed."],
  invalid_request: ["Yêu cầu không hợp lệ.", "The request is invalid."],
  not_vietnamese: ["Nội dung không phải tiếng Việt; tomtat chỉ tóm tắt bài báo tiếng Việt.", "The text is not Vietnamese; tomtat only summarizes Vietnamese news."],
  too_many_articles: ["Quá nhiều bài trong một lần tóm tắt.", "Too many articles in one request."],
  too_large: ["Dữ liệu quá lớn.", "The input is too large."],
  body_too_large: ["Dữ liệu gửi lên quá lớn.", "The request is too large."],
  busy: ["Máy chủ đang bận; hãy thử lại sau ít giây.", "The server is busy; try again in a few seconds."],
  timeout: ["Tóm tắt mất quá nhiều thời gian; hãy gửi ít bài hoặc bài ngắn hơn.", "The summary took too long; send fewer or shorter articles."],
  internal_error: ["Lỗi trong máy chủ; hãy thử lại.", "Internal server error; please try again."],
  fetch_bad_url: ["đường link không hợp lệ (chỉ nhận http:// hoặc https://)", "not a valid link (only http:// or https://)"],
  fetch_blocked_address: ["máy chủ không được phép tải địa chỉ nội bộ này", "this server may not fetch internal addresses"],
  fetch_timeout: ["trang phản hồi quá chậm", "the page took too long to answer"],
  fetch_connect: ["không kết nối được tới trang", "could not connect to the site"],
  fetch_http_status: ["trang báo lỗi (không tồn tại hoặc không truy cập được)", "the site answered with an error (missing or not accessible)"],
  fetch_redirect: ["trang chuyển hướng quá nhiều lần", "too many redirects"],
  fetch_not_html: ["không phải trang web (HTML)", "not a web page (HTML)"],
  fetch_too_large: ["trang quá lớn", "the page is too large"],
  fetch_no_text: ["không tìm thấy nội dung bài trên trang", "no article text found on the page"],
  fetch_too_many_urls: ["Quá nhiều đường link trong một lần tóm tắt.", "Too many links in one request."],
  fetch_error: ["không tải được trang", "the page could not be fetched"],
};
const STATUS_CODE = { 413: "body_too_large", 503: "busy", 504: "timeout" };

let lang = localStorage.getItem("tomtat-lang") === "en" ? "en" : "vi";
let lastResult = null;
let lastStatus = null; // {kind: "done"|"error"|"text", ...}: re-rendered when the language changes
let pinned = null; // the summary sentence element clicked last
let controller = null; // AbortController of the running request
let resultLength = null; // the slider value the shown result was made with

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const t = (key, ...args) => {
  const value = STRINGS[lang][key];
  return typeof value === "function" ? value(...args) : value;
};
const errorText = (code) => (ERROR_TEXT[code] ? ERROR_TEXT[code][lang === "vi" ? 0 : 1] : null);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "scope" || k === "role") node.setAttribute(k, v);
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
  for (const node of $$("[data-i18n-label]", root)) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  if (root !== document) return;
  for (const b of $$(".lang button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  document.title = `${t("title")} · tomtat`;
  if (lastResult) renderResult(lastResult);
  renderStatus();
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

const SEPARATOR = /^[ \t]*-{3,}[ \t]*$/m;

function splitBox(title, source, text) {
  // One box, several articles: parts between lines of "---". The box's title and source
  // belong to the first part; every later part's first line is its title.
  const parts = text.split(new RegExp(SEPARATOR.source, "gm")).map((p) => p.trim());
  const out = [];
  parts.forEach((part, i) => {
    if (i === 0) { if (title || part) out.push({ title, source, text: part }); return; }
    if (!part) return;
    const lines = part.split("\n");
    out.push({ title: lines.shift().trim(), source: null, text: lines.join("\n").trim() });
  });
  return out;
}

function looksLikeSeveral(text) {
  // Heuristic for "several articles pasted without ---": a headline-like line (7-30 words,
  // no closing punctuation) standing alone between blank lines, with at least two paragraphs
  // of body before and after it. Short cross-heads inside one article stay under 7 words.
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  for (let i = 2; i < blocks.length - 2; i++) {
    const b = blocks[i];
    const words = b.split(/\s+/).length;
    if (!b.includes("\n") && words >= 7 && words <= 30 && !/[.!?:;…"”»)]$/.test(b)) return true;
  }
  return false;
}

function collectArticles() {
  const articles = [];
  const notes = [];
  $$("#articles .article").forEach((node, i) => {
    const title = $(".f-title", node).value.trim();
    const source = $(".f-source", node).value.trim() || null;
    const text = $(".f-text", node).value.replace(/\r\n?/g, "\n").trim();
    if (!title && !text) return;
    if (SEPARATOR.test(text)) {
      const parts = splitBox(title, source, text);
      if (parts.length > 1) notes.push(t("splitInto", i + 1, parts.length));
      articles.push(...parts);
    } else {
      if (looksLikeSeveral(text)) notes.push(t("looksLikeMany", i + 1));
      articles.push({ title, source, text });
    }
  });
  return { articles, notes };
}

function collectUrls() {
  return $("#urls").value.split(/\s*\n\s*/).map((u) => u.trim()).filter(Boolean);
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
      setStatus({ kind: "text", key: "badFile", args: [name], error: true });
    }
  }
  if (count) setStatus({ kind: "text", key: "readFiles", args: [count] });
}

// ------------------------------------------------------------ status and errors

function setStatus(status) {
  lastStatus = status;
  renderStatus();
}

function renderStatus() {
  const node = $("#status");
  node.replaceChildren();
  node.classList.remove("error");
  const s = lastStatus;
  if (!s) return;
  if (s.kind === "text") {
    node.textContent = t(s.key, ...(s.args || []));
    node.classList.toggle("error", Boolean(s.error));
  } else if (s.kind === "done") {
    node.textContent = t("done", s.n, s.syllables);
  } else if (s.kind === "error") {
    node.classList.add("error");
    const main = s.network ? t("cannotReach") : `${t("failed")}: ${errorText(s.code) || s.detail}`;
    node.append(el("span", { class: "msg" }, main));
    const list = (s.urls || []).filter((u) => u && u.url);
    if (list.length) {
      const ul = el("ul", { class: "url-errors" });
      for (const u of list) ul.append(el("li", {}, t("urlFailed", u.url, errorText(u.code) || u.detail || "")));
      node.append(ul);
    }
    if (s.detail && errorText(s.code)) {
      // the server's own words stay available (and searchable) behind a disclosure
      const det = el("details", { class: "detail" });
      det.append(el("summary", {}, t("details")), el("span", {}, s.detail));
      node.append(det);
    }
  }
}

function errorFromResponse(response, body) {
  const detail = body && body.detail !== undefined
    ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail))
    : `HTTP ${response.status}`;
  const code = (body && typeof body.code === "string" && body.code) || STATUS_CODE[response.status] || null;
  const urls = body && Array.isArray(body.url_errors) ? body.url_errors : [];
  return { kind: "error", code, detail, urls };
}

function clearResult() {
  lastResult = null;
  pinned = null;
  resultLength = null;
  $("#result").hidden = true;
  $("#result").classList.remove("stale");
  $("#stale").hidden = true;
  for (const id of ["#summary", "#sources", "#warnings", "#outlets-table", "#timeline-list"]) $(id).replaceChildren();
  $("#summary-meta").textContent = "";
  $("#back-to-summary").hidden = true;
}

function showInputNotes(notes) {
  const list = $("#input-warnings");
  list.replaceChildren();
  for (const n of notes) list.append(el("li", {}, n));
}

// ------------------------------------------------------------ summarize

function setBusy(busy, urlCount = 0) {
  $("#run").disabled = busy;
  $("#cancel").hidden = !busy;
  $("#progress").hidden = !busy;
  if (busy) document.body.setAttribute("aria-busy", "true");
  else document.body.removeAttribute("aria-busy");
  clearInterval(setBusy.timer);
  if (busy) {
    const started = Date.now();
    const label = urlCount ? t("workingUrls", urlCount) : t("working");
    const tick = () => { $("#progress-text").textContent = `${label} ${t("elapsed", Math.floor((Date.now() - started) / 1000))}`; };
    tick();
    setBusy.timer = setInterval(tick, 1000);
  }
}

async function run() {
  if (controller) return; // one request at a time
  const { articles, notes } = collectArticles();
  const urls = collectUrls();
  showInputNotes(notes);
  if (!articles.length && !urls.length) { clearResult(); setStatus({ kind: "text", key: "needText", error: true }); return; }
  const words = Number($("#length").value);
  const payload = { articles, words, include_sources: true };
  if (urls.length) payload.urls = urls;
  controller = new AbortController();
  setBusy(true, urls.length);
  setStatus(null);
  try {
    const response = await fetch("/v1/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: controller.signal,
    });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok || !body || !Array.isArray(body.sentences)) {
      clearResult(); // an old summary under a new error would no longer match the inputs
      setStatus(errorFromResponse(response, body));
      $("#status").scrollIntoView({ behavior: "smooth", block: "nearest" });
      return;
    }
    lastResult = body;
    resultLength = words;
    pinned = null;
    renderResult(body);
    setStatus({ kind: "done", n: body.sentences.length, syllables: body.syllables });
    $("#result").hidden = false;
    $("#result").classList.remove("stale");
    $("#stale").hidden = true;
    $("#result").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (err) {
    clearResult();
    if (err && err.name === "AbortError") setStatus({ kind: "text", key: "cancelled" });
    else setStatus({ kind: "error", network: true, detail: String((err && err.message) || err) });
    $("#status").scrollIntoView({ behavior: "smooth", block: "nearest" });
  } finally {
    controller = null;
    setBusy(false);
  }
}

function cancel() {
  if (controller) controller.abort();
}

// ------------------------------------------------------------ labels

function shorten(text, max = 90) {
  // Whole titles when they fit; otherwise cut at the last word boundary before `max`, with an ellipsis.
  const clean = String(text || "").replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

function articleLabel(result, i) {
  // outlet name, else the full title (shortened at a word), else "Article N": never empty
  const meta = (result.articles && result.articles[i]) || {};
  const src = result.sources && result.sources[i];
  const outlet = (meta.source || (src && src.source) || "").trim();
  if (outlet) return outlet;
  const title = (meta.title || (src && src.title) || "").trim();
  if (title) return shorten(title);
  return `${t("article")} ${i + 1}`;
}

function fullLabel(result, i) {
  const meta = (result.articles && result.articles[i]) || {};
  return [meta.source, meta.title].filter(Boolean).join(" — ") || articleLabel(result, i);
}

// ------------------------------------------------------------ result

function renderResult(result) {
  const pinnedId = pinned && pinned.id;
  const summary = $("#summary");
  const sources = $("#sources");
  const warnings = $("#warnings");
  summary.replaceChildren();
  sources.replaceChildren();
  warnings.replaceChildren();
  for (const w of result.warnings || []) {
    const text = typeof w === "string" ? w : (errorText(w.code) || w.message || w.detail || "");
    if (text) warnings.append(el("li", {}, text));
  }
  for (const u of result.url_errors || []) {
    warnings.append(el("li", {}, t("urlFailed", u.url, errorText(u.code) || u.detail || "")));
  }

  const used = new Set(result.sentences.map((s) => `${s.article}-${s.position}`));
  result.sentences.forEach((s, i) => {
    const item = el("li", { class: "item" });
    const sent = el("span", {
      class: "sent", tabIndex: 0, id: `sum-${i}`,
      "data-article": String(s.article), "data-position": String(s.position),
      "data-also": (s.also_reported_by || []).join(","),
    }, s.text);
    sent.setAttribute("role", "button");
    sent.setAttribute("aria-pressed", "false");
    const meta = el("span", { class: "meta" });
    const from = el("span", { class: "from" }, `${t("from")}: ${articleLabel(result, s.article)}`);
    from.title = fullLabel(result, s.article);
    meta.append(from);
    const also = (s.also_reported_by || []).map((a) => articleLabel(result, a));
    if (also.length) meta.append(el("span", { class: "also" }, ` · ${t("alsoReported")}: ${also.join(", ")}`));
    item.append(sent, " ", meta);
    summary.append(item);
    sent.addEventListener("mouseenter", () => highlight(sent, false));
    sent.addEventListener("mouseleave", () => { if (pinned !== sent) highlight(pinned, false); });
    sent.addEventListener("focus", () => highlight(sent, false));
    sent.addEventListener("click", () => togglePin(sent));
    sent.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); togglePin(sent); } });
  });
  $("#summary-meta").textContent = t("meta", result.sentences.length, result.syllables);
  renderOutlets(result);
  renderTimeline(result);

  if (!result.sources) { pinned = null; sources.append(el("p", { class: "hint" }, t("noSources"))); return; }
  result.sources.forEach((src, a) => {
    const panel = el("article", { class: "source", id: `src-${a}` });
    const head = el("header");
    head.append(el("h3", {}, src.title || t("untitled")));
    const outlet = articleLabel(result, a);
    if (outlet !== shorten(src.title || "")) head.append(el("p", { class: "outlet" }, outlet)); // not the title twice
    panel.append(head);
    const body = el("p", { class: "body" });
    src.sentences.forEach((text, p) => {
      const span = el("span", { class: "src-sent", id: `s-${a}-${p}`, "data-article": String(a), "data-position": String(p) }, text);
      if (used.has(`${a}-${p}`)) {
        span.classList.add("used");
        span.addEventListener("mouseenter", () => {
          // a pinned sentence keeps its highlight: after the scroll to its source the pointer
          // (or a phone's last touch point) rests on some other source sentence
          if (pinned) return;
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

function renderOutlets(result) {
  // Rows: outlets (articles with the same label are merged); columns: summary sentences.
  const box = $("#outlets-table");
  box.replaceChildren();
  const n = result.articles ? result.articles.length : 0;
  if (!result.sentences.length || n < 2) { $("#outlets").hidden = true; return; }
  $("#outlets").hidden = false;
  const rows = new Map(); // label -> Map(sentence index -> "taken" | "reported")
  for (let a = 0; a < n; a++) { const label = articleLabel(result, a); if (!rows.has(label)) rows.set(label, new Map()); }
  result.sentences.forEach((s, i) => {
    rows.get(articleLabel(result, s.article)).set(i, "taken");
    for (const o of s.also_reported_by || []) {
      const cells = rows.get(articleLabel(result, o));
      if (cells && !cells.has(i)) cells.set(i, "reported");
    }
  });
  const table = el("table", { class: "outlets" });
  table.append(el("caption", {}, t("outletsCaption")));
  const head = el("tr");
  head.append(el("th", { scope: "col" }, t("outletCol")));
  result.sentences.forEach((_, i) => {
    const th = el("th", { scope: "col" }, String(i + 1));
    th.setAttribute("aria-label", t("sentenceCol", i + 1));
    head.append(th);
  });
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const [label, cells] of rows) {
    const tr = el("tr");
    tr.append(el("th", { scope: "row" }, label));
    result.sentences.forEach((_, i) => {
      const kind = cells.get(i);
      const td = el("td", { class: kind || "" }, kind === "taken" ? "●" : kind === "reported" ? "○" : "");
      if (kind) td.setAttribute("aria-label", t(kind));
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
  box.append(table);
}

function renderTimeline(result) {
  const list = $("#timeline-list");
  list.replaceChildren();
  const entries = Array.isArray(result.timeline) ? result.timeline.filter((e) => e && e.text) : [];
  $("#timeline").hidden = entries.length === 0;
  for (const e of entries) {
    const li = el("li");
    if (e.date) li.append(el("time", { dateTime: String(e.date) }, String(e.date)));
    li.append(el("span", { class: "tl-text" }, e.text));
    const srcs = (e.sources || []).map((x) => (typeof x === "number" ? articleLabel(result, x) : String(x))).filter(Boolean);
    if (srcs.length) li.append(el("span", { class: "meta" }, `${t("from")}: ${srcs.join(", ")}`));
    list.append(li);
  }
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

const narrow = () => window.matchMedia("(max-width: 760px)").matches;

function togglePin(sent) {
  if (pinned) pinned.setAttribute("aria-pressed", "false");
  if (pinned === sent) { pinned = null; clearHighlight(); $("#back-to-summary").hidden = true; return; }
  pinned = sent;
  sent.setAttribute("aria-pressed", "true");
  highlight(sent, true);
  // on a phone the source is below the summary: offer the way back
  $("#back-to-summary").hidden = !narrow();
}

function backToSummary() {
  const target = pinned || $("#summary-col");
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  if (pinned) pinned.focus({ preventScroll: true });
  $("#back-to-summary").hidden = true;
}

// ------------------------------------------------------------ copy and download

function summaryText(result) {
  return result.sentences.map((s) => s.text).join(" ");
}

function asMarkdown(result) {
  const lines = [`# ${t("summaryTitle")}`, ""];
  result.sentences.forEach((s) => {
    const also = (s.also_reported_by || []).map((a) => articleLabel(result, a));
    lines.push(`- ${s.text} *(${t("from")}: ${articleLabel(result, s.article)}${also.length ? `; ${t("alsoReported")}: ${also.join(", ")}` : ""})*`);
  });
  lines.push("", `## ${t("sourcesTitle")}`, "");
  (result.articles || []).forEach((a, i) => {
    const name = [articleLabel(result, i), a.title && a.title !== articleLabel(result, i) ? a.title : ""].filter(Boolean).join(": ");
    lines.push(a.url ? `${i + 1}. [${name}](${a.url})` : `${i + 1}. ${name}`);
  });
  return lines.join("\n") + "\n";
}

function asText(result) {
  const lines = result.sentences.map((s) => s.text);
  lines.push("", `${t("sourcesTitle")}:`);
  (result.articles || []).forEach((a, i) => lines.push(`${i + 1}. ${fullLabel(result, i)}${a.url ? ` <${a.url}>` : ""}`));
  return lines.join("\n") + "\n";
}

function download(kind) {
  if (!lastResult) return;
  const files = {
    md: ["text/markdown", asMarkdown(lastResult)],
    json: ["application/json", JSON.stringify(lastResult, null, 2) + "\n"],
    txt: ["text/plain", asText(lastResult)],
  };
  const [type, content] = files[kind];
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const a = el("a", { href: url, download: `tom-tat.${kind}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copySummary() {
  if (!lastResult) return;
  const text = summaryText(lastResult);
  let ok = false;
  try { await navigator.clipboard.writeText(text); ok = true; } catch (_) {
    const area = el("textarea", { value: text, readOnly: true, class: "offscreen" });
    document.body.append(area);
    area.select();
    try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
    area.remove();
  }
  setStatus({ kind: "text", key: ok ? "copied" : "copyFailed", error: !ok });
}

// ------------------------------------------------------------ wiring

function clearAll() {
  cancel();
  $("#articles").replaceChildren();
  addArticle();
  addArticle();
  $("#urls").value = "";
  showInputNotes([]);
  clearResult();
  setStatus(null);
}

function init() {
  addArticle();
  addArticle();
  $("#add-article").addEventListener("click", () => { const n = addArticle(); $(".f-title", n).focus(); });
  $("#clear-all").addEventListener("click", clearAll);
  $("#run").addEventListener("click", run);
  $("#rerun").addEventListener("click", run);
  $("#cancel").addEventListener("click", cancel);
  $("#copy").addEventListener("click", copySummary);
  for (const b of $$("[data-download]")) b.addEventListener("click", () => download(b.dataset.download));
  $("#back-to-summary").addEventListener("click", backToSummary);
  const length = $("#length");
  const showLength = () => {
    $("#length-value").textContent = length.value;
    length.setAttribute("aria-valuetext", `${length.value} ${t("syllables")}`);
    const stale = lastResult !== null && Number(length.value) !== resultLength;
    $("#result").classList.toggle("stale", stale);
    $("#stale").hidden = !stale;
  };
  length.addEventListener("input", showLength);
  length.addEventListener("change", showLength);
  showLength();
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
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") run();
    if (e.key === "Escape" && controller) cancel();
  });
  applyLanguage();
}

document.addEventListener("DOMContentLoaded", init);
