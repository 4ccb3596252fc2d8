// NTM Atlas search: finds current and former units as the reader types, on the search page.
//
// The index is split in shards by the first letters of each word (see docs/urls.md): the
// manifest (tim-kiem/i/index.json) is fetched on first use, when the field gets the focus or a
// query, not on page load, and then only the shard of the query's first word. Its keys are folded at build time by Go's
// vi.Fold; fold below must give the same key for the same text. Results are plain links in a
// list; the status line, a polite live region, says how many were found. The query is kept
// in the page's URL (?q=…) so a search can be shared, and read from it on load.
(function () {
  "use strict";

  var marks;
  try {
    marks = new RegExp("\\p{Mn}", "gu");
  } catch (e) {
    marks = /[\u0300-\u036f]/g; // the combining marks Vietnamese uses
  }

  // fold is vi.Fold: canonical decomposition, combining marks removed, recomposed, đ → d,
  // lower case, runs of spaces made one and trimmed.
  function fold(s) {
    return s.normalize("NFD").replace(marks, "").normalize("NFC")
      .replace(/[đĐ]/g, "d").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  window.atlasFold = fold; // for the browser tests, which check it against vi.Fold

  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list || !window.fetch || !"".normalize) {
    return;
  }
  var text = form.dataset;
  var statuses = {};
  try {
    statuses = JSON.parse(text.statuses || "{}");
  } catch (e) {
    // no status names: the results show none
  }
  var max = 50; // results shown at most
  var base = text.index.replace(/index\.json$/, "");
  var shards = null; // the manifest's prefixes, once loaded
  var units = {}; // each loaded shard's entries, by prefix
  var loading = {};
  var timer = 0;

  function get(url, done, key) {
    if (!loading[key]) {
      loading[key] = fetch(url)
        .then(function (r) {
          if (!r.ok) {
            throw new Error(r.status);
          }
          return r.json();
        })
        .then(done)
        .catch(function () {
          loading[key] = null; // try again on the next query
          status.textContent = text.failed;
        });
    }
    return loading[key];
  }

  function load() {
    return get(text.index, function (m) { shards = m.s; }, "");
  }

  // key is Go's ShardPrefix of a folded word.
  function key(w, n) {
    var an = /[a-z0-9]/;
    for (var i = 0; i < n; i++) {
      if (i === w.length || !an.test(w[i])) {
        return i ? w.slice(0, i) + "_" : "";
      }
    }
    return w.slice(0, n);
  }

  // prefix is the shard of the manifest that holds the query's words: the shortest key of
  // its first word w that is a shard; when that is a whole word split by the word after it
  // (Go's shards), the shard of the next word's first letters, else the word's own (which
  // holds what a query of the word alone shows first). "?" when the shards there are longer
  // than w (more letters needed), "" when there is none.
  function prefix(w, next) {
    for (var n = 2; n <= 8; n++) {
      var k = key(w, n);
      if (shards.indexOf(k) >= 0) {
        if (k.slice(-1) === "_" && next !== undefined) {
          for (var m = 1; m <= 3; m++) {
            var k2 = k + key(next, m);
            if (shards.indexOf(k2) >= 0) {
              return k2;
            }
            if (k2.slice(-1) === "_") {
              break;
            }
          }
        }
        return k;
      }
      if (k.slice(-1) === "_") {
        break;
      }
    }
    var short = key(w, 8).replace(/_$/, "");
    return shards.some(function (s) { return s.indexOf(short) === 0 && s.length > short.length + 1; }) ? "?" : "";
  }

  // at ranks how q matches a key: 0 the whole key, 1 its start, 2 the start of a later
  // word, 3 inside a word, -1 not at all. Without their spaces, "chiengco" matches
  // "chieng co" as the whole key.
  function at(key, q) {
    var i = key.indexOf(q);
    if (i < 0) {
      var k = key.replace(/ /g, ""), c = q.replace(/ /g, "");
      i = k.indexOf(c);
      return i < 0 ? -1 : i > 0 ? 3 : k.length === c.length ? 0 : 1;
    }
    if (i === 0) {
      return key.length === q.length ? 0 : 1;
    }
    return key.indexOf(" " + q) >= 0 ? 2 : 3;
  }

  // rank ranks an entry for q: matches of its own name or code first (0–3), then of its other
  // names, district and province (4–7); -1 when nothing matches.
  function rank(u, q) {
    var r = at(u.k, q);
    var c = at(u.c, q);
    if (c >= 0 && (r < 0 || c < r)) {
      r = c;
    }
    if (r >= 0) {
      return r;
    }
    (u.x || []).forEach(function (k) {
      var o = at(k, q);
      if (o >= 0 && (r < 0 || o + 4 < r)) {
        r = o + 4;
      }
    });
    return r;
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (content) {
      e.textContent = content;
    }
    return e;
  }

  // Names are Vietnamese; on a page in another language, say so.
  var lang = document.documentElement.lang === "vi" ? "" : "vi";

  function show(raw) {
    var q = fold(raw);
    var url = location.pathname + (q ? "?q=" + encodeURIComponent(raw.trim()) : "");
    history.replaceState(null, "", url);
    list.textContent = "";
    if (!q) {
      status.textContent = "";
      return;
    }
    var words = q.split(" ");
    var p = shards ? prefix(words[0], words[1]) : "";
    if (p === "?") {
      status.textContent = text.letters;
      return;
    }
    if (!shards || (p && !units[p])) {
      status.textContent = text.loading;
      (shards ? get(base + p + ".json", function (ix) { units[p] = ix.units; }, p) : load()).then(function () {
        if (shards && fold(input.value) === q) {
          show(raw);
        }
      });
      return;
    }
    var hits = [];
    (units[p] || []).forEach(function (u, i) {
      var r = rank(u, q);
      if (r >= 0) {
        // Equal ranks: current units before former ones, then the index's order.
        hits.push({u: u, r: r * 2 + (u.f ? 1 : 0), i: i});
      }
    });
    hits.sort(function (a, b) {
      return a.r - b.r || a.i - b.i;
    });
    var msg = hits.length ? text.found.replace("%d", hits.length) : text.none;
    if (hits.length > max) {
      msg += " " + text.more.replace("%d", max);
    }
    hits.slice(0, max).forEach(function (h) {
      var u = h.u;
      var li = el("li");
      var a = el("a", "", u.t + " " + u.n);
      a.href = text.home + u.u;
      if (lang) {
        a.lang = lang;
      }
      li.appendChild(a);
      var meta = el("span", "meta", [u.f ? text.former : text.current, u.c, u.d, u.p].filter(Boolean).join(" · "));
      if (statuses[u.s]) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", "status", statuses[u.s] + (u.y ? " (" + u.y + ")" : "")));
      }
      if (u.o) {
        meta.appendChild(document.createTextNode(" · " + (u.f ? text.became : text.formedFrom) + " "));
        var names = el("span", "", u.o.join(", "));
        if (lang) {
          names.lang = lang;
        }
        meta.appendChild(names);
      }
      li.appendChild(meta);
      list.appendChild(li);
    });
    status.textContent = msg;
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
    }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    show(input.value);
  });
  // Down arrow from the field goes to the first result; Tab works as usual.
  input.addEventListener("keydown", function (e) {
    var first = list.querySelector("a");
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    }
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    show(q);
  }
})();
