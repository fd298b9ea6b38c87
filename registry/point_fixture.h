// A test fixture shared by the registry and facade tests: a C++ Point
// registered as Python's `geometry.Point` with fields x and y.
#ifndef BRINE_REGISTRY_POINT_FIXTURE_H_
#define BRINE_REGISTRY_POINT_FIXTURE_H_

#include "gtest/gtest.h"
#include "brine/registry/registry.h"

namespace brine::testing {

struct Point {
  double x = 0, y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

// A Registry holding only geometry.Point (a test failure if registering it fails).
inline Registry PointRegistry() {
  Registry registry;
  EXPECT_TRUE(registry
                  .Register(FieldsBinding<Point>("geometry", "Point", Field("x", &Point::x),
                                                 Field("y", &Point::y)))
                  .ok());
  return registry;
}

}  // namespace brine::testing

#endif  // BRINE_REGISTRY_POINT_FIXTURE_H_
