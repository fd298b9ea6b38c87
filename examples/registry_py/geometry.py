"""Python side of examples/registry_points.cc: Python's own geometry.Point."""


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
