"""Classes the benchmark data sets pickle instances of.

make_datasets.py pickles them as `bench_types.<name>`, so whoever loads the
data sets with CPython (benchmarks/compare_cpython.py) imports this module
from benchmarks/data.
"""


class Record:
    """A plain class: pickled as NEWOBJ of the class, then BUILD of a small
    `__dict__`."""

    def __init__(self, ident, name, score, tags):
        self.ident = ident
        self.name = name
        self.score = score
        self.tags = tags


class Worker:
    """The owner of the bound methods in a task list: `worker.process` pickles
    as `getattr(worker, 'process')`."""

    def __init__(self, name):
        self.name = name
        self.done = 0

    def process(self, item, weight):
        self.done += 1
        return item * weight

    def skip(self, item, weight):
        return None
