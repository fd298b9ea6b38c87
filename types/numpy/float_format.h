// numpy's float printing (arrayprint.FloatingFormat with the default print
// options: precision 8, floatmode 'maxprec', suppress off), over float16,
// float32 and float64 values carried as doubles: the shortest digits that
// round-trip in the value's own width, cut to 8 fractional digits, laid out
// positionally or in scientific notation, padded so that a column of values
// lines up.
#ifndef BRINE_TYPES_NUMPY_FLOAT_FORMAT_H_
#define BRINE_TYPES_NUMPY_FLOAT_FORMAT_H_

#include <span>
#include <string>

namespace brine::numpy {

// The storage width of the values printed: the shortest round-trip digits
// depend on it (float32 0.1 prints as 0.1, not 0.10000000149011612).
enum class FloatWidth { k16, k32, k64 };

// numpy's format for one column of values (FloatingFormat.fillFormat).
class FloatColumnFormat {
 public:
  // `values` are the values shown (after `...` summarizing); `plus_sign`
  // is sign='+' (the imaginary parts of complex numbers).
  FloatColumnFormat(std::span<const double> values, FloatWidth width, bool plus_sign);
  // One value, padded to the column.
  std::string Format(double value) const;

 private:
  FloatWidth width_;
  bool plus_sign_;
  bool exp_format_ = false;
  int precision_ = 8;
  int min_digits_ = 0;
  bool keep_zeros_ = false;  // trim 'k' instead of '.'
  int pad_left_ = 0;
  int pad_right_ = 0;
  int exp_size_ = -1;
};

// repr() of a numpy float scalar (np.float32(0.1) -> 0.1, 1e+20, 1.5e-05):
// the shortest digits, positional for 1e-4 <= |x| < 1e16 and zero, else
// scientific. `drop_point_zero` trims "1.0" to "1" (complex parts).
std::string FloatScalarRepr(double value, FloatWidth width, bool drop_point_zero = false);

}  // namespace brine::numpy

#endif  // BRINE_TYPES_NUMPY_FLOAT_FORMAT_H_
