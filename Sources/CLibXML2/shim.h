#ifndef FEEDWRIGHT_CLIBXML2_SHIM_H
#define FEEDWRIGHT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so encoding.h would include <unicode/ucnv.h>. Swift's
 * Foundation ships its own, different ICU module, and a Swift module that sees both fails to
 * build ("'UErrorCode' has different definitions"). Feedwright never touches the ICU members
 * of xmlCharEncodingHandler (it only checks whether a handler exists), so the ICU part of the
 * headers is hidden from Swift. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/entities.h>
#include <libxml/relaxng.h>
#include <libxml/xmlIO.h>

/// xmlFree is a global function pointer in libxml2; calling it through a C function keeps
/// Swift's strict concurrency checking from seeing shared mutable state.
static inline void feedwright_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// xmlParserMaxDepth is a global variable of libxml2's; setting it through a C function keeps
/// Swift's strict concurrency checking from seeing shared mutable state. Called once, before
/// any parse (``SecureParsing``).
static inline void feedwright_set_max_depth(unsigned int depth) {
    xmlParserMaxDepth = depth;
}

#endif
