"""People in and out of Qadam by file: the clients spreadsheet (import, export, template)
and a person's own data on request."""
