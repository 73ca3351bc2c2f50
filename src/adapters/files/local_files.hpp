// The files port on the local disk and libmagic: blobs under DIR/ab/cd/<sha256>, written to a temporary file,
// fsynced, renamed into place and the directory fsynced, so an acknowledged upload survives a crash.
#pragma once

#include <memory>
#include <string>

#include "app/files_port.hpp"

namespace motcua::adapters {

core::Result<std::unique_ptr<app::BlobStore>> make_local_blob_store(const std::string& dir);
core::Result<std::unique_ptr<app::FileSniffer>> make_magic_sniffer();

}  // namespace motcua::adapters
