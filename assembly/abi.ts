// The core ABI: the one source of truth for the linear-memory layout, exit codes and CSR
// numbers, imported by the AssemblyScript core (assembly/) and the TypeScript host (src/).
// Only plain integer literals live here so that both compilers accept the file unchanged
// (AssemblyScript infers i32, TypeScript infers number). test/abi.test.ts checks the layout.

// ---- Linear memory layout (byte offsets into the core's memory) ----
// The first 64 KiB belong to AssemblyScript's own static data.
export const HART_BASE = 0x10000;
// Integer registers x0..x31, 8 bytes each. x0 is never written by the core.
export const HART_X = 0x10000;
// Floating-point registers f0..f31 (used by the F/D issue).
export const HART_F = 0x10100;
// Scalar hart state, 8 bytes per slot.
export const HART_PC = 0x10200;
export const HART_PRIV = 0x10208; // 0 = U, 1 = S, 3 = M
export const HART_INSTRET = 0x10210;
export const HART_MTIMECMP = 0x10218;
export const HART_MTIME = 0x10220; // host's view of mtime at the last run() entry (real-time mode)
export const HART_MIP_HW = 0x10228; // interrupt lines driven by devices: MSIP, MTIP, SEIP, MEIP
export const HART_RESERVATION = 0x10230; // LR/SC reservation address, or all ones
export const HART_IDLE_TICKS = 0x10238; // time skipped by WFI in icount mode
export const HART_ID = 0x10240;
export const HART_RESV_VALUE = 0x10248; // value seen by the LR (SC compares it, as QEMU does)
export const HART_CYCLE_OFFSET = 0x10250; // mcycle - minstret (mcycle counts instructions)
export const HART_CSR = 0x10300; // CSR storage area, see CSR_SLOT_* below
// Bytes copied when switching harts: registers, CSRs and the exit record (an access suspended
// for the host belongs to the hart that made it).
export const HART_SIZE = 0x900;

// Sdtrig triggers of the hart (debug spec 1.0 chapter 5, as QEMU 7.2 offers them): tselect and
// tdata1/tdata2 of TRIGGER_COUNT triggers, in the hart block so that each hart keeps its own.
export const HART_TSELECT = 0x10600; // u64
export const HART_TDATA1 = 0x10608; // TRIGGER_COUNT x u64
export const HART_TDATA2 = 0x10618; // TRIGGER_COUNT x u64
export const TRIGGER_COUNT = 2;

// Exit record: what run() reports to the host and what the host answers.
export const EXIT_BASE = 0x10800;
export const EXIT_ADDR = 0x10800; // u64 physical address of the MMIO access
export const EXIT_VALUE = 0x10808; // u64 store value, or the load value written back by the host
export const EXIT_SIZE = 0x10810; // u32 access size in bytes (1, 2, 4, 8)
export const EXIT_IS_WRITE = 0x10814; // u32 1 for a store
export const EXIT_RD = 0x10818; // u32 destination register * 8 for loads
export const EXIT_SIGNED = 0x1081c; // u32 1 if the load sign-extends
export const EXIT_LEN = 0x10820; // u32 length of the suspended instruction (2 or 4)
export const EXIT_FAULT = 0x10824; // u32 set by the host: the access faulted (no device)
export const EXIT_PENDING = 0x10828; // u32 1 while an MMIO access waits for the host
export const EXIT_RETIRED = 0x10830; // u64 instructions retired by the last run()
export const EXIT_CODE = 0x10838; // u32 last exit code
export const EXIT_VADDR = 0x10840; // u64 virtual address of the MMIO access (tval if it faults)

// Statistics counters (u64 each), for --stats.
export const STATS_BASE = 0x10900;
export const STAT_TLB_MISS = 0x10900;
export const STAT_DECODE_PAGES = 0x10908;
export const STAT_TRAPS = 0x10910;
export const STAT_INTERRUPTS = 0x10918;
export const STAT_MMIO = 0x10920;
export const STAT_CODE_INVALIDATIONS = 0x10928;
export const STAT_TLB_FLUSH = 0x10930;
export const STAT_TLB_HIT = 0x10938; // counted by the hot loop in a register, added when it leaves

// Records the interpreter jumps to instead of a decoded page: REC_REFILL holds an OP_REFILL
// record; REC_SCRATCH holds an instruction that straddles two pages, followed by REFILL records
// at +8 and +16 where the interpreter lands after executing it.
export const REC_REFILL = 0x10a00;
export const REC_SCRATCH = 0x10a10;

