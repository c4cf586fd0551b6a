/* dealgraph view: reads the JSON block, draws it with vis-network, wires search, filters and the panel.
   User data only ever reaches the DOM through textContent; links only through a.href after a scheme check. */
(function () {
  "use strict";
  var times = (window.dealgraphTimes = { start: performance.now() });
  var data = JSON.parse(document.getElementById("dg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  function textBlock(text) {
    var el = document.createElement("div");
    el.textContent = text;
    return el;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function safeLink(url) {
    var parsed = null;
    try { parsed = new URL(String(url)); } catch (err) { parsed = null; }
    if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
      var a = document.createElement("a");
      a.href = parsed.href;
      a.textContent = String(url);
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", url);
  }

  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  data.nodes.forEach(function (n) {
    nodeById.set(n.id, n);
    edgesOf.set(n.id, []);
    n.titleText = n.lines.join("\n");
    n.title = textBlock(n.titleText);
  });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    edgesOf.get(e.to).push(e);
    e.titleText = e.lines.concat((e.sources || []).map(function (s) { return "Source: " + s; })).join("\n");
    e.title = textBlock(e.titleText);
  });

  var visibleNodes = null;
  var visibleEdges = null;
  // vis items carry only what vis needs; the rest stays in nodeById / edgeById
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, group: n.kind, x: n.x, y: n.y, title: n.title };
    if (n.kind === "company") item.size = n.size;
    if (n.fontSize) item.font = { size: n.fontSize };
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var st = data.edgeStyles[e.kind] || data.edgeStyles.other;
    var item = { id: e.id, from: e.from, to: e.to, width: e.width, title: e.title,
                 color: st.color, dashes: st.dashes, arrows: st.arrows };
    if (e.smooth) item.smooth = e.smooth;
    return item;
  }));
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return !visibleNodes || visibleNodes.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return !visibleEdges || visibleEdges.has(e.id); } });

  times.data = performance.now();
  var container = $("dg-graph");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  times.network = performance.now();
  window.dealgraphDrawn = false;
  network.once("afterDrawing", function () {
    window.dealgraphDrawn = true;
    window.dealgraphDrawnAt = times.drawn = performance.now();
  });
  window.dealgraphView = {
    network: network, nodes: nodesView, edges: edgesView, allNodes: nodes, allEdges: edges,
    focusNode: focusNode, applyFilters: applyFilters
  };

  /* ---------- filters ---------- */
  var yearFrom = $("dg-year-from"), yearTo = $("dg-year-to"), modSel = $("dg-modality"), ctySel = $("dg-country");
  if (data.years) {
    [yearFrom, yearTo].forEach(function (inp) { inp.min = data.years[0]; inp.max = data.years[1]; });
    yearFrom.value = data.years[0];
    yearTo.value = data.years[1];
  } else {
    yearFrom.disabled = true;
    yearTo.disabled = true;
  }
  data.modalities.forEach(function (m) { var o = el("option", m); o.value = m; modSel.appendChild(o); });
  data.countries.forEach(function (c) { var o = el("option", c); o.value = c; ctySel.appendChild(o); });

  function applyFilters() {
    var y0 = data.years ? Number(yearFrom.value || data.years[0]) : null;
    var y1 = data.years ? Number(yearTo.value || data.years[1]) : null;
    var narrowed = !!data.years && (y0 > data.years[0] || y1 < data.years[1]);
    var mod = modSel.value, cty = ctySel.value;
    if (!narrowed && !mod && !cty) {
      visibleNodes = null;
      visibleEdges = null;
    } else {
      var vn = new Set(), ve = new Set();
      var modOk = function (a) { return !mod || nodeById.get(a).modality === mod; };
      var ctyOk = function (c) { return !cty || nodeById.get(c).country === cty; };
      data.edges.forEach(function (e) {
        if (e.kind !== "deal") return;
        if (narrowed && (e.year === null || e.year < y0 || e.year > y1)) return;
        if (mod && e.modalities.indexOf(mod) < 0) return;
        if (cty && !ctyOk(e.from) && !ctyOk(e.to)) return;
        ve.add(e.id); vn.add(e.from); vn.add(e.to);
        e.assets.forEach(function (a) { if (modOk(a)) vn.add(a); });
      });
      data.edges.forEach(function (e) {  // assets developed/licensed by companies that pass
        if ((e.kind === "develops" || e.kind === "licenses") && !narrowed && modOk(e.to) && ctyOk(e.from)
            && (!cty || vn.has(e.from) || !mod)) { vn.add(e.to); vn.add(e.from); }
      });
      data.edges.forEach(function (e) {  // targets of visible assets
        if (e.kind === "targets" && vn.has(e.from)) vn.add(e.to);
      });
      data.edges.forEach(function (e) {
        if (e.kind === "deal") return;
        if (!vn.has(e.from) || !vn.has(e.to)) return;
        if (e.kind === "licenses" && e.dealEdge && !ve.has(e.dealEdge)) return;
        ve.add(e.id);
      });
      visibleNodes = vn;
      visibleEdges = ve;
    }
    nodesView.refresh();
    edgesView.refresh();
    var tip = container.querySelector("div.vis-tooltip");  // a tooltip of something now hidden
    if (tip) tip.style.visibility = "hidden";
    $("dg-shown").textContent = visibleNodes
      ? "Showing " + visibleNodes.size + " of " + data.nodes.length + " nodes"
      : "";
  }
  [yearFrom, yearTo, modSel, ctySel].forEach(function (inp) {
    inp.addEventListener("change", applyFilters);
    inp.addEventListener("input", applyFilters);
  });
  function resetFilters() {
    if (data.years) { yearFrom.value = data.years[0]; yearTo.value = data.years[1]; }
    modSel.value = "";
    ctySel.value = "";
    applyFilters();
  }
  $("dg-reset").addEventListener("click", resetFilters);

  /* ---------- side panel ---------- */
  var panel = $("dg-panel"), body = $("dg-panel-body");
  var hint = $("dg-panel-hint"), closeBtn = $("dg-panel-close");
  function openPanel() {
    hint.hidden = true;
    closeBtn.hidden = false;
    body.replaceChildren();
    return body;
  }
  function clearPanel() {
    body.replaceChildren();
    hint.hidden = false;
    closeBtn.hidden = true;
  }
  function dealBlock(e, target) {
    var box = el("div", null, "dg-deal");
    e.lines.forEach(function (line, i) { box.appendChild(el(i === 0 ? "strong" : "p", line)); });
    (e.sources || []).forEach(function (src) {
      var p = el("p", null, "dg-src");
      p.appendChild(document.createTextNode("Source: "));
      p.appendChild(safeLink(src));
      box.appendChild(p);
    });
    target.appendChild(box);
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    var b = openPanel();
    b.appendChild(el("h3", n.label));
    b.appendChild(el("div", n.kind, "dg-kind"));
    n.lines.slice(2).forEach(function (line) { b.appendChild(el("p", line)); });
    var iri = el("p", null, "dg-src");
    iri.appendChild(document.createTextNode("IRI: "));
    iri.appendChild(safeLink(n.iri));
    b.appendChild(iri);
    var deals = edgesOf.get(id).filter(function (e) { return e.kind === "deal"; });
    if (n.kind !== "company") {  // an asset's deals; a target's: the deals for the assets aimed at it
      var assets = new Set([id]);
      edgesOf.get(id).forEach(function (e) { if (e.kind === "targets" && e.to === id) assets.add(e.from); });
      deals = data.edges.filter(function (e) {
        return e.kind === "deal" && e.assets.some(function (a) { return assets.has(a); });
      });
    }
    if (deals.length) {
      b.appendChild(el("h4", "Deals (" + deals.length + ")"));
      deals.slice(0, 100).forEach(function (e) { dealBlock(e, b); });
      if (deals.length > 100) b.appendChild(el("p", "\u2026 and " + (deals.length - 100) + " more", "dg-hint"));
    }
    var other = edgesOf.get(id).filter(function (e) { return e.kind !== "deal"; });
    if (other.length) {
      b.appendChild(el("h4", "Links (" + other.length + ")"));
      other.slice(0, 30).forEach(function (e) { b.appendChild(el("p", e.titleText)); });
      if (other.length > 30) b.appendChild(el("p", "\u2026 and " + (other.length - 30) + " more", "dg-hint"));
    }
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    var b = openPanel();
    if (e.kind === "deal") {
      b.appendChild(el("h3", "Deal"));
      dealBlock(e, b);
    } else {
      b.appendChild(el("h3", e.kind));
      b.appendChild(el("p", e.titleText));
    }
  }
  closeBtn.addEventListener("click", function () { network.unselectAll(); clearPanel(); });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else clearPanel();
  });

  /* ---------- search ---------- */
  var search = $("dg-search"), matches = $("dg-matches");
  var labels = data.nodes.map(function (n) { return [n.label.toLowerCase(), n.id]; });
  function focusNode(id) {
    if (visibleNodes && !visibleNodes.has(id)) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showNode(id);
  }
  function findMatches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var exact = [], starts = [], contains = [];
    labels.forEach(function (pair) {
      var i = pair[0].indexOf(q);
      if (i < 0) return;
      (pair[0] === q ? exact : i === 0 ? starts : contains).push(pair[1]);
    });
    return exact.concat(starts, contains).slice(0, 20);
  }
  search.addEventListener("input", function () {
    matches.replaceChildren();
    findMatches(search.value).forEach(function (id) {
      var n = nodeById.get(id);
      var li = el("li", n.label);
      li.appendChild(el("small", n.kind));
      li.addEventListener("click", function () { focusNode(id); });
      matches.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var found = findMatches(search.value);
    if (found.length) focusNode(found[0]);
  });

  if (data.focus && nodeById.has(data.focus)) {
    network.once("afterDrawing", function () { network.selectNodes([data.focus]); showNode(data.focus); });
  }
  applyFilters();
})();
