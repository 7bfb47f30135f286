// Give First preview (never in a published page): reload this tab when its page
// changes, follow it when it moves, and show build errors over it.
(() => {
  "use strict";
  const here = () => location.pathname.replace(/index\.html$/, "");
  const events = new EventSource("/__preview/events");
  let overlay = null;

  function show(problems) {
    hide();
    if (!document.querySelector("link[data-preview-overlay]")) {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = "/__preview/overlay.css";
      style.dataset.previewOverlay = "";
      document.head.append(style);
    }
    overlay = document.createElement("section");
    overlay.className = "preview-problems";
    overlay.setAttribute("role", "alert");
    const heading = document.createElement("h2");
    heading.textContent = "The site did not build; this is the last good version";
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      const where = [problem.file, problem.line].filter(Boolean).join(":");
      if (where) {
        const code = document.createElement("code");
        code.textContent = where;
        item.append(code, " ");
      }
      const message = document.createElement("pre");
      message.textContent = problem.message;
      item.append(message);
      list.append(item);
    }
    overlay.append(heading, list);
    document.body.append(overlay);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  events.addEventListener("hello", (event) => {
    document.documentElement.dataset.preview = "listening";
    const { problems } = JSON.parse(event.data);
    if (problems.length) show(problems);
  });
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));
  events.addEventListener("fixed", hide);
  events.addEventListener("changed", (event) => {
    const { pages, moved } = JSON.parse(event.data);
    const path = here();
    if (moved[path]) {
      location.assign(moved[path] + location.hash);
    } else if (pages.includes("*") || pages.includes(path)) {
      location.reload();
    }
  });
})();
