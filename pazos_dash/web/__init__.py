"""Plain Flask routes beside the Dash app: data downloads and published files."""
