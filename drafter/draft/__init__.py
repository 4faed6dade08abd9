"""Stage 4: rendering the episode page, its front matter, where it lives, the host's edits."""
