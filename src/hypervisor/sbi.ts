// The SBI (RISC-V Supervisor Binary Interface, specification v2.0) that the trap-mode hypervisor
// offers its guests: it plays M-mode, so a guest's `ecall` from virtual S-mode lands here. This
// file decodes the call (a7 = EID, a6 = FID, a0..a5 = arguments), checks every argument the way
// the spec's error tables say, and asks the hypervisor (an `SbiGuest`) to do the work; it never
// touches hart state itself. Everything in the registers is guest-controlled: no input makes it
// throw, loop more than 64 times per XLEN word of a hart mask, or copy more than
// `SBI_CONSOLE_MAX` bytes. No Node API (the hypervisor runs in the browser too).
//
// Extensions: BASE, TIME, IPI, RFENCE (no HFENCE: there is no H extension to offer), HSM, SRST,
// DBCN and the legacy v0.1 extensions 0x00-0x08. Spec sections are named after the chapter
// files of riscv-non-isa/riscv-sbi-doc ("binary encoding", "ext-hsm", ...).

// Binary encoding, table "Standard SBI Errors" (v2.0 ends at NO_SHMEM; -10 and below are v3.0).
export const SBI_SUCCESS = 0;
export const SBI_ERR_FAILED = -1;
export const SBI_ERR_NOT_SUPPORTED = -2;
export const SBI_ERR_INVALID_PARAM = -3;
export const SBI_ERR_DENIED = -4;
export const SBI_ERR_INVALID_ADDRESS = -5;
export const SBI_ERR_ALREADY_AVAILABLE = -6;
export const SBI_ERR_ALREADY_STARTED = -7;
export const SBI_ERR_ALREADY_STOPPED = -8;
export const SBI_ERR_NO_SHMEM = -9;

/** sbi_get_spec_version: minor in bits 0-23, major in bits 24-30. */
export const SBI_SPEC_VERSION = (2n << 24n) | 0n;
/** Not in the spec's table of implementation IDs: ASCII "rvis". */
export const SBI_IMPL_ID_RVISOR = 0x7276_6973n;
/** rvisor's own version, major << 16 | minor (OpenSBI's packing): 0.1. */
export const SBI_IMPL_VERSION_RVISOR = (0n << 16n) | 1n;

// Extension IDs.
export const SBI_EXT_0_1_SET_TIMER = 0x00n;
export const SBI_EXT_0_1_CONSOLE_PUTCHAR = 0x01n;
export const SBI_EXT_0_1_CONSOLE_GETCHAR = 0x02n;
export const SBI_EXT_0_1_CLEAR_IPI = 0x03n;
export const SBI_EXT_0_1_SEND_IPI = 0x04n;
export const SBI_EXT_0_1_REMOTE_FENCE_I = 0x05n;
export const SBI_EXT_0_1_REMOTE_SFENCE_VMA = 0x06n;
export const SBI_EXT_0_1_REMOTE_SFENCE_VMA_ASID = 0x07n;
export const SBI_EXT_0_1_SHUTDOWN = 0x08n;
export const SBI_EXT_BASE = 0x10n;
export const SBI_EXT_TIME = 0x5449_4d45n;   // "TIME"
export const SBI_EXT_IPI = 0x73_5049n;      // "sPI"
export const SBI_EXT_RFENCE = 0x5246_4e43n; // "RFNC"
export const SBI_EXT_HSM = 0x48_534dn;      // "HSM"
export const SBI_EXT_SRST = 0x5352_5354n;   // "SRST"
export const SBI_EXT_DBCN = 0x4442_434en;   // "DBCN"
export const SBI_EXT_STA = 0x53_5441n;      // "STA": steal-time accounting (SBI 2.0), when the guest offers it

