/* The phone menu (components/shell.py navbar): the toggler opens and closes the dbc.Collapse
   and says whether it is open (aria-expanded), with no server round trip. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  navbar: {
    toggle: function (n, isOpen) {
      var open = !isOpen;
      return [open, String(open)];
    }
  }
});
