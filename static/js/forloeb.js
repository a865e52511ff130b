// Mentor choice: show the override-reason field only when the chosen mentor is inactive
// or at capacity. Without JavaScript the field is always shown.
document.addEventListener("DOMContentLoaded", () => {
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
