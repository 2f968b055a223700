// Sends a list file with its progress on the page. A large list over a weak connection takes
// minutes, and the browser alone shows little or nothing of it, so a person may leave, or press
// again. Here the page compresses the list first (gzip, which the server unpacks as it reads: a
// list is about a quarter of its size, so it arrives in about a quarter of the time), says how much has
// been sent, lets the sending be cancelled, refuses a file over the server's limit before a byte
// is sent, and, when the connection breaks, says whether it broke before the file had arrived
// (nothing loaded) or after (it may have been loaded). The server's answer then takes the page's
// place, as it would without this script: its page at its address after a redirect (a batch
// loaded), or in place (problems, a check). Without this script the forms post as they are and
// the server answers the same; a browser that cannot compress sends the file as it is.
(function () {
  'use strict';
  var words = document.currentScript.dataset;
  var limit = Number(words.limit) || 0;
  var language = document.documentElement.lang || 'id';
  var pressed = null;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }
  function size(bytes) {
    // A few bytes are 1 KB, not 0: the figure says something was sent.
    if (bytes < 1048576) return (bytes > 0 ? Math.max(1, Math.round(bytes / 1024)) : 0).toLocaleString(language) + ' KB';
    var megabytes = bytes / 1048576;
    return megabytes.toLocaleString(language, { maximumFractionDigits: megabytes < 10 ? 1 : 0 }) + ' MB';
  }
  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }
  // Leaving the page while the file is sent would stop the sending: the browser asks first.
  function stay(event) {
    event.preventDefault();
    event.returnValue = '';
  }

  // The file compressed (a Blob), or null where the browser cannot compress or the file is
  // compressed already. `reading` hears how many of the file's bytes have been compressed.
  function compressed(file, signal, started, reading) {
    if (!window.CompressionStream || !window.TransformStream || !window.Response || !file.stream) return Promise.resolve(null);
    return file.slice(0, 2).arrayBuffer().then(function (start) {
      var first = new Uint8Array(start);
      if (first[0] === 0x1f && first[1] === 0x8b) return null;
      started();
      var read = 0;
      var counted = new TransformStream({
        transform: function (chunk, controller) {
          read += chunk.byteLength;
          reading(read);
          controller.enqueue(chunk);
        }
      });
      return new Response(file.stream().pipeThrough(counted, { signal: signal }).pipeThrough(new CompressionStream('gzip'))).blob();
    });
  }

  // The server's answer in the page's place: what the form's own answer would have shown.
  function show(request, sentTo) {
    if (request.responseURL && request.responseURL !== sentTo) {
      window.location.assign(request.responseURL);
      return;
    }
    var answer = new DOMParser().parseFromString(request.responseText, 'text/html');
    var incoming = answer.getElementById('main') || answer.querySelector('main') || answer.body;
    var main = document.getElementById('main');
    while (main.firstChild) main.removeChild(main.firstChild);
    Array.prototype.slice.call(incoming.childNodes).forEach(function (node) { main.appendChild(document.importNode(node, true)); });
    if (answer.title) document.title = answer.title;
    // What the answer says first: its refusal, else its outcome, else its heading.
    var first = main.querySelector('[role=alert]') || main.querySelector('[role=status]') || main.querySelector('h1');
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus();
    }
    window.scrollTo(0, 0);
  }

  function send(form, action, input, file) {
    var old = form.querySelector('.upload');
    if (old) old.remove();
    var panel = element('div', 'upload');
    var status = element('p', null, fill(words.sending, { file: file.name, total: size(file.size) }));
    status.setAttribute('role', 'status');
    status.setAttribute('tabindex', '-1');
    panel.appendChild(status);
    form.appendChild(panel);
    if (limit && file.size > limit) {
      panel.className = 'upload error';
      status.setAttribute('role', 'alert');
      status.textContent = fill(words.tooLarge, { file: file.name, size: size(file.size), limit: size(limit) });
      return;
    }
    var bar = element('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', words.progressLabel);
    var figures = element('p', 'hint');
    figures.setAttribute('aria-hidden', 'true');
    var cancel = element('button', 'secondary', words.cancel);
    cancel.type = 'button';
    panel.appendChild(bar);
    panel.appendChild(cancel);

    var buttons = form.querySelectorAll('button[type=submit]');
    function busy(yes) {
      form.dataset.sending = yes ? 'yes' : '';
      Array.prototype.forEach.call(buttons, function (button) { button.disabled = yes; });
      if (yes) window.addEventListener('beforeunload', stay);
      else window.removeEventListener('beforeunload', stay);
    }
    function ended(text) {
      busy(false);
      panel.className = 'upload error';
      status.setAttribute('role', 'alert');
      status.textContent = text;
      status.focus();
      [bar, figures, cancel].forEach(function (part) { part.remove(); });
    }

    var request = null;
    var cancelled = false;
    var compressing = window.AbortController ? new AbortController() : null;
    cancel.addEventListener('click', function () {
      if (request) return request.abort();
      cancelled = true;
      if (compressing) compressing.abort();
    });
    busy(true);
    cancel.focus();
    compressed(file, compressing && compressing.signal, function () {
      status.textContent = fill(words.compressing, { file: file.name, total: size(file.size) });
      bar.setAttribute('aria-label', words.compressingLabel);
    }, function (read) {
      bar.value = Math.floor(read / file.size * 100);
    }).then(null, function () {
      // Not compressed after all (the browser ran short of memory, say): sent as it is.
      return null;
    }).then(function (packed) {
      if (cancelled) return ended(fill(words.cancelled, { file: file.name }));
      // The form's fields in their order, the CSRF token before the file, as the server reads it;
      // the file compressed keeps its name, and the server knows it by its first bytes.
      var fields = new FormData(form);
      if (packed && packed.size < file.size) {
        fields.set(input.name, packed, file.name);
        status.textContent = fill(words.sendingCompressed, { file: file.name, total: size(file.size), compressed: size(packed.size) });
      } else {
        packed = null;
        status.textContent = fill(words.sending, { file: file.name, total: size(file.size) });
      }
      transmit(fields, packed ? packed.size : file.size);
    });

    function transmit(fields, total) {
      bar.value = 0;
      bar.setAttribute('aria-label', words.progressLabel);
      figures.textContent = fill(words.figures, { sent: size(0), total: size(total), percent: '0' });
      panel.insertBefore(figures, cancel);
      request = new XMLHttpRequest();
      var arrived = false;
      request.upload.addEventListener('progress', function (event) {
        if (!event.lengthComputable || event.total === 0) return;
        var percent = Math.floor(event.loaded / event.total * 100);
        bar.value = percent;
        figures.textContent = fill(words.figures, { sent: size(Math.min(event.loaded, total)), total: size(total), percent: String(percent) });
      });
      request.upload.addEventListener('load', function () {
        arrived = true;
        // The server reads the file now: a bar without a value says work goes on, for no known time.
        bar.removeAttribute('value');
        figures.remove();
        if (document.activeElement === cancel) status.focus();
        cancel.remove();
        window.removeEventListener('beforeunload', stay);
        status.textContent = fill(words.sent, { file: file.name });
      });
      request.addEventListener('load', function () {
        busy(false);
        show(request, action);
      });
      request.addEventListener('error', function () {
        ended(fill(arrived ? words.lostWaiting : words.lostSending, { file: file.name }));
      });
      request.addEventListener('abort', function () {
        ended(fill(words.cancelled, { file: file.name }));
      });
      request.open('POST', action);
      request.send(fields);
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('form[data-upload] button[type=submit]');
    if (button) pressed = button;
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches('form[data-upload]') || !window.FormData || !window.DOMParser) return;
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (!file) return;
    event.preventDefault();
    if (form.dataset.sending === 'yes') return;
    var submitter = event.submitter || pressed;
    send(form, submitter && submitter.hasAttribute('formaction') ? submitter.formAction : form.action, input, file);
  });
})();
