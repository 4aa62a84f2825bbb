// What a debugger sees of a machine: harts, registers, memory through each hart's translation,
// breakpoints and watchpoints (the core's debug table, assembly/debug.ts), run control. The gdb
// stub (gdb-stub.ts) drives a DebugTarget; MachineTarget is one over a Machine. No Node API
// here: it runs in a browser as well.
//
// In trap mode the hart block *is* the guest's virtual CPU, so the registers, CSRs, privilege
// and translation shown are the guest's, and memory is its guest-physical RAM.
import * as ABI from '../../assembly/abi';
import { RAM_BASE, type Machine } from '../machine/machine';

/** Z0..Z4: software and hardware breakpoints; write, read and access watchpoints. */
export type PointKind = 'sw' | 'hw' | 'write' | 'read' | 'access';

export type StopReason =
  | { kind: 'signal'; hart: number; signal: number } // 5 = SIGTRAP (a step, the first stop), 2 = SIGINT
  | { kind: 'break'; hart: number; hw: boolean; pc: bigint }
  | { kind: 'watch'; hart: number; point: 'write' | 'read' | 'access'; addr: bigint };

/** A register in the debugger's numbering (gdb's RISC-V numbers: x 0-31, pc 32, f 33-64, CSRs 65 + number). */
export interface RegisterInfo {
  regnum: number;
  name: string;
  bits: 32 | 64;
  feature: 'cpu' | 'fpu' | 'csr' | 'virtual';
  type?: string;
  group?: string;
}

export interface DebugTarget {
  readonly harts: number;
  readonly registers: readonly RegisterInfo[];
  readRegister(hart: number, regnum: number): bigint | undefined;
  writeRegister(hart: number, regnum: number, value: bigint): boolean;
  /** `len` bytes at virtual address `addr` as hart sees it, or undefined if some are not RAM. */
  readMemory(hart: number, addr: bigint, len: number): Uint8Array | undefined;
  writeMemory(hart: number, addr: bigint, data: Uint8Array): boolean;
  addPoint(kind: PointKind, addr: bigint, len: number): boolean;
  removePoint(kind: PointKind, addr: bigint, len: number): boolean;
  /** Drops every breakpoint and watchpoint (the debugger detached). */
  clearPoints(): void;
  /** Stops every hart (all-stop); no stop is reported for it. */
  halt(): void;
  /** Lets every hart run; a later stop is reported through onStop. */
  resume(): void;
  /** Runs exactly one instruction of a hart (the others stay stopped) and says why it stopped. */
  step(hart: number): StopReason;
  /** The hart the machine ran last (for a stop nobody asked for, such as Ctrl-C). */
  readonly currentHart: number;
  /** Whether the hart is started (trap mode's SBI HSM keeps secondary harts stopped). */
  hartStarted(hart: number): boolean;
  onStop: ((r: StopReason) => void) | null;
  kill(): void;
}

const X0 = 0, PC = 32, F0 = 33, CSR0 = 65, PRIV = 65 + 4096;
const FFLAGS = CSR0 + ABI.CSR_FFLAGS, FRM = CSR0 + ABI.CSR_FRM, FCSR = CSR0 + ABI.CSR_FCSR;

const X_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 'fp', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const F_NAMES = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3',
  'fa4', 'fa5', 'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9',
  'ft10', 'ft11'];

// The CSRs shown: a trap-mode guest's are its supervisor and user ones (the M-level state is the
// hypervisor's); bare mode adds machine mode's, the triggers among them.
const S_CSRS: [string, number][] = [
  ['sstatus', 0x100], ['sie', 0x104], ['stvec', 0x105], ['scounteren', 0x106], ['senvcfg', 0x10a],
  ['sscratch', 0x140], ['sepc', 0x141], ['scause', 0x142], ['stval', 0x143], ['sip', 0x144],
  ['stimecmp', 0x14d], ['satp', 0x180], ['cycle', 0xc00], ['time', 0xc01], ['instret', 0xc02],
];
const M_CSRS: [string, number][] = [
  ['mstatus', 0x300], ['misa', 0x301], ['medeleg', 0x302], ['mideleg', 0x303], ['mie', 0x304],
  ['mtvec', 0x305], ['mcounteren', 0x306], ['menvcfg', 0x30a], ['mcountinhibit', 0x320],
  ['mscratch', 0x340], ['mepc', 0x341], ['mcause', 0x342], ['mtval', 0x343], ['mip', 0x344],
  ['pmpcfg0', 0x3a0], ['pmpaddr0', 0x3b0], ['tselect', 0x7a0], ['tdata1', 0x7a1], ['tdata2', 0x7a2],
  ['tdata3', 0x7a3], ['tinfo', 0x7a4], ['mcycle', 0xb00], ['minstret', 0xb02], ['mvendorid', 0xf11],
  ['marchid', 0xf12], ['mimpid', 0xf13], ['mhartid', 0xf14],
];

