"""Training the learned sentence scorer on ViMs, and cross-validating it."""
