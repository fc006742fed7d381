"use strict";
const form = document.getElementById("f");
const box = document.getElementById("query");
const out = document.getElementById("out");
const statusLine = document.getElementById("status");
const ACCEPT = {json: "application/sparql-results+json, text/turtle;q=0.9",
  xml: "application/sparql-results+xml, application/rdf+xml;q=0.9",
  csv: "text/csv, text/turtle;q=0.9", tsv: "text/tab-separated-values, text/turtle;q=0.9"};
function cell(term) {
  if (!term) return "";
  return term.type === "triple" ? JSON.stringify(term.value) : term.value;
}
function table(doc) {
  const t = document.createElement("table");
  const head = t.insertRow();
  for (const v of doc.head.vars) {
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }
  for (const b of doc.results.bindings) {
    const row = t.insertRow();
    for (const v of doc.head.vars) { row.insertCell().textContent = cell(b[v]); }
  }
  return t;
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  statusLine.textContent = "running…";
  out.replaceChildren();
  const fmt = document.getElementById("fmt").value;
  try {
    const response = await fetch("sparql", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT[fmt]},
      body: new URLSearchParams({query: box.value})});
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    if (!response.ok) { statusLine.textContent = response.status + ": " + text; return; }
    const note = response.headers.get("X-KG-Truncated") === "true" ? " (truncated at the result cap)" : "";
    if (type.startsWith("application/sparql-results+json")) {
      const doc = JSON.parse(text);
      if ("boolean" in doc) { out.textContent = String(doc.boolean); }
      else {
        out.appendChild(table(doc));
        statusLine.textContent = doc.results.bindings.length + " rows" + note;
        return;
      }
    } else {
      const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre);
    }
    statusLine.textContent = note;
  } catch (err) { statusLine.textContent = String(err); }
});
for (const button of document.querySelectorAll("button[data-query]")) {
  button.addEventListener("click", () => {
    box.value = document.getElementById(button.dataset.query).textContent;
    box.focus();
  });
}
