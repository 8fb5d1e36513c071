/* trustcrises site: sorting, filtering and searching the table of cases, and a language switch
   that keeps the reader's place. Every page shows all of its content without this script; it
   only adds to it. It loads nothing and sends nothing. */
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase();
  }

  /* The language switch leads to the same place on the same page in the other language: it
     carries the fragment (a case's row, an event, a code, the filters). */
  var switcher = document.querySelector("a.lang-switch");
  function carry() {
    if (switcher) {
      switcher.href = switcher.href.split("#")[0] + window.location.hash;
    }
  }
  carry();
  window.addEventListener("hashchange", carry);

  /* Sorting: each column header with data-sort becomes a button; a second press reverses the
     order. Unknown values (an empty data-value) stay last either way. */
  function sortable(table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var collator = new Intl.Collator(document.documentElement.lang, {numeric: true});

    function value(row, index) {
      var cell = row.cells[index];
      return cell.hasAttribute("data-value") ? cell.getAttribute("data-value")
        : cell.textContent.trim();
    }

    function sortBy(index, kind, ascending) {
      var rows = Array.prototype.map.call(body.rows, function (row, i) {
        return {row: row, value: value(row, index), i: i};
      });
      rows.sort(function (a, b) {
        var empty = (a.value === "") - (b.value === "");
        if (empty) { return empty; }
        var order;
        if (kind === "number") {
          order = parseFloat(a.value) - parseFloat(b.value);
        } else if (kind === "date") {
          order = a.value < b.value ? -1 : (a.value > b.value ? 1 : 0);
        } else {
          order = collator.compare(a.value, b.value);
        }
        return (ascending ? order : -order) || a.i - b.i;
      });
      rows.forEach(function (r) { body.appendChild(r.row); });
    }

    each(heads, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortBy(index, kind, ascending);
        each(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  /* The filters' state lives in the fragment (#region=CN&q=logo), so that a link, a reload or
     the language switch keeps it. */
  function parse(hash) {
    var state = {};
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at < 1) { return; }
      try {
        state[decodeURIComponent(part.slice(0, at))] =
          decodeURIComponent(part.slice(at + 1).replace(/\+/g, " "));
      } catch (ignored) { /* a fragment that is not ours */ }
    });
    return state;
  }

  function filters(form, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var search = form.querySelector("input[type=search]");
    var count = document.getElementById("filter-count");
    var template = count.getAttribute("data-template");

    function remember() {
      var parts = [];
      selects.forEach(function (s) {
        if (s.value) { parts.push(encodeURIComponent(s.name) + "=" + encodeURIComponent(s.value)); }
      });
      if (search.value.trim()) { parts.push("q=" + encodeURIComponent(search.value.trim())); }
      var hash = parts.length ? "#" + parts.join("&") : "";
      try {
        window.history.replaceState(null, "", window.location.pathname + hash);
      } catch (ignored) {
        window.location.replace(hash || "#");
      }
      carry();
    }

    function apply(record) {
      var terms = normalise(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-search") || "";
        var match = selects.every(function (s) {
          return !s.value || row.getAttribute("data-" + s.name) === s.value;
        }) && terms.every(function (term) { return text.indexOf(term) !== -1; });
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      count.textContent = shown ? template.replace("{shown}", shown).replace("{total}", rows.length)
        : count.getAttribute("data-none");
      if (record) { remember(); }
    }

    var state = parse(window.location.hash);
    selects.forEach(function (s) {
      if (state[s.name] !== undefined && s.querySelector("option[value='" +
          CSS.escape(state[s.name]) + "']")) {
        s.value = state[s.name];
      }
    });
    if (state.q !== undefined) { search.value = state.q; }
    form.addEventListener("change", function () { apply(true); });
    search.addEventListener("input", function () { apply(true); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    each(document.querySelectorAll(".js-only"), function (e) { e.hidden = false; });
    apply(false);
  }

  var table = document.querySelector("table[data-sortable]");
  if (table) { sortable(table); }
  var form = document.getElementById("filters");
  if (form && table) { filters(form, table); }
}());
