// Test helpers shared by the PDF and signature adapter tests: a temporary directory, files, running the
// poppler/zbar command-line tools, and text normalisation for comparing extracted text. Test-only.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace motcua::adapters::testing {

// A fresh directory under /tmp, removed with its contents when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "motcua-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures its output (stderr too, unless the command redirects it first).
inline CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen(("( " + command + " ) 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// NFC with every run of whitespace collapsed to one space, for comparing text extracted from PDFs.
inline std::string normalise_text(std::string_view s) {
  const std::string nfc = core::to_nfc(s);
  std::string out;
  bool space = false;
  for (const char c : nfc) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Where tests leave files for people to look at (gitignored): $MOTCUA_ARTIFACTS_DIR/<sub>, else
// test-artifacts/.
inline std::filesystem::path artifacts_dir(std::string_view sub) {
  const char* env = std::getenv("MOTCUA_ARTIFACTS_DIR");
  std::filesystem::path dir = env != nullptr ? env : "test-artifacts";
  dir /= sub;
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace motcua::adapters::testing
