/* runwright site: copy buttons, tickable checklists, search, catalogue filters.
   No dependencies, works from file:// (the search index is a script, not a fetched file).
   Text from runbooks is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var page = document.body.getAttribute("data-page") || location.pathname;

  /* ---- copy buttons ------------------------------------------------------------------ */
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  document.querySelectorAll(".code .copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      if (text === null) {
        var code = button.closest(".code").querySelector("pre code");
        text = code ? code.textContent.replace(/\n$/, "") : "";
      }
      var reset = function () {
        setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 2000);
      };
      copy(text).then(function () {
        button.textContent = "Copied";
        button.classList.add("copied");
        reset();
      }, function () {
        button.textContent = "Select and copy";
        reset();
      });
    });
  });

  /* ---- checklists (state kept per page in localStorage) ------------------------------ */
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  var boxes = document.querySelectorAll(".runbook .task-list-item-checkbox");
  boxes.forEach(function (box, i) {
    var key = "runwright:" + page + ":task:" + i;
    var item = box.closest(".task-list-item");
    var saved = store ? store.getItem(key) : null;
    if (saved !== null) { box.checked = saved === "1"; }
    if (item) { item.classList.toggle("done", box.checked); }
    box.addEventListener("change", function () {
      if (store) { try { store.setItem(key, box.checked ? "1" : "0"); } catch (e) { /* full */ } }
      if (item) { item.classList.toggle("done", box.checked); }
    });
  });
  document.querySelectorAll(".reset-tasks").forEach(function (button) {
    button.addEventListener("click", function () {
      boxes.forEach(function (box, i) {
        box.checked = false;
        var item = box.closest(".task-list-item");
        if (item) { item.classList.remove("done"); }
        if (store) { store.removeItem("runwright:" + page + ":task:" + i); }
      });
    });
  });

  /* ---- search ------------------------------------------------------------------------ */
  var input = document.getElementById("rw-search");
  var list = document.getElementById("rw-results");
  var index = window.RUNWRIGHT_SEARCH || [];
  function norm(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var prepared = index.map(function (d) {
    return {
      doc: d,
      title: norm(d.t),
      meta: norm(d.c + " " + d.o + " " + d.u),
      items: [].concat(
        d.e.map(function (x) { return { kind: "error", text: x[0], low: norm(x[0]), anchor: x[1], w: 8 }; }),
        d.h.map(function (x) { return { kind: "section", text: x[0], low: norm(x[0]), anchor: x[1], w: 5 }; }),
        d.k.map(function (x) { return { kind: "command", text: x[0], low: norm(x[0]), anchor: x[1], w: 3 }; })
      )
    };
  });
  function search(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    if (!terms.length) { return []; }
    var phrase = terms.join(" ");
    var out = [];
    prepared.forEach(function (p) {
      var score = 0, best = null, bestScore = 0;
      var all = terms.every(function (t) {
        if (p.title.indexOf(t) >= 0 || p.meta.indexOf(t) >= 0) { return true; }
        return p.items.some(function (it) { return it.low.indexOf(t) >= 0; });
      });
      if (!all) { return; }
      terms.forEach(function (t) {
        if (p.title.indexOf(t) >= 0) { score += 10; }
        if (p.meta.indexOf(t) >= 0) { score += 2; }
      });
      if (p.title.indexOf(phrase) >= 0) { score += 10; }
      p.items.forEach(function (it) {
        var s = 0;
        terms.forEach(function (t) { if (it.low.indexOf(t) >= 0) { s += it.w; } });
        if (s && it.low.indexOf(phrase) >= 0) { s += it.w * 2; }
        if (s > bestScore) { bestScore = s; best = it; }
      });
      out.push({ doc: p.doc, hit: best, score: score + bestScore });
    });
    out.sort(function (a, b) { return b.score - a.score || a.doc.t.localeCompare(b.doc.t); });
    return out.slice(0, 20);
  }
  function render(results, query) {
    list.textContent = "";
    if (!query.trim()) { list.hidden = true; return; }
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "r-none";
      none.textContent = "No runbook matches \u201c" + query + "\u201d";
      list.appendChild(none);
    }
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      if (i === 0) { li.className = "active"; }
      var a = document.createElement("a");
      a.href = root + r.doc.u + (r.hit && r.hit.anchor ? "#" + r.hit.anchor : "");
      var title = document.createElement("span");
      title.className = "r-title";
      title.textContent = r.doc.t;
      a.appendChild(title);
      if (r.hit) {
        var hit = document.createElement("span");
        hit.className = "r-hit";
        var kind = document.createElement("span");
        kind.className = "r-kind";
        kind.textContent = r.hit.kind;
        hit.appendChild(kind);
        hit.appendChild(document.createTextNode(r.hit.text));
        a.appendChild(hit);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  if (input && list) {
    var run = function () { render(search(input.value), input.value); };
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { if (input.value) { run(); } });
    input.form.addEventListener("submit", function (ev) {
      var first = list.querySelector("a");
      if (first) { ev.preventDefault(); location.href = first.href; }
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { list.hidden = true; input.blur(); }
      if (ev.key === "ArrowDown") { var a = list.querySelector("a"); if (a) { ev.preventDefault(); a.focus(); } }
    });
    list.addEventListener("keydown", function (ev) {
      var li = document.activeElement && document.activeElement.parentElement;
      if (!li) { return; }
      if (ev.key === "ArrowDown" && li.nextElementSibling) { ev.preventDefault(); li.nextElementSibling.querySelector("a").focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); if (li.previousElementSibling) { li.previousElementSibling.querySelector("a").focus(); } else { input.focus(); } }
    });
    document.addEventListener("click", function (ev) {
      if (!input.form.contains(ev.target)) { list.hidden = true; }
    });
    document.addEventListener("keydown", function (ev) {
      var tag = (ev.target && ev.target.tagName) || "";
      if (ev.key === "/" && tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") {
        ev.preventDefault();
        input.focus();
      }
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  /* ---- catalogue filters (home page) ------------------------------------------------- */
  var text = document.getElementById("rw-filter-text");
  if (text) {
    var selects = {
      category: document.getElementById("rw-filter-category"),
      owners: document.getElementById("rw-filter-owner"),
      fresh: document.getElementById("rw-filter-fresh"),
      tested: document.getElementById("rw-filter-tested")
    };
    var apply = function () {
      var words = norm(text.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      document.querySelectorAll(".catalogue tbody tr").forEach(function (tr) {
        var ok = words.every(function (w) { return norm(tr.getAttribute("data-text")).indexOf(w) >= 0; });
        Object.keys(selects).forEach(function (k) {
          var v = selects[k].value;
          if (!v) { return; }
          var have = (tr.getAttribute("data-" + k) || "").split("|");
          if (have.indexOf(v) < 0) { ok = false; }
        });
        tr.hidden = !ok;
        if (ok) { shown += 1; }
      });
      document.querySelectorAll("section.category").forEach(function (sec) {
        sec.hidden = !sec.querySelector("tbody tr:not([hidden])");
      });
      document.getElementById("rw-no-match").hidden = shown > 0;
    };
    text.addEventListener("input", apply);
    Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", apply); });
    text.form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }
})();
