// NTM Atlas: a tooltip for the province map. Pointing at a unit or moving the keyboard focus to
// it shows the unit's name and status beside it; Escape hides it. Without this script, each
// unit's SVG <title> and aria-label still say the same. No inline styles or handlers: the
// Content-Security-Policy forbids them, so the tooltip is placed through element.style.
(function () {
  "use strict";
  function init(fig) {
    var svg = fig.querySelector("svg");
    if (!svg) return;
    var tip = document.createElement("div");
    tip.className = "map-tip";
    tip.hidden = true;
    // The link's aria-label already gives assistive technology the same words.
    tip.setAttribute("aria-hidden", "true");
    var name = document.createElement("strong"), status = document.createElement("span");
    tip.appendChild(name);
    tip.appendChild(status);
    fig.appendChild(tip);
    var current = null;

    // The <title> would show the browser's own tooltip over ours: keep its text, drop it.
    var links = svg.querySelectorAll("a[aria-label]");
    for (var i = 0; i < links.length; i++) {
      var t = links[i].querySelector("title");
      if (t) links[i].removeChild(t);
    }

    function show(a, x, y) {
      var label = a.getAttribute("aria-label") || "", k = label.indexOf(": ");
      name.textContent = k < 0 ? label : label.slice(0, k);
      status.textContent = k < 0 ? "" : label.slice(k + 2);
      current = a;
      tip.hidden = false;
      var f = fig.getBoundingClientRect();
      if (x === undefined) {
        var r = a.getBoundingClientRect();
        x = r.left + r.width / 2;
        y = r.top + r.height / 2;
      }
      // Keep the tooltip inside the figure.
      var w = tip.offsetWidth, left = x - f.left - w / 2;
      left = Math.max(0, Math.min(left, f.width - w));
      var top = y - f.top - tip.offsetHeight - 12;
      if (top < 0) top = y - f.top + 16;
      tip.style.left = Math.round(left) + "px";
      tip.style.top = Math.round(top) + "px";
    }
    function hide() {
      tip.hidden = true;
      current = null;
    }
    function unitOf(e) {
      var a = e.target.closest ? e.target.closest("a[aria-label]") : null;
      return a && svg.contains(a) ? a : null;
    }

    svg.addEventListener("mouseover", function (e) {
      var a = unitOf(e);
      if (a && a !== current) show(a, e.clientX, e.clientY);
    });
    svg.addEventListener("mouseout", function (e) {
      // Moving onto the tooltip keeps it (WCAG 1.4.13: content on hover can be hovered), and
      // moving onto another unit replaces it.
      var to = e.relatedTarget;
      if (to && (tip.contains(to) || svg.contains(to) && to.closest("a[aria-label]"))) return;
      hide();
    });
    tip.addEventListener("mouseleave", function (e) {
      var to = e.relatedTarget;
      if (!to || !svg.contains(to) || !to.closest("a[aria-label]")) hide();
    });
    svg.addEventListener("focusin", function (e) {
      var a = unitOf(e);
      if (a) show(a);
    });
    svg.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !tip.hidden) hide();
    });
  }
  var figs = document.querySelectorAll("figure.map");
  for (var i = 0; i < figs.length; i++) init(figs[i]);
})();
