"""Stage 2: pages over HTTP (one client, per-host pools), the page cache, the browser."""
