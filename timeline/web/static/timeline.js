// timeline page: click a type in the legend to hide or show its events (no other script is needed).
document.addEventListener("DOMContentLoaded", () => {
  const hidden = new Set();
  const refresh = () => {
    document.querySelectorAll(".tl-event").forEach((li) => {
      li.classList.toggle("hidden-type", hidden.has(li.dataset.type));
    });
    document.querySelectorAll(".tl-year").forEach((section) => {
      section.classList.toggle("empty", !section.querySelector(".tl-event:not(.hidden-type)"));
    });
  };
  document.querySelectorAll(".tl-type-toggle").forEach((button) => {
    button.addEventListener("click", () => {
      const type = button.dataset.type;
      if (hidden.has(type)) { hidden.delete(type); } else { hidden.add(type); }
      button.classList.toggle("off", hidden.has(type));
      refresh();
    });
  });
  // Empty filter fields would become "event_type=" filters: drop them before submitting.
  const form = document.querySelector(".tl-filters");
  if (form) {
    form.addEventListener("submit", () => {
      form.querySelectorAll("select, input").forEach((el) => { if (!el.value) { el.disabled = true; } });
    });
  }
});
