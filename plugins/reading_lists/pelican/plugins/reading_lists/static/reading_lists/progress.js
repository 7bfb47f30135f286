// "Mark as read" checkboxes for a reading list page, remembered in localStorage.
// The page is complete without this script: it only adds the checkboxes and the count.
(() => {
  "use strict";

  const list = document.querySelector("[data-reading-list]");
  const progress = document.querySelector("[data-reading-list-progress]");
  if (!list || !progress) return;

  const storageKey = `reading-lists:${list.dataset.readingList}`;
  const items = Array.from(list.querySelectorAll("[data-reading-list-item]"));

  function loadRead() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return new Set(Array.isArray(stored) ? stored : []);
    } catch {
      return new Set(); // storage blocked or corrupt: start afresh
    }
  }

  function saveRead(read) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(Array.from(read)));
    } catch {
      // Storage blocked (private mode): marks last for this visit only.
    }
  }

  // Reads no longer on the list (removed since) are forgotten, so counts elsewhere stay true.
  const stored = loadRead();
  const read = new Set(
    Array.from(stored).filter((id) => items.some((item) => item.dataset.readingListItem === id))
  );
  if (read.size !== stored.size) saveRead(read);
  const checkboxes = [];

  // "Next unread" and "Start over", after the count; shown once something is marked read.
  const actions = document.createElement("p");
  actions.className = "reading-list-actions";
  const next = document.createElement("a");
  const startOver = document.createElement("button");
  startOver.type = "button";
  startOver.className = "button button--quiet";
  startOver.textContent = "Start over";
  actions.append(next, " ", startOver);
  progress.tabIndex = -1;
  progress.after(actions);

  function showProgress() {
    const done = items.filter((item) => read.has(item.dataset.readingListItem)).length;
    progress.textContent = `${done} of ${items.length} read`;
    const unread = items.find((item) => !read.has(item.dataset.readingListItem));
    const link = unread && unread.querySelector(".reading-list__title a");
    next.hidden = !link;
    if (link) {
      next.href = link.href;
      next.textContent = `Next unread: ${link.textContent.trim()}`;
    }
    actions.hidden = done === 0;
  }

  startOver.addEventListener("click", () => {
    read.clear();
    saveRead(read);
    for (const checkbox of checkboxes) checkbox.checked = false;
    for (const item of items) item.classList.remove("is-read");
    showProgress();
    progress.focus(); // the button is gone now; the count (read out) takes the focus
  });

  for (const item of items) {
    const id = item.dataset.readingListItem;
    const title = item.querySelector(".reading-list__title");
    const label = document.createElement("label");
    label.className = "reading-list__mark";
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.checked = read.has(id);
    checkboxes.push(checkbox);
    // The visible label is the same on every item; the spoken name says which read.
    if (title) checkbox.setAttribute("aria-label", `Mark as read: ${title.textContent.trim()}`);
    item.classList.toggle("is-read", checkbox.checked);
    label.append(checkbox, " Mark as read");
    checkbox.addEventListener("change", () => {
      if (checkbox.checked) read.add(id);
      else read.delete(id);
      item.classList.toggle("is-read", checkbox.checked);
      saveRead(read);
      showProgress();
    });
    item.append(label);
  }

  showProgress();
  progress.hidden = false;
})();
