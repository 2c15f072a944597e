"""Exports for meetings: print layouts (PDF/PNG), standalone HTML, tables, data packages and commune fact
sheets."""
