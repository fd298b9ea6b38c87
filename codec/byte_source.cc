// The istream and file descriptor ByteSources (see byte_source.h).
#include "brine/codec/byte_source.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace brine {

IstreamSource::IstreamSource(std::istream& stream) : stream_(stream) {
  std::streambuf* buffer = stream_.rdbuf();
  if (buffer == nullptr || !stream_.good()) return;
  std::streampos here = buffer->pubseekoff(0, std::ios::cur, std::ios::in);
  if (here == std::streampos(-1)) return;
  std::streampos end = buffer->pubseekoff(0, std::ios::end, std::ios::in);
  buffer->pubseekpos(here, std::ios::in);
  if (end != std::streampos(-1) && end >= here) size_at_start_ = static_cast<uint64_t>(end - here);
}

absl::StatusOr<size_t> IstreamSource::Read(char* dest, size_t min_bytes, size_t max_bytes) {
  (void)max_bytes;  // reading ahead would take bytes past STOP from the caller
  std::streambuf* buffer = stream_.rdbuf();
  if (buffer == nullptr || !stream_.good()) return 0;  // as istream::read would
  std::streamsize got = 0;
  try {
    got = buffer->sgetn(dest, static_cast<std::streamsize>(min_bytes));
    if (static_cast<size_t>(got) < min_bytes) stream_.setstate(std::ios::eofbit | std::ios::failbit);
  } catch (const std::ios_base::failure&) {
    // setstate throws on a stream with exceptions() set; the bytes are read.
  } catch (...) {
    return absl::DataLossError("error reading the input stream");
  }
  return static_cast<size_t>(std::max<std::streamsize>(got, 0));
}

void IstreamSource::Unread(size_t count) {
  if (count == 0) return;
  try {
    stream_.clear(stream_.rdstate() & ~std::ios::failbit & ~std::ios::eofbit);
    stream_.seekg(-static_cast<std::streamoff>(count), std::ios::cur);
  } catch (const std::ios_base::failure&) {
    // Not seekable: the bytes are lost, as Unread allows.
  }
}

FdSource::FdSource(int fd) : fd_(fd) {
  struct stat info;
  if (fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) return;
  off_t here = lseek(fd_, 0, SEEK_CUR);
  if (here < 0 || here > info.st_size) return;
  size_at_start_ = static_cast<uint64_t>(info.st_size - here);
}

absl::StatusOr<size_t> FdSource::Read(char* dest, size_t min_bytes, size_t max_bytes) {
  size_t got = 0;
  while (got < min_bytes) {
    ssize_t n = read(fd_, dest + got, max_bytes - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(absl::StrCat("read error on file descriptor ", fd_, ": ", std::strerror(errno)));
    }
    got += static_cast<size_t>(n);
  }
  return got;
}

void FdSource::Unread(size_t count) {
  if (count > 0) lseek(fd_, -static_cast<off_t>(count), SEEK_CUR);
}

}  // namespace brine
