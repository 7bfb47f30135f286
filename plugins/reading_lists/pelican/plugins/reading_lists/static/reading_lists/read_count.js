// Progress through a reading list away from its page ("· 2 of 7 read"): the index of lists,
// the "Start here" box, a post's "Part of" line. progress.js keeps it on the list page.
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
