/* Code remapped under the same virtual address, run hot from S-mode under Sv39 (so with --jit
   on it runs compiled; compiled code belongs to the host frame and takes the virtual page as a
   parameter). Frames A and B hold the same code except an immediate: fn returns its frame's
   id (1 or 2) and the address of one of its own instructions (auipc); loop adds the id once per
   iteration, counts auipc results that are not the expected address and calls a hook (on the
   identity-mapped page) that may remap the page under it.
     1     V -> A, fn called hot: 1, and its own address under V
     2     V -> B, sfence.vma: 2 at once, and still 2 hot (B's compiled code)
     3     V -> A again (sfence.vma of the address): 1 (A's code may be reused, must give 1)
     4-5   the hook remaps V -> B halfway through loop's iterations and fences: the rest of the
           iterations (the hook returns into V) run B's code; then back to A the same way
     6-7   one frame (A) at two virtual pages V and V2, called alternately and hot: auipc and
           the link address of loop's calls must follow the virtual page
     8     two address spaces (ASIDs 1 and 2) mapping V to A and B, satp switched between the
           calls (with no fence when the ASIDs are distinct, as the spec allows)
   Passes on QEMU 7.2 too. */
#define TEST_NAME "jit-remap"
#include "common.h"

#define V   0x40000000                 /* l0[0] */
#define V2  0x40003000                 /* l0[3] */
#define PTE_CODE (PTE_V | PTE_R | PTE_X | PTE_A)
#define HOT 20000
#define FN_AUIPC   16                  /* offsets in a frame (see FRAME) */
#define LOOP       64
#define LOOP_AUIPC 80

/* A frame: fn at offset 0, loop at offset LOOP; the .org lines keep both frames' layout equal. */
.macro FRAME id
    .balign 4096
frame\id:
    /* fn: a0 = id, a1 = address of its auipc; a short inner loop so that most of the time is
       spent on this page */
    li t0, 16
1:  addi t0, t0, -1
    bnez t0, 1b
    li a0, \id
    .org frame\id + FN_AUIPC          /* (an error if the code above grew) */
fn_auipc\id:
    auipc a1, 0
    ret
    .org frame\id + LOOP, 0
loop\id:
    /* s4 iterations: s2 += id; s10 += (auipc != s6); call the hook at s7 (with s1 = the
       iteration). Returns through s9. */
    mv s9, ra
    li s1, 0
2:  li t0, \id
    add s2, s2, t0
    .org frame\id + LOOP_AUIPC
loop_auipc\id:
    auipc t1, 0
    sub t1, t1, s6
    snez t1, t1
    add s10, s10, t1
    jalr ra, 0(s7)
    addi s1, s1, 1
    bne s1, s4, 2b
    jr s9
.endm

/* reg = a leaf PTE for the frame at label (S runs identity-mapped: la gives the physical
   address) */
.macro PTE_OF reg, label
    la \reg, \label
    srli \reg, \reg, 12
    slli \reg, \reg, 10
    ori \reg, \reg, PTE_CODE
.endm

/* Point l0[index] at the frame at label, then fence (global, or the address in `va` if given). */
.macro MAP index, label, va=
    PTE_OF t1, \label
    la t0, l0 + (\index) * 8
    sd t1, 0(t0)
.ifb \va
    sfence.vma
.else
    li t0, \va
    sfence.vma t0, zero
.endif
.endm

/* Call fn at va `n` times; fail unless a0 = id and a1 = va + its auipc offset each time.
   Uses s5, t2, t3. */
.macro CALL_HOT va, id, n
    li s5, \n
.Lhot\@:
    li t2, \va
    jalr ra, 0(t2)
    CHECK a0, \id
    li t3, \va + FN_AUIPC
    CHECK_EQ a1, t3
    addi s5, s5, -1
    bnez s5, .Lhot\@
.endm

/* Run loop at va for n iterations with the hook remapping V to label (PTE) at iteration `at`
   (-1: never); fail unless the sum is `sum` and every auipc gave va + its offset. */
