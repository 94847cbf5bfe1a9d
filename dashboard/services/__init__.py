"""Services: what the pages do with query answers, in plain functions (no SQL, no Streamlit)."""