export function registerList(mode: 'bare' | 'trap'): RegisterInfo[] {
  const regs: RegisterInfo[] = [];
  X_NAMES.forEach((name, i) => regs.push({ regnum: X0 + i, name, bits: 64, feature: 'cpu',
    type: i === 1 ? 'code_ptr' : i >= 2 && i <= 4 || i === 8 ? 'data_ptr' : 'int' }));
  regs.push({ regnum: PC, name: 'pc', bits: 64, feature: 'cpu', type: 'code_ptr' });
  F_NAMES.forEach((name, i) => regs.push({ regnum: F0 + i, name, bits: 64, feature: 'fpu', type: 'riscv_double' }));
  regs.push({ regnum: FFLAGS, name: 'fflags', bits: 32, feature: 'fpu', type: 'int', group: 'float' });
  regs.push({ regnum: FRM, name: 'frm', bits: 32, feature: 'fpu', type: 'int', group: 'float' });
  regs.push({ regnum: FCSR, name: 'fcsr', bits: 32, feature: 'fpu', type: 'int', group: 'float' });
  for (const [name, num] of mode === 'trap' ? S_CSRS : [...S_CSRS, ...M_CSRS]) {
    regs.push({ regnum: CSR0 + num, name, bits: 64, feature: 'csr', type: 'int' });
  }
  regs.push({ regnum: PRIV, name: 'priv', bits: 64, feature: 'virtual', type: 'int', group: 'general' });
  return regs;
}

const POINT_KINDS: Record<PointKind, number> = {
  sw: ABI.DEBUG_EXEC, hw: ABI.DEBUG_EXEC, write: ABI.DEBUG_STORE, read: ABI.DEBUG_LOAD,
  access: ABI.DEBUG_LOAD | ABI.DEBUG_STORE,
};
/** The longest watched range: the core keeps the TLB off at most DEBUG_WATCH_MAX_PAGES pages. */
export const MAX_WATCH = (ABI.DEBUG_WATCH_MAX_PAGES - 1) * 4096;

export class MachineTarget implements DebugTarget {
  readonly harts: number;
  readonly registers: readonly RegisterInfo[];
  private readonly byNum = new Map<number, RegisterInfo>();
  private points: { kind: PointKind; addr: bigint; len: number }[] = [];
  onStop: ((r: StopReason) => void) | null = null;

  constructor(private readonly m: Machine) {
    this.harts = m.harts;
    this.registers = registerList(m.mode);
    for (const r of this.registers) this.byNum.set(r.regnum, r);
    m.onDebugStop = (h) => this.onStop?.(this.hit(h));
  }

  get currentHart(): number { return this.m.activeHart; }
  hartStarted(h: number): boolean { return !this.m.stopped[h]; }

  // The core with hart h loaded (registers, CSRs and translation are the loaded hart's).
  private core(h: number) {
    this.m.switchTo(h);
    return this.m.core;
  }

  readRegister(h: number, regnum: number): bigint | undefined {
    if (!this.byNum.has(regnum) || h < 0 || h >= this.harts) return undefined;
    const c = this.core(h);
    if (regnum < PC) return c.x(regnum);
    if (regnum === PC) return c.pc;
    if (regnum < CSR0) return c.u64(ABI.HART_F + (regnum - F0) * 8);
    if (regnum === PRIV) return BigInt(c.priv);
    const fcsr = c.csr(ABI.CSR_SLOT_FCSR);
    if (regnum === FFLAGS) return fcsr & 0x1fn;
    if (regnum === FRM) return (fcsr >> 5n) & 7n;
    if (regnum === FCSR) return fcsr & 0xffn;
    const v = c.exports.csrPeek(regnum - CSR0);
    return c.exports.csrPeekOk() ? BigInt.asUintN(64, v) : undefined;
  }

  writeRegister(h: number, regnum: number, value: bigint): boolean {
    if (!this.byNum.has(regnum) || h < 0 || h >= this.harts) return false;
    const c = this.core(h);
    if (regnum < PC) { c.setX(regnum, value); return true; }
    if (regnum === PC) { c.setU64(ABI.HART_PC, value & ~1n); return true; }
    if (regnum < CSR0) { c.setU64(ABI.HART_F + (regnum - F0) * 8, value); return true; }
    if (regnum === PRIV) {
      const p = Number(value);
      if (p !== ABI.PRV_U && p !== ABI.PRV_S && !(p === ABI.PRV_M && this.m.mode === 'bare')) return false;
      c.setU64(ABI.HART_PRIV, BigInt(p));
      c.exports.updateViews();
      return true;
    }
    const slot = ABI.HART_CSR + ABI.CSR_SLOT_FCSR;
    const fcsr = c.u64(slot);
    if (regnum === FFLAGS) { c.setU64(slot, (fcsr & ~0x1fn) | (value & 0x1fn)); return true; }
    if (regnum === FRM) { c.setU64(slot, (fcsr & 0x1fn) | ((value & 7n) << 5n)); return true; }
    if (regnum === FCSR) { c.setU64(slot, value & 0xffn); return true; }
    c.exports.csrPoke(regnum - CSR0, BigInt.asUintN(64, value));
    return true;
  }

