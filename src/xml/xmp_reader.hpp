#pragma once
// Reads the metadata a PDF carries in its XMP packet: dc:title, pdf:Keywords and the Nghị định 30 Phụ lục VI
// properties vanban writes (src/pdf/xmp.cpp), for the archive.

#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/document_metadata.hpp"

namespace vanban::xml {

/// The Phụ lục VI namespace of vanban's XMP packets, and that of the SignerInfo fields.
inline constexpr std::string_view kNd30Namespace = "urn:vanban:xmp:nd30:1.0/";
inline constexpr std::string_view kNd30SignerNamespace = "urn:vanban:xmp:nd30:signer:1.0/";
/// vanban's own schema for the case a document belongs to (vbcase:CaseId, vbcase:Parties of vbparty:Role/Name).
inline constexpr std::string_view kXmpCaseNamespace = "urn:vanban:xmp:case:1.0/";
inline constexpr std::string_view kPartyNamespace = "urn:vanban:xmp:case:party:1.0/";

/// Reads an XMP packet (the XML from `<?xpacket begin` to `<?xpacket end…?>`, or a bare x:xmpmeta or rdf:RDF
/// element). Namespace prefixes are resolved, properties may be elements or attributes of rdf:Description,
/// and a value in rdf:Alt, rdf:Seq or rdf:Bag is its first item (x-default preferred). Unknown properties are
/// ignored. The case id is vbcase:CaseId, else the first keyword; the parties are vbcase:Parties. nullopt, with
/// diagnostics against `file`, when the packet is not safe, well-formed XML.
std::optional<model::DocumentMetadata> read_xmp_metadata(std::string_view packet, const FileName& file,
                                                         Diagnostics& diagnostics);

}  // namespace vanban::xml
