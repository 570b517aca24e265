/* Tables wider than the screen (on phones, mostly) scroll sideways inside the wrapper that
 * Material puts around every table (.md-typeset__scrollwrap). Such a wrapper becomes a scroll
 * region the keyboard reaches: tabindex="0" (then arrow keys scroll it), role="region" and
 * a name from the table's heading, so a screen reader says what it is. A table that fits
 * gets none of these and is no extra tab stop; a turned phone or a resized window updates them.
 * Sets data-cnppm-tables="ready" on <html> when done (tests/browser wait for it). */
(function () {
  "use strict";

  var WRAPPER = ".md-typeset__scrollwrap";

  // The text of the heading a table belongs to, without the "¶" of its permalink.
  function headingText(heading) {
    var text = "";
    heading.childNodes.forEach(function (node) {
      if (!(node instanceof Element && node.classList.contains("headerlink"))) {
        text += node.textContent;
      }
    });
    return text.replace(/\s+/g, " ").trim();
  }

  function nameOf(wrapper) {
    var table = wrapper.querySelector("table");
    if (table && table.caption && table.caption.textContent.trim()) {
      return "Таблица «" + table.caption.textContent.trim() + "»";
    }
    for (var node = wrapper.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return "Таблица «" + headingText(node) + "»";
      }
    }
    return "Таблица";
  }

  function update(wrapper) {
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", wrapper.dataset.cnppmName + " (прокручивается вбок)");
    } else {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  }

  function setUp() {
    var wrappers = Array.prototype.slice.call(document.querySelectorAll(WRAPPER));
    // Two tables under one heading get different names: a region's name tells it apart.
    var seen = {};
    wrappers.forEach(function (wrapper) {
      var name = nameOf(wrapper);
      seen[name] = (seen[name] || 0) + 1;
      wrapper.dataset.cnppmName = seen[name] > 1 ? name + ", " + seen[name] : name;
      update(wrapper);
    });
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          update(entry.target);
        });
      });
      wrappers.forEach(function (wrapper) {
        observer.observe(wrapper);
      });
    }
    document.documentElement.dataset.cnppmTables = "ready";
  }

  // Material wraps the tables when it mounts the page; wait for that (a few frames at most).
  function whenWrapped(tries) {
    var bare = document.querySelectorAll(".md-typeset table:not([class])").length;
    var wrapped = document.querySelectorAll(WRAPPER + " table:not([class])").length;
    if (wrapped < bare && tries > 0) {
      window.setTimeout(function () {
        whenWrapped(tries - 1);
      }, 50);
    } else {
      setUp();
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      whenWrapped(40);
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      whenWrapped(40);
    });
  } else {
    whenWrapped(40);
  }
})();
