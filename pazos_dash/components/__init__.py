"""Reusable layout pieces: the chart card, the site shell (navbar, footer, notices)."""
