#ifndef FEEDWRIGHT_CLIBXML2_SHIM_H
#define FEEDWRIGHT_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/entities.h>

/// xmlFree is a global function pointer in libxml2; calling it through a C function keeps
/// Swift's strict concurrency checking from seeing shared mutable state.
static inline void feedwright_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
