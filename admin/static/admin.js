// Forms marked data-confirm ask before they are sent (no inline handlers: the CSP allows none).
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
