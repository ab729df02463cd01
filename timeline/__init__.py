"""timeline: dated diplomatic events from news articles, as a SQLite database published with Datasette."""

__version__ = "0.1.0"
