"""Wiring and effects: configuration, the Application, jobs, fetching, the command line."""
