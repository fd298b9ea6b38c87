// DecodeStream / DecodeFile / DecodeSource against the contiguous Decode
// (itself tested against CPython): every conformance pickle and every
// truncation of it decodes to the same repr or fails with the same message,
// through a std::istringstream, a 1-byte-per-read streambuf and a file;
// concatenated pickles come out one by one with the stream left after each;
// a 50 MiB payload is read once, into its place in the arena.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <streambuf>
#include <thread>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/codec/byte_source.h"
#include "brine/codec/conformance_pickles.h"
#include "brine/codec/decoder.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// repr of the decoded root, or "error: <status>".
std::string Outcome(const absl::StatusOr<Document>& document) {
  if (!document.ok()) return absl::StrCat("error: ", document.status().ToString());
  absl::StatusOr<std::string> repr = Repr(document->root(), ReprOptions{0});
  return repr.ok() ? *repr : absl::StrCat("repr error: ", repr.status().ToString());
}

// Hands out its bytes one at a time and cannot seek, as a pipe or a socket
// that delivers a byte per read() would.
class OneByteStreambuf : public std::streambuf {
 public:
  explicit OneByteStreambuf(std::string data) : data_(std::move(data)) {}
  size_t position() const { return next_; }

 protected:
  int_type underflow() override {
    if (gptr() != nullptr && gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ >= data_.size()) return traits_type::eof();
    char* c = &data_[next_++];
    setg(c, c, c + 1);
    return traits_type::to_int_type(*c);
  }

 private:
  std::string data_;
  size_t next_ = 0;
};

// A temporary file holding `data`, opened for reading.
class TempFile {
 public:
  explicit TempFile(const std::string& data) {
    const char* tmp = std::getenv("TEST_TMPDIR");
    path_ = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/stream_decoder_XXXXXX");
    int fd = mkstemp(path_.data());
    EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    close(fd);
    fd_ = open(path_.c_str(), O_RDONLY);
  }
  ~TempFile() {
    close(fd_);
    unlink(path_.c_str());
  }
  int fd() const { return fd_; }

 private:
  std::string path_;
  int fd_ = -1;
};

class StreamDecoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::vector<ConformancePickle>> loaded = LoadConformancePickles();
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    pickles_ = new std::vector<ConformancePickle>(std::move(*loaded));
  }
  static void TearDownTestSuite() { delete pickles_; }
  static std::vector<ConformancePickle>* pickles_;
};

std::vector<ConformancePickle>* StreamDecoderTest::pickles_ = nullptr;

TEST_F(StreamDecoderTest, EveryConformancePickleDecodesAsFromMemory) {
  ASSERT_GT(pickles_->size(), 1000u);
  for (const ConformancePickle& p : *pickles_) {
    std::string expected = Outcome(Decode(p.data));
    std::istringstream stream(p.data);
    EXPECT_EQ(Outcome(DecodeStream(stream)), expected) << p.name << " protocol " << p.protocol;
    OneByteStreambuf one_byte(p.data);
    std::istream slow(&one_byte);
    EXPECT_EQ(Outcome(DecodeStream(slow)), expected) << p.name << " protocol " << p.protocol << " (1 byte per read)";
    TempFile file(p.data);
    EXPECT_EQ(Outcome(DecodeFile(file.fd())), expected) << p.name << " protocol " << p.protocol << " (file)";
  }
}

TEST_F(StreamDecoderTest, EveryTruncationFailsAsFromMemory) {
  size_t compared = 0;
  for (const ConformancePickle& p : *pickles_) {
    if (p.data.size() > 600) continue;
    for (size_t length = 0; length < p.data.size(); ++length) {
      std::string prefix = p.data.substr(0, length);
      std::string expected = Outcome(Decode(prefix));
      std::istringstream stream(prefix);
      ASSERT_EQ(Outcome(DecodeStream(stream)), expected) << p.name << " cut at " << length;
      OneByteStreambuf one_byte(prefix);
      std::istream slow(&one_byte);
      ASSERT_EQ(Outcome(DecodeStream(slow)), expected) << p.name << " cut at " << length << " (1 byte per read)";
      ++compared;
    }
  }
  EXPECT_GT(compared, 10000u);
}

