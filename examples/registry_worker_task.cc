// Example: run a Python task in C++.
//
// Python pickles a task the way multiprocessing.Pool ships one,
// `(worker.process, (21,))`, where Worker(Base) inherits `process` from Base
// (see registry_py/tasks.py). This program declares the same classes to the
// registry, with Base.process written in C++, decodes the task from stdin
// (the bound method is found by walking Worker's MRO: Worker, Base, object),
// calls it, and writes the result to stdout as a pickle Python can load.
//
//   python3 -c 'import pickle, sys, tasks; sys.stdout.buffer.write(
//       pickle.dumps((tasks.Worker(2).process, (21,))))' |
//     registry_worker_task | python3 -c 'import pickle, sys;
//       print(pickle.loads(sys.stdin.buffer.read()))'          # 42
#include <iostream>
#include <iterator>
#include <span>
#include <string>

#include "brine/codec/encoder.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"

namespace {

// tasks.Base.process(self, n): n * self.factor. `self` is the decoded Worker
// instance; its attributes are its pickled state.
absl::StatusOr<brine::Value> Process(brine::Heap& heap, brine::Value self,
                                     std::span<const brine::Value> args) {
  std::optional<brine::Value> factor = brine::Reconstruction::Of(heap, self).StateField("factor");
  if (!factor || factor->kind() != brine::Kind::kInt || args.size() != 1 ||
      args[0].kind() != brine::Kind::kInt) {
    return absl::InvalidArgumentError("process(n) needs an int n and an int self.factor");
  }
  return brine::Value::Int(args[0].as_int() * factor->as_int());
}

absl::Status DeclareClasses(brine::Registry& registry) {
  absl::StatusOr<const brine::ClassDef*> base = registry.DefineClass(
      {.module = "tasks", .qualname = "Base", .methods = {{"process", Process}}});
  if (!base.ok()) return base.status();
  return registry
      .DefineClass({.module = "tasks", .qualname = "Worker", .bases = {{"tasks", "Base"}}})
      .status();
}

absl::StatusOr<std::string> RunTask(const brine::Registry& registry, std::string_view pickle) {
  absl::StatusOr<brine::Document> task = brine::Decode(pickle, registry);
  if (!task.ok()) return task.status();
  brine::Value root = task->root();
  if (root.kind() != brine::Kind::kTuple || root.as<brine::Tuple>()->items.size() != 2 ||
      root.as<brine::Tuple>()->items[1].kind() != brine::Kind::kTuple) {
    return absl::InvalidArgumentError("expected a (method, args) task");
  }
  brine::Value method = root.as<brine::Tuple>()->items[0];
  std::span<const brine::Value> args = root.as<brine::Tuple>()->items[1].as<brine::Tuple>()->items;
  absl::StatusOr<brine::Value> result = registry.CallMethod(task->heap(), method, args);
  if (!result.ok()) return result.status();
  return brine::Encode(*result);
}

}  // namespace

int main() {
  brine::Registry registry;
  if (absl::Status declared = DeclareClasses(registry); !declared.ok()) {
    std::cerr << declared << "\n";
    return 1;
  }
  const std::string input(std::istreambuf_iterator<char>(std::cin), {});
  absl::StatusOr<std::string> output = RunTask(registry, input);
  if (!output.ok()) {
    std::cerr << "registry_worker_task: " << output.status() << "\n";
    return 1;
  }
  std::cout << *output;
  return 0;
}
