"""The running instance as a whole: serving it (``accord serve``), and backing it up and restoring it."""
