// "· 2 of 7 read" away from a list's page, from what progress.js stored there.
for (const note of document.querySelectorAll("[data-reading-list-read]")) {
  let read;
  try {
    read = JSON.parse(localStorage[`reading-lists:${note.dataset.readingListRead}`] || "[]");
  } catch {} // storage blocked or corrupt: nothing to show
  if (Array.isArray(read) && read.length) {
    note.textContent = ` · ${Math.min(read.length, note.dataset.of)} of ${note.dataset.of} read`;
    note.hidden = false;
  }
}
