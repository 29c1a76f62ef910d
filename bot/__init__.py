"""Wiring and effects: configuration, the Application, jobs, fetching, the command line.

The top layer: nothing imports it. app.py builds the Application and owns the services' lifecycle; ingest.py is the
one ingest use case (analysis in workers.py's WorkerPool, then the store); feeds.py and digests.py keep their
schedules in the database and arm one JobQueue timer each (timers.py); fetch.py is the HTTP client; cli/ is the
`kabarchy` command; demo/ the terminal chat, the only user of the separate botapi_emulator package.
"""
