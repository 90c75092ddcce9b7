"""The command line's command groups, one module each: ``add_parsers`` declares the
commands and their options, ``COMMANDS`` maps each name to the function that runs it.
``desktop.cli`` parses, dispatches and turns every failure into one translated line."""
