// Replays a fuzz target over a corpus without libFuzzer (GCC builds): every file as it is, then
// deterministic mutations of it (truncations, flipped bytes, spliced PDF tokens), so that ctest
// exercises the hostile-input paths on every build.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::uint64_t next(std::uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return state >> 33U;
}

std::size_t mutate(const std::string& input) {
  static const char* const kTokens[] = {"<<", ">>", "[", "]", "(", ")", "<", ">", " R ", " 0 obj ", "endobj",
                                        "stream\n", "endstream", "xref\n0 1\n", "trailer", "startxref\n0\n",
                                        "%%EOF\n", "/Prev 0", "/Length 999999999", "/Kids [1 0 R]", "99999999999"};
  std::size_t runs = 0;
  const std::size_t size = input.size();
  for (std::size_t i = 1; i <= 64 && size > 0; ++i, ++runs) run(input.substr(0, size * i / 65));
  std::uint64_t state = size;
  for (int i = 0; i < 1024 && size > 0; ++i, ++runs) {
    std::string flipped = input;
    const std::size_t at = next(state) % size;
    flipped[at] = static_cast<char>(next(state) & 0xFFU);
    run(flipped);
  }
  for (int i = 0; i < 512 && size > 0; ++i, ++runs) {
    std::string spliced = input;
    const std::size_t at = next(state) % size;
    spliced.insert(at, kTokens[next(state) % std::size(kTokens)]);
    run(spliced);
  }
  return runs;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.push_back(path);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
    return 2;
  }
  std::size_t runs = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string input = buffer.str();
    run(input);
    runs += 1 + mutate(input);
  }
  std::printf("replayed %zu inputs from %zu corpus files\n", runs, files.size());
  return 0;
}
