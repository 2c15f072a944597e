"""Pure computation: frames and arrays in, new frames out. No streamlit, no folium, no file reads."""
