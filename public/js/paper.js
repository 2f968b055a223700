// Entering a paper list by keyboard: Enter moves on to the next row instead of sending the form.
// After a code that needs a reason (t1–t4) Enter goes to that row's reason first; on the last row
// it goes to the save button; Ctrl+Enter saves from anywhere. Tab still visits every field.
// Without this script Enter saves the rows typed so far, and the page comes back with them.
(function () {
  'use strict';
  var table = document.querySelector('table.paper-entry');
  if (!table) return;
  var codes = Array.prototype.slice.call(table.querySelectorAll('input[name^="c_"]'));
  var save = table.closest('form').querySelector('button[type=submit]');
  table.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.isComposing) return;
    var field = event.target;
    var row = field.closest('tr');
    if (!row || !field.name) return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      save.click();
      return;
    }
    var code = row.querySelector('input[name^="c_"]');
    var reason = row.querySelector('input[name^="r_"]');
    if (field === code && /^t/i.test(code.value.trim()) && reason && !reason.value.trim()) {
      reason.focus();
      return;
    }
    (codes[codes.indexOf(code) + 1] || save).focus();
  });
})();