// Function IDs.
export const SBI_BASE_GET_SPEC_VERSION = 0n;
export const SBI_BASE_GET_IMPL_ID = 1n;
export const SBI_BASE_GET_IMPL_VERSION = 2n;
export const SBI_BASE_PROBE_EXTENSION = 3n;
export const SBI_BASE_GET_MVENDORID = 4n;
export const SBI_BASE_GET_MARCHID = 5n;
export const SBI_BASE_GET_MIMPID = 6n;
export const SBI_TIME_SET_TIMER = 0n;
export const SBI_IPI_SEND_IPI = 0n;
export const SBI_RFENCE_REMOTE_FENCE_I = 0n;
export const SBI_RFENCE_REMOTE_SFENCE_VMA = 1n;
export const SBI_RFENCE_REMOTE_SFENCE_VMA_ASID = 2n;
export const SBI_RFENCE_REMOTE_HFENCE_GVMA_VMID = 3n;
export const SBI_RFENCE_REMOTE_HFENCE_GVMA = 4n;
export const SBI_RFENCE_REMOTE_HFENCE_VVMA_ASID = 5n;
export const SBI_RFENCE_REMOTE_HFENCE_VVMA = 6n;
export const SBI_HSM_HART_START = 0n;
export const SBI_HSM_HART_STOP = 1n;
export const SBI_HSM_HART_GET_STATUS = 2n;
export const SBI_HSM_HART_SUSPEND = 3n;
export const SBI_SRST_SYSTEM_RESET = 0n;
export const SBI_DBCN_CONSOLE_WRITE = 0n;
export const SBI_DBCN_CONSOLE_READ = 1n;
export const SBI_DBCN_CONSOLE_WRITE_BYTE = 2n;
export const SBI_STA_STEAL_TIME_SET_SHMEM = 0n;
/** ext-steal-time: the shared memory is 64 bytes, 64-byte aligned: le32 sequence (odd while the
 *  SBI implementation writes), le32 flags, le64 steal (ns), u8 preempted, 47 bytes reserved. */
export const SBI_STA_SHMEM_SIZE = 64;

// ext-hsm, "HSM Hart Suspend Types": the only implemented ones are the two defaults.
export const SBI_HSM_SUSPEND_RET_DEFAULT = 0x0000_0000;
export const SBI_HSM_SUSPEND_NON_RET_DEFAULT = 0x8000_0000;
// ext-sys-reset, "SRST System Reset Types / Reasons".
export const SBI_SRST_RESET_TYPE_SHUTDOWN = 0;
export const SBI_SRST_RESET_TYPE_COLD_REBOOT = 1;
export const SBI_SRST_RESET_TYPE_WARM_REBOOT = 2;
export const SBI_SRST_RESET_REASON_NONE = 0;
export const SBI_SRST_RESET_REASON_SYSFAIL = 1;

/** DBCN console_write / console_read move at most this many bytes per call (a partial transfer,
 *  which the spec allows: the count done is returned and the guest calls again). */
export const SBI_CONSOLE_MAX = 4096;

/** ext-hsm, "HSM Hart States", in state-id order (the index is what hart_get_status returns). */
export const SBI_HSM_STATES = [
  'started', 'stopped', 'start_pending', 'stop_pending', 'suspended', 'suspend_pending', 'resume_pending',
] as const;
export type HartState = (typeof SBI_HSM_STATES)[number];
export type ResetType = 'shutdown' | 'cold_reboot' | 'warm_reboot';
export type FenceKind = 'fence.i' | 'sfence.vma' | 'sfence.vma.asid';

/** What the dispatcher needs from the hypervisor, for one guest. Hart ids are vCPU indexes
 *  0 .. harts-1. Only `Sbi` calls these, and only with arguments it has validated. */
