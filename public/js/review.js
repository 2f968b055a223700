// Saves a verdict in place without reloading the page. Without this script every form still
// works: it posts, and the server answers with a redirect back to the same row.
(function () {
  'use strict';
  function selected(form) {
    var checked = form.querySelector('input[name=verdict]:checked');
    return checked ? checked.value : '';
  }
  function showGroupFields(form) {
    var fields = form.querySelector('.nf');
    if (fields) fields.hidden = selected(form) !== 'tidak_sesuai';
  }
  function save(form) {
    var status = form.querySelector('.status');
    var row = form.closest('li');
    // The word comes from the page, in its language, from the server's catalogue.
    status.textContent = document.querySelector('ol.fams').dataset.saving || '…';
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin'
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (response.status === 403) {
        // A stale form: the session ended, or a new one began in another tab. The page stays, with
        // what was chosen; session.js says the session ended, or takes the new session's token.
        status.textContent = document.querySelector('ol.fams').dataset.refused || '!';
        row.classList.add('has-error');
        window.dispatchEvent(new Event('fkp-session-check'));
        return null;
      }
      if (type.indexOf('application/json') !== 0) {
        // A conflict page (someone else saved this row): let the browser show it.
        HTMLFormElement.prototype.submit.call(form);
        return null;
      }
      return response.json().then(function (answer) {
        if (answer.version) {
          form.elements.version.value = answer.version;
          status.textContent = answer.saved;
          row.className = 'fam v-' + (selected(form) || 'none');
          row.classList.remove('has-error');
        } else {
          status.textContent = answer.error;
          row.classList.add('has-error');
        }
      });
    }).catch(function () {
      HTMLFormElement.prototype.submit.call(form);
    });
  }
  document.querySelectorAll('form.verdict').forEach(function (form) {
    showGroupFields(form);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      save(form);
    });
    form.addEventListener('change', function (event) {
      if (event.target.name !== 'verdict') return;
      showGroupFields(form);
      // "Fits" and "cannot judge" need nothing more: save at once.
      if (event.target.value !== 'tidak_sesuai') save(form);
    });
  });
})();
