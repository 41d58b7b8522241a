/*
 * SelfieScreen embed helper (no dependencies). Load it from the selfie-screen server:
 *   <script src="https://selfie.example.com/embed.js"></script>
 * then, with a session's `url` from POST /api/v1/sessions:
 *   const handle = SelfieScreen.mount(document.getElementById('kyc'), {
 *     url, onReady, onSubmitted, onCancelled, onError,   // each gets {type, sessionId[, code]}
 *   });
 *   const modal = SelfieScreen.openModal({ url, onSubmitted: () => modal.close() });
 *   handle.close();   // removes the iframe and stops listening
 * The page must be on one of the application's embedding origins, or the capture refuses to be
 * framed and sends no message. Messages are accepted only from the session URL's origin.
 */
(function () {
  'use strict';

  var CALLBACKS = {
    'selfie-screen:ready': 'onReady',
    'selfie-screen:submitted': 'onSubmitted',
    'selfie-screen:cancelled': 'onCancelled',
    'selfie-screen:error': 'onError',
  };

  function embedUrl(url) {
    var u = new URL(url, window.location.href);
    u.searchParams.set('embed', '1');
    return u;
  }

  function createFrame(src) {
    var frame = document.createElement('iframe');
    frame.src = src.toString();
    frame.allow = 'camera; fullscreen';
    frame.title = 'Selfie check';
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.height = '100%';
    frame.style.minHeight = '640px';
    return frame;
  }

  /** Calls options.onX for messages from this frame and the session's origin only. */
  function listen(frame, origin, options) {
    function onMessage(event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
      var name = CALLBACKS[data.type];
      if (name && typeof options[name] === 'function') options[name](data);
    }
    window.addEventListener('message', onMessage);
    return function () {
      window.removeEventListener('message', onMessage);
    };
  }

  function mount(container, options) {
    if (!container || !options || !options.url) throw new Error('SelfieScreen.mount(container, {url, ...})');
    var src = embedUrl(options.url);
    var frame = createFrame(src);
    var stop = listen(frame, src.origin, options);
    container.appendChild(frame);
    var closed = false;
    return {
      iframe: frame,
      close: function () {
        if (closed) return;
        closed = true;
        stop();
        if (frame.parentNode) frame.parentNode.removeChild(frame);
      },
    };
  }

  function openModal(options) {
    var overlay = document.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Selfie check');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483000;background:rgba(15,23,42,.6);display:flex;align-items:center;justify-content:center';
    var box = document.createElement('div');
    box.style.cssText = 'background:#fff;border-radius:16px;overflow:hidden;width:min(640px,100vw);height:min(860px,100vh)';
    overlay.appendChild(box);
    var handle;
    function close() {
      handle.close();
      document.removeEventListener('keydown', onKey);
      if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
    }
    function onKey(event) {
      if (event.key === 'Escape') {
        close();
        if (typeof options.onCancelled === 'function') options.onCancelled({ type: 'selfie-screen:cancelled' });
      }
    }
    // The capture's own Cancel closes the modal too, after telling the caller.
    var wrapped = {};
    for (var key in options) wrapped[key] = options[key];
    wrapped.onCancelled = function (data) {
      close();
      if (typeof options.onCancelled === 'function') options.onCancelled(data);
    };
    handle = mount(box, wrapped);
    document.body.appendChild(overlay);
    document.addEventListener('keydown', onKey);
    handle.iframe.focus();
    return { iframe: handle.iframe, close: close };
  }

  window.SelfieScreen = { mount: mount, openModal: openModal };
})();