TEST_F(StreamDecoderTest, ConcatenatedPicklesComeOutOneByOne) {
  std::string concatenated;
  std::vector<std::string> expected;
  std::vector<size_t> ends;
  for (const ConformancePickle& p : *pickles_) {
    if (p.protocol < 0) continue;  // hand-written pickles may carry bytes after STOP
    concatenated += p.data;
    ends.push_back(concatenated.size());
    expected.push_back(Outcome(Decode(p.data)));
  }
  ASSERT_GT(expected.size(), 1000u);

  std::istringstream stream(concatenated);
  OneByteStreambuf one_byte(concatenated);
  std::istream slow(&one_byte);
  TempFile file(concatenated);
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(Outcome(DecodeStream(stream)), expected[i]) << "pickle " << i;
    ASSERT_EQ(static_cast<size_t>(stream.tellg()), ends[i]) << "pickle " << i;
    ASSERT_EQ(Outcome(DecodeStream(slow)), expected[i]) << "pickle " << i << " (1 byte per read)";
    ASSERT_EQ(one_byte.position(), ends[i]) << "pickle " << i << " (1 byte per read)";
    ASSERT_EQ(Outcome(DecodeFile(file.fd())), expected[i]) << "pickle " << i << " (file)";
    ASSERT_EQ(static_cast<size_t>(lseek(file.fd(), 0, SEEK_CUR)), ends[i]) << "pickle " << i << " (file)";
  }
  EXPECT_EQ(stream.peek(), EOF);
  EXPECT_EQ(Outcome(DecodeStream(stream)), Outcome(Decode("")));
}

TEST(StreamDecoderLoadTest, ReadsWhatPickleDumpWroteToOneFileInOrder) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import io, pickle, sys
f = io.BytesIO()
for p in range(6):
    pickle.dump({'protocol': p, 'items': list(range(p * 1000))}, f, protocol=p)
data = f.getvalue()
f = io.BytesIO(data)
while f.tell() < len(data):
    print(repr(pickle.load(f)))
sys.stderr.buffer.write(data)
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0);
  std::istringstream stream(python->stderr_text);
  std::string reprs;
  while (stream.peek() != EOF) reprs += Outcome(DecodeStream(stream)) + "\n";
  EXPECT_EQ(reprs, python->stdout_text);
}

// A ByteSource over a string that records where each Read wrote and how much
// room it was offered.
class RecordingSource : public ByteSource {
 public:
  explicit RecordingSource(const std::string& data) : data_(data) {}

  absl::StatusOr<size_t> Read(char* dest, size_t min_bytes, size_t max_bytes) override {
    EXPECT_GE(min_bytes, 1u);
    EXPECT_LE(min_bytes, max_bytes);
    size_t count = std::min(max_bytes, data_.size() - position_);
    std::memcpy(dest, data_.data() + position_, count);
    position_ += count;
    reads_.push_back({dest, max_bytes, count});
    return count;
  }
  std::optional<uint64_t> SizeAtStart() const override { return std::nullopt; }

  struct ReadCall {
    char* dest;
    size_t room;
    size_t count;
  };
  const std::vector<ReadCall>& reads() const { return reads_; }
  size_t position() const { return position_; }

 private:
  const std::string& data_;
  size_t position_ = 0;
  std::vector<ReadCall> reads_;
};

