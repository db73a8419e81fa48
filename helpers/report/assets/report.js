// The report page's own script: the code toggle, the tables (DataTables: the itables offline bundle, embedded
// unchanged in the inert block #datatables-module and imported from a blob URL), and the explorers made live
// from their embedded data.
// Every text from the data is set with textContent, never parsed as HTML; what DataTables writes as HTML (a cell's
// display value, a column title) is escaped into text first (asText).
"use strict";

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
};

// ---- code: folded by default, one button opens or folds every cell
const toggle = document.getElementById("toggle-code");
if (toggle) {
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-pressed") !== "true";
    document.querySelectorAll("details.code").forEach(d => { d.open = open; });
    toggle.setAttribute("aria-pressed", String(open));
    toggle.textContent = open ? "Hide code" : "Show code";
    document.body.classList.toggle("show-code", open);
  });
}

// ---- headings: an explorer's headings sit one level below the page's heading before it (none skipped)
const headingTag = node => {
  let level = 2;
  for (const h of document.querySelectorAll(":is(h1,h2,h3,h4,h5):not(.explore-live *)")) {
    if (h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) level = Number(h.tagName[1]) + 1;
  }
  return `h${Math.min(level, 6)}`;
};

// ---- numbers rounded for display (sorting and the CSV keep every digit)
const roundNumber = x => {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a >= 1e6 || a < 1e-3) return x.toExponential(2);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return x.toLocaleString("en-US", {maximumFractionDigits: digits, minimumFractionDigits: 0});
};

