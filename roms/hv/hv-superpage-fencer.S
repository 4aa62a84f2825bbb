/*
 * hv-superpage-fencer: issues sfence.vma in a loop for 3 s. Run as a second guest next to
 * hv-superpage-splitter: its fences empty only its own shadow sets, and must not make the
 * hypervisor forget which superpage pieces the other guest's sets hold (a per-core superpage
 * range once did exactly that; test/hypervisor-roms.test.ts runs the pair).
 */
#define PROG "hv-superpage-fencer"
#include "hv.h"
HV_MAIN
  rdtime s2
  li t0, 10000000 * 3
  add s2, s2, t0
1: sfence.vma
  rdtime t0
  blt t0, s2, 1b
  HV_DONE
