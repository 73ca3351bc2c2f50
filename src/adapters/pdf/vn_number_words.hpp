// Vietnamese reading of whole numbers and amounts of money, as printed on official forms and receipts
// ("Bảy nghìn đồng"). Pure functions, thread-safe.
//
// Conventions (the usage of Vietnamese state accounting documents and e-invoices):
//   - units after "mươi" (20-99): 1 → "mốt", 4 → "tư", 5 → "lăm" ("hai mươi mốt", "hai mươi tư", "hai mươi
//   lăm");
//   - 5 after "mười" → "lăm" ("mười lăm"); 1 and 4 after "mười" stay "một", "bốn";
//   - a zero tens digit before a non-zero unit inside a group → "linh" ("một trăm linh năm");
//   - a group after the leading one keeps "không trăm" when its hundreds digit is 0 ("một nghìn không trăm
//   linh
//     năm"); groups that are entirely zero are skipped ("một triệu đồng");
//   - scale words "nghìn", "triệu", "tỷ"; above a thousand billion the scale repeats ("một nghìn tỷ").
#pragma once

#include <cstdint>
#include <string>

namespace motcua::adapters::pdf {

// "không", "bảy nghìn", "một nghìn không trăm linh năm" (lower case, no currency).
std::string number_in_words_vi(std::uint64_t n);

// The amount read in full with a capital first letter and "đồng": 7000 → "Bảy nghìn đồng".
std::string amount_in_words_vi(std::uint64_t dong);

// Figures with "." as thousands separator, as printed in Vietnam: 2500000 → "2.500.000".
std::string format_amount_vi(std::uint64_t n);

}  // namespace motcua::adapters::pdf
