// Validators and conditional GET (RFC 9110 §8.8.3, §13.1.2): a cached body carries an entity tag, and a
// client that already holds it (a browser revisiting a procedure, a phone polling a dossier's status) gets
// 304 Not Modified with no body instead of the whole document again.
#pragma once

#include <string>
#include <string_view>

namespace motcua::http {

// The strong entity tag of a body, quotes included: "\"" + 24 hex digits + "\"", a 96-bit digest (two
// independent hashes of the bytes). Equal bodies get equal tags in every process and across restarts.
std::string entity_tag(std::string_view body);

// The tag of the body's gzip form: the identity tag with "-gz" inside the quotes (a different encoding is a
// different representation, RFC 9110 §8.8.3.3).
std::string gzip_entity_tag(std::string_view identity_tag);

// True if an If-None-Match value names `etag` (weak comparison: "W/" is ignored on either side) or is "*".
// A malformed value matches nothing, so the client gets the full answer.
bool none_match_fails(std::string_view if_none_match, std::string_view etag);

}  // namespace motcua::http