TEST(StreamDecoderLargeTest, FiftyMebibytePayloadIsReadOnceIntoTheArena) {
  constexpr size_t kPayload = size_t{50} << 20;
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import pickle, sys
n = int(sys.argv[1])
payload = bytes(i * 7 % 251 for i in range(256)) * (n // 256)
sys.stdout.buffer.write(pickle.dumps(['head', payload, 'tail'], protocol=4))
)",
                                                   {std::to_string(kPayload)});
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  const std::string& data = python->stdout_text;

  RecordingSource source(data);
  absl::StatusOr<Document> document = DecodeSource(source);
  ASSERT_TRUE(document.ok()) << document.status();
  Value root = document->root();
  ASSERT_EQ(root.kind(), Kind::kList);
  ASSERT_EQ(root.as<List>()->items.size(), 3u);
  Value payload = root.as<List>()->items[1];
  ASSERT_EQ(payload.kind(), Kind::kBytes);
  std::string_view bytes = payload.as<Bytes>()->data;
  ASSERT_EQ(bytes.size(), kPayload);

  absl::StatusOr<Document> from_memory = Decode(data);
  ASSERT_TRUE(from_memory.ok());
  EXPECT_TRUE(bytes == from_memory->root().as<List>()->items[1].as<Bytes>()->data);

  // Every byte was read once, the payload's straight into the Bytes object;
  // every other read went to a window of bounded size.
  EXPECT_EQ(source.position(), data.size());
  size_t into_payload = 0;
  size_t largest_window = 0;
  for (const RecordingSource::ReadCall& read : source.reads()) {
    if (read.dest >= bytes.data() && read.dest < bytes.data() + bytes.size()) {
      EXPECT_LE(read.dest + read.count, bytes.data() + bytes.size());
      into_payload += read.count;
    } else {
      largest_window = std::max(largest_window, read.room);
    }
  }
  EXPECT_GT(into_payload, kPayload - (size_t{64} << 10));
  EXPECT_LE(largest_window, size_t{256} << 10);
  EXPECT_LT(document->heap().bytes_allocated(), kPayload + (size_t{1} << 20));
}

TEST(StreamDecoderLargeTest, HugeDeclaredLengthIsRefusedBeforeAllocating) {
  // BINBYTES8 declaring 2**62 bytes, then nothing.
  std::string data = std::string("\x80\x04\x8e", 3) + std::string("\0\0\0\0\0\0\0\x40", 8);
  std::istringstream seekable(data);
  EXPECT_EQ(Outcome(DecodeStream(seekable)), Outcome(Decode(data)));  // the size is known: same message
  OneByteStreambuf one_byte(data);
  std::istream unseekable(&one_byte);
  absl::StatusOr<Document> refused = DecodeStream(unseekable);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted) << refused.status();
  EXPECT_NE(refused.status().message().find("BINBYTES8 at offset 2: allocating 4611686018427387904 more bytes"),
            absl::string_view::npos)
      << refused.status();

  // A length within the limits on an input that ends early: truncated, as in memory.
  std::string short_payload = std::string("\x80\x04\x8e", 3) + std::string("\0\0\x10\0\0\0\0\0", 8) + "abc";
  OneByteStreambuf one_byte_short(short_payload);
  std::istream unseekable_short(&one_byte_short);
  EXPECT_EQ(Outcome(DecodeStream(unseekable_short)), Outcome(Decode(short_payload)));
}

TEST(StreamDecoderLimitTest, EndlessLineIsRefusedAtMaxTotalBytes) {
  // UNICODE whose line never ends: the window stops growing at the limit.
  std::string data = "V" + std::string(size_t{1} << 20, 'a');
  OneByteStreambuf one_byte(data);
  std::istream stream(&one_byte);
  DecodeOptions options;
  options.limits.max_total_bytes = 100000;
  absl::StatusOr<Document> refused = DecodeStream(stream, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted) << refused.status();
  EXPECT_NE(refused.status().message().find("UNICODE at offset 0: argument line longer than max_total_bytes"),
            absl::string_view::npos)
      << refused.status();
  EXPECT_LT(one_byte.position(), 200000u);
}

TEST(StreamDecoderLimitTest, StreamThatThrowsAtItsEndGivesTheTruncationError) {
  std::string data("\x80\x02J\x01\x02", 5);  // BININT with 2 of its 4 bytes
  std::istringstream stream(data);
  stream.exceptions(std::ios::failbit | std::ios::eofbit);
  EXPECT_EQ(Outcome(DecodeStream(stream)), Outcome(Decode(data)));
}

TEST(StreamDecoderFileTest, PipeDecodesOnePickle) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
import pickle, sys
sys.stdout.buffer.write(pickle.dumps({'a': [1, 2.5, None], 'b': b'x' * 100000}, protocol=5))
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::string data = python->stdout_text;
  std::thread writer([&] {
    size_t written = 0;
    while (written < data.size()) {
      ssize_t n = write(fds[1], data.data() + written, std::min<size_t>(4096, data.size() - written));
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    close(fds[1]);
  });
  std::string streamed = Outcome(DecodeFile(fds[0]));
  writer.join();
  close(fds[0]);
  EXPECT_EQ(streamed, Outcome(Decode(data)));
}

}  // namespace
}  // namespace brine
