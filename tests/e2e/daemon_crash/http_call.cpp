#include "http_call.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace teichaku::e2e {

HttpReply httpCall(const std::string& method, const std::string& url, const std::string& body,
                   const Headers& headers, int timeoutMs) {
  const Poco::URI uri(url);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  session.setTimeout(Poco::Timespan(static_cast<long>(timeoutMs) * 1000));
  Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) {
    request.set(name, value);
  }
  if (!body.empty()) {
    request.setContentType("application/json");
  }
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  HttpReply reply;
  try {
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    reply.status = static_cast<int>(response.getStatus());
    reply.body = text.str();
  } catch (const Poco::Exception& e) {
    // Expected while a process starts or after it was killed: the caller polls again.
    reply.status = 0;
    reply.body = e.displayText();
  }
  return reply;
}

int freeLoopbackPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = socket.address().port();
  socket.close();
  return port;
}

}  // namespace teichaku::e2e
