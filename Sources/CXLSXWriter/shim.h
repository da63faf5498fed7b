#ifndef SNA_CXLSXWRITER_SHIM_H
#define SNA_CXLSXWRITER_SHIM_H
// System-library shim for libxlsxwriter (Debian: libxlsxwriter-dev). Sources/Spreadsheet owns
// every pointer.
#include <xlsxwriter.h>
#endif
