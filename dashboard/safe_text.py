"""User-supplied text, made inert for each place the dashboard shows it.  No Streamlit here.

Region names, plan titles, quotes, units and whatever a link's query string holds are data,
never markup.  Three renderers would otherwise read markup in them:

* Streamlit's Markdown (st.markdown, captions, alerts, titles, widget labels): `md`.
  Every ASCII punctuation character is backslash-escaped (CommonMark makes any escaped
  punctuation a literal character, so no link, image, emphasis, HTML tag, `$` maths or
  `:colour[...]` directive can start), line breaks become spaces (no headings, lists or
  tables), and a word joiner (U+2060, invisible) goes after `:` and `@` and inside `www.`:
  GitHub-style autolinks (`https://…`, `www.…`, `a@b.cn`) and emoji/icon shortcodes are
  found in the text *after* escapes are resolved, so only breaking the pattern stops them.
* HTML blocks (st.html, and st.markdown with unsafe_allow_html): `html_text`, plus
  `md_html` where the block is Markdown with HTML allowed (both languages are parsed).
* plotly text (titles, tick labels, legend, hover, annotations), which understands
  `<a href>`, `<b>`, `<br>`, `<span style>` and the entities &amp; &lt; &gt;: `plot_text`.
  Only &, < and > are escaped: plotly.js does not decode &quot;, it would show it as is.
"""

from __future__ import annotations

import html
import json
import math
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL and friends: never shown
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_MD_PUNCTUATION = re.compile(r"[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]")
_MD_HTML_PUNCTUATION = re.compile(r"[!\"$%'()*+,\-./:<=>?@\[\\\]^_`{|}~]|(?<!&)#")  # keeps &…; entities
_WORD_JOINER = "\u2060"
_AUTOLINK_HINTS = re.compile(r"(?<=[:@])|(?<=www)(?=\.)", re.IGNORECASE)


def plain(value) -> str:
    """The value as one line of text: None and NaN become "", control characters go."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = _CONTROL.sub("", str(value))
    return _LINE_BREAK.sub(" ", text).replace("\t", " ")


def _break_autolinks(text: str) -> str:
    return _AUTOLINK_HINTS.sub(_WORD_JOINER, text)


def md(value) -> str:
    """Text for any Streamlit Markdown slot: shows exactly the characters given, as text."""
    return _MD_PUNCTUATION.sub(lambda m: "\\" + m.group(0), _break_autolinks(plain(value)))


def html_text(value) -> str:
    """Text for an HTML block (element content or a quoted attribute value)."""
    return html.escape(plain(value), quote=True)


def md_html(value) -> str:
    """Text for st.markdown(..., unsafe_allow_html=True): HTML-escaped, then Markdown-escaped
    except the `&`, `#` and `;` of the entities html.escape wrote."""
    escaped = html.escape(_break_autolinks(plain(value)), quote=True)
    return _MD_HTML_PUNCTUATION.sub(lambda m: "\\" + m.group(0), escaped)


def plot_text(value) -> str:
    """Text for a plotly string (title, label, legend entry, hover text, annotation)."""
    return html.escape(plain(value), quote=False)


def js_string(value) -> str:
    """A JavaScript string literal that is also safe inside an HTML <script> element."""
    literal = json.dumps(plain(value), ensure_ascii=False)
    return literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
