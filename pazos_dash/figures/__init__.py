"""Figure builders: pure functions (frame, *, lang, **options) -> go.Figure. No data loading here."""
