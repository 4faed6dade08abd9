"""Stage 1: every SOURCE (text, stdin, browser exports, feeds, link lists) → bookmarks."""
