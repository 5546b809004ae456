#!/usr/bin/env python3
"""How long `carta lit import` holds the project's write lock (doc/reliability.md).

usage: import_lock.py CARTA DB FILE [IMPORT OPTIONS...]

Runs the import while a probe tries a write transaction (BEGIN IMMEDIATE with
no busy timeout, rolled back at once) every 5 ms from another connection, and
prints the import's wall time and the longest span during which no writer
could start, which is how long another reviewer's decision would have waited.
"""
import sqlite3
import subprocess
import sys
import time


def main():
    carta, db, file, rest = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    start = time.monotonic()
    proc = subprocess.Popen([carta, "lit", "import", file, "--db", db, *rest],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    longest = busy_total = 0.0
    busy_since = None
    while proc.poll() is None:
        now = time.monotonic()
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            if busy_since is not None:
                longest = max(longest, now - busy_since)
                busy_total += now - busy_since
                busy_since = None
        except sqlite3.OperationalError:  # database is locked
            if busy_since is None:
                busy_since = now
        time.sleep(0.005)
    end = time.monotonic()
    if busy_since is not None:
        longest = max(longest, end - busy_since)
        busy_total += end - busy_since
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    print(f"import exit {proc.returncode}, wall {end - start:.2f} s; write lock held: longest {longest:.2f} s, "
          f"total {busy_total:.2f} s")
    if err:
        print("  " + err[-1])
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
