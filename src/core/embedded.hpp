// A file compiled into the binary (migrations, demo data); see motcua_embed_files in cmake/motcua.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace motcua::core {

struct EmbeddedFile {
  std::string_view name;  // base name, e.g. "0001_init.sql"
  std::string_view data;  // bytes, valid for the program's lifetime
};

}  // namespace motcua::core
