"""Ground floor: files in and out, coordinate systems, validation, names, errors, translations."""
