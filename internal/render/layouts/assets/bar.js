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
  // The picture of the map as shown: the map's SVG drawn at twice its size into a canvas,
  // saved as a PNG. The button's data-png keeps the last picture's address.
  Array.prototype.forEach.call(bar.querySelectorAll("button[data-draw]"), function (b) {
    b.parentNode.hidden = false;
    b.addEventListener("click", function () {
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
          var a = document.createElement("a");
          a.href = b.dataset.png;
          a.download = b.getAttribute("data-name");
          document.body.appendChild(a);
          a.click();
          a.remove();
        }, "image/png");
      };
      img.src = b.getAttribute("data-draw");
    });
  });
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
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-draw]"), function (b) {
      b.setAttribute("data-draw", swap(b.getAttribute("data-draw")));
      b.setAttribute("data-name", b.getAttribute("data-name").replace(/(^|-)nam-\d+-/, "$1nam-" + range.value + "-"));
    });
    if (cite) cite.value = cite.value.split(old).join(url.value).split(title).join(h1.textContent);
    year = range.value;
    title = h1.textContent;
  });
})();
