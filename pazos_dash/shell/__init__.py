"""The fence: every part of the app that depends on Dash's or plotly's private behaviour (the HTML
shell, the server renderer, the callback guard and cache, the router lookup, first paint's static
files). README.md beside this file lists each private hook, why it is used, and the test that pins it."""