// Software TLBs: for each view (privilege and mstatus.SUM/MXR combination) three direct-mapped
// tables (fetch, load, store) of TLB_ENTRIES entries of 16 bytes: tag (page virtual address),
// and the value to add to a virtual address to get its host offset (for fetch: the decoded
// record page instead). A *set* is TLB_VIEWS views: bare mode uses set 0; in trap mode a set is
// a shadow page table of one guest address space (tagged with the satp that built it), and each
// guest owns a range of sets, so switching guests or address spaces needs no flush.
export const TLB_BASE = 0x2200000;
export const TLB_ENTRIES = 1024;
export const TLB_VIEWS = 16;
export const TLB_KIND_SIZE = 0x4000; // TLB_ENTRIES * 16
export const TLB_VIEW_SIZE = 0xc000; // three kinds
export const TLB_SET_SIZE = 0xc0000; // TLB_VIEWS * TLB_VIEW_SIZE
export const TLB_SETS = 16;
export const TLB_FETCH = 0;
export const TLB_LOAD = 0x4000;
export const TLB_STORE = 0x8000;

// Per set: the satp value its entries were built under (u64, all ones = none), the views that
// may hold entries (u32 bit mask), and per guest (indexed by its first set) the next victim.
export const SET_TAGS = 0x10d00;
export const SET_USED = 0x10d80;
export const SET_VICTIM = 0x10dc0;
export const SET_SUPER = 0x10e00; // per set: lo, hi (u64) of the superpage pieces it holds
// Per set, one bit per TLB index (TLB_ENTRIES / 8 bytes a set): some view and kind of the set
// may hold an entry there. The fills set it, emptying the set clears it; a by-address
// sfence.vma reads it before the entries (assembly/mmu.ts flushTlbPage).
export const SET_PRESENT = 0x12000;
export const SET_PRESENT_SIZE = 128;

// Guest-physical -> frame maps: one u32 per guest page, the host address of its frame in bits
// 31..12 and flags below (src/hypervisor/frames.ts documents the whole encoding). Bare mode's
// identity map lives at MAP_BASE; the hypervisor puts each guest's map in frames of its own.
// A page of guest RAM whose entry lacks MAP_PRESENT (never touched, or paged out) makes the
// core exit with EXIT_PAGE; the host makes it present and the instruction runs again.
export const MAP_BASE = 0x2e00000;
export const MAP_ENTRIES = 0x100000; // 4 GiB of guest pages in all
export const MAP_PRESENT = 1;
export const MAP_REFERENCED = 2; // set by the core when it fills a TLB entry or walks through the page
export const MAP_DIRTY = 4; // set by the core on every write it makes to the frame (store fills included)
export const MAP_SWAPPED = 8; // host only: the page's contents are in the backing store
export const MAP_READONLY = 16; // a shared frame (copy-on-write): a write exits with EXIT_PAGE
export const MAP_CHANGED = 32; // set with MAP_DIRTY on every write; the sharing scanner clears it
export const MAP_SOURCED = 64; // host only: the page's contents are in the snapshot it was restored from
// One byte per frame of real memory: FRAME_PT marks a guest page-table page that the
// write-protect coherence method watches.
export const FRAME_FLAGS = 0x3200000;
export const FRAME_PT = 1;
// FRAME_STORE: a store-TLB entry was filled for this frame since its last purge (so turning it
// into a code or page-table page must scan the store TLBs for it).
export const FRAME_STORE = 2;
// FRAME_STORE_MANY: store entries may have been filled for the frame at more than the one place
// its STORE_HINTS pair names (or another frame took the pair over): a purge scans.
export const FRAME_STORE_MANY = 4;

