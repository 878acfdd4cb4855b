// Full-text search over the index in search/, loaded as scripts so it
// works from file:// too. Tokens, hashing and ranking mirror
// internal/search (and internal/search/searchtest); see there for why.
// Written for ES5 engines (old Edge, the compatibility mode of 360 and
// other browsers): no syntax after ES5, no Promise, Map or Array.from;
// an engine too old even for that is told so.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var count = document.getElementById("result-count");
  if (!document.addEventListener || !document.querySelectorAll || !window.JSON || !Array.prototype.forEach) {
    if (count) count.innerHTML = "此浏览器版本过旧，无法使用搜索。请改用较新的浏览器，或从“责任单位”和通知全文查找。";
    return;
  }
  var root = document.body.getAttribute("data-root") || "";
  var Q = window.qdSearch = {}, waits = {}, meta;
  var KIND = ["单位", "部分", "事项", "任务"], ROLE = { lead: "牵头", responsible: "负责", cooperate: "配合", supervise: "督促企业落实", guide: "指导" };
  var PAGE = 20;
  // The ranges of the Han script, as Go's unicode.Han (a test compares).
  var HAN = [0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029, 0x3038, 0x303B, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFA6D, 0xFA70, 0xFAD9, 0x16FE2, 0x16FE3, 0x16FF0, 0x16FF1, 0x20000, 0x2A6DF, 0x2A700, 0x2B739, 0x2B740, 0x2B81D, 0x2B820, 0x2CEA1, 0x2CEB0, 0x2EBE0, 0x2F800, 0x2FA1D, 0x30000, 0x3134A, 0x31350, 0x323AF];

  // ---- loading: each file once, by a script tag; callbacks, not promises ----
  // load(key, file, cb): cb(err, value) when the file has called back.
  function load(key, file, cb) {
    var w = waits[key];
    if (!w) {
      w = waits[key] = { cbs: [] };
      var s = document.createElement("script");
      s.src = root + "search/" + file;
      s.onerror = function () { done(w, new Error(file)); };
      document.getElementsByTagName("head")[0].appendChild(s);
    }
    if (w.done) cb(w.err, w.v); else w.cbs.push(cb);
  }
  function done(w, err, v) {
    if (w.done) return;
    w.done = true; w.err = err; w.v = v;
    var cbs = w.cbs; w.cbs = [];
    cbs.forEach(function (cb) { cb(err, v); });
  }
  function got(key) { return function (i, v) { var w = waits[key + (key === "meta" || key === "u" ? "" : i)]; if (w) done(w, null, v); }; }
  Q.meta = got("meta"); Q.t = got("t"); Q.d = got("d"); Q.a = got("a"); Q.u = got("u"); Q.m = got("m"); Q.n = got("n");
  // all runs fns (each taking a callback) at once; cb(err, results).
  function all(fns, cb) {
    var out = [], left = fns.length, failed = false;
    if (!left) { cb(null, out); return; }
    fns.forEach(function (fn, i) {
      fn(function (err, v) {
        if (failed) return;
        if (err) { failed = true; cb(err); return; }
        out[i] = v;
        if (--left === 0) cb(null, out);
      });
    });
  }

  // ---- characters and tokens, as internal/search.Tokens ----
  function chars(s) { // code points, as strings
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) { out.push(s.charAt(i) + s.charAt(i + 1)); i++; } else out.push(s.charAt(i));
    }
    return out;
  }
  function code(c) {
    var h = c.charCodeAt(0);
    return c.length > 1 ? (h - 0xD800) * 0x400 + (c.charCodeAt(1) - 0xDC00) + 0x10000 : h;
  }
  function isHan(c) {
    var n = code(c);
    for (var i = 0; i < HAN.length; i += 2) if (n >= HAN[i] && n <= HAN[i + 1]) return true;
    return false;
  }
  function fold(c) {
    var n = c.charCodeAt(0);
    if (c.length === 1 && n >= 0xFF01 && n <= 0xFF5E) n -= 0xFEE0; else if (c.length > 1) return c;
    if (n >= 65 && n <= 90) n += 32;
    return String.fromCharCode(n);
  }
  function isWord(c) { return /^[a-z0-9]$/.test(c); }
  function terms(q) {
    var out = [], cur = "", han = false, seen = {};
    function flush() { if (cur && !seen[cur]) { seen[cur] = 1; out.push({ t: cur, han: han }); } cur = ""; }
    chars(q).forEach(function (c) {
      c = fold(c);
      if (isHan(c)) { if (!han) flush(); han = true; cur += c; }
      else if (isWord(c)) { if (han) flush(); han = false; cur += c; }
      else flush();
    });
    flush();
    return out;
  }
  function mul(a, b) { // a*b mod 2^32, as Math.imul (which ES5 lacks) then >>> 0
    return ((((a >>> 16) * b) & 0xFFFF) * 0x10000 + (a & 0xFFFF) * b) >>> 0;
  }
  function hash(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) { h = (h ^ s.charCodeAt(i)) >>> 0; h = mul(h, 16777619); }
    return h;
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  // postings of a token: {doc: ascending values pos*2+title}
  function postings(tok, cb) {
    var i = hash(tok) % meta.shards;
    var single = chars(tok).length === 1 && isHan(tok);
    load("t" + i, "t/" + i + ".js", function (err, m) {
      if (err) return cb(err);
      var flat = has(m, tok) ? m[tok] : [], out = {}, doc = 0;
      for (var k = 0; k < flat.length;) {
        doc += flat[k]; var n = flat[k + 1], v = 0, occ = [];
        k += 2;
        if (single) {
          // count*2+title: no positions; n occurrences, one in the title if flagged
          for (var c = 0; c < n >> 1; c++) occ.push(c === 0 ? n & 1 : 0);
        } else {
          for (var j = 0; j < n; j++) { v += flat[k++]; occ.push(v); }
        }
        out[doc] = occ;
      }
      cb(null, out);
    });
  }
  function termMatches(term, cb) {
    var r = chars(term.t);
    if (!term.han || r.length === 1) return postings(term.t, cb);
    var pairs = [];
    for (var i = 0; i + 1 < r.length; i++) pairs.push(r[i] + r[i + 1]);
    all(pairs.map(function (p) { return function (c) { postings(p, c); }; }), function (err, ls) {
      if (err) return cb(err);
      var out = {};
      Object.keys(ls[0]).forEach(function (doc) {
        var found = ls[0][doc].filter(function (v) {
          var p = v >> 1;
          for (var i = 1; i < ls.length; i++) {
            var o = ls[i][doc];
            if (!o || (o.indexOf((p + i) * 2) < 0 && o.indexOf((p + i) * 2 + 1) < 0)) return false;
          }
          return true;
        });
        if (found.length) out[doc] = found;
      });
      cb(null, out);
    });
  }
  function attrs(doc, cb) {
    var i = Math.floor(doc / meta.attrShard);
    load("a" + i, "a/" + i + ".js", function (err, a) { if (err) return cb(err); var k = (doc % meta.attrShard) * 4; cb(null, a.slice(k, k + 4)); });
  }
  function docOf(doc, cb) {
    var i = Math.floor(doc / meta.docShard);
    load("d" + i, "d/" + i + ".js", function (err, d) { cb(err, d && d[doc % meta.docShard]); });
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
  // search(q, filter, cb) → ranked results, as searchtest.Index.Search;
  // f.mine, when set, is the documents a unit's filter keeps.
  function search(q, f, cb) {
    var ts = terms(q);
    if (!ts.length) return cb(null, []);
    all(ts.map(function (t) { return function (c) { termMatches(t, c); }; }), function (err, ms) {
      if (err) return cb(err);
      var docs = [];
      Object.keys(ms[0]).forEach(function (d) {
        if (ms.every(function (m) { return has(m, d); }) && (!f.mine || has(f.mine, d))) docs.push(+d);
      });
      // The filter attributes are loaded only when a filter is set: the
      // units come first in the index, so the kind needs no loading.
      var filtered = f.s || f.k || f.r;
      all(filtered ? docs.map(function (d) { return function (c) { attrs(d, c); }; }) : [], function (err, as) {
        if (err) return cb(err);
        var out = [];
        docs.forEach(function (d, n) {
          var a = as[n];
          if (filtered && ((f.s && a[1] !== f.s - 1) || (f.k && !(a[2] & (1 << (f.k - 1)))) || (f.r && !(a[3] & (1 << (f.r - 1)))))) return;
          var r = { doc: d, unit: d < meta.units, th: 0, hits: 0 }, pos = [];
          ms.forEach(function (m, ti) {
            var vs = m[d], inTitle = false;
            vs.forEach(function (v) { r.hits++; if (v & 1) { r.th++; inTitle = true; } });
            if (!inTitle) r.unit = false;
            if (!(ts[ti].han && chars(ts[ti].t).length === 1)) pos.push(vs.map(function (v) { return v >> 1; }));
          });
          r.span = span(pos);
          out.push(r);
        });
        out.sort(function (x, y) {
          return (y.unit - x.unit) || ((y.th > 0) - (x.th > 0)) || (y.hits - x.hits) || (x.span - y.span) || (x.doc - y.doc);
        });
        cb(null, out);
      });
    });
  }
  function withMeta(cb) {
    load("meta", "meta.js", function (err, m) { if (!err) meta = m; cb(err); });
  }

  // ---- page ----
  var input = document.getElementById("search-q"), list = document.getElementById("results"),
    more = document.getElementById("more"), hints = document.getElementById("suggest"), sel = {};
  ["s", "k", "r", "u"].forEach(function (k) { sel[k] = form.querySelector("[name=" + k + "]"); });
  var shown = [], at = 0, run = 0, units = [], possibleOf = {};

  function show(e, on) { e.style.display = on ? "" : "none"; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.appendChild(document.createTextNode(text)); return e; }
  function snippet(text, tlen, ts) {
    var cs = chars(text), f = cs.map(fold), start = -1, marks = [];
    ts.forEach(function (t) {
      var w = chars(t.t);
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
  function render(q, ts, upto) {
    var page = shown.slice(at, upto), mine = run;
    all(page.map(function (r) { return function (c) { docOf(r.doc, c); }; }), function (err, ds) {
      if (mine !== run || err) return;
      ds.forEach(function (d, n) {
        var li = el("li", "result"), h = el("p", "result-head"), a = el("a", "", d[1]);
        // The page opened marks what was found (site.js reads hl).
        a.href = root + d[3] + (d[0] === "unit" ? "" : (d[3].indexOf("?") < 0 ? "?" : "&") + "hl=" + encodeURIComponent(q));
        a.setAttribute("data-doc", page[n].doc);
        h.appendChild(a); h.appendChild(el("span", "kind kind-" + d[0], KIND[["unit", "section", "item", "task"].indexOf(d[0])]));
        if (possibleOf[page[n].doc]) h.appendChild(el("span", "kind possible", "可能涉及"));
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
      show(more, at < shown.length);
    });
  }

  // ---- suggestions for a query that finds nothing ----
  // The nearest queries that find something: each term alone, shorter
  // parts of a term (the longest that find), the words the index holds
  // around its characters (汛期 → 防汛), and units by name or pinyin.
  function suggest(q, ts, f, mine) {
    hints.textContent = "";
    var tries = [], seen = {};
    function add(t) { if (t && t !== q && !seen[t]) { seen[t] = 1; tries.push(t); } }
    if (ts.length > 1) ts.forEach(function (t) { add(t.t); });
    var hans = ts.filter(function (t) { return t.han; });
    var steps = [];
    hans.forEach(function (t) {
      var r = chars(t.t);
      // Shorter parts, longest first: the first length that finds wins.
      steps.push(function (next) {
        (function tryLen(n) {
          if (n < 2 && !(n === 1 && r.length === 2)) return next();
          var parts = [];
          for (var i = 0; i + n <= r.length; i++) parts.push(r.slice(i, i + n).join(""));
          all(parts.map(function (p) { return function (c) { search(p, f, c); }; }), function (err, rs) {
            var any = false;
            if (!err) rs.forEach(function (x, i) { if (x.length) { any = true; found[parts[i]] = x.length; add(parts[i]); } });
            if (any) next(); else tryLen(n - 1);
          });
        })(r.length - 1);
      });
      // Words around its characters.
      steps.push(function (next) {
        all(r.map(function (c) {
          return function (cb) {
            var i = hash(c) % (meta.nearShards || 1);
            load("n" + i, "n/" + i + ".js", function (err, m) { cb(null, err || !has(m, c) ? [] : m[c]); });
          };
        }), function (err, lists) {
          var words = [];
          (lists || []).forEach(function (l) { for (var i = 0; i < l.length; i += 2) words.push([l[i], l[i + 1]]); });
          words.sort(function (a, b) { return b[1] - a[1]; });
          words.slice(0, 6).forEach(function (w) { if (!seen[w[0]]) found[w[0]] = -1; add(w[0]); });
          next();
        });
      });
    });
    var found = {};
    (function step(i) {
      if (i < steps.length) return steps[i](function () { step(i + 1); });
      // Count what each suggestion finds, with the filters set.
      all(tries.map(function (t) { return function (c) { search(t, f, c); }; }), function (err, rs) {
        if (mine !== run) return;
        var out = [];
        if (!err) rs.forEach(function (r, i) { if (r.length) out.push([tries[i] + "（" + r.length + "）", "search.html?q=" + encodeURIComponent(tries[i])]); });
        units.forEach(function (u) {
          var py = u[2].replace(/ /g, "");
          if (ts.some(function (t) {
            if (t.han) return chars(t.t).some(function (c, i, a) { return i + 1 < a.length && u[0].indexOf(c + a[i + 1]) >= 0; });
            return py.indexOf(t.t) >= 0 || u[3].indexOf(t.t) >= 0 || (t.t.length >= 4 && near(u[2], t.t));
          })) out.push([u[0], u[1]]);
        });
        if (!out.length) return;
        hints.appendChild(el("span", "", "试试："));
        out.slice(0, 12).forEach(function (o) { var a = el("a", "", o[0]); a.href = root + o[1]; hints.appendChild(a); });
      });
    })(0);
  }
  // near reports whether the pinyin of a name, from one of its
  // syllables on, starts with what was typed but for one letter wrong,
  // missing or extra (yinjiju → shi yingjiju).
  function near(syllables, t) {
    var s = syllables.split(" ");
    for (var i = 0; i < s.length; i++) {
      var py = s.slice(i).join("");
      for (var n = t.length - 1; n <= t.length + 1; n++) if (dist(py.slice(0, n), t) <= 1) return true;
    }
    return false;
  }
  function dist(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }

  // ---- 我的单位: a unit whose tasks alone are searched, kept across pages ----
  function myUnitFilter(cb) {
    var v = sel.u ? sel.u.value : "";
    possibleOf = {};
    if (!v) return cb(null, null);
    var i = -1;
    units.forEach(function (u, k) { if (u[1] === v) i = k; });
    if (i < 0) return cb(null, null);
    load("m" + i, "m/" + i + ".js", function (err, m) {
      if (err) return cb(err);
      var keep = {};
      m.own.forEach(function (d) { keep[d] = true; });
      m.possible.forEach(function (d) { if (!keep[d]) { keep[d] = true; possibleOf[d] = true; } });
      cb(null, keep);
    });
  }
  function store(value) {
    try { if (value) window.localStorage.setItem("qd-unit", value); else window.localStorage.removeItem("qd-unit"); } catch (e) { /* storage off */ }
  }
  function stored() { try { return window.localStorage.getItem("qd-unit") || ""; } catch (e) { return ""; } }

  function go() {
    var q = input.value.replace(/^\s+|\s+$/g, ""), mine = ++run, ts = terms(q),
      f = { s: +sel.s.value, k: +sel.k.value, r: +sel.r.value };
    list.textContent = ""; hints.textContent = ""; show(more, false); shown = []; at = 0;
    document.title = (q ? q + " · " : "") + document.title.replace(/^.* · (?=搜索)/, "");
    if (!ts.length) { count.textContent = q ? "请输入汉字、拼音或数字。" : ""; return; }
    count.textContent = "正在搜索…";
    function fail(err) { if (mine === run) count.textContent = "搜索索引未能载入（" + err.message + "）。"; }
    myUnitFilter(function (err, keep) {
      if (err) return fail(err);
      f.mine = keep;
      search(q, f, function (err, rs) {
        if (err) return fail(err);
        if (mine !== run) return;
        shown = rs;
        count.textContent = "“" + q + "”共 " + rs.length + " 条结果" + (keep ? "（" + sel.u.options[sel.u.selectedIndex].text + "的任务）" : "");
        if (!rs.length) return suggest(q, ts, f, mine);
        render(q, ts, Math.min(PAGE, rs.length));
      });
    });
  }
  function param(p, name) {
    var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(p);
    if (!m) return null;
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }
  function fromURL() {
    var p = location.search;
    input.value = param(p, "q") || "";
    ["s", "k", "r"].forEach(function (k) { sel[k].value = param(p, k) || ""; });
    if (sel.u) {
      var u = param(p, "u");
      sel.u.value = u === null ? stored() : u;
      if (sel.u.selectedIndex < 0) sel.u.value = "";
    }
    go();
  }
  function submit() {
    var parts = ["q=" + encodeURIComponent(input.value.replace(/^\s+|\s+$/g, ""))];
    ["s", "k", "r", "u"].forEach(function (k) { if (sel[k] && sel[k].value) parts.push(k + "=" + encodeURIComponent(sel[k].value)); });
    try { history.pushState(null, "", "?" + parts.join("&")); } catch (err) { /* file:// in some browsers, or no history API */ }
    go();
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
  ["s", "k", "r"].forEach(function (k) { sel[k].addEventListener("change", submit); });
  if (sel.u) sel.u.addEventListener("change", function () { store(sel.u.value); submit(); });
  more.addEventListener("click", function () { render(input.value, terms(input.value), Math.min(at + PAGE, shown.length)); });
  window.addEventListener("popstate", fromURL);
  // Arrow keys move between the box and the results; Enter opens one.
  document.addEventListener("keydown", function (e) {
    var down = e.key === "ArrowDown" || e.key === "Down" || e.keyCode === 40, up = e.key === "ArrowUp" || e.key === "Up" || e.keyCode === 38;
    if (!down && !up) return;
    var links = Array.prototype.slice.call(list.querySelectorAll(".result-head a")), i = links.indexOf(document.activeElement);
    if (i < 0 && document.activeElement !== input) return;
    e.preventDefault();
    if (down) (links[i + 1] || links[i] || input).focus();
    else (i > 0 ? links[i - 1] : input).focus();
  });
  // For tests: run(q, filter, cb), or without cb a promise where there
  // are promises.
  Q.run = function (q, f, cb) {
    function start(cb) { withMeta(function (err) { if (err) return cb(err); search(q, f || {}, cb); }); }
    if (cb || !window.Promise) return start(cb || function () {});
    return new window.Promise(function (ok, fail) { start(function (err, rs) { if (err) fail(err); else ok(rs); }); });
  };
  withMeta(function (err) {
    if (err) { count.textContent = "搜索索引未能载入（" + err.message + "）。"; return; }
    load("u", "units.js", function (err, us) {
      units = err ? [] : us;
      if (sel.u) {
        units.forEach(function (u) { var o = el("option", "", u[0]); o.value = u[1]; sel.u.appendChild(o); });
        show(sel.u.parentNode, true);
      }
      fromURL();
    });
  });
})();
