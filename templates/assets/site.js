// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // The unit picker on the home page opens the chosen unit's page.
  document.querySelectorAll("[data-picker]").forEach(function (form) {
    var select = form.querySelector("select");
    function go(e) {
      if (e) e.preventDefault();
      if (select.value) location.href = select.value;
    }
    form.addEventListener("submit", go);
    select.addEventListener("change", go);
  });
  // The filter of the units index: by name, pinyin or initials.
  document.querySelectorAll("[data-unit-filter]").forEach(function (form) {
    var input = form.querySelector("input");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      document.querySelectorAll("tr[data-name]").forEach(function (row) {
        var hit = !q || row.getAttribute("data-name").toLowerCase().indexOf(q) >= 0 ||
          row.getAttribute("data-pinyin").indexOf(q) >= 0;
        row.hidden = !hit;
      });
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  // "/" focuses the search box, as on most sites.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && !(t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable))) {
      var box = document.getElementById("search-q") || document.getElementById("site-q");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });
})();
