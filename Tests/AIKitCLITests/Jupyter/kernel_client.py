"""Drives `aikit kernel` with Jupyter's own client (jupyter_client) and prints what it saw as one JSON object.

Run by KernelTests with JUPYTER_PATH pointing at a kernelspec that `aikit kernel install --prefix` wrote. Every
request goes through jupyter_client's KernelManager and BlockingKernelClient, as a notebook server would send it;
the signature tests build messages with jupyter_client's Session and a raw ZeroMQ socket.
"""
import json
import sys
import time

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

result = {}
km, kc = start_new_kernel(kernel_name="aikit", startup_timeout=60)
process = km.provisioner.process


def collect(msg_id, timeout=30):
    """The shell reply to msg_id and the iopub messages it caused, up to its idle status."""
    deadline = time.time() + timeout
    reply = None
    while reply is None:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
    iopub = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        iopub.append({"type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return {"reply": reply["content"], "iopub": iopub}


def collect_reply(msg_id, timeout=30):
    """The shell reply to msg_id (requests whose client call cannot wait for one)."""
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def execute(code, timeout=30):
    return collect(kc.execute(code), timeout)


try:
    result["kernel_info"] = kc.kernel_info(reply=True, timeout=30)["content"]
    result["hello"] = execute("print('hello')\nreturn 6 * 7")
    result["streams"] = execute("io.write('out\\n') io.stderr:write('warn\\n')")
    result["frame"] = execute("local s = market.sample()\nlocal f = s:bars{symbols = 'NVDA'}\nf")
    result["chart"] = execute("chart.bar{ title = 'moves', labels = { 'up', 'down' }, values = { 1.5, -2 }, unit = '%' }")
    result["display"] = execute(
        "display(market.sample():bars{ symbols = 'NVDA' }:head(2))\n"
        "display('<b>bold</b>', 'text/html')\nprint('after')")
    result["error"] = execute("local function f() error('boom') end\nf()")
    result["syntax"] = execute("x = = 1")
    execute("frame = market.sample():bars{ symbols = 'NVDA' }")
    result["complete"] = kc.complete("compliance.ch", 13, reply=True, timeout=30)["content"]
    result["complete_method"] = kc.complete("x = frame:rol", 13, reply=True, timeout=30)["content"]
    result["inspect"] = kc.inspect("compliance.check", 16, reply=True, timeout=30)["content"]
    inside = "compliance.check{ chip = 'H800', "
    result["inspect_inside_call"] = kc.inspect(inside, len(inside), reply=True, timeout=30)["content"]
    result["inspect_method"] = kc.inspect("frame:rolling", 13, reply=True, timeout=30)["content"]
    result["inspect_unknown"] = kc.inspect("no_such_name", 12, reply=True, timeout=30)["content"]
    result["is_complete"] = {}
    for code in ["x = 1", "for i = 1, 3 do", "x = = 1", "{ 1,", "return 1 +"]:
        msg_id = kc.is_complete(code)
        result["is_complete"][code] = collect_reply(msg_id)["status"]
    result["history"] = kc.history(hist_access_type="tail", n=2, reply=True, timeout=30)["content"]

    # Run All after a failing cell: the cells queued behind it are aborted, not run. The failing cell runs for half a
    # second first, so the two behind it are queued while it runs however loaded the machine is (sent after an
    # instant failure, a descheduled client's cells could arrive after the 100 ms window and rightly run).
    first = kc.execute("local t = os.clock() while os.clock() - t < 0.5 do end error('stop here')")
    queued = [kc.execute("ran_after_error = true"), kc.execute("return 2")]
    result["run_all_error"] = collect(first)["reply"]
    result["run_all_queued"] = [collect_reply(msg_id)["status"] for msg_id in queued]
    result["ran_after_error"] = execute("return tostring(ran_after_error)")

    # Interrupt a busy loop (jupyter_client sends SIGINT: interrupt_mode "signal"), then keep working.
    msg_id = kc.execute("while true do end")
    time.sleep(1.0)
    started = time.time()
    km.interrupt_kernel()
    result["interrupt"] = collect(msg_id, timeout=20)
    result["interrupt_seconds"] = time.time() - started
    result["after_interrupt"] = execute("return 'still here'")
    # A loop inside a coroutine (the kernel has no --timeout, so no limit's hook is there to help).
    made_earlier = kc.execute("spin = coroutine.wrap(function() while true do end end)")
    collect(made_earlier)
    for name, code in [("interrupt_coroutine", "coroutine.wrap(function() while true do end end)()"),
                       ("interrupt_coroutine_earlier", "spin()"),
                       ("interrupt_nested_coroutine",
                        "coroutine.wrap(function() coroutine.wrap(function() while true do end end)() end)()")]:
        msg_id = kc.execute(code)
        time.sleep(1.0)
        started = time.time()
        km.interrupt_kernel()
        result[name] = collect(msg_id, timeout=20)
        result[name + "_seconds"] = time.time() - started
    result["after_coroutine_interrupt"] = execute("return 'still here'")
    # An interrupt between cells stops nothing and does not end the kernel.
    km.interrupt_kernel()
    time.sleep(0.5)
    result["idle_interrupt_alive"] = km.is_alive()
    result["after_idle_interrupt"] = execute("return 1 + 1")

    # io.read asks the notebook (input_request on stdin); the prompt is what the cell wrote since its last newline.
    msg_id = kc.execute("print('before')\nio.write('Ticker? ')\nlocal t = io.read()\n"
                        "local n = io.read('n')\nreturn t .. ' x' .. n", allow_stdin=True)
    requests = []
    for answer in ["NVDA", "3"]:
        request = kc.get_stdin_msg(timeout=20)
        requests.append({"type": request["msg_type"], "content": request["content"],
                         "parent": request["parent_header"].get("msg_id") == msg_id})
        kc.input(answer)
    result["input"] = collect(msg_id)
    result["input_requests"] = requests
    # A frontend that takes no input (nbclient's allow_stdin=False): io.read sees end of input at once.
    result["input_not_allowed"] = collect(kc.execute("return tostring(io.read())", allow_stdin=False))
    # An interrupt while the cell waits for input stops the cell.
    msg_id = kc.execute("local line = io.read()\nreturn 'read ' .. tostring(line)", allow_stdin=True)
    kc.get_stdin_msg(timeout=20)
    km.interrupt_kernel()
    result["input_interrupted"] = collect(msg_id, timeout=20)
    result["after_input_interrupt"] = execute("return 'still here'")

    # Messages not signed with the connection file's key are refused: no reply, no execution.
    info = km.get_connection_info(session=False)
    url = "%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"])
    context = zmq.Context.instance()

    def send_raw(session, code, frames=None):
        socket = context.socket(zmq.DEALER)
        socket.linger = 0
        socket.connect(url)
        if frames is None:
            msg = session.msg("execute_request", {"code": code, "silent": False, "store_history": False,
                                                  "user_expressions": {}, "allow_stdin": False})
            frames = session.serialize(msg)
        socket.send_multipart(frames)
        answered = socket.poll(2000) != 0
        socket.close()
        return answered, frames

    result["wrong_key_answered"], _ = send_raw(Session(key=b"not-the-key"), "bad_key = true")
    result["unsigned_answered"], _ = send_raw(Session(key=b""), "unsigned = true")
    good = Session(key=info["key"] if isinstance(info["key"], bytes) else info["key"].encode())
    result["signed_answered"], frames = send_raw(good, "signed = true")
    result["replay_answered"], _ = send_raw(good, None, frames=frames)
    # The same captured message with its signature spelled in upper case is the same signature: still a replay.
    delimiter = frames.index(b"<IDS|MSG>")
    upper = list(frames)
    upper[delimiter + 1] = frames[delimiter + 1].upper()
    result["replay_upper_answered"], _ = send_raw(good, None, frames=upper)
    result["refused_code_ran"] = execute("return tostring(bad_key) .. ' ' .. tostring(unsigned) .. ' ' .. tostring(signed)")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    result["alive_after_shutdown"] = km.is_alive()
    result["exit_status"] = process.wait(timeout=10) if process is not None else None

print(json.dumps(result))
