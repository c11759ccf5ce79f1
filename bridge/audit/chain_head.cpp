#include "audit/chain_head.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "crypto/atomic_file.h"

namespace teichaku::audit {

void writeChainHead(const std::string& path, const ChainHead& head) {
  crypto::writeFileAtomically(
      path,
      "teichaku-audit-head v1\nseq " + std::to_string(head.seq) + "\nhash " + head.hash + "\n",
      S_IRUSR | S_IWUSR);
}

std::optional<ChainHead> readChainHead(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  std::string header, seqWord, hashWord;
  ChainHead head;
  if (!std::getline(in, header) || header != "teichaku-audit-head v1")
    return std::nullopt;
  if (!(in >> seqWord >> head.seq >> hashWord >> head.hash))
    return std::nullopt;
  if (seqWord != "seq" || hashWord != "hash" || head.seq < 0 || head.hash.size() != 64) {
    return std::nullopt;
  }
  return head;
}

}  // namespace teichaku::audit
