#pragma once

#include <sys/types.h>

#include <string>

// Durable small-file writes shared by the key file and the audit chain head.
namespace teichaku::crypto {

// Replaces `path` atomically: writes `path.tmp` with `mode`, fsyncs it, renames it
// over `path` and fsyncs the directory, so a crash leaves either the old or the
// new content, never a mix. Throws std::runtime_error (Japanese, names the file).
void writeFileAtomically(const std::string& path, const std::string& content, mode_t mode);

// Creates `path` exclusively (fails if it exists) with `mode`, writes and fsyncs.
void createFileExclusively(const std::string& path, const std::string& content, mode_t mode);

}  // namespace teichaku::crypto
