// NTM Atlas: a tooltip for the province map. Pointing at a unit or moving the keyboard focus to
// it shows the unit's name and status beside it; Escape hides it. On a touch screen the first
// tap on a unit shows a preview instead, with a link to its page, and a second tap on the same
// unit follows it; a tap elsewhere closes it. A tap picks a unit whose box is under 24 px when
// it lands within 12 px of it (WCAG 2.5.8, target size). Without this script, each unit is a
// plain link, named and given the browser's tooltip by its SVG <title>. No inline styles or handlers:
// the Content-Security-Policy forbids them, so the tooltip is placed through element.style.
(function () {
  "use strict";
  var small = 24; // px: a unit's box under this on a side is too small a target
  var reach = 12; // px: how far from a tap a unit is still picked

  function init(fig) {
    var svg = fig.querySelector("svg");
    if (!svg) return;
    var tip = document.createElement("div");
    tip.className = "map-tip";
    tip.hidden = true;
    var name = document.createElement("strong"), status = document.createElement("span");
    var open = document.createElement("a");
    open.textContent = fig.getAttribute("data-open") || "";
    tip.appendChild(name);
    tip.appendChild(status);
    tip.appendChild(open);
    fig.appendChild(tip);
    var current = null; // the unit the tooltip or preview shows
    var pinned = null; // the unit whose preview a tap opened
    var lastPointer = "";

    // The <title> names the unit's link, but would show the browser's own tooltip over
    // ours: its text becomes the link's aria-label, and it goes.
    var links = svg.querySelectorAll("a");
    for (var i = 0; i < links.length; i++) {
      var t = links[i].querySelector("title");
      if (!t) continue;
      links[i].setAttribute("aria-label", t.textContent);
      links[i].removeChild(t);
    }

    // show shows unit a's name and status near (x, y), or near its middle; pin makes it the
    // tap preview, whose link assistive technology must reach. The tooltip has none: the
    // unit's aria-label already says the same.
    function show(a, x, y, pin) {
      var label = a.getAttribute("aria-label") || "", k = label.indexOf(": ");
      name.textContent = k < 0 ? label : label.slice(0, k);
      status.textContent = k < 0 ? "" : label.slice(k + 2);
      current = a;
      pinned = pin ? a : null;
      open.hidden = !pin;
      if (pin) {
        open.setAttribute("href", a.getAttribute("href"));
        tip.removeAttribute("aria-hidden");
      } else {
        open.removeAttribute("href");
        tip.setAttribute("aria-hidden", "true");
      }
      tip.hidden = false;
      var f = fig.getBoundingClientRect();
      if (x === undefined) {
        var r = a.getBoundingClientRect();
        x = r.left + r.width / 2;
        y = r.top + r.height / 2;
      }
      // Keep the tooltip inside the figure and the window: above the point, else below it.
      var w = tip.offsetWidth, h = tip.offsetHeight, left = x - f.left - w / 2;
      left = Math.max(0, Math.min(left, f.width - w));
      var top = y - f.top - h - 12;
      if (top < 0 || y - h - 12 < 0) top = y - f.top + 16;
      tip.style.left = Math.round(left) + "px";
      tip.style.top = Math.round(top) + "px";
    }
    function hide() {
      tip.hidden = true;
      current = null;
      pinned = null;
    }
    function unitOf(e) {
      var a = e.target.closest ? e.target.closest("a[aria-label]") : null;
      return a && svg.contains(a) ? a : null;
    }
    function tooSmall(r) {
      return Math.min(r.width, r.height) < small;
    }

    // pick is the unit a tap at (x, y) means: the unit under it if that is small, else the
    // nearest small unit within reach, else the unit under it, else the nearest within reach.
    function pick(x, y, direct) {
      if (direct && tooSmall(direct.getBoundingClientRect())) return direct;
      var best = null, bestD = reach;
      for (var i = 0; i < links.length; i++) {
        var r = links[i].getBoundingClientRect();
        if (!tooSmall(r)) continue;
        var d = Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
        if (d <= bestD) {
          best = links[i];
          bestD = d;
        }
      }
      if (best || direct) return best || direct;
      for (var rad = 4; rad <= reach; rad += 4) {
        for (var k = 0; k < 8; k++) {
          var hit = document.elementFromPoint(x + rad * Math.cos(k * Math.PI / 4), y + rad * Math.sin(k * Math.PI / 4));
          var a = hit && hit.closest ? hit.closest("a[aria-label]") : null;
          if (a && svg.contains(a)) return a;
        }
      }
      return null;
    }

    document.addEventListener("pointerdown", function (e) {
      lastPointer = e.pointerType;
    }, true);
    svg.addEventListener("click", function (e) {
      // A click from the keyboard (detail 0) or a mouse follows the link as usual.
      var touch = typeof e.pointerType === "string" ? e.pointerType === "touch" : lastPointer === "touch";
      if (!touch || e.detail === 0) return;
      var a = pick(e.clientX, e.clientY, unitOf(e));
      e.preventDefault();
      if (!a) {
        hide();
      } else if (a === pinned) {
        location.href = open.href;
      } else {
        show(a, e.clientX, e.clientY, true);
      }
    });
    document.addEventListener("click", function (e) {
      if (pinned && !tip.contains(e.target) && !svg.contains(e.target)) hide();
    });

    svg.addEventListener("pointerover", function (e) {
      if (e.pointerType === "touch") return;
      var a = unitOf(e);
      if (a && a !== current) show(a, e.clientX, e.clientY);
    });
    svg.addEventListener("pointerout", function (e) {
      if (e.pointerType === "touch" || pinned) return;
      // Moving onto the tooltip keeps it (WCAG 1.4.13: content on hover can be hovered), and
      // moving onto another unit replaces it.
      var to = e.relatedTarget;
      if (to && (tip.contains(to) || svg.contains(to) && to.closest("a[aria-label]"))) return;
      hide();
    });
    tip.addEventListener("pointerleave", function (e) {
      if (e.pointerType === "touch" || pinned) return;
      var to = e.relatedTarget;
      if (!to || !svg.contains(to) || !to.closest("a[aria-label]")) hide();
    });
    // A tap focuses the unit before its click: the tooltip would then appear under the
    // finger and take the click, so focus shows it only from the keyboard.
    svg.addEventListener("focusin", function (e) {
      var a = unitOf(e);
      if (a && a !== pinned && lastPointer !== "touch") show(a);
    });
    // The focus may move from the unit to its preview's link.
    svg.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !tip.contains(e.relatedTarget)) hide();
    });
    tip.addEventListener("focusout", function (e) {
      var to = e.relatedTarget;
      if (!to || !tip.contains(to) && !svg.contains(to)) hide();
    });
    document.addEventListener("keydown", function (e) {
      lastPointer = "";
      if (e.key === "Escape" && !tip.hidden) hide();
    });
  }
  var figs = document.querySelectorAll("figure.map");
  for (var i = 0; i < figs.length; i++) init(figs[i]);
})();
