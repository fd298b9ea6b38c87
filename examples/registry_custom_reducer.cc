// Example: a custom reducer that pickles a C++ type as a plain dict, and a
// strict policy that refuses what nothing registered.
//
// RetryPolicy is registered with a reducer returning Substitute{dict}, so
// Python receives an ordinary dict and needs no class at all; reading
// converts such dicts back into RetryPolicy. Decoding with
// GlobalPolicy::Strict() refuses any global name nothing registered, such as
// the os.system call in examples/untrusted.pkl.
//
//   registry_custom_reducer write > policies.pkl   # std::vector<RetryPolicy> -> list of dicts
//   registry_custom_reducer read < policies.pkl    # list of dicts -> std::vector<RetryPolicy>
//   registry_custom_reducer scan untrusted.pkl     # exit 3: GLOBAL at offset 39: global 'os.system' is forbidden
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "brine/registry/registry.h"
#include "brine/facade/registry_codec.h"

struct RetryPolicy {
  std::string service;
  int max_attempts = 0;
  double backoff_seconds = 0;
};

brine::TypeBinding<RetryPolicy> RetryPolicyAsDict() {
  return {
      .module = "myservice.config",  // names the type in messages; never pickled
      .qualname = "RetryPolicy",
      .reduce = [](brine::Heap& heap, const RetryPolicy& p) -> absl::StatusOr<brine::Reduced> {
        // Keys are interned, as Python shares the str constants of a dict
        // literal: each key is pickled once, then fetched from the memo.
        brine::Value dict = heap.NewDict();
        const std::pair<const char*, brine::Value> fields[] = {
            {"backoff_seconds", brine::Value::Float(p.backoff_seconds)},
            {"max_attempts", brine::Value::Int(p.max_attempts)},
            {"service", heap.NewStr(p.service)},
        };
        for (const auto& [key, value] : fields) {
          absl::Status set = brine::DictSetItem(heap, dict.as<brine::Dict>(), heap.InternStr(key), value);
          if (!set.ok()) return set;
        }
        return brine::Substitute{dict};
      },
      .reconstruct = [](const brine::Reconstruction& call) -> absl::StatusOr<RetryPolicy> {
        std::optional<brine::Value> service = call.StateField("service");
        std::optional<brine::Value> attempts = call.StateField("max_attempts");
        std::optional<brine::Value> backoff = call.StateField("backoff_seconds");
        if (!service || !attempts || !backoff) {
          return absl::InvalidArgumentError("a retry policy needs service, max_attempts, backoff_seconds");
        }
        absl::StatusOr<std::string> s = brine::FromValue<std::string>(*service);
        absl::StatusOr<int> a = brine::FromValue<int>(*attempts);
        absl::StatusOr<double> b = brine::FromValue<double>(*backoff);
        if (!s.ok()) return s.status();
        if (!a.ok()) return a.status();
        if (!b.ok()) return b.status();
        return RetryPolicy{*s, *a, *b};
      },
  };
}

int main(int argc, char** argv) {
  const std::string mode = argc >= 2 ? argv[1] : "";
  brine::Registry registry;
  registry.set_policy(brine::GlobalPolicy::Strict());
  if (absl::Status registered = registry.Register(RetryPolicyAsDict()); !registered.ok()) {
    std::cerr << registered << "\n";
    return 1;
  }

  if (mode == "write") {
    const std::vector<RetryPolicy> policies = {{"billing", 5, 0.5}, {"search", 2, 1.25}};
    absl::StatusOr<std::string> bytes = brine::Encode(registry, policies);
    if (!bytes.ok()) {
      std::cerr << bytes.status() << "\n";
      return 1;
    }
    std::cout << *bytes;
    return 0;
  }
  if (mode == "read") {
    const std::string input(std::istreambuf_iterator<char>(std::cin), {});
    absl::StatusOr<std::vector<RetryPolicy>> policies =
        brine::Decode<std::vector<RetryPolicy>>(registry, input);
    if (!policies.ok()) {
      std::cerr << policies.status() << "\n";
      return 1;
    }
    for (const RetryPolicy& p : *policies) {
      std::cout << p.service << " " << p.max_attempts << " " << p.backoff_seconds << "\n";
    }
    return 0;
  }
  if (mode == "scan" && argc == 3) {
    std::ifstream file(argv[2], std::ios::binary);
    const std::string input(std::istreambuf_iterator<char>(file), {});
    absl::StatusOr<brine::Document> document = brine::Decode(input, registry);
    if (!document.ok()) {
      std::cerr << "refused: " << document.status().message() << "\n";
      return 3;
    }
    std::cout << "ok\n";
    return 0;
  }
  std::cerr << "usage: registry_custom_reducer write|read|scan FILE\n";
  return 2;
}
