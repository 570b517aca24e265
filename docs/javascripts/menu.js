/* The menu of phones and tablets (Material's drawer, opened by the ☰ button of the header).
 * Material's button is a <label> that only a pointer can use; here it becomes a button the
 * keyboard reaches (Enter or Space opens and closes the menu, and says whether it is open).
 * An opened menu takes the focus; Escape, or the focus leaving it, closes it. Inside it, what
 * opens a section's panel (or the page's contents) and the panel's title that goes back are
 * buttons too. While closed, extra.css hides the menu, so the keyboard never lands on its
 * off-screen links; it hides the panels off the menu's edge and the lists under a panel too. */
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  var menu = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !menu) {
    return;
  }
  if (!menu.id) {
    menu.id = "cnppm-menu";
  }
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Меню");
  button.setAttribute("aria-controls", menu.id);

  // The width below which the menu is a drawer (Material's breakpoint).
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function setOpen(open, focusButton) {
    if (toggle.checked !== open) {
      toggle.click(); // as a pointer would: Material hears the same change event
    }
    sync();
    if (open) {
      var first = visibleFocusable();
      if (first) {
        first.focus({ preventScroll: true });
      }
    } else if (focusButton) {
      button.focus();
    }
  }

  function visibleFocusable() {
    var candidates = menu.querySelectorAll("a[href], [tabindex='0']");
    for (var i = 0; i < candidates.length; i++) {
      if (getComputedStyle(candidates[i]).visibility === "visible") {
        return candidates[i];
      }
    }
    return null;
  }

  function textOf(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // Sections: each toggle (#__nav_…, or #__toc for the page's contents) has a label that
  // opens its panel and a panel whose title label goes back.
  var sections = [];
  menu.querySelectorAll(".md-nav--primary .md-nav__toggle[id]").forEach(function (input) {
    var item = input.parentElement;
    var opener = item.querySelector('label.md-nav__link[for="' + input.id + '"]');
    var panel = item.querySelector(":scope > nav.md-nav");
    var back = panel && panel.querySelector(':scope > label.md-nav__title[for="' + input.id + '"]');
    if (!opener || !back) {
      return;
    }
    var contents = input.id === "__toc";
    var name = contents ? "" : textOf(item.querySelector("a.md-nav__link")) || textOf(back);
    sections.push({
      input: input,
      opener: opener,
      back: back,
      opens: contents ? "Содержание страницы" : "Раздел «" + name + "»",
      closes: contents ? "Назад из содержания страницы" : "Назад из раздела «" + name + "»",
    });
  });

  function asButton(label, name, expanded) {
    if (!label.hasAttribute("data-cnppm-tabindex")) {
      label.setAttribute("data-cnppm-tabindex", label.getAttribute("tabindex") || "");
    }
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    if (expanded !== null) {
      label.setAttribute("aria-expanded", expanded ? "true" : "false");
    }
  }

  function asMaterialMadeIt(label) {
    if (!label.hasAttribute("data-cnppm-tabindex")) {
      return;
    }
    var tabindex = label.getAttribute("data-cnppm-tabindex");
    label.removeAttribute("data-cnppm-tabindex");
    if (tabindex) {
      label.setAttribute("tabindex", tabindex);
    } else {
      label.removeAttribute("tabindex");
    }
    label.removeAttribute("role");
    label.removeAttribute("aria-label");
    label.removeAttribute("aria-expanded");
  }

  // In the drawer only: beside the sidebar of wide screens these labels are no buttons.
  function syncSections() {
    sections.forEach(function (section) {
      if (narrow.matches) {
        asButton(section.opener, section.opens, section.input.checked);
        asButton(section.back, section.closes, null);
      } else {
        asMaterialMadeIt(section.opener);
        asMaterialMadeIt(section.back);
      }
    });
  }

  function pressed(event) {
    return event.key === "Enter" || event.key === " ";
  }

  sync();
  syncSections();
  toggle.addEventListener("change", sync);
  menu.addEventListener("change", syncSections);
  if (narrow.addEventListener) {
    narrow.addEventListener("change", syncSections);
  }
  // Material closes the menu itself when the address changes (a link to a heading).
  window.addEventListener("hashchange", function () {
    window.setTimeout(sync, 200);
  });

  button.addEventListener("keydown", function (event) {
    if (pressed(event)) {
      event.preventDefault();
      event.stopPropagation(); // Material would click the label on Enter as well
      setOpen(!toggle.checked, true);
    }
  });

  menu.addEventListener("keydown", function (event) {
    if (!pressed(event) || !narrow.matches) {
      return;
    }
    sections.forEach(function (section) {
      var next = null;
      if (event.target === section.opener) {
        next = section.back;
      } else if (event.target === section.back) {
        next = section.opener;
      }
      if (next) {
        event.preventDefault();
        event.stopPropagation();
        section.opener.click();
        next.focus({ preventScroll: true });
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && narrow.matches) {
      setOpen(false, true);
    }
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (toggle.checked && narrow.matches && target instanceof Node) {
      if (!menu.contains(target) && target !== button) {
        setOpen(false, false);
      }
    }
  });
})();