// The debug table (assembly/debug.ts): what the core checks for the host's debugger (the gdb
// stub) and for the loaded hart's Sdtrig triggers. The host writes its entries from
// DEBUG_ENTRIES on, sets DEBUG_HOST_COUNT and calls debugUpdate(); the trigger entries follow at
// DEBUG_TRIGGERS and are the core's own. An entry: address, length, kinds (DEBUG_EXEC | LOAD |
// STORE), owner (DEBUG_OWNER_*), and for triggers the privilege levels it fires in (bit 1 << priv).
export const DEBUG_BASE = 0x11000;
export const DEBUG_HOST_COUNT = 0x11000; // u32
export const DEBUG_HIT_KIND = 0x11004; // u32 after EXIT_DEBUG: DEBUG_EXEC, DEBUG_LOAD or DEBUG_STORE
export const DEBUG_HIT_ENTRY = 0x11008; // u32 after EXIT_DEBUG: index of the host entry that matched
export const DEBUG_HIT_ADDR = 0x11010; // u64 after EXIT_DEBUG: the pc, or the data address watched
export const DEBUG_ENTRIES = 0x11040;
export const DEBUG_ENTRY_SIZE = 32;
export const DEBUG_E_ADDR = 0; // u64
export const DEBUG_E_LEN = 8; // u64 bytes watched (data kinds)
export const DEBUG_E_KIND = 16; // u32
export const DEBUG_E_OWNER = 20; // u32
export const DEBUG_E_PRIVS = 24; // u32
export const DEBUG_HOST_MAX = 64;
export const DEBUG_WATCH_MAX_PAGES = 16; // longest host watch range, in pages it may touch
export const DEBUG_TRIGGERS = 0x11840; // DEBUG_ENTRIES + DEBUG_HOST_MAX * DEBUG_ENTRY_SIZE
// Bitmap of the page offsets (one bit per halfword) whose decoded records are OP_DEBUG.
export const DEBUG_MARKS = 0x11880;
export const DEBUG_MARKS_SIZE = 256;
export const DEBUG_EXEC = 1;
export const DEBUG_LOAD = 2;
export const DEBUG_STORE = 4;
export const DEBUG_OWNER_HOST = 0; // a match stops run() with EXIT_DEBUG before the instruction
export const DEBUG_OWNER_TRIGGER = 1; // a match raises a breakpoint exception (cause 3)

// Decoded-instruction cache: DECODE_SLOTS pages, direct-mapped by RAM page number. Each page
// holds one 8-byte record per 2-byte instruction slot (2048 records, 16 KiB) and a REFILL
// record after them, where execution that runs off the end of the page lands.
export const DECODE_TAGS = 0xf0000; // u32 per slot: RAM page number + 1, 0 = empty
export const DECODE_SLOTS = 2048;
export const DECODE_BASE = 0x100000;
export const DECODE_PAGE_SIZE = 0x4010; // 16 KiB of records + the end-of-page REFILL record
export const DECODE_GEN = 0x4008; // u32 after the REFILL record: the page's generation (fetch
// TLB entries keep a copy at +12 and miss once the page is dropped or reused)
// u32 after it: bit q set once a record in the page's quarter q (records of guest bytes q * 1 KiB
// on) was written. Reusing the slot empties only those quarters, so record memory no page ever
// decoded into is never written and costs no host memory.
export const DECODE_TOUCHED = 0x400c;

// Real memory (the frames of guest RAM) starts here in linear memory.
export const RAM_HOST_BASE = 0x3300000;

// ---- Exit codes returned by run() ----
export const EXIT_BUDGET = 0; // the instruction budget is spent
export const EXIT_MMIO = 1; // an MMIO access waits for the host (see the exit record)
export const EXIT_WFI = 2; // wfi with no interrupt pending: the host may sleep
export const EXIT_HTIF = 3; // the guest wrote tohost
export const EXIT_HALT = 4; // the hart cannot continue (reserved for the hypervisor)
export const EXIT_SBI = 5; // trap mode: ecall from guest S (an SBI call); pc is at the ecall
export const EXIT_HV = 6; // trap mode: a privileged instruction for the TypeScript slow path;
// EXIT_VALUE holds the instruction bits, EXIT_LEN its length, pc is at it
export const EXIT_DEBUG = 7; // a host debug entry matched (DEBUG_HIT_*); pc is at the instruction, not run
export const EXIT_PAGE = 8; // a hidden page fault: guest-physical EXIT_ADDR (a RAM page whose map
// entry is not present, or read-only for a write: EXIT_IS_WRITE) needs the host; pc is at the
// instruction, which has had no effect and runs again once the host has made the page present

// ---- Trap mode (setGuest flags) ----
export const GUEST_TRAP = 1; // guest S/U deprivileged, privileged instructions exit
export const GUEST_WP = 2; // shadow coherence by write-protecting guest page-table pages

