// ReadTextFile: whole files, the byte-order mark, and the byte bound.
#include "carta/core/file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace carta {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("carta_file_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(ReadTextFile, ReadsTheWholeFileAndDropsAByteOrderMark) {
  const std::string path = TempPath("bom.csv");
  std::string body(200000, 'x');
  Write(path, "\xEF\xBB\xBF" "a,b\n" + body);
  auto text = ReadTextFile(path);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "a,b\n" + body);
  std::filesystem::remove(path);
}

TEST(ReadTextFile, RefusesAFileLargerThanTheBoundAndNamesIt) {
  const std::string path = TempPath("big.csv");
  Write(path, std::string(3 << 20, 'y'));
  auto text = ReadTextFile(path, uint64_t{2} << 20);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(text.status().message().find("larger than 2 MiB"), std::string::npos) << text.status().message();
  EXPECT_EQ(text.status().location().file, path);
  // A file exactly at the bound is read.
  auto exact = ReadTextFile(path, uint64_t{3} << 20);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->size(), size_t{3} << 20);
  std::filesystem::remove(path);
}

TEST(ReadTextFile, RefusesADirectoryAndAMissingFile) {
  auto dir = ReadTextFile(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
  auto missing = ReadTextFile(TempPath("does-not-exist"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace carta
