"""drafter: turn a week of bookmarked articles into a draft podcast episode page."""

__version__ = "0.1.0"
