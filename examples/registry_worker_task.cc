// Example: a worker that runs Python tasks in C++.
//
// Python pickles tasks the way multiprocessing.Pool ships them,
// `(worker.process, (21,))`, where Worker(Base) inherits its methods from
// Base (see registry_py/tasks.py). This program declares the same classes to
// the registry, with Base's methods written in C++ as typed methods, reads
// tasks from stdin one pickle after another, calls each bound method (found
// by walking Worker's MRO: Worker, Base, object) and writes each result to
// stdout as a pickle Python can load.
//
//   python3 -c 'import pickle, sys, tasks; w = tasks.Worker(2)
//   for task in [(w.process, (21,)), (w.report, (3,))]:
//       sys.stdout.buffer.write(pickle.dumps(task))' |
//     registry_worker_task | python3 -c 'import pickle, sys
//   while sys.stdin.buffer.peek(1): print(pickle.load(sys.stdin.buffer))'
//   # 42
//   # Worker(2) processed 3 into 6
#include <cstdint>
#include <iostream>
#include <span>
#include <string>

#include "brine/brine.h"

namespace {

// tasks.Worker's attributes: a decoded Worker becomes a Native<Worker>.
struct Worker {
  int64_t factor = 0;
};

absl::Status DeclareClasses(brine::Registry& registry) {
  absl::Status registered = registry.Register(
      brine::FieldsBinding<Worker>("tasks", "Worker", brine::Field("factor", &Worker::factor)));
  if (!registered.ok()) return registered;
  absl::StatusOr<const brine::ClassDef*> base = registry.DefineClass(
      {.module = "tasks",
       .qualname = "Base",
       .methods = {
           // def process(self, n): return n * self.factor
           brine::Def("process", [](const Worker& self, int64_t n) { return n * self.factor; }),
           // def report(self, n): return 'Worker(%d) processed %d into %d' % (
           //     self.factor, n, self.process(n))
           brine::Def("report",
                      [](brine::Self<Worker> self, int64_t n) -> absl::StatusOr<std::string> {
                        absl::StatusOr<int64_t> result = self.Call<int64_t>("process", n);
                        if (!result.ok()) return result.status();
                        return absl::StrCat("Worker(", self->factor, ") processed ", n, " into ",
                                            *result);
                      }),
       }});
  if (!base.ok()) return base.status();
  return registry
      .DefineClass({.module = "tasks", .qualname = "Worker", .bases = {{"tasks", "Base"}}})
      .status();
}

// Runs one decoded `(bound_method, args)` task; returns its result pickled.
absl::StatusOr<std::string> RunTask(const brine::Registry& registry, brine::Document& task) {
  brine::Value root = task.root();
  if (root.kind() != brine::Kind::kTuple || root.as<brine::Tuple>()->items.size() != 2 ||
      root.as<brine::Tuple>()->items[1].kind() != brine::Kind::kTuple) {
    return absl::InvalidArgumentError("expected a (method, args) task");
  }
  brine::Value method = root.as<brine::Tuple>()->items[0];
  std::span<const brine::Value> args = root.as<brine::Tuple>()->items[1].as<brine::Tuple>()->items;
  absl::StatusOr<brine::Value> result = registry.CallMethod(task.heap(), method, args);
  if (!result.ok()) return result.status();
  return brine::Encode(*result, registry);
}

}  // namespace

int main() {
  brine::Registry registry;
  if (absl::Status declared = DeclareClasses(registry); !declared.ok()) {
    std::cerr << declared << "\n";
    return 1;
  }
  // Tasks follow each other on stdin; DecodeStream reads one and stops after its STOP.
  while (std::cin.peek() != EOF) {
    absl::StatusOr<brine::Document> task = brine::DecodeStream(std::cin, {.hooks = &registry});
    absl::StatusOr<std::string> result = task.ok() ? RunTask(registry, *task) : task.status();
    if (!result.ok()) {
      std::cerr << "registry_worker_task: " << result.status() << "\n";
      return 1;
    }
    std::cout << *result << std::flush;
  }
  return 0;
}
