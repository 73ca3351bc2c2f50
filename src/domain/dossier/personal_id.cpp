#include "domain/dossier/personal_id.hpp"

#include <array>
#include <utility>

namespace motcua::domain {

namespace {

// Province codes of spec §8.1 (Decision 124/2004 codes with a leading 0).
constexpr std::pair<const char*, const char*> kProvinces[] = {
    {"001", "Hà Nội"},          {"002", "Hà Giang"},       {"004", "Cao Bằng"},       {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},     {"010", "Lào Cai"},        {"011", "Điện Biên"},      {"012", "Lai Châu"},
    {"014", "Sơn La"},          {"015", "Yên Bái"},        {"017", "Hòa Bình"},       {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},        {"022", "Quảng Ninh"},     {"024", "Bắc Giang"},      {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},       {"027", "Bắc Ninh"},       {"030", "Hải Dương"},      {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},        {"034", "Thái Bình"},      {"035", "Hà Nam"},         {"036", "Nam Định"},
    {"037", "Ninh Bình"},       {"038", "Thanh Hóa"},      {"040", "Nghệ An"},        {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},      {"045", "Quảng Trị"},      {"046", "Thừa Thiên Huế"}, {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},       {"051", "Quảng Ngãi"},     {"052", "Bình Định"},      {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},       {"058", "Ninh Thuận"},     {"060", "Bình Thuận"},     {"062", "Kon Tum"},
    {"064", "Gia Lai"},         {"066", "Đắk Lắk"},        {"067", "Đắk Nông"},       {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},      {"072", "Tây Ninh"},       {"074", "Bình Dương"},     {"075", "Đồng Nai"},
    {"077", "Bà Rịa–Vũng Tàu"}, {"079", "TP Hồ Chí Minh"}, {"080", "Long An"},        {"082", "Tiền Giang"},
    {"083", "Bến Tre"},         {"084", "Trà Vinh"},       {"086", "Vĩnh Long"},      {"087", "Đồng Tháp"},
    {"089", "An Giang"},        {"091", "Kiên Giang"},     {"092", "Cần Thơ"},        {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},       {"095", "Bạc Liêu"},       {"096", "Cà Mau"},
};

core::Error invalid(std::string_view field, const std::string& vi, const std::string& en) {
  return core::Error::invalid("personal_id.invalid", vi, en, std::string(field));
}

}  // namespace

core::Result<PersonalIdInfo> parse_personal_id(std::string_view id, int current_year,
                                               std::string_view field) {
  bool digits = id.size() == 12;
  for (char c : id) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    return invalid(field, "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                   "The personal identification number must have exactly 12 digits.");
  }
  PersonalIdInfo info;
  info.province_code = std::string(id.substr(0, 3));
  for (const auto& [code, name] : kProvinces) {
    if (info.province_code == code) info.province_name = name;
  }
  if (info.province_name.empty()) {
    return invalid(
        field, "Mã tỉnh \"" + info.province_code + "\" trong số định danh cá nhân không tồn tại.",
        "Province code \"" + info.province_code + "\" of the personal identification number does not exist.");
  }
  const int century_digit = id[3] - '0';
  info.sex = century_digit % 2 == 0 ? Sex::kMale : Sex::kFemale;
  info.birth_year = 1900 + (century_digit / 2) * 100 + (id[4] - '0') * 10 + (id[5] - '0');
  if (info.birth_year > current_year) {
    return invalid(
        field,
        "Năm sinh " + std::to_string(info.birth_year) +
            " suy ra từ số định danh cá nhân nằm trong tương lai; kiểm tra chữ số thứ 4 đến thứ 6.",
        "The birth year " + std::to_string(info.birth_year) +
            " encoded in the personal identification number is in the future; check digits 4 to 6.");
  }
  return info;
}

}  // namespace motcua::domain
