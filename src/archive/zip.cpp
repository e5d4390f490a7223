#include "archive/zip.hpp"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <fstream>

#include "base/error.hpp"
#include "base/file_io.hpp"

namespace vanban::archive {

void write_zip(const std::vector<ZipFile>& files, const std::filesystem::path& path) {
  const Poco::DateTime date(1980, 1, 1);
  write_file_atomically(path, [&](std::ostream& zip_bytes) {
    try {
      // Seekable: each entry's sizes are written back into its header, as they were into a string before.
      Poco::Zip::Compress zip(zip_bytes, true);
      for (const ZipFile& file : files) {
        std::ifstream in(file.path, std::ios::binary);
        if (!in)
          throw Error("E0769", "không tạo được tệp zip: không đọc được " + file.path.string(), file.path.string());
        const bool pdf = file.name.size() > 4 && file.name.compare(file.name.size() - 4, 4, ".pdf") == 0;
        zip.addFile(in, date, Poco::Path(file.name, Poco::Path::PATH_UNIX),
                    pdf ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
      }
      zip.close();
    } catch (const Poco::Exception& error) {
      throw Error("E0769", "không tạo được tệp zip: " + error.displayText());
    }
  });
}

}  // namespace vanban::archive
