// The year slider of the year pages (nam/<year>/, tinh/<code>/nam/<year>/): it recolours the
// map in place, updates the legend's counts and shares (showing only the classes on the map)
// and the year's texts and table, and puts the year's own page in the address bar, so the
// view can be shared and reloads as the same year. Without it the pages link each other.
(function () {
  "use strict";
  var box = document.querySelector(".year-slider");
  if (!box || !history.replaceState || !window.fetch) return;
  // Every year's statuses are in one file for all the year pages of a folder (data-src);
  // the slider shows once it has them.
  fetch(box.getAttribute("data-src")).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(init, function () {});
  function init(d) {
    var input = box.querySelector("input"), out = box.querySelector("output");
    var shown = +input.value, last = +input.max, links = {}, names = {};
    var start = d.y[shown - d.first], w = d.w || 1;
    // The year pages are one folder up from a year page, in the same folder from the overview.
    var up = box.hasAttribute("data-up") ? box.getAttribute("data-up") : "../";
    function at(row, i) { return d.st[parseInt(row.c.substr(i * w, w), 36)]; }
    var rows = {};
    document.querySelectorAll(".map svg a").forEach(function (a) {
      var m = /\/(\w+)\/$/.exec(a.getAttribute("href"));
      if (m) links[m[1]] = a;
    });
    // A row of the table ends with the unit's code.
    document.querySelectorAll(".map-table tbody tr").forEach(function (tr) {
      rows[tr.lastElementChild.textContent] = tr;
    });
    d.units.forEach(function (code, i) {
      var a = links[code], st = at(start, i);
      if (a) names[code] = a.querySelector("title").textContent.slice(0, -st[1].length - 2);
    });
    function swap(s, from, to) {
      return s.split(String(from)).join(String(to));
    }
    function yearHref(a, y) {
      a.setAttribute("href", (a.getAttribute("href") || "../" + shown + "/").replace(/\d{4}\/$/, y + "/"));
    }
    function show(y) {
      var row = d.y[y - d.first], counts = {};
      if (!row || y === shown) return;
      d.units.forEach(function (code, i) {
        // A status's class may carry "older" after the map class: the national map hatches
        // a province whose figure is older data, and the legend counts it twice.
        var st = at(row, i), a = links[code], label, cls = st[0].split(" "), mark;
        cls.forEach(function (c) { counts[c] = (counts[c] || 0) + 1; });
        if (rows[code]) {
          rows[code].querySelector(".dot").setAttribute("class", "dot " + cls[0]);
          rows[code].querySelector(".st").textContent = st[1];
        }
        if (!a) return;
        label = names[code] + ": " + st[1];
        // A province's year pages draw each unit as a <use> of the province's shapes file.
        a.querySelector("path, use").setAttribute("class", cls[0]);
        mark = a.querySelector(".older");
        if (mark) mark.setAttribute("class", cls.indexOf("older") < 0 ? "older off" : "older");
        a.querySelector("title").textContent = label;
      });
      document.querySelectorAll(".legend ul[data-total]").forEach(function (ul) {
        var total = +ul.getAttribute("data-total");
        ul.querySelectorAll("li[data-class]").forEach(function (li) {
          var n = counts[li.getAttribute("data-class")] || 0, p = total ? Math.round(n * 100 / total) : 0;
          li.hidden = !n;
          li.querySelector(".n").textContent = n.toLocaleString(document.documentElement.lang);
          li.querySelector(".pct").textContent = "(" + (p === 0 && n ? ul.getAttribute("data-under") : p + "%") + ")";
        });
      });
      document.getElementById("year-summary").textContent = row.s;
      // The map's title too: bar.js writes it into the year's map file.
      document.querySelectorAll("h1, .map-table caption, .map svg > title").forEach(function (e) {
        e.textContent = swap(e.textContent, shown, y);
      });
      document.title = swap(document.title, shown, y);
      document.querySelectorAll("[data-year-link]").forEach(function (a) {
        var to = y + +a.getAttribute("data-year-link");
        a.hidden = to < d.first || to > last;
        a.textContent = swap(a.textContent, shown + +a.getAttribute("data-year-link"), to);
        yearHref(a, to);
      });
      document.querySelectorAll("nav.years li a").forEach(function (a) {
        if (a.textContent === String(y)) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      });
      document.querySelectorAll("nav.lang a").forEach(function (a) { yearHref(a, y); });
      out.textContent = y;
      shown = y;
      history.replaceState(null, "", up + y + "/");
    }
    input.addEventListener("input", function () { show(+input.value); });
    box.hidden = false;
  }
})();
