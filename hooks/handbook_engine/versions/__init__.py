"""The versions of the policy: the record kept forever, the version a publish makes, the archive of PDFs."""
