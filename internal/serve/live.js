// atlas serve's live reload: served only by atlas serve, never written into a built site.
// It listens to the server's build state; a page from an older build reloads, and the errors
// of a failed build are shown over the page (which is the last good build's) until they are
// fixed.
(function () {
  "use strict";
  var me = document.currentScript;
  var gen = me && me.getAttribute("data-gen");
  var box = null;

  function style(el, props) {
    for (var k in props) el.style[k] = props[k];
    return el;
  }

  function hide() {
    if (box) box.remove();
    box = null;
  }

  function show(problems) {
    hide();
    box = style(document.createElement("section"), {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20,20,20,0.92)", color: "#fff", padding: "1.5rem",
      font: "15px/1.5 ui-monospace, Menlo, Consolas, monospace"
    });
    box.id = "atlas-live-errors";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "atlas-live-title");
    var h = style(document.createElement("h2"), { margin: "0 0 1rem", fontSize: "1.2rem", color: "#ffb4a8" });
    h.id = "atlas-live-title";
    h.textContent = "atlas serve: the last edit does not build (" + problems.length +
      " error" + (problems.length === 1 ? "" : "s") + "); this is the last good build";
    box.appendChild(h);
    problems.forEach(function (p) {
      var item = style(document.createElement("div"), { margin: "0 0 1.2rem" });
      item.className = "atlas-live-problem";
      var msg = document.createElement("p");
      style(msg, { margin: "0" });
      if (p.pos) {
        var pos = style(document.createElement("strong"), { color: "#9fd3ff" });
        pos.textContent = p.pos;
        msg.appendChild(pos);
        msg.appendChild(document.createTextNode(": "));
      }
      msg.appendChild(document.createTextNode(p.msg));
      item.appendChild(msg);
      if (p.source) {
        var pre = style(document.createElement("pre"), { margin: "0.3rem 0 0", whiteSpace: "pre-wrap", color: "#eee" });
        pre.textContent = p.source + (p.col ? "\n" + " ".repeat(p.col - 1) + "^" : "");
        item.appendChild(pre);
      }
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }

  var es = new EventSource("/__atlas/events");
  es.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (String(s.gen) !== gen) {
      location.reload();
      return;
    }
    if (s.problems && s.problems.length) show(s.problems);
    else hide();
  });
})();
