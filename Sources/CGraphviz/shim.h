#ifndef SNA_CGRAPHVIZ_SHIM_H
#define SNA_CGRAPHVIZ_SHIM_H
// System-library shim for libgraphviz (Debian: libgraphviz-dev).
// The rendering issue adds the Swift wrapper that owns every pointer.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
