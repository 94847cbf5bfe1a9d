"""The Streamlit pieces every page shares, one module per concern (pages import the module they need):

    context        the view a page draws in (language, presentation, regions, colours, uploads)
    layout         app.py's shell around each page, presentation mode, the card grid
    region_picker  the peer-group picker and the "show all" of a large group
    figures        charts built once per view, drawn with the export toolbar, clickable
    tables         the reader's tables (names in the reader's language, a source link per row)
    source_links   a clicked bar or row opens its sentence on the Sources page
    downloads      CSV / zip / xlsx / Parquet buttons, built on click

Below the pages only this package and dashboard.state import Streamlit; the services they call
(dashboard.services and the modules beside it) are plain Python (pyproject.toml's contracts).
"""
