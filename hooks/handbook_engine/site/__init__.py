"""What one build of the site knows and the files it publishes beside the pages."""
