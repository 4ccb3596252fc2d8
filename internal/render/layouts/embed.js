// NTM Atlas embeds: optional auto-height (docs/urls.md, "Embeds").
//
// Inside an embed page (in a frame), it posts the page's height to the host page. On a host
// page, it listens for those messages and sets the height of the iframe that sent one, if
// that iframe shows a page of the atlas's origin (the origin this script was loaded from).
// Without this script an embed keeps the height its snippet gives it.
(function () {
  "use strict";
  var TYPE = "ntm-atlas:height";
  if (window.parent !== window) {
    var post = function () {
      var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      window.parent.postMessage({ type: TYPE, height: h }, "*"); // a height is no secret
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", post);
    } else {
      post();
    }
    window.addEventListener("load", post);
    if (window.ResizeObserver) {
      new ResizeObserver(post).observe(document.documentElement);
    }
    return;
  }
  var me = document.currentScript && document.currentScript.src;
  if (!me) {
    return;
  }
  var origin = new URL(me).origin;
  window.addEventListener("message", function (e) {
    if (e.origin !== origin || !e.data || e.data.type !== TYPE) {
      return;
    }
    var h = Number(e.data.height);
    if (!isFinite(h) || h <= 0 || h > 10000) {
      return;
    }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow !== e.source) {
        continue;
      }
      try {
        if (new URL(f.src, document.baseURI).origin !== origin) {
          return;
        }
      } catch (err) {
        return;
      }
      f.style.height = h + "px";
      return;
    }
  });
})();
