/* roms/tests/fp-fma.S run four times, every other time with fflags.NX preset (fp.h FP_PASSES):
   so that test/jit.test.ts can run every row compiled, in lockstep with the interpreter,
   through the JIT's emulated fused multiply-add (src/jit/translate.ts, taken with NX set). */
#define TEST_NAME "fp-fma-jit"
#define FP_PASSES 4
#include "fp-fma.S"
