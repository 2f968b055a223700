// Keeps the session of a person at work alive: typing a long list, or reading one, sends nothing
// for a while, and a session idle for half an hour ends, so that the list would be refused when
// sent. While the person types, taps or scrolls, the server is told at most every five minutes.
// When the session has ended all the same, the page says so before anything typed is sent; once
// the person has signed in again in another tab, the page's forms take the new session's token
// and the note goes, so that what was typed here can be sent. Another script asks at once by
// sending the event 'fkp-session-check' (a save refused as a stale form).
(function () {
  'use strict';
  var ended = document.currentScript && document.currentScript.dataset.ended;
  var every = 5 * 60 * 1000;
  var afterNote = 10 * 1000;
  var last = Date.now();
  var note = null;
  function warn() {
    if (note || !ended) return;
    note = document.createElement('p');
    note.className = 'error session-ended';
    note.setAttribute('role', 'alert');
    note.textContent = ended;
    var main = document.getElementById('main');
    main.insertBefore(note, main.firstChild);
  }
  function takeToken(token) {
    document.querySelectorAll('input[name=csrf_token]').forEach(function (input) { input.value = token; });
  }
  function ask() {
    last = Date.now();
    fetch('/session', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' })
      .then(function (response) {
        if (response.status !== 204) { warn(); return; }
        var token = response.headers.get('X-CSRF-Token');
        if (token) takeToken(token);
        if (note) { note.remove(); note = null; }
      })
      // Offline: ask again at the first activity a minute from now.
      .catch(function () { last = Date.now() - every + 60 * 1000; });
  }
  function activity() {
    if (Date.now() - last >= (note ? afterNote : every)) ask();
  }
  ['keydown', 'input', 'pointerdown', 'scroll'].forEach(function (name) {
    window.addEventListener(name, activity, { passive: true, capture: true });
  });
  window.addEventListener('fkp-session-check', ask);
})();
