// Hand-over to the identity provider: follow the link or send the form at once. Without
// JavaScript the "Fortsæt" button does the same.
document.addEventListener("DOMContentLoaded", () => {
  const videre = document.querySelector("[data-sso-videre]");
  if (!videre) return;
  if (videre.tagName === "FORM") {
    videre.submit();
  } else {
    window.location.assign(videre.href);
  }
});