export interface SbiGuest {
  /** Number of vCPUs. */
  readonly harts: number;
  hartState(hart: number): HartState;
  /** HSM hart_start of a stopped hart: start it in S-mode at startAddr (satp = 0, sstatus.SIE = 0,
   *  a0 = hart, a1 = opaque). */
  startHart(hart: number, startAddr: bigint, opaque: bigint): void;
  /** HSM hart_stop of the calling hart (which is 'started'). */
  stopHart(hart: number): void;
  /** HSM hart_suspend of the calling hart; type is SBI_HSM_SUSPEND_RET_DEFAULT (the call returns
   *  SBI_SUCCESS when the hart wakes) or SBI_HSM_SUSPEND_NON_RET_DEFAULT (the hart wakes at
   *  resumeAddr with a0 = hart, a1 = opaque, satp = 0, sstatus.SIE = 0). */
  suspendHart(hart: number, type: number, resumeAddr: bigint, opaque: bigint): void;
  /** TIME set_timer / legacy set_timer: program the hart's timer and clear its pending STIP. */
  setTimer(hart: number, stimeValue: bigint): void;
  /** IPI send_ipi / legacy send_ipi: set SSIP on each target (never called with an empty list). */
  sendIpi(harts: number[]): void;
  /** Legacy clear_ipi: clear SSIP on the calling hart; true if it was pending. */
  clearIpi(hart: number): boolean;
  /** RFENCE / legacy remote fences. Both whole-address-space encodings of the spec (start = size
   *  = 0, or size = 2^64-1) arrive as start 0, size 2^64-1 (`SBI_FENCE_ALL`); so does fence.i.
   *  Otherwise start + size <= 2^64. asid only for 'sfence.vma.asid', as the guest gave it. */
  remoteFence(kind: FenceKind, harts: number[], start: bigint, size: bigint, asid?: bigint): void;
  /** SRST system_reset / legacy shutdown. reason is 0 (none) or 1 (system failure). */
  reset(type: ResetType, reason: number): void;
  /** DBCN / legacy putchar: bytes accepted (0 .. bytes.length; fewer = partial write). */
  consoleWrite(bytes: Uint8Array): number;
  /** DBCN / legacy getchar: up to max pending input bytes, empty if none (never blocks). */
  consoleRead(max: number): Uint8Array;
  /** len bytes of guest-physical memory at gpa, or null unless all of it is guest RAM. */
  readGuestMemory(gpa: bigint, len: number): Uint8Array | null;
  /** Write guest RAM; false (nothing written) unless all of it is guest RAM. */
  writeGuestMemory(gpa: bigint, data: Uint8Array): boolean;
  /** Optional: len bytes at a guest *virtual* address, translated as the hart's S-mode loads
   *  would be (its satp), or null on a fault. The legacy extensions pass hart masks by virtual
   *  address; without this hook the pointer is read as guest-physical, which is right only while
   *  the guest runs with satp = Bare. */
  readGuestVirtual?(hart: number, va: bigint, len: number): Uint8Array | null;
  /** Optional (STA is offered only with it): the hart's steal-time shared memory is now the 64
   *  bytes at gpa (aligned, all of it guest RAM, already checked), or none (null). */
  setStealShmem?(hart: number, gpa: bigint | null): void;
  readonly mvendorid: bigint;
  readonly marchid: bigint;
  readonly mimpid: bigint;
}

export interface SbiCall {
  /** a7 */ eid: bigint;
  /** a6 (ignored by the legacy extensions) */ fid: bigint;
  /** a0 .. a5; missing entries read as 0, every value is taken modulo 2^64 */ args: bigint[];
  /** the calling vCPU */ hart: number;
}

export interface SbiResult {
  /** a0: the SBI error code, signed (SBI_ERR_*); for a legacy call, its whole a0 result. */
  error: bigint;
  /** a1: sbiret.value as an unsigned 64-bit register image. Meaningless when `legacy`. */
  value: bigint;
  /** A legacy (v0.1) call: write a0 only, a1 must be preserved. */
  legacy?: boolean;
  /** Legacy calls only: reading the hart mask at this guest address faulted. The spec wants the
   *  fault redirected to the guest (sepc = the ecall); a caller that does not do that writes
   *  a0 = SBI_ERR_INVALID_ADDRESS as `error` says. */
  fault?: bigint;
}