// ---- DataTables: the module as itables ships it, imported from the page itself (no network request)
async function loadDataTables() {
  const block = document.getElementById("datatables-module");
  if (!block) return null;
  let source = block.textContent;
  if (block.dataset.encoding === "base64") {
    source = new TextDecoder().decode(Uint8Array.from(atob(source), c => c.charCodeAt(0)));
  }
  const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
  try {
    return (await import(url)).default;
  } catch (error) {
    console.info("DataTables could not load; plain tables instead:", error);
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

// DataTables writes what a renderer returns for "display" (and each column's title) as HTML: every value is
// escaped into text first, so a cell or a column name holding markup shows it literally and never runs it.
// Sorting and searching see the raw values.
const HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
const asText = v => (v === null || v === undefined) ? "" : String(v).replace(/[&<>"']/g, c => HTML_ESCAPES[c]);

// printing: a paged table prints its first PRINT_ROWS rows (all, when it has no more) and, in print only, says how
// many more its CSV holds; the pager and the search box are left out by the print stylesheet
const PRINT_ROWS = 200;
const paged = [];
let printing = false; // print media and beforeprint may both announce one print: the screen length is kept once
const forPrint = on => {
  if (on === printing) return;
  printing = on;
  paged.forEach(p => {
    if (on) p.screen = p.table.page.len();
    p.table.page.len(on ? PRINT_ROWS : p.screen).draw();
  });
};
window.addEventListener("beforeprint", () => forPrint(true));
window.addEventListener("afterprint", () => forPrint(false));
matchMedia("print").addEventListener("change", event => forPrint(event.matches));

function initTables(DataTable) {
  document.querySelectorAll("script.table-data").forEach(block => {
    const data = JSON.parse(block.textContent);
    const table = document.getElementById(block.dataset.for);
    const linked = data.columns.map((title, i) => termView && data.kinds[i] === "text" ? termColumn(title) : null);
    const columns = data.columns.map((title, i) => ({
      title: asText(title),
      className: data.kinds[i] === "text" ? "" : "num",
      render: data.kinds[i] === "number"
        ? (v, type) => type === "display" ? asText(roundNumber(v)) : type === "filter" ? roundNumber(v) : v
        : linked[i] ? (v, type) => type === "display" ? termsOf(v, linked[i]).map(termButtonHtml).join("、") : v
          : (v, type) => type === "display" ? asText(v) : v,
    }));
    const n = data.rows.length;
    if (!DataTable) { // no DataTables: a plain table still shows every row, rounded (and its terms linked)
      const cell = (v, i) => linked[i]
        ? el("td", {}, ...termsOf(v, linked[i]).flatMap((t, k) => k ? ["、", termButton(t)] : [termButton(t)]))
        : el("td", {text: data.kinds[i] === "number" ? roundNumber(v) : (v ?? "")});
      table.append(el("thead", {}, el("tr", {}, ...data.columns.map(c => el("th", {text: c})))));
      table.append(el("tbody", {}, ...data.rows.map(r => el("tr", {}, ...r.map(cell)))));
      return;
    }
    const api = new DataTable(table, {
      data: data.rows, columns, order: [], pageLength: 15, lengthMenu: [15, 50, 200, -1],
      paging: n > 15, searching: n > 5, info: n > 15, autoWidth: false,
      language: {search: "Search 检索:"},
    });
    if (n > 15) paged.push({table: api, screen: 15});
    if (n > 15 && printing) api.page.len(PRINT_ROWS).draw(); // print began before DataTables had loaded
    if (n > PRINT_ROWS) {
      (table.closest(".table-block") || table.parentElement).append(el("p", {class: "print-only print-note",
        text: `${(n - PRINT_ROWS).toLocaleString("en-US")} more rows in the CSV (first ${PRINT_ROWS} printed)`}));
    }
  });
}

// ---- SVG elements (the trend by year, the term plot)
const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

// ---- the concordance explorer: the page's term view. Raw-string or regular-expression search over every paragraph,
// sorted by text order or by the left (read leftwards) or right context; under the hits the term's trend by year
// and its distribution in the documents. Any term shown elsewhere on the page opens here (openTerm).
function occurrences(text, query) { // non-overlapping, left to right (as Python's re.finditer on a literal)
  const found = [];
  let at = text.indexOf(query);
  while (at !== -1) { found.push([at, query]); at = text.indexOf(query, at + query.length); }
  return found;
}

function matches(text, pattern) { // every non-empty match of a global RegExp, left to right: [start, matched text]
  const found = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === "") { pattern.lastIndex += 1; continue; }
    found.push([m.index, m[0]]);
  }
  return found;
}

const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const reversedText = s => Array.from(s).reverse().join("");
const SORT_KEYS = { // rows: [doc, section, para, left, match, right]; a stable sort keeps text order among ties
  left: row => reversedText(row[3]),
  right: row => row[5],
};

// the term view of the page (the first concordance explorer), opened by every linked term
let termView = null;
function openTerm(term) {
  if (termView) termView.show(term);
}

// the trend by year as a small SVG: a point per year with documents, a line only between consecutive years
function trendSvg(years) {
  const W = 420, H = 130, L = 44, R = 14, T = 14, B = 26;
  const svg = svgEl("svg", {viewBox: `0 0 ${W} ${H}`, width: String(W), height: String(H), class: "trend-svg", role: "img"});
  const first = years[0].year, last = years[years.length - 1].year;
  const top = Math.max(...years.map(y => y.rate)) || 1;
  const x = year => last === first ? (L + W - R) / 2 : L + (year - first) / (last - first) * (W - L - R);
  const y = rate => H - B - rate / top * (H - T - B);
  svg.append(svgEl("line", {x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#999"}));
  svg.append(svgEl("line", {x1: L, y1: T, x2: L, y2: H - B, stroke: "#999"}));
  const label = (tx, ty, text, anchor) => {
    const t = svgEl("text", {x: tx, y: ty, "text-anchor": anchor, "font-size": "10", fill: "#555"});
    t.textContent = text; svg.append(t);
  };
  label(L - 4, T + 4, roundNumber(top), "end");
  label(L - 4, H - B, "0", "end");
  const ticks = years.length <= 8 ? years : years.filter((_, i) => i % Math.ceil(years.length / 8) === 0);
  for (const t of ticks) label(x(t.year), H - 8, String(t.year), "middle");
  for (let i = 1; i < years.length; i++) {
    if (years[i].year === years[i - 1].year + 1) {
      svg.append(svgEl("line", {x1: x(years[i - 1].year), y1: y(years[i - 1].rate), x2: x(years[i].year), y2: y(years[i].rate),
        stroke: "#a3261c", "stroke-width": "1.5", class: "trend-line"}));
    }
  }
  for (const t of years) {
    const dot = svgEl("circle", {cx: x(t.year).toFixed(1), cy: y(t.rate).toFixed(1), r: "3.5", fill: "#a3261c",
      class: "trend-point", "data-year": String(t.year)});
    const tip = svgEl("title");
    tip.textContent = `${t.year}: ${t.hits} hits in ${t.docs} document${t.docs > 1 ? "s" : ""}, ${t.rate.toFixed(1)} per 10,000 characters`;
    dot.append(tip); svg.append(dot);
  }
  svg.setAttribute("aria-label", "Hits per 10,000 characters by year: " + years.map(t => `${t.year} ${t.rate.toFixed(1)}`).join(", "));
  return svg;
}

function concordance(block) {
  const data = JSON.parse(block.textContent);
  const host = block.closest(".explore-static") || block.parentElement;
  const several = data.documents.length > 1;
  const uid = Math.random().toString(36).slice(2);
  const vocabulary = data.vocabulary || [];
  const listId = `vocabulary-${uid}`;
  const input = el("input", {type: "search", "data-kwic": "", value: data.query, placeholder: "type a term 输入检索词",
                             "aria-label": "Search the corpus", id: `kwic-${uid}`});
  if (vocabulary.length) input.setAttribute("list", listId);
  const options = el("datalist", {id: listId}, ...vocabulary.map(t => el("option", {value: t})));
  const regex = el("input", {type: "checkbox", class: "kwic-regex"});
  const problem = el("span", {class: "regex-error", role: "status"});
  const sort = el("select", {class: "kwic-sort", "aria-label": "sort the hits"},
    el("option", {value: "text", text: "text order 文本顺序"}), el("option", {value: "left", text: "left context 左语境"}),
    el("option", {value: "right", text: "right context 右语境"}));
  const width = el("input", {type: "number", min: "0", max: "200", value: String(data.window), "aria-label": "context"});
  const count = el("div", {class: "count"});
  const sections = el("div", {class: "sections scroll"});
  const hits = el("div", {class: "hits scroll"});
  const trend = el("div", {class: "trend"});
  const spread = el("div", {class: "distribution scroll"});
  const h = headingTag(host);
  const chars = new Map(); // characters of each document: its sections' (the paragraphs searched)
  for (const [doc, , , n] of data.sections) chars.set(doc, (chars.get(doc) || 0) + n);
  const live = el("div", {class: "explore-live explore-concordance-live", id: `term-view-${uid}`},
    el("div", {class: "controls"},
      el("label", {}, "检索 Search the whole corpus: ", input), options,
      el("label", {}, regex, " 正则 regular expression"), problem,
      el("label", {}, "排序 sort by ", sort),
      el("label", {}, "语境 context (characters): ", width)),
    count, el(h, {text: "Count per section 各部分命中"}), sections, el(h, {text: "Hits in context 语境"}), hits,
    el(h, {text: "Trend by year 年度趋势"}), trend, el(h, {text: "Distribution in the documents 文件分布"}), spread);
  host.replaceWith(live);

  const clear = message => {
    for (const part of [sections, hits, trend, spread]) part.replaceChildren();
    count.replaceChildren(el("i", {text: message}));
  };
  const run = () => {
    const query = input.value.trim();
    const w = Math.max(0, parseInt(width.value, 10) || 0);
    problem.textContent = "";
    if (!query) { clear("Type a term to search every paragraph."); return; }
    let find = text => occurrences(text, query);
    if (regex.checked) {
      let pattern;
      try { pattern = new RegExp(query, "gu"); } catch (error) {
        problem.textContent = error.message;
        clear("Not a valid regular expression: see the message beside the box.");
        return;
      }
      find = text => matches(text, pattern);
    }
    const rows = [];
    const perSection = new Map(), perDoc = new Map();
    for (const [doc, section, para, text] of data.paragraphs) {
      for (const [at, found] of find(text)) {
        rows.push([doc, section, para, text.slice(Math.max(0, at - w), at), found, text.slice(at + found.length, at + found.length + w)]);
        const key = doc + "\u0000" + section;
        perSection.set(key, (perSection.get(key) || 0) + 1);
        perDoc.set(doc, (perDoc.get(doc) || 0) + 1);
      }
    }
    const key = SORT_KEYS[sort.value];
    if (key) rows.sort((a, b) => compareText(key(a), key(b)));
    const docs = perDoc.size;
    const what = regex.checked ? `/${query}/` : `“${query}”`;
    count.replaceChildren(el("span", {class: "explore-count", text: `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "hit" : "hits"}`}),
      ` of ${what}` + (rows.length ? ` in ${docs} document${docs > 1 ? "s" : ""}` : "")
      + (rows.length > data.max_rows ? ` (first ${data.max_rows} shown)` : ""));
    const most = Math.max(1, ...perSection.values());
    const secHead = el("tr", {}, ...(several ? ["document"] : []).concat(["section", "heading", "hits", "per 10,000 chars", ""]).map(t => el("th", {text: t})));
    const secRows = data.sections.map(([doc, section, heading, n_chars]) => {
      const n = perSection.get(doc + "\u0000" + section) || 0;
      return el("tr", {}, ...(several ? [el("td", {text: doc})] : []), el("td", {text: section}), el("td", {text: heading}),
        el("td", {class: "n", text: String(n)}), el("td", {class: "n", text: n_chars ? (n / n_chars * 1e4).toFixed(1) : "0"}),
        el("td", {}, el("span", {class: "bar", style: `width:${Math.round(n / most * 120)}px`})));
    });
    sections.replaceChildren(el("table", {class: "explore-sections"}, el("thead", {}, secHead), el("tbody", {}, ...secRows)));
    const head = el("tr", {}, ...(several ? ["document"] : []).concat(["section", "paragraph", "left", "match", "right"]).map(t => el("th", {text: t})));
    const body = rows.slice(0, data.max_rows).map(([doc, section, para, left, match, right]) =>
      el("tr", {}, ...(several ? [el("td", {text: doc})] : []), el("td", {text: section}), el("td", {class: "n", text: String(para)}),
        el("td", {class: "l", text: left}), el("td", {class: "m", text: match}), el("td", {text: right})));
    hits.replaceChildren(el("table", {class: "explore-kwic"}, el("thead", {}, head), el("tbody", {}, ...body)));
    // the trend by year: hits per 10,000 characters of the year's documents, years with documents only
    const byYear = new Map();
    for (const [doc, , year] of data.documents) {
      if (year === null || year === undefined) continue;
      const y = byYear.get(year) || {year, docs: 0, hits: 0, chars: 0};
      y.docs += 1; y.hits += perDoc.get(doc) || 0; y.chars += chars.get(doc) || 0;
      byYear.set(year, y);
    }
    const years = [...byYear.values()].sort((a, b) => a.year - b.year).map(y => ({...y, rate: y.chars ? y.hits / y.chars * 1e4 : 0}));
    if (!years.length) trend.replaceChildren(el("p", {text: "No document has a year: no trend to draw."}));
    else {
      const said = years.length === 1
        ? `One year only (${years[0].year}): one point, no trend.`
        : `${years.length} years with documents; a line joins consecutive years only (no line across a year without documents).`;
      trend.replaceChildren(el("p", {class: "trend-note", text: `Hits per 10,000 characters by year. ${said}`}), trendSvg(years));
    }
    // the distribution in the documents: one row per document, its hits and a bar
    const top = Math.max(1, ...perDoc.values());
    const docRows = data.documents.map(([doc, title, year]) => {
      const n = perDoc.get(doc) || 0, c = chars.get(doc) || 0;
      return el("tr", {}, el("td", {text: title || doc, title: doc}), el("td", {class: "n", text: year === null ? "" : String(year)}),
        el("td", {class: "n", text: String(n)}), el("td", {class: "n", text: c ? (n / c * 1e4).toFixed(1) : "0"}),
        el("td", {}, el("span", {class: "bar", style: `width:${Math.round(n / top * 120)}px`})));
    });
    spread.replaceChildren(el("table", {class: "explore-documents"},
      el("thead", {}, el("tr", {}, ...["document", "year", "hits", "per 10,000 chars", ""].map(t => el("th", {text: t})))),
      el("tbody", {}, ...docRows)));
  };
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  input.addEventListener("keydown", e => { if (e.key === "Enter") { clearTimeout(timer); run(); } });
  for (const control of [width, regex, sort]) control.addEventListener("change", run);
  run();
  if (!termView) {
    termView = {show: term => {
      input.value = term;
      regex.checked = false; // a linked term is a literal string
      clearTimeout(timer); run();
      live.scrollIntoView({block: "start"});
      input.focus({preventScroll: true});
    }};
  }
}

// ---- linked terms: the term-bearing cells of every table open the term view. The rule, written once: a column
// named term, word, token, match, formulation, w1, w2, 词, 词语 or 提法, or term_… / …_term, holds one term per cell;
// a column named terms, words or 词语列表 holds a list joined by 、 (each its own link).
const TERM_COLUMN = /^(term|word|token|match|formulation|w1|w2|词|词语|提法|term_\w+|\w+_term)$/i;
const TERM_LIST_COLUMN = /^(terms|words|词语列表)$/i;
const termColumn = title => TERM_COLUMN.test(String(title).trim()) ? "one" : TERM_LIST_COLUMN.test(String(title).trim()) ? "list" : null;
const termsOf = (value, kind) => (value === null || value === undefined || value === "") ? []
  : kind === "list" ? String(value).split("、").map(t => t.trim()).filter(Boolean) : [String(value)];
const termButtonHtml = term => `<button type="button" class="term-link" data-term="${asText(term)}" title="show in the concordance">${asText(term)}</button>`;
const termButton = term => el("button", {type: "button", class: "term-link", "data-term": term, title: "show in the concordance", text: term});
document.addEventListener("click", event => {
  const link = event.target.closest?.("button.term-link");
  if (link) { event.preventDefault(); openTerm(link.dataset.term); }
});

// ---- the term comparison: every term a point (target rate against reference rate), in the manner of scattertext
function jitter(term, salt) { // the same small offset for a term on every load (points of equal counts spread)
  let h = 2166136261 ^ salt;
  for (const ch of term) { h ^= ch.codePointAt(0); h = Math.imul(h, 16777619); }
  return ((h >>> 0) / 4294967295 - 0.5);
}

function keyness(block) {
  const data = JSON.parse(block.textContent);
  const host = block.closest(".explore-static") || block.parentElement;
  const h = headingTag(host);
  const [totalT, totalR] = data.totals;
  const W = 760, H = 560, M = 56;
  const maxCount = Math.max(1, ...data.terms.map(t => Math.max(t[1], t[2])));
  const scale = c => M + (Math.log1p(c) / Math.log1p(maxCount)) * (W - 2 * M);
  const scaleY = c => H - M - (Math.log1p(c) / Math.log1p(maxCount)) * (H - 2 * M);
  const maxStat = Math.max(1e-9, ...data.terms.map(t => Math.abs(t[3] || 0)));
  const colour = s => {
    const a = Math.min(1, Math.sqrt(Math.abs(s || 0) / maxStat));
    return s > 0 ? `rgba(163,38,28,${0.25 + 0.75 * a})` : s < 0 ? `rgba(31,92,153,${0.25 + 0.75 * a})` : "rgba(120,120,120,.4)";
  };
  const svg = svgEl("svg", {viewBox: `0 0 ${W} ${H}`, width: String(W), height: String(H), role: "group",
    "aria-label": `Terms of ${data.target_label} against ${data.reference_label}; the labelled points take the `
      + "keyboard (Tab, then Enter), every term the find box"});
  svg.append(svgEl("line", {x1: M, y1: H - M, x2: W - M, y2: M, stroke: "#ccc", "stroke-dasharray": "4 4"}));  // equal counts
  const axis = (x, y, text, rotate) => {
    const t = svgEl("text", {x, y, "text-anchor": "middle", "font-size": "13", fill: "#333"});
    if (rotate) t.setAttribute("transform", `rotate(-90 ${x} ${y})`);
    t.textContent = text; svg.append(t);
  };
  axis(W / 2, H - 14, `count in ${data.target_label} (log scale) →`);
  axis(16, H / 2, `count in ${data.reference_label} (log scale) →`, true);
  for (const c of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000].filter(c => c <= maxCount)) {
    const tx = svgEl("text", {x: scale(c), y: H - M + 16, "text-anchor": "middle", "font-size": "10", fill: "#888"});
    tx.textContent = String(c); svg.append(tx);
    const ty = svgEl("text", {x: M - 8, y: scaleY(c) + 3, "text-anchor": "end", "font-size": "10", fill: "#888"});
    ty.textContent = String(c); svg.append(ty);
  }
  const tip = el("div", {class: "tip"});
  const contexts = el("div", {class: "term-contexts"}, el("i", {text: "Click a point to read the term in context. 点击词语查看语境"}));
  // the find box completes from every plotted term (a datalist), so every term is reachable by keyboard
  const listId = `terms-${block.id || Math.random().toString(36).slice(2)}`;
  const options = el("datalist", {id: listId}, ...data.terms.map(t => el("option", {value: t[0]})));
  const find = el("input", {type: "search", placeholder: "find a term 查找词语", "aria-label": "find a term", list: listId});
  const plot = el("div", {class: "term-plot"}, svg, tip);
  const points = new Map();
  const byStat = [...data.terms].sort((a, b) => (b[3] || 0) - (a[3] || 0));
  const labelled = new Set([...byStat.slice(0, 10), ...byStat.slice(-10)].filter(t => t[3]).map(t => t[0]));
  for (const t of data.terms) {
    const [term, a, b, stat] = t;
    const x = scale(a) + jitter(term, 1) * 10, y = scaleY(b) + jitter(term, 2) * 10;
    const dot = svgEl("circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: "4", fill: colour(stat), "data-term": term});
    dot.addEventListener("mouseenter", () => showTip(t, x, y));
    dot.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    dot.addEventListener("click", () => showContexts(t));
    svg.append(dot);
    points.set(term, dot);
    if (labelled.has(term)) {  // a tab stop: its tip on focus, its contexts on Enter or Space
      dot.setAttribute("tabindex", "0");
      dot.setAttribute("role", "button");
      dot.setAttribute("aria-label", `${term}: ${a} in ${data.target_label}, ${b} in ${data.reference_label}`);
      dot.addEventListener("focus", () => showTip(t, x, y));
      dot.addEventListener("blur", () => { tip.style.display = "none"; });
      dot.addEventListener("keydown", event => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showContexts(t); }
      });
      const label = svgEl("text", {x: (x + 6).toFixed(1), y: (y + 4).toFixed(1), class: "lab", fill: stat > 0 ? "#7a1c14" : "#173f6b"});
      label.textContent = term; svg.append(label);
    }
  }
  const per10k = (n, total) => total ? (n / total * 1e4).toFixed(1) : "0";
  function showTip([term, a, b, stat, lr, p], x, y) {
    tip.replaceChildren(el("b", {text: term}), el("br"),
      `${data.target_label}: ${a} (${per10k(a, totalT)} per 10,000 words)`, el("br"),
      `${data.reference_label}: ${b} (${per10k(b, totalR)} per 10,000 words)`, el("br"),
      `${data.measure} ${roundNumber(stat)} · log ratio ${roundNumber(lr)} · p ${roundNumber(p)}`);
    tip.style.display = "block";
    const box = svg.getBoundingClientRect(), k = box.width / W;
    tip.style.left = `${Math.min(x * k + 12, box.width - 260)}px`; tip.style.top = `${y * k + 12}px`;
  }
  // the contexts of a term in the text, and how many fall on each side: the string counts, said as such
  function inText(term) {
    const items = [], count = {t: 0, r: 0};
    for (const [side, doc, section, para, text] of data.paragraphs) {
      if (side !== "t" && side !== "r") continue;
      for (const at of occurrences(text, term)) {
        count[side] += 1;
        const left = text.slice(Math.max(0, at - 30), at), right = text.slice(at + term.length, at + term.length + 30);
        items.push(el("li", {}, el("span", {class: "where", text: `${side === "t" ? data.target_label : data.reference_label} · ${section} ¶${para}: `}),
          left, el("mark", {text: term}), right));
      }
    }
    return {items, count};
  }
  // the same term in the page's term view (the whole corpus, its trend and distribution), where the page has one
  const inConcordance = term => termView ? [el("p", {}, el("button", {type: "button", class: "term-link show-in-concordance",
    "data-term": term, text: `Show “${term}” in the concordance 在语境检索中查看`}))] : [];
  function showContexts([term, a, b, stat]) {
    points.forEach(d => d.setAttribute("stroke", "none"));
    points.get(term)?.setAttribute("stroke", "#000");
    const {items, count} = inText(term);
    const strings = `in the text (also inside longer words, as listed below): ${count.t} : ${count.r}`;
    contexts.replaceChildren(el(h, {class: "term-title", text: `${term}: as a word ${a} in ${data.target_label}, ${b} in ${data.reference_label}; ${data.measure} ${roundNumber(stat)}`}),
      el("p", {class: "term-counts", text: strings}), ...inConcordance(term),
      items.length ? el("ol", {class: "scroll"}, ...items) : el("p", {text: "No raw-string match (the term comes from the segmentation)."}));
  }
  function showText(term) {  // a term that is not a plotted word (国家安全 is 国家 + 安全): counted in the text only
    points.forEach(d => d.setAttribute("stroke", "none"));
    const {items, count} = inText(term);
    contexts.replaceChildren(el(h, {class: "term-title", text: `${term}: not one of the plotted words; in the text ${count.t} in ${data.target_label}, ${count.r} in ${data.reference_label}`}),
      ...inConcordance(term),
      items.length ? el("ol", {class: "scroll"}, ...items) : el("p", {text: `“${term}” does not occur in the text of either side.`}));
  }
  find.addEventListener("change", () => {
    const term = find.value.trim();
    if (!term) return;
    const hit = data.terms.find(t => t[0] === term);
    if (hit) showContexts(hit); else showText(term);
  });
  const live = el("div", {class: "explore-live explore-keyness-live"},
    el("div", {class: "controls"}, el("b", {text: `${data.target_label} vs ${data.reference_label}`}),
      el("span", {text: `(${data.measure}; red = key in the target, blue = in the reference; hover a point for counts and score)`}),
      el("label", {}, "", find), options),
    plot, contexts);
  host.replaceWith(live);
}

// the explorers first, so the tables know whether the page has a term view to link their terms to
document.querySelectorAll("script.explore-data").forEach(block => {
  if (block.dataset.explorer === "concordance") concordance(block);
  else if (block.dataset.explorer === "keyness") keyness(block);
});
initTables(await loadDataTables());
