// A form whose answer takes a while (ranking a large regency again: a quarter of a minute or more) is sent
// once: after the first press its button is disabled and says that the work is going on, so a
// second press does not start the same work beside the first. Coming back to the page (the
// browser's Back) gives the button back. Without this script the server still makes one run of
// a form that arrives twice.
(function () {
  'use strict';
  document.querySelectorAll('form[data-once]').forEach(function (form) {
    var button = form.querySelector('button[type=submit]');
    if (!button) return;
    var label = button.textContent;
    form.addEventListener('submit', function () {
      // After this turn, so that the press that sends the form is not undone by disabling its button.
      setTimeout(function () {
        button.disabled = true;
        button.textContent = form.dataset.once;
      }, 0);
    });
    window.addEventListener('pageshow', function () {
      button.disabled = false;
      button.textContent = label;
    });
  });
})();