const MASK64 = (1n << 64n) - 1n;
const TWO64 = 1n << 64n;
/** start 0 with this size is "the whole address space" in `remoteFence`. */
export const SBI_FENCE_ALL = MASK64;
/** hart_mask_base = -1: every hart. */
const HART_MASK_BASE_ALL = MASK64;

/** The registers a result writes: a0, and a1 unless the call was a legacy one. */
export function sbiResultRegs(r: SbiResult): { a0: bigint; a1?: bigint } {
  const a0 = BigInt.asUintN(64, r.error);
  return r.legacy ? { a0 } : { a0, a1: BigInt.asUintN(64, r.value) };
}

/** Extension names, as used in `Sbi.counts` (plus 'unknown' for every EID not listed). */
export const SBI_EXTENSION_NAMES: ReadonlyMap<bigint, string> = new Map([
  [SBI_EXT_0_1_SET_TIMER, 'legacy.set_timer'],
  [SBI_EXT_0_1_CONSOLE_PUTCHAR, 'legacy.console_putchar'],
  [SBI_EXT_0_1_CONSOLE_GETCHAR, 'legacy.console_getchar'],
  [SBI_EXT_0_1_CLEAR_IPI, 'legacy.clear_ipi'],
  [SBI_EXT_0_1_SEND_IPI, 'legacy.send_ipi'],
  [SBI_EXT_0_1_REMOTE_FENCE_I, 'legacy.remote_fence_i'],
  [SBI_EXT_0_1_REMOTE_SFENCE_VMA, 'legacy.remote_sfence_vma'],
  [SBI_EXT_0_1_REMOTE_SFENCE_VMA_ASID, 'legacy.remote_sfence_vma_asid'],
  [SBI_EXT_0_1_SHUTDOWN, 'legacy.shutdown'],
  [SBI_EXT_BASE, 'base'],
  [SBI_EXT_TIME, 'time'],
  [SBI_EXT_IPI, 'ipi'],
  [SBI_EXT_RFENCE, 'rfence'],
  [SBI_EXT_HSM, 'hsm'],
  [SBI_EXT_SRST, 'srst'],
  [SBI_EXT_DBCN, 'dbcn'],
]);

const ok = (value: bigint | number = 0n): SbiResult => ({ error: 0n, value: BigInt.asUintN(64, BigInt(value)) });
const err = (code: number): SbiResult => ({ error: BigInt(code), value: 0n });
const legacy = (a0: bigint | number): SbiResult => ({ error: BigInt(a0), value: 0n, legacy: true });

/** A harts list, or the SBI error that rejects the mask. */
type Harts = number[] | { error: number; fault?: bigint };

export class Sbi {
  /** Calls per extension name (see SBI_EXTENSION_NAMES; 'unknown' for the rest). */
  readonly counts = new Map<string, number>();
  private readonly implId: bigint;
  private readonly implVersion: bigint;

  constructor(private readonly guest: SbiGuest, opts: { implId?: bigint; implVersion?: bigint } = {}) {
    this.implId = BigInt.asUintN(64, opts.implId ?? SBI_IMPL_ID_RVISOR);
    this.implVersion = BigInt.asUintN(64, opts.implVersion ?? SBI_IMPL_VERSION_RVISOR);
  }

  /** sbi_probe_extension's answer: true for every extension this dispatcher implements. */
  static probe(eid: bigint): boolean {
    return SBI_EXTENSION_NAMES.has(BigInt.asUintN(64, eid));
  }

