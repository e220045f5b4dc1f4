#include <iostream>
#include <vector>

int main() {
  std::vector<std::vector<char>> chunks;
  while (chunks.size() < 4096) chunks.emplace_back(1 << 20, static_cast<char>(chunks.size() % 251 + 1));
  unsigned long checksum = 0;
  for (const auto &chunk : chunks) checksum += static_cast<unsigned char>(chunk[12345]);
  std::cout << checksum << '\n';
}
