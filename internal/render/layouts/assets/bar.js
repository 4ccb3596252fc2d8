// NTM Atlas: the journalists' bar. Without this script its panels work as they are: the
// fields are read-only text to select and copy, and the citation says "accessed on …". With
// it, each field gets a copy button, and the citation today's date as its access date.
(function () {
  "use strict";
  var bar = document.querySelector(".bar");
  if (!bar) return;
  var cite = document.getElementById("bar-cite");
  if (cite) {
    var d = new Date(), lang = document.documentElement.lang;
    var today = lang === "vi"
      ? ("0" + d.getDate()).slice(-2) + "/" + ("0" + (d.getMonth() + 1)).slice(-2) + "/" + d.getFullYear()
      : d.getDate() + " " + d.toLocaleString("en-GB", { month: "long" }) + " " + d.getFullYear();
    var before = cite.getAttribute("data-access"), after = cite.getAttribute("data-access-js");
    if (before && after) cite.value = cite.value.replace(before, after.replace("%s", today));
  }
  var status = bar.querySelector(".copied");
  function copied(field) {
    if (status) status.textContent = status.getAttribute("data-done");
    field.focus();
  }
  Array.prototype.forEach.call(bar.querySelectorAll("button[data-copy]"), function (b) {
    var field = document.getElementById(b.getAttribute("data-copy"));
    if (!field) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { copied(field); }, function () {
          if (document.execCommand("copy")) copied(field);
        });
      } else if (document.execCommand("copy")) {
        copied(field);
      }
    });
  });
})();
