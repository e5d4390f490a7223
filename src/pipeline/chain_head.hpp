#pragma once
// An archive's chain head outside the archive: noted down ("SEQ:HASH", given back to `archive verify --expect-head`)
// or made evidence (a one-page statement the agency signs, `archive head --sign`). The store's own head file proves
// nothing against whoever can rewrite the database, since he can rewrite that file too; a head kept elsewhere does.

#include <optional>
#include <string>

#include "archive/archive.hpp"
#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"
#include "sign/time.hpp"

namespace vanban::pipeline {

/// "SEQ:HASH" as `archive verify` prints it and `archive head` writes it.
std::string format_chain_head(const archive::ChainHead& head);

/// A head given back (`--expect-head SEQ:HASH`: a position and 64 hexadecimal digits); throws RequestError.
archive::ChainHead parse_chain_head(const std::string& text);

/// What a head statement says: the archive's database (as displayed), its head, and when.
struct ChainHeadFacts {
  std::string database;
  archive::ChainHead head;
  sign::Moment moment;
};

/// The statement of a chain head as a one-page PDF/A (its text and its metadata both carry "SEQ:HASH"), ready to be
/// signed with the agency's key; nullopt with diagnostics when it cannot be laid out.
std::optional<Bytes> chain_head_statement(const Engine& engine, const ChainHeadFacts& facts, Diagnostics& diagnostics);

}  // namespace vanban::pipeline
