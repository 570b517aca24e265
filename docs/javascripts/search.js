/* The search page (search.md): Pagefind's interface over the index that
 * generator/rendering/search.py builds after every build. Runs the query from the address
 * (search/?q=…, sent by the search form in the header) on load and keeps the address
 * in step with what is typed, so a search can be shared as a link. */
(function () {
  "use strict";

  var element = document.getElementById("search");
  if (!element) {
    return;
  }
  if (typeof PagefindUI === "undefined") {
    element.textContent =
      "Поиск недоступен: указатель поиска не собран. Соберите сайт командой mkdocs build.";
    return;
  }

  // The site's root, from this script's own address (<root>/javascripts/search.js), so
  // results link correctly wherever the site is published.
  var script = document.currentScript;
  var root = script ? new URL("../", script.src).pathname : "/";

  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    translations: {
      placeholder: "Что найти",
      clear_search: "Очистить",
      load_more: "Показать ещё",
      search_label: "Поиск по всем страницам сайта",
      filters_label: "Фильтры",
      zero_results: "По запросу «[SEARCH_TERM]» ничего не найдено",
      many_results: "Найдено по запросу «[SEARCH_TERM]»: [COUNT]",
      one_result: "Найдено по запросу «[SEARCH_TERM]»: [COUNT]",
      alt_search:
        "По запросу «[SEARCH_TERM]» ничего не найдено. Показаны результаты по запросу «[DIFFERENT_TERM]»",
      search_suggestion:
        "По запросу «[SEARCH_TERM]» ничего не найдено. Попробуйте другой запрос:",
      searching: "Ищем «[SEARCH_TERM]»…",
    },
  });

  // Pagefind names its field only by a title; give it a label that screen readers announce.
  var input = element.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.setAttribute("aria-label", "Что найти на сайте");
    input.focus();
  }

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
    var header = document.querySelector(".cnppm-search__input");
    if (header) {
      header.value = query;
    }
  }

  element.addEventListener("input", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) {
      return;
    }
    var url = new URL(window.location.href);
    if (target.value.trim()) {
      url.searchParams.set("q", target.value.trim());
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
  });
})();