// Trap-mode counters (u64 each): exits by cause, reflections and shadow events. The host adds
// them to the running guest's statistics when it switches guests.
export const HV_STATS = 0x10b00;
export const HV_STATS_COUNT = 64;
export const HV_CSR = 0x10b00; // 12 counters: sstatus sie sip stvec sscratch sepc scause stval satp scounteren senvcfg other
export const HV_SRET = 0x10b60;
export const HV_SFENCE_ALL = 0x10b68;
export const HV_SFENCE_ASID = 0x10b70;
export const HV_SFENCE_ADDR = 0x10b78;
export const HV_WFI = 0x10b80;
export const HV_ECALL = 0x10b88;
export const HV_SHADOW_FILL = 0x10b90;
export const HV_SHADOW_FLUSH = 0x10b98; // sets emptied
export const HV_PT_WRITE = 0x10ba0; // stores to write-protected page-table pages
export const HV_ROOT_HIT = 0x10ba8; // satp writes that found their shadow set
export const HV_ROOT_MISS = 0x10bb0; // satp writes that took a set over
export const HV_STIMECMP = 0x10bb8; // stimecmp accesses (Sstc), emulated in the fast path
export const HV_REFLECT = 0x10c00; // 16 counters: exceptions reflected to the guest, by cause
export const HV_IRQ = 0x10c80; // 16 counters: interrupts delivered to the guest, by cause

// ---- Privilege levels ----
export const PRV_U = 0;
export const PRV_S = 1;
export const PRV_M = 3;

// ---- Exception causes (privileged spec, table 3.6) ----
export const CAUSE_MISALIGNED_FETCH = 0;
export const CAUSE_FETCH_ACCESS = 1;
export const CAUSE_ILLEGAL_INSTRUCTION = 2;
export const CAUSE_BREAKPOINT = 3;
export const CAUSE_MISALIGNED_LOAD = 4;
export const CAUSE_LOAD_ACCESS = 5;
export const CAUSE_MISALIGNED_STORE = 6;
export const CAUSE_STORE_ACCESS = 7;
export const CAUSE_USER_ECALL = 8;
export const CAUSE_SUPERVISOR_ECALL = 9;
export const CAUSE_MACHINE_ECALL = 11;
export const CAUSE_FETCH_PAGE_FAULT = 12;
export const CAUSE_LOAD_PAGE_FAULT = 13;
export const CAUSE_STORE_PAGE_FAULT = 15;

// ---- Interrupt bits in mip/mie ----
export const IRQ_S_SOFT = 1;
export const IRQ_M_SOFT = 3;
export const IRQ_S_TIMER = 5;
export const IRQ_M_TIMER = 7;
export const IRQ_S_EXT = 9;
export const IRQ_M_EXT = 11;

// ---- CSR numbers ----
export const CSR_FFLAGS = 0x001;
export const CSR_FRM = 0x002;
export const CSR_FCSR = 0x003;
export const CSR_CYCLE = 0xc00;
export const CSR_TIME = 0xc01;
export const CSR_INSTRET = 0xc02;
export const CSR_SSTATUS = 0x100;
export const CSR_SIE = 0x104;
export const CSR_STVEC = 0x105;
export const CSR_SCOUNTEREN = 0x106;
export const CSR_SENVCFG = 0x10a;
export const CSR_SSCRATCH = 0x140;
export const CSR_SEPC = 0x141;
export const CSR_SCAUSE = 0x142;
export const CSR_STVAL = 0x143;
export const CSR_SIP = 0x144;
export const CSR_SATP = 0x180;
export const CSR_STIMECMP = 0x14d;
export const CSR_MVENDORID = 0xf11;
export const CSR_MARCHID = 0xf12;
export const CSR_MIMPID = 0xf13;
export const CSR_MHARTID = 0xf14;
export const CSR_MCONFIGPTR = 0xf15;
export const CSR_MSTATUS = 0x300;
export const CSR_MISA = 0x301;
export const CSR_MEDELEG = 0x302;
export const CSR_MIDELEG = 0x303;
export const CSR_MIE = 0x304;
export const CSR_MTVEC = 0x305;
export const CSR_MCOUNTEREN = 0x306;
export const CSR_MENVCFG = 0x30a;
export const CSR_MCOUNTINHIBIT = 0x320;
export const CSR_MSCRATCH = 0x340;
export const CSR_MEPC = 0x341;
export const CSR_MCAUSE = 0x342;
export const CSR_MTVAL = 0x343;
export const CSR_MIP = 0x344;
export const CSR_PMPCFG0 = 0x3a0;
export const CSR_PMPADDR0 = 0x3b0;
export const CSR_MCYCLE = 0xb00;
export const CSR_MINSTRET = 0xb02;
export const CSR_MHPMCOUNTER3 = 0xb03;
export const CSR_MHPMEVENT3 = 0x323;
export const CSR_HPMCOUNTER3 = 0xc03;
// Sdtrig (debug spec 1.0 chapter 5)
export const CSR_TSELECT = 0x7a0;
export const CSR_TDATA1 = 0x7a1;
export const CSR_TDATA2 = 0x7a2;
export const CSR_TDATA3 = 0x7a3;
export const CSR_TINFO = 0x7a4;

