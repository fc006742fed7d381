/* kg network viewer: draws the page data with vis-network; every string from the graph
   reaches the DOM through textContent only (article text is untrusted). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var tip = document.getElementById("kg-tip");
  var hidden = { cls: new Set(), pred: new Set() };
  var predLabel = {};
  var nodeCls = {};
  var TIP_EVIDENCE = 3;
  var settled = false;

  data.legend.predicates.forEach(function (row) { predLabel[row[0]] = row[1]; });
  nodes.forEach(function (n) { nodeCls[n.id] = n.cls; });
  window.kgStats = data.stats;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* ---------- settle: physics runs until stable, then stops ---------- */
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    document.getElementById("kg-progress").textContent = "";
    window.kgSettledAt = performance.now();
    document.body.setAttribute("data-settled", "1");
  }
  if (data.stats.nodes === 0) {
    settle();
    document.getElementById("kg-progress").textContent = "Nothing to show in this view.";
  } else if (data.options.physics.enabled) {
    network.on("stabilizationProgress", function (p) {
      document.getElementById("kg-progress").textContent =
        "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);
    network.fit({ animation: false });
  }

  /* ---------- cards: tooltip and details ---------- */
  function nodeCard(id) {
    var n = nodes.get(id);
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, n.name));
    var meta = "Type: " + n.cls;
    if (n.country) { meta += " · Country: " + n.country; }
    card.appendChild(el("p", "kg-meta", meta));
    if (n.note) { card.appendChild(el("p", "kg-note", n.note)); }
    card.appendChild(el("p", "kg-note", plural(network.getConnectedEdges(id).length, "relation", "relations")));
    return card;
  }

  function edgeCard(id, full) {
    var e = edges.get(id);
    var card = el("div", "kg-card");
    var from = nodes.get(e.from), to = nodes.get(e.to);
    var verb = data.view === "countries" ? (!e.sym ? " → " : " — ") : " " + (predLabel[e.pred] || e.pred) + (!e.sym ? " → " : " ↔ ");
    card.appendChild(el("h3", null, from.name + verb + to.name));
    var meta = data.view === "countries" ? (predLabel[e.pred] || e.pred) : e.family;
    var count = e.ev.length + e.evMore;
    meta += " · " + plural(count, "evidence sentence", "evidence sentences");
    if (e.conf) { meta += " · confidence " + e.conf; }
    card.appendChild(el("p", "kg-meta", meta));
    e.notes.slice(0, full ? e.notes.length : 4).forEach(function (line) {
      card.appendChild(el("p", "kg-note", line));
    });
    var list = el("ol");
    var rows = full ? e.ev : e.ev.slice(0, TIP_EVIDENCE);
    rows.forEach(function (row) {
      var item = el("li");
      var src = row[1] || "(untitled)";
      if (row[2]) { src += " · " + row[2]; }
      if (row[0]) { src += " · " + row[0]; }
      item.appendChild(el("span", "kg-src", src));
      var quote = el("blockquote");
      if (row[4]) { quote.appendChild(el("span", "kg-rel", row[4])); }
      quote.appendChild(document.createTextNode(row[3]));
      item.appendChild(quote);
      list.appendChild(item);
    });
    if (rows.length) { card.appendChild(list); }
    var more = count - rows.length;
    if (more > 0) {
      card.appendChild(el("p", "kg-hint", full ? "+" + more + " more in the graph file" : "+" + more + " more: click the edge"));
    }
    return card;
  }

  function showTip(card, pointer) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, box.left + pointer.x - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, box.top + pointer.y - h - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { tip.hidden = true; tip.replaceChildren(); }

  function showDetails(card) {
    document.getElementById("kg-details-body").replaceChildren(card);
  }

  network.on("hoverNode", function (p) { showTip(nodeCard(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeCard(p.edge, false), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) { showDetails(nodeCard(p.nodes[0])); }
    else if (p.edges.length) { showDetails(edgeCard(p.edges[0], true)); }
  });

  /* ---------- legend and filters ---------- */
  var SVG = "http://www.w3.org/2000/svg";
  function shapeSwatch(shape, colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "kg-swatch");
    var points = {
      diamond: "7,1 13,7 7,13 1,7", triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13",
      star: "7,1 8.8,5.2 13,5.3 9.7,8.1 10.8,12.6 7,10.1 3.2,12.6 4.3,8.1 1,5.3 5.2,5.2",
      hexagon: "4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7"
    };
    var shapeEl;
    if (shape === "square") {
      shapeEl = document.createElementNS(SVG, "rect");
      shapeEl.setAttribute("x", "2"); shapeEl.setAttribute("y", "2");
      shapeEl.setAttribute("width", "10"); shapeEl.setAttribute("height", "10");
    } else if (points[shape]) {
      shapeEl = document.createElementNS(SVG, "polygon");
      shapeEl.setAttribute("points", points[shape]);
    } else {
      shapeEl = document.createElementNS(SVG, "circle");
      shapeEl.setAttribute("cx", "7"); shapeEl.setAttribute("cy", "7"); shapeEl.setAttribute("r", "5.5");
    }
    shapeEl.setAttribute("fill", colour); shapeEl.setAttribute("stroke", "#333"); shapeEl.setAttribute("stroke-width", "1");
    svg.appendChild(shapeEl);
    return svg;
  }

  function lineSwatch(colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "22"); svg.setAttribute("height", "10"); svg.setAttribute("class", "kg-swatch");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", "21"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", colour); line.setAttribute("stroke-width", "3");
    svg.appendChild(line);
    return svg;
  }

  function filterItem(kind, key, swatch, text, count) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true;
    box.setAttribute("data-kind", kind);
    box.setAttribute("data-key", key);
    box.addEventListener("change", function () { setFilter(kind, key, box.checked); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, text));
    label.appendChild(el("span", "kg-count", count));
    li.appendChild(label);
    return li;
  }

  var classList = document.querySelector("#kg-legend-nodes .kg-list");
  data.legend.classes.forEach(function (row) {
    classList.appendChild(filterItem("cls", row[0], shapeSwatch(row[1], row[2]), row[0], row[3]));
  });
  var famList = document.querySelector("#kg-legend-edges .kg-families");
  if (data.legend.balance) {
    var fams = data.legend.families;
    var bar = el("div", "kg-gradient");
    bar.style.background = "linear-gradient(to right, " + fams[2][1] + ", " + fams[1][1] + ", " + fams[0][1] + ")";
    famList.before(bar);
    var scale = el("div", "kg-scale");
    scale.appendChild(el("span", null, "conflict"));
    scale.appendChild(el("span", null, "cooperation"));
    famList.before(scale);
    famList.appendChild(el("li", "kg-hint", "Width: number of events"));
  } else {
    data.legend.families.forEach(function (row) {
      var li = el("li");
      li.appendChild(lineSwatch(row[1]));
      li.appendChild(el("span", null, row[0]));
      famList.appendChild(li);
    });
  }
  var predList = document.querySelector("#kg-legend-edges .kg-list");
  data.legend.predicates.forEach(function (row) {
    predList.appendChild(filterItem("pred", row[0], lineSwatch(row[4]), row[1], row[3]));
  });
  Array.prototype.forEach.call(document.querySelectorAll(".kg-all"), function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-kind");
      hidden[kind].clear();
      Array.prototype.forEach.call(document.querySelectorAll('input[data-kind="' + kind + '"]'), function (b) {
        b.checked = true;
      });
      applyFilters();
    });
  });

  function applyFilters() {
    var nodeChanges = [], edgeChanges = [];
    nodes.forEach(function (n) {
      var h = hidden.cls.has(n.cls);
      if (Boolean(n.hidden) !== h) { nodeChanges.push({ id: n.id, hidden: h }); }
    });
    edges.forEach(function (e) {
      var h = hidden.pred.has(e.pred) || hidden.cls.has(nodeCls[e.from]) || hidden.cls.has(nodeCls[e.to]);
      if (Boolean(e.hidden) !== h) { edgeChanges.push({ id: e.id, hidden: h }); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    hideTip();
    showStats();
  }

  function setFilter(kind, key, visible) {
    if (visible) { hidden[kind].delete(key); } else { hidden[kind].add(key); }
    var box = document.querySelector('input[data-kind="' + kind + '"][data-key="' + CSS.escape(key) + '"]');
    if (box) { box.checked = visible; }
    applyFilters();
  }

  function visible() {
    return {
      nodes: nodes.get({ filter: function (n) { return !n.hidden; } }).length,
      edges: edges.get({ filter: function (e) { return !e.hidden; } }).length
    };
  }

  function showStats() {
    var v = visible();
    var text = v.nodes === nodes.length && v.edges === edges.length
      ? plural(nodes.length, "node", "nodes") + " · " + plural(edges.length, "edge", "edges")
      : "Showing " + v.nodes + " of " + nodes.length + " nodes · " + v.edges + " of " + edges.length + " edges";
    document.getElementById("kg-stats").textContent = text;
  }
  showStats();

  /* ---------- search ---------- */
  var searchBox = document.getElementById("kg-search");
  var searchStatus = document.getElementById("kg-search-status");
  function search(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) {
      network.unselectAll();
      searchStatus.textContent = "";
      return [];
    }
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden && n.name.toLowerCase().indexOf(q) !== -1; } });
    network.selectNodes(ids, false);
    searchStatus.textContent = ids.length ? plural(ids.length, "match", "matches") : "No match";
    return ids;
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var ids = search(searchBox.value);
    if (ids.length === 1) {
      network.focus(ids[0], { scale: 1.2, animation: false });
      showDetails(nodeCard(ids[0]));
    } else if (ids.length > 1) {
      network.fit({ nodes: ids, animation: false });
    }
  });

  window.kg = {
    network: network,
    nodes: nodes,
    edges: edges,
    counts: function () { return { nodes: nodes.length, edges: edges.length }; },
    visible: visible,
    search: search,
    setFilter: setFilter,
    isSettled: function () { return settled; }
  };
})();
