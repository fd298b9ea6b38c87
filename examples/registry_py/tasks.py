"""Python side of examples/registry_worker_task.cc.

A worker whose `process` method is defined on its base class. Pickling
`worker.process` writes builtins.getattr(worker, 'process'), which is how
multiprocessing.Pool ships a bound method to another process.
"""


class Base:
    def process(self, n):
        return n * self.factor


class Worker(Base):
    def __init__(self, factor):
        self.factor = factor