// Storage slots (byte offsets from HART_CSR) for CSRs that hold state.
export const CSR_SLOT_MSTATUS = 0x00;
export const CSR_SLOT_MEDELEG = 0x08;
export const CSR_SLOT_MIDELEG = 0x10;
export const CSR_SLOT_MIE = 0x18;
export const CSR_SLOT_MIP_SW = 0x20; // software-writable mip bits (SSIP, STIP, SEIP)
export const CSR_SLOT_MTVEC = 0x28;
export const CSR_SLOT_MCOUNTEREN = 0x30;
export const CSR_SLOT_MENVCFG = 0x38;
export const CSR_SLOT_MSCRATCH = 0x40;
export const CSR_SLOT_MEPC = 0x48;
export const CSR_SLOT_MCAUSE = 0x50;
export const CSR_SLOT_MTVAL = 0x58;
export const CSR_SLOT_STVEC = 0x60;
export const CSR_SLOT_SCOUNTEREN = 0x68;
export const CSR_SLOT_SENVCFG = 0x70;
export const CSR_SLOT_SSCRATCH = 0x78;
export const CSR_SLOT_SEPC = 0x80;
export const CSR_SLOT_SCAUSE = 0x88;
export const CSR_SLOT_STVAL = 0x90;
export const CSR_SLOT_SATP = 0x98;
export const CSR_SLOT_MCOUNTINHIBIT = 0xa0;
export const CSR_SLOT_FCSR = 0xa8;
export const CSR_SLOT_STIMECMP = 0xb0; // Sstc, bare mode (in trap mode stimecmp is HART_MTIMECMP)
export const CSR_SLOT_PMPCFG = 0xc0; // 8 × u64 (pmpcfg0, 2, …, 14)
export const CSR_SLOT_PMPADDR = 0x100; // 64 × u64