  call(c: SbiCall): SbiResult {
    // EIDs and FIDs are signed 32-bit values sign-extended to XLEN; every implemented one is
    // positive, so comparing all 64 bits rejects junk in the upper half (as OpenSBI and KVM do).
    const eid = BigInt.asUintN(64, c.eid);
    const fid = BigInt.asUintN(64, c.fid);
    const a = (i: number): bigint => BigInt.asUintN(64, c.args[i] ?? 0n);
    const name = SBI_EXTENSION_NAMES.get(eid) ?? (eid === SBI_EXT_STA && this.guest.setStealShmem ? 'sta' : 'unknown');
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    switch (eid) {
      case SBI_EXT_BASE: return this.base(fid, a(0));
      case SBI_EXT_TIME:
        if (fid !== SBI_TIME_SET_TIMER) break;
        this.guest.setTimer(c.hart, a(0));
        return ok();
      case SBI_EXT_IPI: {
        if (fid !== SBI_IPI_SEND_IPI) break;
        const harts = this.hartMask(a(0), a(1));
        if (!Array.isArray(harts)) return err(harts.error);
        if (harts.length > 0) this.guest.sendIpi(harts);
        return ok();
      }
      case SBI_EXT_RFENCE: return this.rfence(fid, a(0), a(1), a(2), a(3), a(4));
      case SBI_EXT_HSM: return this.hsm(c.hart, fid, a(0), a(1), a(2));
      case SBI_EXT_SRST: return fid === SBI_SRST_SYSTEM_RESET ? this.systemReset(a(0), a(1)) : err(SBI_ERR_NOT_SUPPORTED);
      case SBI_EXT_DBCN: return this.dbcn(fid, a(0), a(1), a(2));
      case SBI_EXT_STA: if (this.guest.setStealShmem) return this.sta(c.hart, fid, a(0), a(1), a(2)); break;
      default:
        if (eid <= SBI_EXT_0_1_SHUTDOWN) return this.legacy(c.hart, eid, a(0), a(1), a(2), a(3));
    }
    return err(SBI_ERR_NOT_SUPPORTED);
  }

  // ext-base. All functions succeed; probe answers 1 for what SBI_EXTENSION_NAMES lists.
  private base(fid: bigint, arg: bigint): SbiResult {
    switch (fid) {
      case SBI_BASE_GET_SPEC_VERSION: return ok(SBI_SPEC_VERSION);
      case SBI_BASE_GET_IMPL_ID: return ok(this.implId);
      case SBI_BASE_GET_IMPL_VERSION: return ok(this.implVersion);
      case SBI_BASE_PROBE_EXTENSION: return ok(Sbi.probe(arg) || (BigInt.asUintN(64, arg) === SBI_EXT_STA && this.guest.setStealShmem) ? 1n : 0n);
      case SBI_BASE_GET_MVENDORID: return ok(this.guest.mvendorid);
      case SBI_BASE_GET_MARCHID: return ok(this.guest.marchid);
      case SBI_BASE_GET_MIMPID: return ok(this.guest.mimpid);
    }
    return err(SBI_ERR_NOT_SUPPORTED);
  }

  // ext-rfence. The hart mask is checked first (INVALID_PARAM), then the range (INVALID_ADDRESS).
  private rfence(fid: bigint, mask: bigint, base: bigint, start: bigint, size: bigint, asid: bigint): SbiResult {
    let kind: FenceKind;
    switch (fid) {
      case SBI_RFENCE_REMOTE_FENCE_I: kind = 'fence.i'; break;
      case SBI_RFENCE_REMOTE_SFENCE_VMA: kind = 'sfence.vma'; break;
      case SBI_RFENCE_REMOTE_SFENCE_VMA_ASID: kind = 'sfence.vma.asid'; break;
      default: return err(SBI_ERR_NOT_SUPPORTED); // HFENCE.*: no hart here has the H extension
    }
    const harts = this.hartMask(mask, base);
    if (!Array.isArray(harts)) return err(harts.error);
    const e = this.fence(kind, harts, start, size, asid);
    return e === SBI_SUCCESS ? ok() : err(e);
  }

