// events table: a visible link to the timeline page with the same filters (facets, search, _country...).
document.addEventListener("DOMContentLoaded", () => {
  const heading = document.querySelector("h1");
  if (!heading || document.getElementById("tl-timeline-link")) { return; }
  const p = document.createElement("p");
  const a = document.createElement("a");
  a.id = "tl-timeline-link";
  a.href = "/-/timeline" + window.location.search;
  a.textContent = "View these events as a timeline";
  p.appendChild(a);
  heading.insertAdjacentElement("afterend", p);
});
