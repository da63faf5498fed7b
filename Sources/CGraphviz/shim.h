#ifndef SNA_CGRAPHVIZ_SHIM_H
#define SNA_CGRAPHVIZ_SHIM_H
// System-library shim for libgraphviz (Debian: libgraphviz-dev).
// The Swift wrapper (Sources/Rendering/GraphvizRenderer.swift) owns every pointer.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// cgraph's agtail/aghead are macros, which Swift does not import.
static inline Agnode_t *sna_agtail(Agedge_t *e) { return agtail(e); }
static inline Agnode_t *sna_aghead(Agedge_t *e) { return aghead(e); }
#endif
