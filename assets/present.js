/* Presentation mode (pages/present.py): the keyboard drives the deck. ← and → (also Page Up /
   Page Down, as presentation clickers send) move between slides; Esc leaves the presentation
   (in full screen, the browser's own Esc first leaves full screen).

   Static first (assets/first-paint.js): the deck is the server's copy, each chart a picture, and
   no script of Dash's runs until a reader points at a slide's chart. Until then the buttons move
   the copy's slides here, as the clientside `navigate` (assets/clientside.js) does on the live
   page: the shown slide, the counter, the address (?slide=n) and the language link; the live page,
   when it starts, opens on the same slide. This script is not deferred (shell/index.py). */
(function () {
  'use strict';
  function inCopy(el) { return el && el.closest && el.closest('#pazos-static'); }

  // The shown slide (0-based) in the address and the language link: the copy's step here and the
  // live deck's `navigate` (assets/clientside.js) both call it.
  function keepSlide(i) {
    var params = new URLSearchParams(window.location.search);
    params.set('slide', String(i + 1));
    window.history.replaceState(window.history.state, '', window.location.pathname + '?' + params.toString());
    var other = document.getElementById('slide-language');
    if (other) { var url = new URL(other.href); url.search = '?slide=' + (i + 1); other.href = url.toString(); }
  }
  window.pazosKeepSlide = keepSlide;

  function step(delta) {
    var slides = document.querySelectorAll('#pazos-static #slides > .slide');
    if (!slides.length) { return; }
    var i = 0;
    slides.forEach(function (slide, n) { if (slide.classList.contains('active')) { i = n; } });
    i = Math.max(0, Math.min(slides.length - 1, i + delta));
    slides.forEach(function (slide, n) {
      slide.className = n === i ? 'slide active' : 'slide';
      slide.setAttribute('aria-hidden', n === i ? 'false' : 'true');
    });
    var counter = document.querySelector('#pazos-static #slide-counter');
    if (counter) { counter.textContent = (i + 1) + ' / ' + slides.length; }
    keepSlide(i);
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('#slide-prev, #slide-next, #slide-fullscreen');
    if (!button || !inCopy(button)) { return; }
    if (button.id === 'slide-fullscreen') {
      if (document.documentElement.requestFullscreen && !document.fullscreenElement) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
      return;
    }
    step(button.id === 'slide-next' ? 1 : -1);
  });

  document.addEventListener('keydown', function (event) {
    if (!document.getElementById('slides') || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.target.closest && event.target.closest('input, textarea, select')) { return; }
    var press = function (id) { var el = document.getElementById(id); if (el) { el.click(); event.preventDefault(); } };
    if (event.key === 'ArrowRight' || event.key === 'PageDown') { press('slide-next'); }
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') { press('slide-prev'); }
    else if (event.key === 'Escape' && !document.fullscreenElement) { press('slide-exit'); }
  });
}());
