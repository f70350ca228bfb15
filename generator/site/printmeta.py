"""What a printed page carries on every sheet: its address and the data's as-of date, written
into the page's own ``@page`` margin boxes (``templates/print_meta.j2``; the boxes' look and the
page numbers are in ``docs/assets/scpilot.css``). Pure functions."""

from __future__ import annotations

from markupsafe import Markup

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:/?=%#~+")


def css_string(text: str) -> Markup:
    """``text`` as one quoted CSS string that is safe inside a ``<style>`` element: every
    character outside a small ASCII set is a CSS escape (``\\3c `` for ``<``), so neither a quote,
    a backslash, a newline nor ``</style>`` can end the string or the element."""
    out = "".join(ch if ch in _SAFE else f"\\{ord(ch):x} " for ch in str(text))
    return Markup(f'"{out}"')


def page_address(path: str, site_url: str | None) -> str:
    """The address a reader types to open the page at ``path`` (its URL relative to the site root,
    ``pilots/x/``): the full URL when the site's public address is known, else the path on the site
    (「本站 /pilots/x/」)."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "本站 /" + path
