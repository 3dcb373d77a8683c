// Drag-and-drop on the huddle board. A drop submits the card's own "Move" form with the
// chosen column, so a drag and a keyboard move go through exactly the same request.
// Listeners are delegated from the document, so they survive htmx redrawing the board.

const columnOf = (node) => node instanceof Element && node.closest(".sw-board__column");

document.addEventListener("dragstart", (event) => {
  const card = event.target instanceof Element && event.target.closest(".sw-card[data-idea]");
  if (!card) return;
  event.dataTransfer.setData("text/plain", card.dataset.idea);
  event.dataTransfer.effectAllowed = "move";
  card.classList.add("sw-card--dragging");
});

document.addEventListener("dragend", (event) => {
  if (event.target instanceof Element) event.target.classList.remove("sw-card--dragging");
});

document.addEventListener("dragover", (event) => {
  const column = columnOf(event.target);
  if (!column) return;
  event.preventDefault();
  column.classList.add("sw-board__column--over");
});

document.addEventListener("dragleave", (event) => {
  const column = columnOf(event.target);
  if (column) column.classList.remove("sw-board__column--over");
});

document.addEventListener("drop", (event) => {
  const column = columnOf(event.target);
  if (!column) return;
  event.preventDefault();
  column.classList.remove("sw-board__column--over");
  const id = event.dataTransfer.getData("text/plain");
  const card = document.getElementById(`card-${id}`);
  if (!card || columnOf(card) === column) return;
  const button = card.querySelector(
    `button[name="to_state"][value="${CSS.escape(column.dataset.state)}"]`);
  if (!button) return;
  // htmx reads the clicked button, not a programmatic submitter: name the column in a field.
  const chosen = Object.assign(document.createElement("input"),
    {type: "hidden", name: "to_state", value: column.dataset.state});
  button.form.append(chosen);
  button.form.addEventListener("htmx:afterRequest", () => chosen.remove(), {once: true});
  button.form.requestSubmit();
});

// After a move the board is redrawn: put focus back on the moved card's menu.
document.addEventListener("htmx:load", (event) => {
  const board = event.target;
  if (!(board instanceof Element) || board.id !== "board" || !board.dataset.focusCard) return;
  const toggle = board.querySelector(
    `#card-${CSS.escape(board.dataset.focusCard)} .sw-card__move-toggle`);
  if (toggle) toggle.focus();
});
