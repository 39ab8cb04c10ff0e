"""Text utilities shared by several stages: normalization, tokens, language check."""
