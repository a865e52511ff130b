// Progressive enhancement only: every page works without JavaScript. No inline scripts
// (CSP): DKFDS' components are started from here.
document.documentElement.classList.remove("no-js");
document.documentElement.classList.add("js");

// Tabs (DKFDS): the server renders every panel as a section; here all but one are hidden:
// the one with a form error, else the one holding the address' #target, else the first.
function forberedFaner() {
  const maal = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  document.querySelectorAll(".tab-container[data-faner]").forEach((container) => {
    const knapper = Array.from(container.querySelectorAll(":scope > .tab-list > .tab-button"));
    const panelFor = (k) => document.getElementById(k.getAttribute("aria-controls"));
    const valgt =
      knapper.find((k) => panelFor(k) && panelFor(k).querySelector(".form-error")) ||
      knapper.find((k) => maal && panelFor(k) && panelFor(k).contains(maal)) ||
      knapper[0];
    knapper.forEach((knap) => {
      const panel = document.getElementById(knap.getAttribute("aria-controls"));
      knap.setAttribute("aria-selected", knap === valgt ? "true" : "false");
      if (panel) panel.hidden = knap !== valgt;
    });
  });
  if (maal && !document.querySelector(".error-summary")) maal.scrollIntoView();
}

document.addEventListener("DOMContentLoaded", () => {
  forberedFaner();
  if (window.DKFDS) window.DKFDS.init();

  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.addEventListener("click", () => window.print());
  });

  // Mentor choice: show the override-reason field only when the chosen mentor is inactive
  // or at capacity. Without JavaScript the field is always shown.
  document.querySelectorAll("[data-mentorvalg]").forEach((form) => {
    const felt = form.querySelector("[data-tilsidesaet]");
    if (!felt) return;
    const update = () => {
      const valgt = form.querySelector('input[name="mentor"]:checked');
      const vis = felt.hasAttribute("data-vis") ||
        (valgt && valgt.hasAttribute("data-kraever-begrundelse"));
      felt.classList.toggle("skjult", !vis);
    };
    form.addEventListener("change", update);
    update();
  });
});
