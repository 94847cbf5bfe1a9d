import os
import sys

from etl.cli import main

code = main()
# Nothing is left to do once main returns: the database is written and moved into place, the
# workers are joined, no thread runs.  The interpreter's own teardown would then free a build's
# million objects one by one (0.16 s of a 5 s build of 1,000 plans), so the output is flushed and
# the process leaves at once.  An exception does not reach here: it ends the process the usual way.
for stream in (sys.stdout, sys.stderr):
    try:
        stream.flush()
    except (OSError, ValueError):  # a closed pipe (| head): nothing more can be written anyway
        pass
os._exit(code)
