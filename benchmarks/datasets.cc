// Benchmark data sets: reads manifest.tsv and caches file contents (see
// datasets.h).
#include "brine/benchmarks/datasets.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace brine::bench {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

std::string DataDirectory() {
  const char* from_environment = std::getenv("BRINE_BENCH_DATA");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment
                                                                  : "/tmp/brine_bench_data";
}

absl::StatusOr<std::vector<Dataset>> ListDatasets() {
  const std::string directory = DataDirectory();
  absl::StatusOr<std::string> manifest = ReadFile(directory + "/manifest.tsv");
  if (!manifest.ok()) {
    return absl::NotFoundError(absl::StrCat(
        manifest.status().message(),
        "; write the data sets with `python3 benchmarks/data/make_datasets.py --out ", directory,
        "` or point BRINE_BENCH_DATA at them"));
  }
  std::vector<Dataset> datasets;
  bool header = true;
  for (absl::string_view line : absl::StrSplit(*manifest, '\n', absl::SkipEmpty())) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    Dataset dataset;
    if (fields.size() < 5 || !absl::SimpleAtoi(fields[1], &dataset.protocol) ||
        !absl::SimpleAtoi(fields[3], &dataset.bytes) ||
        !absl::SimpleAtoi(fields[4], &dataset.items)) {
      return absl::DataLossError(absl::StrCat("bad manifest line: ", line));
    }
    dataset.name = std::string(fields[0]);
    dataset.path = absl::StrCat(directory, "/", fields[2]);
    datasets.push_back(std::move(dataset));
  }
  return datasets;
}

absl::StatusOr<const std::string*> DatasetBytes(const Dataset& dataset) {
  static auto* cache = new std::map<std::string, std::unique_ptr<std::string>>();
  auto found = cache->find(dataset.path);
  if (found != cache->end()) return found->second.get();
  absl::StatusOr<std::string> contents = ReadFile(dataset.path);
  if (!contents.ok()) return contents.status();
  auto stored = std::make_unique<std::string>(*std::move(contents));
  const std::string* result = stored.get();
  cache->emplace(dataset.path, std::move(stored));
  return result;
}

}  // namespace brine::bench
