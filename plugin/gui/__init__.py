"""Dialogs: collect parameters, run the provider's algorithms in the background, add results."""
