#include "adapters/pdf/vn_number_words.hpp"

#include <array>

namespace motcua::adapters::pdf {

namespace {

constexpr std::array<const char*, 10> kDigits = {"không", "một", "hai", "ba",  "bốn",
                                                 "năm",   "sáu", "bảy", "tám", "chín"};
constexpr std::uint64_t kBillion = 1'000'000'000;

void append_word(std::string& out, std::string_view word) {
  if (word.empty()) return;
  if (!out.empty()) out += ' ';
  out += word;
}

// The unit digit after "mươi" (20-99): mốt, tư, lăm.
std::string_view unit_after_muoi(unsigned u) {
  if (u == 1) return "mốt";
  if (u == 4) return "tư";
  if (u == 5) return "lăm";
  return kDigits[u];
}

// Reads a group 0..999. A leading group drops zero hundreds and tens ("năm", "mười lăm"); a following group
// keeps them ("không trăm linh năm").
std::string read_group(unsigned group, bool leading) {
  const unsigned h = group / 100, t = group / 10 % 10, u = group % 10;
  std::string out;
  const bool say_hundreds = !leading || h != 0;
  if (say_hundreds) {
    append_word(out, kDigits[h]);
    append_word(out, "trăm");
  }
  if (t == 0) {
    if (u != 0) {
      if (say_hundreds) append_word(out, "linh");
      append_word(out, kDigits[u]);
    }
  } else if (t == 1) {
    append_word(out, "mười");
    if (u != 0) append_word(out, u == 5 ? "lăm" : kDigits[u]);
  } else {
    append_word(out, kDigits[t]);
    append_word(out, "mươi");
    if (u != 0) append_word(out, unit_after_muoi(u));
  }
  return out;
}

// Reads 0 < n < 10^9 as groups of triệu, nghìn and units; all-zero groups are skipped.
std::string read_below_billion(std::uint64_t n, bool leading) {
  constexpr std::array<const char*, 3> kScales = {"triệu", "nghìn", ""};
  constexpr std::array<std::uint64_t, 3> kDivisors = {1'000'000, 1'000, 1};
  std::string out;
  for (std::size_t i = 0; i < kDivisors.size(); ++i) {
    const auto group = static_cast<unsigned>(n / kDivisors[i] % 1000);
    if (group == 0) continue;
    append_word(out, read_group(group, leading && out.empty()));
    append_word(out, kScales[i]);
  }
  return out;
}

std::string read(std::uint64_t n, bool leading) {
  if (n < kBillion) return read_below_billion(n, leading);
  std::string out = read(n / kBillion, leading);
  append_word(out, "tỷ");
  if (const auto low = n % kBillion; low != 0) append_word(out, read_below_billion(low, false));
  return out;
}

}  // namespace

std::string number_in_words_vi(std::uint64_t n) {
  if (n == 0) return kDigits[0];
  return read(n, true);
}

std::string amount_in_words_vi(std::uint64_t dong) {
  std::string out = number_in_words_vi(dong);
  // Every Vietnamese digit word starts with an ASCII letter, so capitalising the first byte is enough.
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + " đồng";
}

std::string format_amount_vi(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first);
  for (std::size_t i = first; i < digits.size(); i += 3) {
    out += '.';
    out.append(digits, i, 3);
  }
  return out;
}

}  // namespace motcua::adapters::pdf
