#ifndef FKP_CZLIB_H
#define FKP_CZLIB_H

#include <zlib.h>

// inflateInit2 is a macro (it passes zlib's version and the stream's size), which Swift cannot call.
static inline int fkp_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
