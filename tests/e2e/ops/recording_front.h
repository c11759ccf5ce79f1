#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/emulator.h"

// A loopback HTTP front for the in-process emulator that writes down the method and path
// of every request before serving it, so a test can prove that a command sent no write
// (the emulator's own request log counts routes, not methods). Faults are not applied:
// these tests do not inject any.
namespace teichaku::ops_testing {

struct SeenRequest {
  std::string method;  // after X-HTTP-Method-Override, as the service runs it
  std::string path;
};

class RecordingFront {
 public:
  explicit RecordingFront(emulator::Emulator& emulator);
  ~RecordingFront();
  RecordingFront(const RecordingFront&) = delete;
  RecordingFront& operator=(const RecordingFront&) = delete;

  std::string baseUrl() const;  // http://127.0.0.1:PORT
  std::vector<SeenRequest> seen() const;
  void clear();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace teichaku::ops_testing
