/* roms/tests/rv64d.S run twice, the second time with fflags.NX preset (fp.h FP_PASSES): so that
   test/jit.test.ts can run every row compiled, in lockstep with the interpreter, through the
   JIT's inline fast paths (compares, min/max, conversions, and the hardfloat rule's cases). */
#define TEST_NAME "rv64d-jit"
#define FP_PASSES 4
#include "rv64d.S"
