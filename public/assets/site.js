// Small progressive enhancements; every page works without them. Written
// for ES5 engines too (old Edge, the compatibility mode of 360 and other
// browsers): no syntax after ES5, no API an old engine lacks without a
// check.
(function () {
  "use strict";
  if (!document.addEventListener || !document.querySelectorAll) return;
  var doc = document.documentElement;
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      if (value) window.localStorage.setItem(key, value); else window.localStorage.removeItem(key);
    } catch (e) { /* storage off, or file:// in some browsers */ }
    return null;
  }
  if (!/(^| )js( |$)/.test(doc.className)) doc.className += " js";

  // 字号: 大, 中 (the default), 小, kept across pages.
  function setFont(f) {
    doc.className = doc.className.replace(/ ?font-[a-z]+/g, "") + (f ? " font-" + f : "");
    each("[data-font]", function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-font") === f ? "true" : "false"); });
  }
  setFont(store("qd-font") || "");
  each("[data-font]", function (b) {
    b.addEventListener("click", function () { var f = b.getAttribute("data-font"); store("qd-font", f); setFont(f); });
  });

  // Print: the date goes into the foot of each printed page.
  function printDate() {
    var d = new Date();
    if (doc.style.setProperty) doc.style.setProperty("--print-date", "\"打印日期：" + d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日\"");
  }
  printDate();
  window.addEventListener("beforeprint", printDate);
  each("[data-print]", function (b) {
    b.addEventListener("click", function () { printDate(); window.print(); });
  });

  // The unit picker opens the chosen unit's page on 查看 (Enter, or the
  // button), never on a change of the list: arrow keys move through it.
  each("[data-picker]", function (form) {
    var select = form.querySelector("select");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (select.value) location.href = select.value;
    });
  });

  // The filter of the units index: by name, pinyin or initials.
  each("[data-unit-filter]", function (form) {
    var input = form.querySelector("input");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    function filter() {
      var q = input.value.replace(/^\s+|\s+$/g, "").toLowerCase();
      each("tr[data-name]", function (row) {
        var hit = !q || row.getAttribute("data-name").toLowerCase().indexOf(q) >= 0 ||
          row.getAttribute("data-pinyin").indexOf(q) >= 0;
        row.style.display = hit ? "" : "none";
      });
    }
    input.addEventListener("input", filter);
    input.addEventListener("keyup", filter); // engines without input events
  });

  // "/" focuses the search box, as on most sites.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key === "/" || e.keyCode === 191) && !e.shiftKey && !(t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable))) {
      var box = document.getElementById("search-q") || document.getElementById("site-q");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });

  // A page opened from a search result (?hl=query) marks what was found.
  highlight(param("hl"));

  function param(name) {
    var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(location.search);
    if (!m) return "";
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }
  // fold as internal/search folds: full-width ASCII to ASCII, lower case.
  function fold(s) {
    return s.replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).toLowerCase();
  }
  function highlight(q) {
    var main = document.getElementById("main");
    if (!q || !main || !document.createTreeWalker) return;
    // The query's terms: runs of characters that are neither space nor
    // punctuation; each is marked wherever it stands.
    var terms = fold(q).split(/[\s,，、;；.。:：!！?？'"“”‘’()（）\[\]【】《》<>]+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) return;
    var walker = document.createTreeWalker(main, 4 /* NodeFilter.SHOW_TEXT */, null, false), nodes = [], n;
    while ((n = walker.nextNode())) {
      var p = n.parentNode;
      if (p && !/^(SCRIPT|STYLE|MARK|TEXTAREA|INPUT|SELECT|OPTION|BUTTON)$/.test(p.nodeName)) nodes.push(n);
    }
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue, f = fold(text), spans = [];
      terms.forEach(function (t) {
        for (var i = f.indexOf(t); i >= 0; i = f.indexOf(t, i + t.length)) spans.push([i, i + t.length]);
      });
      if (!spans.length) return;
      spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
      var frag = document.createDocumentFragment(), at = 0;
      spans.forEach(function (s) {
        if (s[0] < at) return; // inside a longer match
        frag.appendChild(document.createTextNode(text.slice(at, s[0])));
        var m = document.createElement("mark");
        m.className = "hit";
        m.appendChild(document.createTextNode(text.slice(s[0], s[1])));
        frag.appendChild(m);
        if (!first) first = m;
        at = s[1];
      });
      frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
    if (first && first.scrollIntoView) first.scrollIntoView(false);
  }
})();
