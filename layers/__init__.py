"""One module per theme: its schema, how it is loaded through geo/, how it is drawn."""
