"""Link-preview tags of an address that is not a page. Dash Pages writes them from the page an
address matches; an address that matches none (a 404) gets empty `description` and `og:image`,
which a chat app or a newsroom's CMS shows as a blank card. They are filled with the not-found
text and the site's preview image."""

from __future__ import annotations

import re
from html import escape

_EMPTY_TEXT = re.compile(r'(<meta (?:name|property)="(?:description|twitter:description|og:description)" content=)""')
_EMPTY_IMAGE = re.compile(r'(<meta property="(?:twitter:image|og:image)" content=)""')


def fill_empty_preview(metas: str, description: str, image_url: str) -> str:
    metas = _EMPTY_TEXT.sub(lambda m: f'{m.group(1)}"{escape(description)}"', metas)
    return _EMPTY_IMAGE.sub(lambda m: f'{m.group(1)}"{escape(image_url)}"', metas)
