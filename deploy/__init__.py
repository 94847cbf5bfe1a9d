"""Serving the dashboard to many readers: several Streamlit processes behind nginx (see README.md here)."""