  /** Range rules shared by RFENCE and the legacy fences; returns an SBI error code. */
  private fence(kind: FenceKind, harts: number[], start: bigint, size: bigint, asid: bigint): number {
    let s = 0n, n = SBI_FENCE_ALL;
    if (kind !== 'fence.i' && !((start === 0n && size === 0n) || size === MASK64)) {
      // A range that runs past the top of the address space names no valid addresses.
      if (start + size > TWO64) return SBI_ERR_INVALID_ADDRESS;
      s = start; n = size;
    }
    if (harts.length > 0) {
      if (kind === 'sfence.vma.asid') this.guest.remoteFence(kind, harts, s, n, asid);
      else this.guest.remoteFence(kind, harts, s, n);
    }
    return SBI_SUCCESS;
  }

  // ext-hsm.
  private hsm(hart: number, fid: bigint, a0: bigint, a1: bigint, a2: bigint): SbiResult {
    switch (fid) {
      case SBI_HSM_HART_START: {
        // Checks in OpenSBI's order: hart id, start address, then state. Any state but STOPPED
        // is "already available" (KVM's rule; the spec names only STARTED).
        const target = this.hartId(a0);
        if (target < 0) return err(SBI_ERR_INVALID_PARAM);
        if (!this.executable(a1)) return err(SBI_ERR_INVALID_ADDRESS);
        if (this.guest.hartState(target) !== 'stopped') return err(SBI_ERR_ALREADY_AVAILABLE);
        this.guest.startHart(target, a1, a2);
        return ok();
      }
      case SBI_HSM_HART_STOP:
        if (this.callerState(hart) !== 'started') return err(SBI_ERR_FAILED);
        this.guest.stopHart(hart);
        return ok();
      case SBI_HSM_HART_GET_STATUS: {
        const target = this.hartId(a0);
        if (target < 0) return err(SBI_ERR_INVALID_PARAM);
        const id = SBI_HSM_STATES.indexOf(this.guest.hartState(target));
        return id < 0 ? err(SBI_ERR_FAILED) : ok(id);
      }
      case SBI_HSM_HART_SUSPEND: {
        // suspend_type is a uint32_t: only the low 32 bits count (a C caller may sign-extend).
        const type = Number(a0 & 0xffff_ffffn);
        if (type !== SBI_HSM_SUSPEND_RET_DEFAULT && type !== SBI_HSM_SUSPEND_NON_RET_DEFAULT) {
          return err(SBI_ERR_INVALID_PARAM); // reserved, or platform-specific and unimplemented
        }
        if (type === SBI_HSM_SUSPEND_NON_RET_DEFAULT && !this.executable(a1)) return err(SBI_ERR_INVALID_ADDRESS);
        if (this.callerState(hart) !== 'started') return err(SBI_ERR_FAILED);
        this.guest.suspendHart(hart, type, a1, a2);
        return ok();
      }
    }
    return err(SBI_ERR_NOT_SUPPORTED);
  }

  // ext-sys-reset. reset_type and reset_reason are uint32_t: the low 32 bits count.
  private systemReset(a0: bigint, a1: bigint): SbiResult {
    const type = Number(a0 & 0xffff_ffffn), reason = Number(a1 & 0xffff_ffffn);
    const name: ResetType | undefined = type === SBI_SRST_RESET_TYPE_SHUTDOWN ? 'shutdown'
      : type === SBI_SRST_RESET_TYPE_COLD_REBOOT ? 'cold_reboot'
      : type === SBI_SRST_RESET_TYPE_WARM_REBOOT ? 'warm_reboot' : undefined;
    // Reserved types and reasons, and the vendor/implementation-specific ranges (none is
    // implemented), are INVALID_PARAM.
    if (name === undefined) return err(SBI_ERR_INVALID_PARAM);
    if (reason !== SBI_SRST_RESET_REASON_NONE && reason !== SBI_SRST_RESET_REASON_SYSFAIL) return err(SBI_ERR_INVALID_PARAM);
    this.guest.reset(name, reason);
    return ok(); // the hypervisor stops or resets the guest; the result is never seen
  }

