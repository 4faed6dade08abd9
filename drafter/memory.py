"""The memory ceiling a process that parses untrusted HTML takes, and telling that it hit it.

RLIMIT_DATA, as the browser has (drafter.fetch.browser): it counts what the process commits,
not the address space its libraries reserve. When lexbor's allocations fail past it, lexbor
says only "Can't parse HTML" (and drafter's extraction turns that into an empty result), so
a job is judged by its peak resident memory instead: near the ceiling means it ran into it.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

# Writable memory per extraction worker or bookmark reader. A 5 MB page (the fetch cap) of
# dense ordinary markup needs some 150 MB; two workers at the ceiling, the forkserver and the
# drafter process stay under 500 MB.
PARSER_DATA_LIMIT_MIB = 176
# A job whose peak resident memory came within this of the ceiling (plus the code and the
# libraries, resident but not data) ran into it.
_NEAR_CEILING_MIB = 8


def limit_memory(mebibytes: int) -> int:
    """Cap this process's writable memory at `mebibytes`; the peak resident memory (KiB) that
    says a job ran into the cap, or 0 where either cannot be had (no limit, no /proc)."""
    limit = mebibytes * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
        resident, data = _resident_and_data_kib()
    except (OSError, ValueError):
        return 0
    return limit // 1024 + max(resident - data, 0) - _NEAR_CEILING_MIB * 1024


def peak_rss_kib() -> int:
    """The most resident memory this process has had (Linux counts ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _resident_and_data_kib() -> tuple[int, int]:
    """This process's resident memory and its data segment, in KiB (Linux's statm)."""
    fields = Path("/proc/self/statm").read_text(encoding="ascii").split()
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    return int(fields[1]) * page_kib, int(fields[5]) * page_kib
