"""Runs a 100-cell notebook on the aikit kernel with nbclient, as papermill and `jupyter execute` do: cells that
fail, cells that loop until nbclient's per-cell timeout interrupts them, and plain cells counting how many ran.
Prints one JSON object: per run (allow_errors true and false), each cell's outcome.

Run by KernelTests with JUPYTER_PATH pointing at a kernelspec from `aikit kernel install --prefix`.
"""
import json

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def kind(index):
    if index % 10 == 3:
        return "error"
    if index % 25 == 7:
        return "loop"
    return "count"


def source(index):
    return {
        "error": "error('boom %d')" % index,
        "loop": "coroutine.wrap(function() while true do end end)()" if index % 2 else "while true do end",
        "count": "ran = (ran or 0) + 1\nreturn ran",
    }[kind(index)]


def run(allow_errors):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source(i)) for i in range(100)]
    client = NotebookClient(notebook, kernel_name="aikit", timeout=3, interrupt_on_timeout=True,
                            allow_errors=allow_errors, startup_timeout=60)
    raised = None
    try:
        client.execute()
    except CellExecutionError as error:
        raised = str(error).splitlines()[0][:200] if str(error) else "CellExecutionError"
    cells = []
    for index, cell in enumerate(notebook.cells):
        outputs = cell.get("outputs", [])
        result = next((o["data"].get("text/plain") for o in outputs if o["output_type"] == "execute_result"), None)
        error = next((o["ename"] for o in outputs if o["output_type"] == "error"), None)
        cells.append({"kind": kind(index), "executed": cell.get("execution_count") is not None,
                      "result": result, "error": error})
    return {"raised": raised, "cells": cells}


print(json.dumps({"allow_errors": run(True), "stop_on_error": run(False)}))
