"""What a task needs, shared by the app and the CLI: load the layers, check the choices, run the analyses.

One module per workflow, each importing only downwards (``report/``, ``analysis/``, ``layers/``, ``geo/``):

- :mod:`workflows.checks`: every check of a user's choice (unit set, survey year, level, season, project ...);
- :mod:`workflows.inputs`: the layers a task reads, from the embedded data or the user's project;
- :mod:`workflows.measures`: metric coordinates and road measures shared by the flag and access workflows;
- :mod:`workflows.flags`: the all-season-road and grid flags of every commune;
- :mod:`workflows.access`: travel times to services and the district centre, RAI, population summaries;
- :mod:`workflows.scorecard`: the 2020 targets of Conclusion 05-KL/TU judged at province, district or commune
level;
- :mod:`workflows.exports`: what the exports draw and list (map bundles, tables, fact-sheet access);
- :mod:`workflows.imports`: a user's file read, checked and accepted into a project.

Nothing is re-exported here: import a name from the module that holds it.
"""
