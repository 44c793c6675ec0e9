// wellscan report: filter and sort the findings tables. No network, no libraries.
// The state lives in the address as #filter:pillar=security&severity=high&sort=region:asc,
// so a filtered view can be bookmarked or sent to a colleague.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var fields = ["pillar", "severity", "region", "service"];
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.findings tbody tr"));
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.findings"));
  var shown = document.getElementById("shown");
  var sort = null;

  function state() {
    var s = {};
    fields.forEach(function (f) { if (form.elements[f].value) s[f] = form.elements[f].value; });
    var q = form.elements.q.value.trim();
    if (q) s.q = q;
    if (sort) s.sort = sort.key + ":" + sort.dir;
    return s;
  }

  function load() {
    var hash = location.hash;
    if (hash.indexOf("#filter:") !== 0) return;
    hash.slice(8).split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var key = part.slice(0, eq), value = decodeURIComponent(part.slice(eq + 1));
      if (key === "sort") {
        var bits = value.split(":");
        sort = { key: bits[0], dir: bits[1] === "desc" ? "desc" : "asc" };
      } else if (form.elements[key]) {
        form.elements[key].value = value;
      }
    });
  }

  function sortValue(row, index, numeric) {
    var cell = row.children[index];
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? (parseFloat(v) || 0) : v.toLowerCase();
  }

  function sortTables() {
    tables.forEach(function (table) {
      var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
      heads.forEach(function (th) { th.removeAttribute("aria-sort"); });
      if (!sort) return;
      var index = heads.findIndex(function (th) { return th.dataset.key === sort.key; });
      if (index < 0) return;
      heads[index].setAttribute("aria-sort", sort.dir === "asc" ? "ascending" : "descending");
      var numeric = heads[index].dataset.type === "number";
      var body = table.tBodies[0];
      var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = sortValue(a, index, numeric), y = sortValue(b, index, numeric);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return sort.dir === "asc" ? c : -c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  }

  function apply() {
    var s = state();
    var q = (s.q || "").toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = fields.every(function (f) { return !s[f] || row.dataset[f] === s[f]; }) &&
        (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !match;
      if (match) count++;
    });
    tables.forEach(function (table) {
      table.hidden = !table.querySelector("tbody tr:not([hidden])");
    });
    sortTables();
    shown.textContent = count + " of " + rows.length + (rows.length === 1 ? " finding shown" : " findings shown");
    var parts = Object.keys(s).map(function (k) { return k + "=" + encodeURIComponent(s[k]); });
    try {
      history.replaceState(null, "", parts.length ? "#filter:" + parts.join("&") : location.pathname);
    } catch (e) { /* a page opened from disk may refuse; the filter still applies */ }
  }

  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var dir = sort && sort.key === th.dataset.key && sort.dir === "asc" ? "desc" : "asc";
        sort = { key: th.dataset.key, dir: dir };
        apply();
      });
    });
  });
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { sort = null; setTimeout(apply, 0); });
  form.hidden = false;
  load();
  apply();
})();
