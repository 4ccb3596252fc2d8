// NTM Atlas: the journalists' bar. Without this script its panels work as they are: the
// fields are read-only text to select and copy, and the citation says "accessed …". With it,
// each field gets a copy button, the citation today's date, and on a year page the bar
// follows the year slider (years.js), which shows another year at another address.
(function () {
  "use strict";
  var bar = document.querySelector(".bar");
  if (!bar) return;
  var cite = document.getElementById("bar-cite"), url = document.getElementById("bar-url");
  if (cite) {
    var d = new Date(), access = cite.getAttribute("data-access") || "";
    var today = document.documentElement.lang === "vi"
      ? ("0" + d.getDate()).slice(-2) + "/" + ("0" + (d.getMonth() + 1)).slice(-2) + "/" + d.getFullYear()
      : d.getDate() + " " + d.toLocaleString("en-GB", { month: "long" }) + " " + d.getFullYear();
    if (access) cite.value = cite.value.replace(access, access.replace("…", today));
  }
  var status = bar.querySelector(".copied");
  Array.prototype.forEach.call(bar.querySelectorAll("button[data-copy]"), function (b) {
    var field = document.getElementById(b.getAttribute("data-copy"));
    if (!field) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      var done = function () {
        if (status) status.textContent = status.getAttribute("data-done");
      };
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          if (document.execCommand("copy")) done();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
  // Saves the file at url (a blob's address) as name.
  function save(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // The picture of the map as shown: the map's SVG (at src) drawn at twice its size into a
  // canvas, saved as a PNG. The button's data-png keeps the last picture's address and
  // data-svg the SVG's.
  function draw(b, src) {
    var img = new Image();
    img.onload = function () {
      var c = document.createElement("canvas");
      c.width = 2 * img.naturalWidth;
      c.height = 2 * img.naturalHeight;
      var g = c.getContext("2d");
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      c.toBlob(function (png) {
        if (b.dataset.png) URL.revokeObjectURL(b.dataset.png);
        b.dataset.png = URL.createObjectURL(png);
        save(b.dataset.png, b.getAttribute("data-name"));
      }, "image/png");
    };
    b.dataset.svg = src;
    img.src = src;
  }
  Array.prototype.forEach.call(bar.querySelectorAll("button[data-draw]"), function (b) {
    b.parentNode.hidden = false;
    b.addEventListener("click", function () { draw(b, b.getAttribute("data-draw")); });
  });
  // A province's year page has no map file: its map is written here, as the site writes its
  // map files (render/mapsvg.go), from the province's shapes file (each unit's path by id,
  // the patterns, each class's fill and the borders' stroke) and the page's map as the year
  // slider shows it (the units' order, classes and titles, the map's title). Characters are
  // escaped as Go's template.HTMLEscapeString escapes them.
  var build = bar.querySelector("button[data-build]");
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }
  function built() {
    var svg = document.querySelector(".map svg");
    return fetch(build.getAttribute("data-build")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "image/svg+xml"), root = doc.documentElement;
      var fills = JSON.parse(root.getAttribute("data-fills")), d = {};
      Array.prototype.forEach.call(doc.querySelectorAll("defs > path[id]"), function (p) {
        d[p.getAttribute("id")] = p.getAttribute("d");
      });
      var box = svg.getAttribute("viewBox"), vb = box.split(" ");
      var out = ['<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + esc(box) + '" width="' + svg.getAttribute("width") +
          '" height="' + svg.getAttribute("height") + '">',
        "<title>" + esc(svg.querySelector("title").textContent) + "</title>",
        "<desc>" + esc(build.getAttribute("data-about")) + "</desc>",
        // The patterns, as written into the shapes file: between its first line and its shapes.
        text.slice(text.indexOf("\n") + 1, text.lastIndexOf("\n<defs>\n")),
        '<rect x="' + vb[0] + '" y="' + vb[1] + '" width="' + vb[2] + '" height="' + vb[3] + '" fill="#fff"/>',
        '<g stroke="' + esc(root.getAttribute("data-stroke")) + '" stroke-width="' +
          esc(root.getAttribute("data-stroke-width")) + '" fill-rule="evenodd">'];
      Array.prototype.forEach.call(svg.querySelectorAll("a"), function (a) {
        var use = a.querySelector("use"), id = use.getAttribute("href").split("#")[1];
        var fill = fills[use.getAttribute("class")];
        if (!fill || !d[id]) throw new Error("no fill or shape for " + id);
        out.push('<path fill="' + esc(fill) + '" d="' + esc(d[id]) + '"><title>' +
          esc(a.querySelector("title").textContent) + "</title></path>");
      });
      out.push("</g>", "</svg>", "");
      if (build.dataset.svg) URL.revokeObjectURL(build.dataset.svg);
      build.dataset.svg = URL.createObjectURL(new Blob([out.join("\n")], { type: "image/svg+xml" }));
      return build.dataset.svg;
    });
  }
  if (build) {
    build.parentNode.hidden = false;
    build.addEventListener("click", function () {
      built().then(function (url) { save(url, build.getAttribute("data-name")); });
    });
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-draw-built]"), function (b) {
      b.parentNode.hidden = false;
      b.addEventListener("click", function () {
        built().then(function (url) { draw(b, url); });
      });
    });
  }
  // The year slider: listened to on the document, so years.js has already shown the year.
  var range = document.getElementById("year-range"), h1 = document.querySelector("h1");
  if (!range || !url || !h1) return;
  var year = range.value, title = h1.textContent;
  document.addEventListener("input", function (e) {
    if (e.target !== range || range.value === year) return;
    var from = "/nam/" + year + "/", to = "/nam/" + range.value + "/";
    var swap = function (s) { return s.split(from).join(to); };
    var old = url.value;
    url.value = swap(old);
    Array.prototype.forEach.call(bar.querySelectorAll("a[download]"), function (a) {
      a.setAttribute("href", swap(a.getAttribute("href")));
    });
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-name]"), function (b) {
      if (b.hasAttribute("data-draw")) b.setAttribute("data-draw", swap(b.getAttribute("data-draw")));
      if (b.hasAttribute("data-about")) b.setAttribute("data-about", swap(b.getAttribute("data-about")));
      b.setAttribute("data-name", b.getAttribute("data-name").replace(/(^|-)nam-\d+-/, "$1nam-" + range.value + "-"));
    });
    if (cite) cite.value = cite.value.split(old).join(url.value).split(title).join(h1.textContent);
    year = range.value;
    title = h1.textContent;
  });
})();
