"""Follow-up dialogs shared by the client file's Follow-ups tab and the Today screen."""
