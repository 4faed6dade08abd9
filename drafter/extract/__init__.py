"""Stage 3, pure: (bytes, url, headers) → headline, lead, label; site profiles as data."""
