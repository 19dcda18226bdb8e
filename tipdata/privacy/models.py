"""Models of consent, retention and emergency access."""
