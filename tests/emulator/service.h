#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

// The seam between the emulator's HTTP front end (server, routing, faults, request
// log) and the services it emulates (kintone, Garoon, cybozu.com User API). A
// service sees a parsed request and returns a response; it never touches sockets,
// so each service is unit-testable without a server.
namespace teichaku::emulator {

struct Request {
  std::string method;  // after X-HTTP-Method-Override has been applied
  std::string path;    // without the query string, percent-decoded
  // Query-string parameters in order, percent-decoded (name[i] kept as written).
  std::vector<std::pair<std::string, std::string>> query;
  // Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;

  const std::string* header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? nullptr : &it->second;
  }
};

struct Response {
  int status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class Service {
 public:
  virtual ~Service() = default;
  // True when this service owns the path (e.g. "/k/", "/g/api/", "/v1/").
  virtual bool owns(const Request& request) const = 0;
  virtual Response handle(const Request& request) = 0;
  // Drops all state (control API "reset").
  virtual void reset() = 0;
  // Test control under /__emulator/<name>/... (e.g. read the Garoon notification
  // history). Returns false when the path is not one of this service's.
  virtual bool handleControl(const Request& request, Response& response) {
    (void)request;
    (void)response;
    return false;
  }
  // Applies this service's section of the emulator config (the TOML table or JSON object
  // named after the service, e.g. [garoon], passed as JSON text). Returns false and sets
  // `error` when the section is invalid. Called at start, on "seed", and after "reset".
  virtual bool configure(const std::string& sectionJson, std::string& error) {
    (void)sectionJson;
    (void)error;
    return true;
  }
};

}  // namespace teichaku::emulator
