"""Putting a build online: releases switched atomically, previews, the strict build in a subprocess."""