.macro RUN_LOOP va, n, at, label, sum
    li s4, \n
    li s3, \at
    PTE_OF s8, \label
    la s11, l0
    li s6, \va + LOOP_AUIPC
    la s7, remap_hook
    li s2, 0
    li s10, 0
    li t2, \va + LOOP
    jalr ra, 0(t2)
    CHECK s2, \sum
    CHECK s10, 0
.endm

TEST_MAIN
    /* Sv39: root[0] devices, root[1] -> l1 -> l0 (the test's pages), root[2] identity over
       0x8000_0000 (code, data, tables); root2 the same with l1b -> l0b. */
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX
    PTE_LA l1, 0, l0, PTE_V
    PTE_LA l0, 0, frame1, PTE_CODE
    PTE_PA root2, 0, 0x00000000, PTE_LEAF_RWX
    PTE_LA root2, 1, l1b, PTE_V
    PTE_PA root2, 2, 0x80000000, PTE_LEAF_RWX
    PTE_LA l1b, 0, l0b, PTE_V
    PTE_LA l0b, 0, frame2, PTE_CODE
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S

    TEST 1
    CALL_HOT V, 1, HOT
    TEST 2
    MAP 0, frame2
    CALL_HOT V, 2, 1
    CALL_HOT V, 2, HOT
    TEST 3
    MAP 0, frame1, V
    CALL_HOT V, 1, 1
    CALL_HOT V, 1, HOT

    TEST 4                             /* 10001 iterations on A, then 9999 on B */
    RUN_LOOP V, 20000, 10000, frame2, 10001 + 2 * 9999
    TEST 5                             /* and back: 5001 on B, 4999 on A */
    RUN_LOOP V, 10000, 5000, frame1, 2 * 5001 + 4999

    TEST 6                             /* V and V2 -> A */
    MAP 3, frame1
    li s0, HOT
1:  CALL_HOT V, 1, 1
    CALL_HOT V2, 1, 1
    addi s0, s0, -1
    bnez s0, 1b
    TEST 7
    RUN_LOOP V2, HOT, -1, frame1, HOT
    RUN_LOOP V, HOT, -1, frame1, HOT
    RUN_LOOP V2, HOT, -1, frame1, HOT

    TEST 8                             /* satp: ASID 1 (root, V -> A), ASID 2 (root2, V -> B) */
    la t0, root
    srli t0, t0, 12
    li t1, SATP_SV39 | (1 << 44)
    or s1, t0, t1
    la t0, root2
    srli t0, t0, 12
    li t1, SATP_SV39 | (2 << 44)
    or s2, t0, t1
    /* ASIDLEN may be 0: then the two address spaces share ASID 0 and every switch needs a
       fence (s3 = 1) */
    csrw satp, s2
    sfence.vma
    csrr t0, satp
    li s3, 0
    beq t0, s2, 2f
    li s3, 1
2:  csrw satp, s1
    sfence.vma
    li s0, HOT
3:  csrw satp, s1
    beqz s3, 4f
    sfence.vma
4:  CALL_HOT V, 1, 1
    csrw satp, s2
    beqz s3, 5f
    sfence.vma
5:  CALL_HOT V, 2, 1
    addi s0, s0, -1
    bnez s0, 3b

    LOWER_END
    csrw satp, zero
    sfence.vma
    TEST_PASS

/* The hook loop calls: at iteration s3 it points l0[0] (at s11) at s8 and fences; the return
   then goes into whatever V maps. */
remap_hook:
    bne s1, s3, 1f
    sd s8, 0(s11)
    sfence.vma
1:  ret

.option push
.option norvc
    FRAME 1
    FRAME 2
.option pop

    .section .pages, "aw", @nobits
    .balign 4096
root:   .fill 4096, 1, 0
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
root2:  .fill 4096, 1, 0
l1b:    .fill 4096, 1, 0
l0b:    .fill 4096, 1, 0