  // ext-steal-time: sbi_steal_time_set_shmem(lo, hi, flags). All ones in lo and hi: stop;
  // flags must be 0 and lo 64-byte aligned (INVALID_PARAM); memory that is not all guest RAM:
  // INVALID_ADDRESS.
  private sta(hart: number, fid: bigint, lo: bigint, hi: bigint, flags: bigint): SbiResult {
    if (fid !== SBI_STA_STEAL_TIME_SET_SHMEM) return err(SBI_ERR_NOT_SUPPORTED);
    if (flags !== 0n) return err(SBI_ERR_INVALID_PARAM);
    if (lo === MASK64 && hi === MASK64) { this.guest.setStealShmem!(hart, null); return ok(); }
    if (lo % 64n !== 0n) return err(SBI_ERR_INVALID_PARAM);
    if (hi !== 0n || lo + 64n > TWO64 || this.guest.readGuestMemory(lo, SBI_STA_SHMEM_SIZE) === null) return err(SBI_ERR_INVALID_ADDRESS);
    this.guest.setStealShmem!(hart, lo);
    return ok();
  }

  // ext-debug-console.
  private dbcn(fid: bigint, numBytes: bigint, lo: bigint, hi: bigint): SbiResult {
    switch (fid) {
      case SBI_DBCN_CONSOLE_WRITE:
      case SBI_DBCN_CONSOLE_READ: {
        // The buffer is the physical range hi:lo .. + numBytes (binary encoding, "Shared memory
        // physical address range parameter"); inaccessible memory is INVALID_PARAM here.
        if (hi !== 0n) return err(SBI_ERR_INVALID_PARAM); // at or above 2^64: not guest RAM
        if (numBytes === 0n) return ok(0);
        if (lo + numBytes > TWO64) return err(SBI_ERR_INVALID_PARAM);
        const len = numBytes < BigInt(SBI_CONSOLE_MAX) ? Number(numBytes) : SBI_CONSOLE_MAX;
        // The whole range must be RAM, not just the part moved now: check its last byte too
        // (guest RAM is contiguous, so the two ends stand for the range).
        if (numBytes > BigInt(len) && this.guest.readGuestMemory(lo + numBytes - 1n, 1) === null) {
          return err(SBI_ERR_INVALID_PARAM);
        }
        const buf = this.guest.readGuestMemory(lo, len);
        if (buf === null || buf.length !== len) return err(SBI_ERR_INVALID_PARAM);
        if (fid === SBI_DBCN_CONSOLE_WRITE) return ok(this.write(buf));
        const input = this.read(len);
        if (input.length > 0 && !this.guest.writeGuestMemory(lo, input)) return err(SBI_ERR_FAILED);
        return ok(input.length);
      }
      case SBI_DBCN_CONSOLE_WRITE_BYTE:
        // Blocking in the spec; a console that takes nothing is an I/O error.
        return this.write(Uint8Array.of(Number(numBytes & 0xffn))) === 1 ? ok(0) : err(SBI_ERR_FAILED);
    }
    return err(SBI_ERR_NOT_SUPPORTED);
  }

  // ext-legacy: a6 is ignored, only a0 is written, values are extension-specific.
  private legacy(hart: number, eid: bigint, a0: bigint, a1: bigint, a2: bigint, a3: bigint): SbiResult {
    switch (eid) {
      case SBI_EXT_0_1_SET_TIMER:
        this.guest.setTimer(hart, a0);
        return legacy(0);
      case SBI_EXT_0_1_CONSOLE_PUTCHAR:
        this.write(Uint8Array.of(Number(a0 & 0xffn))); // with no console the byte is dropped
        return legacy(0);
      case SBI_EXT_0_1_CONSOLE_GETCHAR: {
        const b = this.read(1);
        return legacy(b.length > 0 ? b[0] : -1);
      }
      case SBI_EXT_0_1_CLEAR_IPI:
        return legacy(this.guest.clearIpi(hart) ? 1 : 0);
      case SBI_EXT_0_1_SHUTDOWN:
        this.guest.reset('shutdown', SBI_SRST_RESET_REASON_NONE);
        return legacy(0);
    }
    // send_ipi and the remote fences take a pointer to a hart mask.
    const harts = this.legacyHartMask(hart, a0);
    if (!Array.isArray(harts)) {
      const r = legacy(harts.error);
      if (harts.fault !== undefined) r.fault = harts.fault;
      return r;
    }
    if (eid === SBI_EXT_0_1_SEND_IPI) {
      if (harts.length > 0) this.guest.sendIpi(harts);
      return legacy(0);
    }
    const kind: FenceKind = eid === SBI_EXT_0_1_REMOTE_FENCE_I ? 'fence.i'
      : eid === SBI_EXT_0_1_REMOTE_SFENCE_VMA ? 'sfence.vma' : 'sfence.vma.asid';
    return legacy(this.fence(kind, harts, a1, a2, a3));
  }

