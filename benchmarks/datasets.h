// Benchmark data sets: the pickles benchmarks/data/make_datasets.py writes,
// found through the `manifest.tsv` in the data directory.
//
// The directory is $BRINE_BENCH_DATA, else /tmp/brine_bench_data. Manifest
// rows are read once, when the benchmarks register themselves; a file's bytes
// are read the first time a benchmark asks for them and kept for the rest of
// the run, so --benchmark_filter reads only what it selects.
#ifndef BRINE_BENCHMARKS_DATASETS_H_
#define BRINE_BENCHMARKS_DATASETS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace brine::bench {

// One pickle: one data set at one protocol.
struct Dataset {
  std::string name;   // "bm_dict", "ints", ...
  int protocol = 0;   // what CPython's pickle.dumps wrote it with
  std::string path;   // full path of the .pkl file
  int64_t bytes = 0;  // file size
  int64_t items = 0;  // values in the object graph (see make_datasets.py)
};

// The data directory in use.
std::string DataDirectory();

// The manifest rows of DataDirectory().
absl::StatusOr<std::vector<Dataset>> ListDatasets();

// The bytes of `dataset`'s file, read on first use and cached. The reference
// stays valid until the process ends.
absl::StatusOr<const std::string*> DatasetBytes(const Dataset& dataset);

}  // namespace brine::bench

#endif  // BRINE_BENCHMARKS_DATASETS_H_
