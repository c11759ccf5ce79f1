// Throughput of GET records.json pages of 500 from the emulator over loopback HTTP, the
// way the official client pages through an app ($id seek, kintone-api.md §8).
// Floor: 20,000 records/s on 2 cores. Prints the rate and its ratio to the floor; exits
// non-zero only when a page is wrong, never on speed (machines differ).
#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"

namespace {

constexpr double kFloorRecordsPerSecond = 20000;

std::string seedDocument(int records) {
  std::string doc = R"({"apps":[{"id":1,"name":"bench","fields":{
      "name":{"type":"SINGLE_LINE_TEXT"},"memo":{"type":"MULTI_LINE_TEXT"},
      "amount":{"type":"NUMBER"},"day":{"type":"DATE"}},"records":[)";
  for (int i = 0; i < records; ++i) {
    doc +=
        (i > 0 ? "," : "") + std::string(R"({"name":{"value":"利用者)") + std::to_string(i) +
        R"("},"memo":{"value":"支援記録のメモ。複数行の本文を想定した長さの文字列です。"},"amount":{"value":")" +
        std::to_string(i * 7) + R"("},"day":{"value":"2026-04-01"}})";
  }
  return doc + "]}]}";
}

// Reads every record once by $id seek; returns the number of records seen.
long readAll(std::uint16_t port, const std::string& auth) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setKeepAlive(true);
  long seen = 0;
  std::string lastId = "0";
  while (true) {
    std::string query = "$id > " + lastId + " order by $id asc limit 500";
    std::string encoded;
    Poco::URI::encode(query, "&=+$ ", encoded);
    Poco::Net::HTTPRequest request("GET", "/k/v1/records.json?app=1&query=" + encoded,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Cybozu-Authorization", auth);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK || !doc.IsObject()) {
      std::cerr << "bad page: " << body.substr(0, 200) << "\n";
      return -1;
    }
    const auto& records = doc["records"];
    seen += records.Size();
    if (records.Size() < 500) {
      return seen;
    }
    lastId = records[records.Size() - 1]["$id"]["value"].GetString();
  }
}

}  // namespace

int main(int argc, char** argv) {
  int records = 20000;
  int rounds = 5;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    int value = std::stoi(argv[i + 1]);
    if (name == "--records") {
      records = value;
    } else if (name == "--rounds") {
      rounds = value;
    } else if (name == "--threads") {
      threads = value;
    }
  }
  teichaku::emulator::EmulatorOptions options;
  options.adminPassword = "bench";
  teichaku::emulator::Emulator emulator(options);
  rapidjson::Document seed;
  std::string text = seedDocument(records);
  seed.Parse(text.c_str(), text.size());
  emulator.applyConfig(seed);
  teichaku::emulator::HttpServer server(emulator, {});
  server.start();
  std::ostringstream authText;
  Poco::Base64Encoder encoder(authText);
  encoder << "Administrator:bench";
  encoder.close();
  std::string auth = authText.str();

  std::atomic<long> total{0};
  std::atomic<bool> wrong{false};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int r = 0; r < rounds; ++r) {
        long seen = readAll(server.port(), auth);
        if (seen != records) {
          wrong = true;
        }
        total += seen;
      }
    });
  }
  for (auto& w : workers) {
    w.join();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  server.stop();
  double rate = static_cast<double>(total.load()) / seconds;
  std::printf("records.json pages of 500: %ld records in %.3f s with %d client threads\n",
              total.load(), seconds, threads);
  std::printf("throughput: %.0f records/s (floor %.0f, ratio %.2f)\n", rate, kFloorRecordsPerSecond,
              rate / kFloorRecordsPerSecond);
  return wrong ? 1 : 0;
}
