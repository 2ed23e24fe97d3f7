"""An orphaned kernel exits: `aikit kernel` started with JPY_PARENT_PID naming a stand-in parent, busy in a loop
inside a coroutine (no --timeout), then the parent dies. Prints one JSON object: how long the kernel took to exit.

Usage: orphan_kernel.py AIKIT_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

binary = sys.argv[1]
folder = tempfile.mkdtemp(prefix="aikit-orphan-")
connection, _ = write_connection_file(os.path.join(folder, "kernel.json"), ip="127.0.0.1", key=b"orphan-key")
parent = subprocess.Popen(["sleep", "600"])
kernel = subprocess.Popen([binary, "kernel", "--connection-file", connection],
                          env=dict(os.environ, JPY_PARENT_PID=str(parent.pid)),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
result = {}
try:
    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    client.execute("coroutine.wrap(function() while true do end end)()")
    time.sleep(1.0)
    result["alive_before"] = kernel.poll() is None
    parent.kill()
    parent.wait()
    started = time.time()
    try:
        kernel.wait(timeout=30)
        result["exit_seconds"] = time.time() - started
        result["status"] = kernel.returncode
    except subprocess.TimeoutExpired:
        result["exit_seconds"] = None
    client.stop_channels()
finally:
    if kernel.poll() is None:
        kernel.kill()
        kernel.wait()
    if parent.poll() is None:
        parent.kill()
    result["stderr"] = kernel.stderr.read().decode(errors="replace")[-2000:]
print(json.dumps(result))
