// Keeps the session of a person at work alive: typing a long list, or reading one, sends nothing
// for a while, and a session idle for half an hour ends, so that the list would be refused when
// sent. While the person types, taps or scrolls, the server is told at most every five minutes.
// When the session has ended all the same, the page says so before anything typed is sent.
(function () {
  'use strict';
  var ended = document.currentScript && document.currentScript.dataset.ended;
  var every = 5 * 60 * 1000;
  var last = Date.now();
  var warned = false;
  function warn() {
    if (warned || !ended) return;
    warned = true;
    var note = document.createElement('p');
    note.className = 'error session-ended';
    note.setAttribute('role', 'alert');
    note.textContent = ended;
    var main = document.getElementById('main');
    main.insertBefore(note, main.firstChild);
  }
  function activity() {
    if (Date.now() - last < every) return;
    last = Date.now();
    fetch('/session', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' })
      .then(function (response) { if (response.status !== 204) warn(); })
      // Offline: ask again at the first activity a minute from now.
      .catch(function () { last = Date.now() - every + 60 * 1000; });
  }
  ['keydown', 'input', 'pointerdown', 'scroll'].forEach(function (name) {
    window.addEventListener(name, activity, { passive: true, capture: true });
  });
})();
