// events table: a visible link to the timeline page with the same filters (facets, search, _country...).
// The URL is the one of the "View as timeline" table action (it knows Datasette's base_url).
document.addEventListener("DOMContentLoaded", () => {
  const heading = document.querySelector("h1");
  if (!heading || document.getElementById("tl-timeline-link")) { return; }
  const action = document.querySelector('.actions-menu-links a[href*="/-/timeline"]');
  const p = document.createElement("p");
  const a = document.createElement("a");
  a.id = "tl-timeline-link";
  a.href = action ? action.getAttribute("href") : "/-/timeline" + window.location.search;
  a.textContent = "View these events as a timeline";
  p.appendChild(a);
  heading.insertAdjacentElement("afterend", p);
});
