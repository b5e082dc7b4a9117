"""The checks of the text that a handbook declares about itself: facts equal across languages,
sentence lengths, nothing copied from its sources."""
