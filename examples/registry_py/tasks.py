"""Python side of examples/registry_worker_task.cc.

A worker whose methods are defined on its base class. Pickling
`worker.process` writes builtins.getattr(worker, 'process'), which is how
multiprocessing.Pool ships a bound method to another process.
"""


class Base:
    def process(self, n):
        return n * self.factor

    def report(self, n):
        return 'Worker(%d) processed %d into %d' % (self.factor, n, self.process(n))


class Worker(Base):
    def __init__(self, factor):
        self.factor = factor
