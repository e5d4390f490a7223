// Runs a fuzz target over every file of the given folders (recursively) or files: the corpus replay that ctest
// runs under gcc, so that inputs the fuzzer once found stay fixed. With --mutate each file is also run in
// deterministic mutations (truncations, flipped bytes, spliced PDF tokens), so that every build exercises the
// hostile-input paths of a target whose corpus is small (pdfobj's PDF reader).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
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

// Runs the mutations of one input; returns how many.
std::size_t mutate(const std::string& input) {
  static const char* const kTokens[] = {"<<",
                                        ">>",
                                        "[",
                                        "]",
                                        "(",
                                        ")",
                                        "<",
                                        ">",
                                        " R ",
                                        " 0 obj ",
                                        "endobj",
                                        "stream\n",
                                        "endstream",
                                        "xref\n0 1\n",
                                        "trailer",
                                        "startxref\n0\n",
                                        "%%EOF\n",
                                        "/Prev 0",
                                        "/Length 999999999",
                                        "/Kids [1 0 R]",
                                        "99999999999"};
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
  bool mutations = false;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--mutate") {
      mutations = true;
      continue;
    }
    const std::filesystem::path path(arg);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
    } else if (std::filesystem::is_regular_file(path)) {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t runs = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string input = bytes.str();
    run(input);
    runs += 1 + (mutations ? mutate(input) : 0);
  }
  std::cout << "replayed " << runs << " inputs from " << files.size() << " files\n";
  return files.empty() ? 1 : 0;
}
