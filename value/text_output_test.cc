// TextOutput: chunked flushing, the byte limit (exactly the bytes up to it are
// flushed), holding, and flush failures.
#include "brine/value/text_output.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace brine {
namespace {

TEST(TextOutputTest, FlushesFullChunksAndTheRestAtFinish) {
  std::vector<size_t> chunks;
  std::string text;
  auto flush = [&](std::string_view chunk) {
    chunks.push_back(chunk.size());
    text.append(chunk);
    return absl::OkStatus();
  };
  TextOutput output(0, flush, "too long");
  const std::string piece(1000, 'x');
  for (int i = 0; i < 200; ++i) {
    output.Append(piece);
    ASSERT_TRUE(output.Check().ok());
    EXPECT_LE(output.buffer().size(), TextOutput::kChunkBytes + piece.size());
  }
  ASSERT_TRUE(output.Finish().ok());
  EXPECT_EQ(text.size(), 200000u);
  EXPECT_EQ(output.size(), 200000u);
  EXPECT_GE(chunks.size(), 3u);
}

TEST(TextOutputTest, PastTheLimitFlushesExactlyTheLimitAndFails) {
  std::string text;
  StringFlush flush(text);
  TextOutput output(2500, flush, "too long");
  absl::Status status;
  for (int i = 0; i < 10 && status.ok(); ++i) {
    output.Append(std::string(1000, 'a' + i));
    status = output.Check();
  }
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status.message(), "too long");
  EXPECT_EQ(text, std::string(1000, 'a') + std::string(1000, 'b') + std::string(500, 'c'));
  EXPECT_EQ(output.Finish().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(text.size(), 2500u);
}

TEST(TextOutputTest, FinishChecksTheLimitToo) {
  std::string text;
  StringFlush flush(text);
  TextOutput output(10, flush, "too long");
  output.Append("0123456789");
  EXPECT_TRUE(output.Finish().ok());
  EXPECT_EQ(text, "0123456789");
  std::string over;
  StringFlush flush_over(over);
  TextOutput longer(10, flush_over, "too long");
  longer.Append("0123456789A");
  EXPECT_FALSE(longer.Finish().ok());
  EXPECT_EQ(over, "0123456789");
}

TEST(TextOutputTest, HeldTextStaysInTheBuffer) {
  std::string text;
  StringFlush flush(text);
  TextOutput output(0, flush, "too long");
  output.Hold();
  for (int i = 0; i < 100; ++i) {
    output.Append(std::string(1000, 'h'));
    ASSERT_TRUE(output.Check().ok());
  }
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(output.buffer().size(), 100000u);
  output.Release();
  ASSERT_TRUE(output.Check().ok());
  EXPECT_EQ(text.size(), 100000u);
}

TEST(TextOutputTest, AFailedFlushIsReturned) {
  auto failing = [](std::string_view) { return absl::UnavailableError("disk full"); };
  TextOutput output(0, failing, "too long");
  output.Append(std::string(TextOutput::kChunkBytes, 'x'));
  EXPECT_EQ(output.Check().message(), "disk full");
}

}  // namespace
}  // namespace brine
