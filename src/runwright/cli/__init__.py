"""The command line: thin click commands over the library (see :mod:`runwright.cli.main`)."""
