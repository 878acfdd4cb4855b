// Full-text search over the index in search/, loaded as scripts so it
// works from file:// too. Tokens and hashing mirror internal/search (see
// there for why); internal/search/searchtest is this search in Go.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var form = document.getElementById("search-form");
  if (!form) return;
  var Q = window.qdSearch = {}, waits = {}, meta;
  var KIND = ["单位", "部分", "事项", "任务"], ROLE = { lead: "牵头", responsible: "负责", cooperate: "配合", supervise: "督促企业落实", guide: "指导" };
  var PAGE = 20, HAN = /\p{Script=Han}/u;

  function load(key, file) {
    if (!waits[key]) {
      var w = waits[key] = {};
      w.p = new Promise(function (ok, fail) {
        w.ok = ok;
        var s = document.createElement("script");
        s.src = root + "search/" + file;
        s.onerror = function () { fail(new Error(file)); };
        document.head.appendChild(s);
      });
    }
    return waits[key].p;
  }
  function got(key) { return function (i, v) { var w = waits[key + (key === "meta" || key === "u" ? "" : i)]; if (w) w.ok(v); }; }
  Q.meta = got("meta"); Q.t = got("t"); Q.d = got("d"); Q.a = got("a"); Q.u = got("u");

  // ---- tokens, as internal/search.Tokens ----
  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xFF01 && n <= 0xFF5E) n -= 0xFEE0;
    if (n >= 65 && n <= 90) n += 32;
    return String.fromCodePoint(n);
  }
  function isWord(c) { return /^[a-z0-9]$/.test(c); }
  function terms(q) {
    var out = [], cur = "", han = false, seen = {};
    function flush() { if (cur && !seen[cur]) { seen[cur] = 1; out.push({ t: cur, han: han }); } cur = ""; }
    Array.from(q).forEach(function (c) {
      c = fold(c);
      if (HAN.test(c)) { if (!han) flush(); han = true; cur += c; }
      else if (isWord(c)) { if (han) flush(); han = false; cur += c; }
      else flush();
    });
    flush();
    return out;
  }
  function hash(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }
  // postings of a token: Map doc → ascending values pos*2+title
  function postings(tok) {
    var i = hash(tok) % meta.shards;
    var single = Array.from(tok).length === 1 && HAN.test(tok);
    return load("t" + i, "t/" + i + ".js").then(function (m) {
      var flat = m[tok] || [], out = new Map(), doc = 0;
      for (var k = 0; k < flat.length;) {
        doc += flat[k]; var n = flat[k + 1], v = 0, occ = [];
        k += 2;
        if (single) {
          // count*2+title: no positions; n occurrences, one in the title if flagged
          for (var c = 0; c < n >> 1; c++) occ.push(c === 0 ? n & 1 : 0);
        } else {
          for (var j = 0; j < n; j++) { v += flat[k++]; occ.push(v); }
        }
        out.set(doc, occ);
      }
      return out;
    });
  }
  function termMatches(term) {
    var r = Array.from(term.t);
    if (!term.han || r.length === 1) return postings(term.t);
    var pairs = [];
    for (var i = 0; i + 1 < r.length; i++) pairs.push(r[i] + r[i + 1]);
    return Promise.all(pairs.map(postings)).then(function (ls) {
      var out = new Map();
      ls[0].forEach(function (occ, doc) {
        var found = occ.filter(function (v) {
          var p = v >> 1;
          for (var i = 1; i < ls.length; i++) {
            var o = ls[i].get(doc);
            if (!o || (o.indexOf((p + i) * 2) < 0 && o.indexOf((p + i) * 2 + 1) < 0)) return false;
          }
          return true;
        });
        if (found.length) out.set(doc, found);
      });
      return out;
    });
  }
  function attrs(doc) {
    var i = Math.floor(doc / meta.attrShard);
    return load("a" + i, "a/" + i + ".js").then(function (a) { var k = (doc % meta.attrShard) * 4; return a.slice(k, k + 4); });
  }
  function docOf(doc) {
    var i = Math.floor(doc / meta.docShard);
    return load("d" + i, "d/" + i + ".js").then(function (d) { return d[doc % meta.docShard]; });
  }
  function span(lists) {
    if (lists.length < 2) return 0;
    var best = -1;
    lists[0].forEach(function (p) {
      var lo = p, hi = p;
      lists.slice(1).forEach(function (l) {
        var near = l.reduce(function (a, q) { return Math.abs(q - p) < Math.abs(a - p) ? q : a; }, l[0]);
        lo = Math.min(lo, near); hi = Math.max(hi, near);
      });
      if (best < 0 || hi - lo < best) best = hi - lo;
    });
    return best;
  }
  // search(q, filter) → ranked results
  function search(q, f) {
    var ts = terms(q);
    if (!ts.length) return Promise.resolve([]);
    return Promise.all(ts.map(termMatches)).then(function (ms) {
      var docs = [];
      ms[0].forEach(function (_, d) { if (ms.every(function (m) { return m.has(d); })) docs.push(d); });
      // The filter attributes are loaded only when a filter is set: the
      // units come first in the index, so the kind needs no loading.
      var filtered = f.s || f.k || f.r;
      return Promise.all(filtered ? docs.map(attrs) : []).then(function (as) {
        var out = [];
        docs.forEach(function (d, n) {
          var a = as[n];
          if (filtered && ((f.s && a[1] !== f.s - 1) || (f.k && !(a[2] & (1 << (f.k - 1)))) || (f.r && !(a[3] & (1 << (f.r - 1)))))) return;
          var r = { doc: d, unit: d < meta.units, th: 0, hits: 0 }, pos = [];
          ms.forEach(function (m, ti) {
            var vs = m.get(d), inTitle = false;
            vs.forEach(function (v) { r.hits++; if (v & 1) { r.th++; inTitle = true; } });
            if (!inTitle) r.unit = false;
            if (!(ts[ti].han && Array.from(ts[ti].t).length === 1)) pos.push(vs.map(function (v) { return v >> 1; }));
          });
          r.span = span(pos);
          out.push(r);
        });
        out.sort(function (x, y) {
          return (y.unit - x.unit) || ((y.th > 0) - (x.th > 0)) || (y.hits - x.hits) || (x.span - y.span) || (x.doc - y.doc);
        });
        return out;
      });
    });
  }

  // ---- page ----
  var input = document.getElementById("search-q"), list = document.getElementById("results"),
    count = document.getElementById("result-count"), more = document.getElementById("more"),
    hints = document.getElementById("suggest"), sel = {};
  ["s", "k", "r"].forEach(function (k) { sel[k] = form.querySelector("[name=" + k + "]"); });
  var shown = [], at = 0, run = 0;

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function snippet(text, tlen, ts) {
    var cs = Array.from(text), f = cs.map(fold), start = -1, marks = [];
    ts.forEach(function (t) {
      var w = Array.from(t.t);
      for (var i = 0; i + w.length <= f.length; i++) {
        var ok = true;
        for (var j = 0; j < w.length && ok; j++) ok = f[i + j] === w[j];
        if (ok && (t.han || !isWord(f[i - 1] || " ") && !isWord(f[i + w.length] || " "))) {
          marks.push([i, i + w.length]);
          if (i >= tlen && (start < 0 || i < start)) start = i;
        }
      }
    });
    if (start < 0) start = tlen;
    var from = Math.max(tlen, start - 30), to = Math.min(cs.length, from + 110), p = el("p", "snippet");
    if (from > tlen) p.appendChild(document.createTextNode("…"));
    for (var i = from; i < to;) {
      var m = marks.filter(function (x) { return x[0] <= i && i < x[1]; })[0];
      var next = to;
      marks.forEach(function (x) { if (x[0] > i && x[0] < next) next = x[0]; });
      if (m) { p.appendChild(el("mark", "", cs.slice(i, Math.min(m[1], to)).join(""))); i = Math.min(m[1], to); }
      else { p.appendChild(document.createTextNode(cs.slice(i, next).join("").replace(/\n/g, " "))); i = next; }
    }
    if (to < cs.length) p.appendChild(document.createTextNode("…"));
    return p;
  }
  function render(ts, upto) {
    var page = shown.slice(at, upto), mine = run;
    return Promise.all(page.map(function (r) { return docOf(r.doc); })).then(function (ds) {
      if (mine !== run) return;
      ds.forEach(function (d, n) {
        var li = el("li", "result"), h = el("p", "result-head"), a = el("a", "", d[1]);
        a.href = root + d[3];
        a.setAttribute("data-doc", page[n].doc);
        h.appendChild(a); h.appendChild(el("span", "kind kind-" + d[0], KIND[["unit", "section", "item", "task"].indexOf(d[0])]));
        li.appendChild(h);
        li.appendChild(el("p", "crumb", d[2]));
        if (d[0] !== "unit") li.appendChild(snippet(d[4], d[5] ? d[5] + 1 : 0, ts));
        if (d[6].length) {
          var c = el("p", "chips");
          d[6].forEach(function (u) {
            var x = el(u[2] ? "a" : "span", "chip role-" + u[1], u[0] + " · " + ROLE[u[1]]);
            if (u[2]) x.href = root + u[2];
            c.appendChild(x);
          });
          li.appendChild(c);
        }
        list.appendChild(li);
      });
      at = upto;
      more.hidden = at >= shown.length;
    });
  }
  function suggest(q, ts) {
    hints.textContent = "";
    var han = ts.filter(function (t) { return t.han; })[0], ascii = ts.filter(function (t) { return !t.han; })[0], out = [];
    var tries = [];
    if (han && Array.from(han.t).length > 1) {
      var r = Array.from(han.t);
      tries.push(r.slice(0, -1).join(""), r.slice(1).join(""));
    }
    return Promise.all(tries.map(function (t) { return search(t, {}); })).then(function (rs) {
      rs.forEach(function (r, i) { if (r.length) out.push([tries[i] + "（" + r.length + "）", "search.html?q=" + encodeURIComponent(tries[i])]); });
      return load("u", "units.js");
    }).then(function (us) {
      us.forEach(function (u) {
        var py = u[2].replace(/ /g, "");
        if ((ascii && (py.indexOf(ascii.t) >= 0 || u[3].indexOf(ascii.t) >= 0)) ||
          (han && Array.from(han.t).some(function (c, i, a) { return i + 1 < a.length && u[0].indexOf(c + a[i + 1]) >= 0; }))) out.push([u[0], u[1]]);
      });
      if (!out.length) return;
      hints.appendChild(el("span", "", "试试："));
      out.slice(0, 10).forEach(function (o) { var a = el("a", "", o[0]); a.href = root + o[1]; hints.appendChild(a); });
    });
  }
  function go() {
    var q = input.value.trim(), f = { s: +sel.s.value, k: +sel.k.value, r: +sel.r.value }, mine = ++run, ts = terms(q);
    list.textContent = ""; hints.textContent = ""; more.hidden = true; shown = []; at = 0;
    document.title = (q ? q + " · " : "") + document.title.replace(/^.* · (?=搜索)/, "");
    if (!ts.length) { count.textContent = q ? "请输入汉字、拼音或数字。" : ""; return Promise.resolve(); }
    count.textContent = "正在搜索…";
    return load("meta", "meta.js").then(function (m) { meta = m; return search(q, f); }).then(function (rs) {
      if (mine !== run) return;
      shown = rs;
      count.textContent = "“" + q + "”共 " + rs.length + " 条结果";
      if (!rs.length) return suggest(q, ts);
      return render(ts, Math.min(PAGE, rs.length));
    }).catch(function (e) { count.textContent = "搜索索引未能载入（" + e.message + "）。"; });
  }
  function fromURL() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    ["s", "k", "r"].forEach(function (k) { sel[k].value = p.get(k) || ""; });
    return go();
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var p = new URLSearchParams();
    p.set("q", input.value.trim());
    ["s", "k", "r"].forEach(function (k) { if (sel[k].value) p.set(k, sel[k].value); });
    try { history.pushState(null, "", "?" + p.toString()); } catch (err) { /* file:// in some browsers */ }
    go();
  });
  ["s", "k", "r"].forEach(function (k) { sel[k].addEventListener("change", function () { form.requestSubmit(); }); });
  more.addEventListener("click", function () { render(terms(input.value), Math.min(at + PAGE, shown.length)); });
  window.addEventListener("popstate", fromURL);
  // Arrow keys move between the box and the results; Enter opens one.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll(".result-head a")), i = links.indexOf(document.activeElement);
    if (i < 0 && document.activeElement !== input) return;
    e.preventDefault();
    if (e.key === "ArrowDown") (links[i + 1] || links[i] || input).focus();
    else (i > 0 ? links[i - 1] : input).focus();
  });
  window.qdSearch.run = function (q, f) { return load("meta", "meta.js").then(function (m) { meta = m; return search(q, f || {}); }); };
  fromURL();
})();