// ---- The JIT (issue 12; assembly/jit.ts, src/jit/) ----
// Lives in the gap between the decoded records and the TLB sets. JIT_EXIT_* words are written by
// compiled code when it returns to the interpreter; JIT_STAT_* are u64 counters for --stats;
// JIT_ENTRIES is where the host lists the entry points (record indexes) of a region it compiled;
// JIT_SLOTS holds per decoded page: u32 samples, u16 live, u16 compiles; JIT_ORIG the records
// that entry markers replaced (restored when a region is dropped).
export const JIT_BASE = 0x2110000;
export const JIT_EXIT_PC = 0x2110000; // u64 where execution continues
export const JIT_EXIT_RETIRED = 0x2110008; // u32 instructions the region retired
// u32 the record page of the region that returned: not the entered one's when regions chained
// (a region that jumps to another page's compiled entry calls it in its place).
export const JIT_EXIT_REC = 0x211000c;
// u32 instructions run() had retired since it last brought HART_INSTRET up to date, when it
// entered the region now running: with the region's own count, the instret a counter read in
// compiled code sees (assembly/index.ts jitCounter).
export const JIT_ENTRY_RETIRED = 0x2110010;
// u32 set by jitCounter: 0 the read was done, 1 leave it to the interpreter (the read raises,
// or an interrupt is due after it).
export const JIT_COUNTER_STATUS = 0x2110014;
export const JIT_STATS = 0x2110040;
export const JIT_STAT_ENTRIES = 0x2110040; // region entries
export const JIT_STAT_INSNS = 0x2110048; // instructions retired by compiled code
export const JIT_STAT_EXIT_BRANCH = 0x2110050; // exits to a pc through the interpreter's REFILL
export const JIT_STAT_EXIT_INSN = 0x2110058; // exits before an instruction the region does not compile or an access that missed the TLB
export const JIT_STAT_EXIT_SMC = 0x2110060; // exits after an AMO dropped compiled code
export const JIT_STAT_EXIT_NEXT = 0x2110068; // exits falling into another function of the page
export const JIT_STAT_DROPS = 0x2110070; // regions dropped (stores, DMA, reuse, flush)
export const JIT_STAT_COMPILES = 0x2110078; // regions installed
export const JIT_STAT_UNPROFITABLE = 0x2110080; // entry points unmarked for too few instructions per entry
export const JIT_STAT_CHAINS = 0x2110088; // entries from compiled code straight into another region (not counted in JIT_STAT_ENTRIES)
export const JIT_STATS_COUNT = 10;
// u64 the virtual page the pc was on when run() asked for the compile of its record page: the
// host looks up the page after it (the fetch TLB) for a region spanning both (src/jit/jit.ts).
export const JIT_COMPILE_VA = 0x2110090;
// u32 set by a region (slot + 1) whose check of the page after its own failed (translate.ts
// `crossInto`), with JIT_COMPILE_VA its virtual page: jitEnter counts it (JIT_STALE).
export const JIT_WANT = 0x2110098;
export const JIT_ENTRIES = 0x2110100; // u32 × 2048
export const JIT_SLOTS = 0x2112100; // 8 bytes × DECODE_SLOTS
// Per decoded page, entry points that compiled code jumped to but the region did not have (the
// targets of indirect jumps), and (bit 15 set) entries unmarked for running too few
// instructions: u16 count, then up to 31 u16 record indexes, for the next compile.
export const JIT_MISSED = 0x2118000; // 64 bytes × DECODE_SLOTS
export const JIT_MISSED_MAX = 31;
export const JIT_ORIG = 0x2138000; // u64 × JIT_ORIG_COUNT
export const JIT_ORIG_COUNT = 0x17000;
// Per decoded page, u32 bumped whenever its code may have changed or its records were dropped:
// a region compiled in the background is installed only if it has not moved (src/jit/jit.ts).
export const JIT_EPOCH = 0x21f0000; // 4 bytes × DECODE_SLOTS
// Per decoded page, u32 bumped whenever its code may have changed (records dropped, the slot
// reused for another frame, a store or DMA into the page) but not when its region is only
// recompiled: a region that also holds the next page's code checks it before running that code.
export const JIT_CODEVER = 0x21f2000; // 4 bytes × DECODE_SLOTS
// Per decoded page, u16: how often its region found the page after it mapped to other code than
// it was compiled with (a remap or new code there); at JIT_STALE_LIMIT it asks for a recompile.
export const JIT_STALE = 0x21f4000; // 2 bytes × DECODE_SLOTS
export const JIT_STALE_LIMIT = 64;
// Where the store-TLB entry filled for a frame is (assembly/mmu.ts purgeStoreEntries), so that
// a frame turning into a code page costs one check instead of a scan of every store view:
// STORE_HINT_COUNT pairs of u32 (frame index, entry address), indexed by frame index.
export const STORE_HINTS = 0x21f8000;
export const STORE_HINT_COUNT = 4096;
// Exit kinds returned by a compiled region.
export const JIT_EXIT_BRANCH = 0; // continue at JIT_EXIT_PC through REFILL (jumps, budget, page end)
// Continue at the record of JIT_EXIT_PC (same page), unexecuted: an instruction the region does
// not compile, or a load or store that missed the TLB (the interpreter's slow path does it).
export const JIT_EXIT_INSN = 1;
export const JIT_EXIT_SMC = 2; // an AMO dropped compiled code: continue at the record of JIT_EXIT_PC
// Straight-line code ran into a block of another function of the page: continue at the record
// of JIT_EXIT_PC. Not a stop for the budget (no jump was taken: the interpreter runs on there).
export const JIT_EXIT_NEXT = 3;
// The decoded-record op that marks a region entry: op byte; in bits 8..15 the entry's index in
// its function's br_table, in bits 16..28 the function's index in the core's table; the index
// of the saved original record in bits 32..48, the entry's credit (assembly/jit.ts minRun) in
// bits 49..63. Outside the range of decoded ops on
// purpose (opcodes.ts; OP_DEBUG is 255): test/jit.test.ts checks that no op uses it.
export const OP_JIT = 254;
