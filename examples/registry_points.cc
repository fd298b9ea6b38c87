// Example: a C++ struct as Python's geometry.Point, both ways.
//
// `Point {double x, y;}` is registered under the Python name geometry.Point
// with FieldsBinding, which pickles it exactly as Python pickles an instance
// of its own plain class (registry_py/geometry.py): NEWOBJ plus a state dict
// {'x': ..., 'y': ...}. So Python loads these bytes into its own Points, and
// the Points Python pickles decode back into C++ structs.
//
//   registry_points write > points.pkl     # std::vector<Point> -> pickle
//   registry_points read < points.pkl      # pickle -> std::vector<Point>, printed
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "brine/registry/registry.h"
#include "brine/facade/registry_codec.h"

struct Point {
  double x = 0;
  double y = 0;
};

int main(int argc, char** argv) {
  const std::string mode = argc == 2 ? argv[1] : "";
  brine::Registry registry;
  absl::Status registered = registry.Register(brine::FieldsBinding<Point>(
      "geometry", "Point", brine::Field("x", &Point::x), brine::Field("y", &Point::y)));
  if (!registered.ok()) {
    std::cerr << registered << "\n";
    return 1;
  }

  if (mode == "write") {
    const std::vector<Point> points = {{1.5, 2}, {-3, 4.25}, {0, 0}};
    absl::StatusOr<std::string> bytes = brine::Encode(registry, points);
    if (!bytes.ok()) {
      std::cerr << bytes.status() << "\n";
      return 1;
    }
    std::cout << *bytes;
    return 0;
  }
  if (mode == "read") {
    const std::string input(std::istreambuf_iterator<char>(std::cin), {});
    absl::StatusOr<std::vector<Point>> points = brine::Decode<std::vector<Point>>(registry, input);
    if (!points.ok()) {
      std::cerr << points.status() << "\n";
      return 1;
    }
    for (const Point& p : points.value()) std::cout << "Point(" << p.x << ", " << p.y << ")\n";
    return 0;
  }
  std::cerr << "usage: registry_points write|read\n";
  return 2;
}
