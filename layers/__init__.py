"""One registry of layers (registry.py) and one module per theme: its loaders, provenance, map layers and
style."""
