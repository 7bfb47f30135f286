// Search on /search/ and the 404 page, against the Pagefind index built after the site.
// Pagefind's module is imported on the first search only, so no other page pays for it.
// Without this script the form still submits to /search/, which says what to do instead.
(() => {
  "use strict";

  const form = document.querySelector("[data-search]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const SHOWN = 20;
  let pagefind = null;
  let latest = 0;

  document.querySelector("[data-search-without-js]").hidden = true;

  // Pagefind marks the words found with <mark>; keep those and plain text, nothing else.
  function excerpt(html) {
    const paragraph = document.createElement("p");
    const parsed = new DOMParser().parseFromString(html, "text/html");
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    }
    return paragraph;
  }

  function resultItem(page) {
    const item = document.createElement("li");
    item.className = "search__result";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    heading.append(link);
    item.append(heading, excerpt(page.excerpt));
    return item;
  }

  function summary(count, query) {
    if (count === 0) return `Nothing found for “${query}”. Try fewer or other words.`;
    const found = `${count} ${count === 1 ? "page" : "pages"} found for “${query}”`;
    return count > SHOWN ? `${found}; the first ${SHOWN} are shown.` : `${found}.`;
  }

  async function search(query) {
    const ticket = ++latest; // a slow earlier search must not replace a later one
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    try {
      pagefind ??= await import(form.dataset.search);
      const found = await pagefind.search(query);
      const pages = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
      if (ticket !== latest) return;
      list.replaceChildren(...pages.map(resultItem));
      status.textContent = summary(found.results.length, query);
    } catch (error) {
      status.textContent = "Search is not working right now. The archives list every post.";
      throw error;
    }
  }

  // On /search/ the address keeps the query, so a search can be bookmarked or shared.
  function remember(query) {
    if (new URL(form.action).pathname !== location.pathname) return;
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    history.replaceState(null, "", url);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    remember(input.value);
    search(input.value);
  });

  let typing = 0;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => search(input.value), 300);
  });

  // A missing page's address often names what the reader was after: /grow-roots/ → "grow roots".
  function wordsFromPath() {
    const last = location.pathname.split("/").filter(Boolean).pop() || "";
    const words = decodeURIComponent(last).replace(/\.html?$/, "").split(/[^\p{L}\p{N}]+/u);
    return words.filter((word) => word && !/^\d+$/.test(word)).join(" ");
  }

  const initial = form.hasAttribute("data-search-from-path")
    ? wordsFromPath()
    : new URLSearchParams(location.search).get("q") || "";
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
