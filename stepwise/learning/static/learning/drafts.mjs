// After the server has the note (shared, saved or deleted), its copy in this browser goes.
for (const marker of document.querySelectorAll("[data-clear-drafts]")) {
  for (const key of marker.dataset.clearDrafts.split(" ")) {
    if (key.startsWith("stepwise:draft:")) localStorage.removeItem(key);
  }
}