  // Guest-physical RAM offsets of [addr, addr + len) page by page, through hart h's translation.
  private pieces(h: number, addr: bigint, len: number): { off: number; n: number }[] | undefined {
    const c = this.core(h);
    const out: { off: number; n: number }[] = [];
    let va = BigInt.asUintN(64, addr);
    let left = len;
    while (left > 0) {
      const n = Math.min(left, 4096 - Number(va & 0xfffn));
      const pa = c.exports.debugTranslate(va);
      const off = BigInt.asUintN(64, pa) - RAM_BASE;
      if (BigInt.asUintN(64, pa) === 0xffff_ffff_ffff_ffffn || off < 0n || off + BigInt(n) > BigInt(this.m.memSize)) return undefined;
      out.push({ off: Number(off), n });
      va = BigInt.asUintN(64, va + BigInt(n));
      left -= n;
    }
    return out;
  }

  readMemory(h: number, addr: bigint, len: number): Uint8Array | undefined {
    const parts = this.pieces(h, addr, len);
    if (!parts) return undefined;
    const out = new Uint8Array(len);
    let at = 0;
    for (const p of parts) { out.set(this.m.readRam(p.off, p.n), at); at += p.n; } // paged RAM too
    return out;
  }

  writeMemory(h: number, addr: bigint, data: Uint8Array): boolean {
    const parts = this.pieces(h, addr, data.length);
    if (!parts) return false;
    let at = 0;
    for (const p of parts) { this.m.writeRam(p.off, data.subarray(at, at + p.n)); at += p.n; }
    return true;
  }

  addPoint(kind: PointKind, addr: bigint, len: number): boolean {
    const data = kind !== 'sw' && kind !== 'hw';
    if (this.points.length >= ABI.DEBUG_HOST_MAX || (data && (len < 1 || len > MAX_WATCH))) return false;
    this.points.push({ kind, addr: BigInt.asUintN(64, addr), len });
    this.writeTable(false);
    return true;
  }

  removePoint(kind: PointKind, addr: bigint, len: number): boolean {
    const a = BigInt.asUintN(64, addr);
    const i = this.points.findIndex((p) => p.kind === kind && p.addr === a && p.len === len);
    if (i < 0) return false;
    this.points.splice(i, 1);
    this.writeTable(false);
    return true;
  }

  clearPoints(): void {
    this.points = [];
    this.writeTable(true);
  }

  // The host's part of the debug table (abi.ts DEBUG_*), then the core recomputes what it checks.
  private writeTable(release: boolean): void {
    const c = this.m.core;
    this.points.forEach((p, i) => {
      const e = ABI.DEBUG_ENTRIES + i * ABI.DEBUG_ENTRY_SIZE;
      c.setU64(e + ABI.DEBUG_E_ADDR, p.addr);
      c.setU64(e + ABI.DEBUG_E_LEN, BigInt(p.len));
      c.setU32(e + ABI.DEBUG_E_KIND, POINT_KINDS[p.kind]);
      c.setU32(e + ABI.DEBUG_E_OWNER, ABI.DEBUG_OWNER_HOST);
      c.setU32(e + ABI.DEBUG_E_PRIVS, 0xf);
    });
    c.setU32(ABI.DEBUG_HOST_COUNT, this.points.length);
    c.exports.debugUpdate(release ? 1 : 0);
  }

  // Why hart h stopped with EXIT_DEBUG: the entry the core names in DEBUG_HIT_*.
  private hit(h: number): StopReason {
    const c = this.m.core;
    const p = this.points[c.u32(ABI.DEBUG_HIT_ENTRY)];
    const addr = c.u64(ABI.DEBUG_HIT_ADDR);
    if (!p) return { kind: 'signal', hart: h, signal: 5 };
    if (p.kind === 'sw' || p.kind === 'hw') return { kind: 'break', hart: h, hw: p.kind === 'hw', pc: addr };
    return { kind: 'watch', hart: h, point: p.kind, addr };
  }

  halt(): void { this.m.pause(); }
  resume(): void { this.m.resume(); }
  kill(): void { this.m.stop(); }

  step(h: number): StopReason {
    if (this.m.stopped[h]) return { kind: 'signal', hart: h, signal: 5 }; // an HSM-stopped hart does not run
    const code = this.m.stepHart(h);
    return code === ABI.EXIT_DEBUG ? this.hit(h) : { kind: 'signal', hart: h, signal: 5 };
  }
}
