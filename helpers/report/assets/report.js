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
    const columns = data.columns.map((title, i) => ({
      title: asText(title),
      className: data.kinds[i] === "text" ? "" : "num",
      render: data.kinds[i] === "number"
        ? (v, type) => type === "display" ? asText(roundNumber(v)) : type === "filter" ? roundNumber(v) : v
        : (v, type) => type === "display" ? asText(v) : v,
    }));
    const n = data.rows.length;
    if (!DataTable) { // no DataTables: a plain table still shows every row, rounded
      table.append(el("thead", {}, el("tr", {}, ...columns.map(c => el("th", {text: c.title})))));
      table.append(el("tbody", {}, ...data.rows.map(r => el("tr", {}, ...r.map((v, i) =>
        el("td", {text: data.kinds[i] === "number" ? roundNumber(v) : (v ?? "")}))))));
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

// ---- the concordance explorer: raw-string search over every paragraph of the corpus
function occurrences(text, query) { // non-overlapping, left to right (as Python's re.finditer on a literal)
  const found = [];
  let at = text.indexOf(query);
  while (at !== -1) { found.push(at); at = text.indexOf(query, at + query.length); }
  return found;
}

function concordance(block) {
  const data = JSON.parse(block.textContent);
  const host = block.closest(".explore-static") || block.parentElement;
  const several = data.documents.length > 1;
  const input = el("input", {type: "search", "data-kwic": "", value: data.query, placeholder: "type a term 输入检索词",
                             "aria-label": "Search the corpus"});
  const width = el("input", {type: "number", min: "0", max: "200", value: String(data.window), "aria-label": "context"});
  const count = el("div", {class: "count"});
  const sections = el("div", {class: "sections scroll"});
  const hits = el("div", {class: "hits scroll"});
  const h = headingTag(host);
  const live = el("div", {class: "explore-live explore-concordance-live"},
    el("div", {class: "controls"},
      el("label", {}, "检索 Search the whole corpus: ", input),
      el("label", {}, "语境 context (characters): ", width)),
    count, el(h, {text: "Count per section 各部分命中"}), sections, el(h, {text: "Hits in context 语境"}), hits);
  host.replaceWith(live);

  const run = () => {
    const query = input.value.trim();
    const w = Math.max(0, parseInt(width.value, 10) || 0);
    sections.replaceChildren(); hits.replaceChildren();
    if (!query) { count.replaceChildren(el("i", {text: "Type a term to search every paragraph."})); return; }
    const rows = [];
    const perSection = new Map();
    for (const [doc, section, para, text] of data.paragraphs) {
      for (const at of occurrences(text, query)) {
        rows.push([doc, section, para, text.slice(Math.max(0, at - w), at), query, text.slice(at + query.length, at + query.length + w)]);
        const key = doc + "\u0000" + section;
        perSection.set(key, (perSection.get(key) || 0) + 1);
      }
    }
    const docs = new Set(rows.map(r => r[0])).size;
    count.replaceChildren(el("span", {class: "explore-count", text: `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "hit" : "hits"}`}),
      ` of “${query}”` + (rows.length ? ` in ${docs} document${docs > 1 ? "s" : ""}` : "")
      + (rows.length > data.max_rows ? ` (first ${data.max_rows} shown)` : ""));
    const most = Math.max(1, ...perSection.values());
    const secHead = el("tr", {}, ...(several ? ["document"] : []).concat(["section", "heading", "hits", "per 10,000 chars", ""]).map(t => el("th", {text: t})));
    const secRows = data.sections.map(([doc, section, heading, chars]) => {
      const n = perSection.get(doc + "\u0000" + section) || 0;
      return el("tr", {}, ...(several ? [el("td", {text: doc})] : []), el("td", {text: section}), el("td", {text: heading}),
        el("td", {class: "n", text: String(n)}), el("td", {class: "n", text: chars ? (n / chars * 1e4).toFixed(1) : "0"}),
        el("td", {}, el("span", {class: "bar", style: `width:${Math.round(n / most * 120)}px`})));
    });
    sections.append(el("table", {class: "explore-sections"}, el("thead", {}, secHead), el("tbody", {}, ...secRows)));
    const head = el("tr", {}, ...(several ? ["document"] : []).concat(["section", "paragraph", "left", "match", "right"]).map(t => el("th", {text: t})));
    const body = rows.slice(0, data.max_rows).map(([doc, section, para, left, match, right]) =>
      el("tr", {}, ...(several ? [el("td", {text: doc})] : []), el("td", {text: section}), el("td", {class: "n", text: String(para)}),
        el("td", {class: "l", text: left}), el("td", {class: "m", text: match}), el("td", {text: right})));
    hits.append(el("table", {class: "explore-kwic"}, el("thead", {}, head), el("tbody", {}, ...body)));
  };
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  input.addEventListener("keydown", e => { if (e.key === "Enter") { clearTimeout(timer); run(); } });
  width.addEventListener("change", run);
  run();
}

// ---- the term comparison: every term a point (target rate against reference rate), in the manner of scattertext
const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

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
  function showContexts([term, a, b, stat]) {
    points.forEach(d => d.setAttribute("stroke", "none"));
    points.get(term)?.setAttribute("stroke", "#000");
    const {items, count} = inText(term);
    const strings = `in the text (also inside longer words, as listed below): ${count.t} : ${count.r}`;
    contexts.replaceChildren(el(h, {class: "term-title", text: `${term}: as a word ${a} in ${data.target_label}, ${b} in ${data.reference_label}; ${data.measure} ${roundNumber(stat)}`}),
      el("p", {class: "term-counts", text: strings}),
      items.length ? el("ol", {class: "scroll"}, ...items) : el("p", {text: "No raw-string match (the term comes from the segmentation)."}));
  }
  function showText(term) {  // a term that is not a plotted word (国家安全 is 国家 + 安全): counted in the text only
    points.forEach(d => d.setAttribute("stroke", "none"));
    const {items, count} = inText(term);
    contexts.replaceChildren(el(h, {class: "term-title", text: `${term}: not one of the plotted words; in the text ${count.t} in ${data.target_label}, ${count.r} in ${data.reference_label}`}),
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

initTables(await loadDataTables());
document.querySelectorAll("script.explore-data").forEach(block => {
  if (block.dataset.explorer === "concordance") concordance(block);
  else if (block.dataset.explorer === "keyness") keyness(block);
});
