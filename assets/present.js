/* Presentation mode (pages/present.py): the keyboard drives the deck. ← and → (also Page Up /
   Page Down, as presentation clickers send) move between slides; Esc leaves the presentation
   (in full screen, the browser's own Esc first leaves full screen). */
document.addEventListener('keydown', function (event) {
  if (!document.getElementById('slides') || event.altKey || event.ctrlKey || event.metaKey) { return; }
  if (event.target.closest && event.target.closest('input, textarea, select')) { return; }
  var press = function (id) { var el = document.getElementById(id); if (el) { el.click(); event.preventDefault(); } };
  if (event.key === 'ArrowRight' || event.key === 'PageDown') { press('slide-next'); }
  else if (event.key === 'ArrowLeft' || event.key === 'PageUp') { press('slide-prev'); }
  else if (event.key === 'Escape' && !document.fullscreenElement) { press('slide-exit'); }
});
