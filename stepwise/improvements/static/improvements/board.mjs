// Drag-and-drop on the huddle board. A drop submits the card's own "Move" form with the
// chosen column, so a drag and a keyboard move go through exactly the same request.

function cardMoveButton(card, state) {
  return card.querySelector(`button[name="to_state"][value="${CSS.escape(state)}"]`);
}

function bind(board) {
  board.querySelectorAll(".sw-card").forEach((card) => {
    card.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", card.dataset.idea);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("sw-card--dragging");
    });
    card.addEventListener("dragend", () => card.classList.remove("sw-card--dragging"));
  });
  board.querySelectorAll(".sw-board__column").forEach((column) => {
    column.addEventListener("dragover", (event) => {
      event.preventDefault();
      column.classList.add("sw-board__column--over");
    });
    column.addEventListener("dragleave", () => column.classList.remove("sw-board__column--over"));
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      column.classList.remove("sw-board__column--over");
      const card = board.querySelector(`#card-${CSS.escape(event.dataTransfer.getData("text/plain"))}`);
      if (!card || card.closest(".sw-board__column") === column) return;
      const button = cardMoveButton(card, column.dataset.state);
      if (button) button.form.requestSubmit(button);
    });
  });
  const moved = board.dataset.focusCard;
  if (moved) {
    const toggle = board.querySelector(`#card-${CSS.escape(moved)} .sw-card__move-toggle`);
    if (toggle) toggle.focus();
  }
}

const board = document.getElementById("board");
if (board) bind(board);
document.body.addEventListener("htmx:afterSwap", () => {
  const swapped = document.getElementById("board");
  if (swapped) bind(swapped);
});