  /** binary encoding, "Hart list parameter": XLEN bits from hart_mask_base, or -1 for all. */
  private hartMask(mask: bigint, base: bigint): Harts {
    const n = this.hartCount();
    if (base === HART_MASK_BASE_ALL) return Array.from({ length: n }, (_, i) => i);
    if (base >= BigInt(n)) return { error: SBI_ERR_INVALID_PARAM };
    const b = Number(base), harts: number[] = [];
    for (let i = 0; i < 64; i++) {
      if (((mask >> BigInt(i)) & 1n) === 0n) continue;
      if (b + i >= n) return { error: SBI_ERR_INVALID_PARAM };
      harts.push(b + i);
    }
    return harts;
  }

  /** ext-legacy: `hart_mask` points to ceil(harts / XLEN) unsigned longs (a virtual address).
   *  NULL means every hart (BBL and KVM read it so, and old Linux relied on it). A set bit at or
   *  beyond the hart count is INVALID_PARAM, as in hartMask. */
  private legacyHartMask(hart: number, ptr: bigint): Harts {
    const n = this.hartCount();
    if (ptr === 0n) return Array.from({ length: n }, (_, i) => i);
    const len = Math.ceil(n / 64) * 8;
    if (len === 0) return [];
    const bytes = ptr + BigInt(len) > TWO64 ? null
      : this.guest.readGuestVirtual ? this.guest.readGuestVirtual(hart, ptr, len)
      : this.guest.readGuestMemory(ptr, len);
    if (bytes === null || bytes.length < len) return { error: SBI_ERR_INVALID_ADDRESS, fault: ptr };
    const harts: number[] = [];
    for (let i = 0; i < len; i++) {
      for (let bit = 0; bit < 8; bit++) {
        if (((bytes[i] >> bit) & 1) === 0) continue;
        const id = i * 8 + bit;
        if (id >= n) return { error: SBI_ERR_INVALID_PARAM };
        harts.push(id);
      }
    }
    return harts;
  }

  /** A hart-id argument as a vCPU index, or -1 if no such hart. */
  private hartId(v: bigint): number {
    return v < BigInt(this.hartCount()) ? Number(v) : -1;
  }

  private hartCount(): number {
    const n = this.guest.harts;
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }

  private callerState(hart: number): HartState | undefined {
    return Number.isInteger(hart) && hart >= 0 && hart < this.hartCount() ? this.guest.hartState(hart) : undefined;
  }

  /** A start/resume address S-mode can execute at: halfword aligned (IALIGN = 16 with C) and in
   *  guest RAM. */
  private executable(addr: bigint): boolean {
    return (addr & 1n) === 0n && this.guest.readGuestMemory(addr, 2) !== null;
  }

  /** consoleWrite, its count clamped to what was offered. */
  private write(bytes: Uint8Array): number {
    const n = this.guest.consoleWrite(bytes);
    return Number.isInteger(n) ? Math.min(Math.max(n, 0), bytes.length) : 0;
  }

  /** consoleRead, never more than asked for. */
  private read(max: number): Uint8Array {
    const b = this.guest.consoleRead(max);
    return b.length > max ? b.subarray(0, max) : b;
  }
}
