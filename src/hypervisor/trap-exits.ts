// The hypervisor's TypeScript side of trap mode, for one guest: the exits the core's wasm fast
// path does not finish itself. EXIT_SBI is an `ecall` from the guest's virtual S-mode, which
// lands here because the hypervisor plays M-mode: sbi.ts decodes it, this file does the work
// on the guest's vCPUs. EXIT_HV is a privileged instruction the fast path leaves to us (the
// rarely used S-level CSRs and unknown ones). Everything here reads guest-controlled registers;
// nothing a guest puts there may throw or reach outside its own machine.
import * as ABI from '../../assembly/abi';
import type { Machine } from '../machine/machine';
import { VIRT_MEM_BASE } from '../loader/devicetree';
import {
  Sbi, sbiResultRegs, SBI_HSM_SUSPEND_RET_DEFAULT,
  type SbiGuest, type HartState, type FenceKind, type ResetType,
} from './sbi';

const MASK32 = 0xffff_ffffn;

export class TrapExits implements SbiGuest {
  private readonly dispatcher: Sbi;
  readonly mvendorid = 0n;
  readonly marchid = 0n;
  readonly mimpid = 0n;
  // Set during an SBI call that restarted the caller elsewhere (non-retentive suspend).
  private resumed = false;

  constructor(private readonly m: Machine) {
    this.dispatcher = new Sbi(this);
  }

  get harts(): number { return this.m.harts; }
  get sbiCounts(): Map<string, number> { return this.dispatcher.counts; }

  // ---- exits ----
  /** EXIT_SBI on hart h: a7 = extension, a6 = function, a0..a5 = arguments; answer in a0/a1. */
  sbi(h: number): void {
    const core = this.m.core;
    const args = [10, 11, 12, 13, 14, 15].map((r) => core.x(r));
    this.resumed = false;
    const r = this.dispatcher.call({ eid: core.x(17), fid: core.x(16), args, hart: h });
    // The call may have switched harts (HSM): the caller's state must be back in the core.
    this.m.switchTo(h);
    // hart_stop and a non-retentive suspend do not return to the caller's next instruction.
    if (this.m.stopped[h] || this.resumed) return;
    const regs = sbiResultRegs(r);
    core.setX(10, regs.a0);
    if (regs.a1 !== undefined) core.setX(11, regs.a1);
    this.retire(4);
  }

  /** EXIT_HV: a CSR instruction on scounteren, senvcfg or an S-level CSR rvisor lacks. */
  slowPath(): void {
    const core = this.m.core;
    const bits = Number(core.u64(ABI.EXIT_VALUE) & MASK32);
    const len = core.u32(ABI.EXIT_LEN);
    const funct3 = (bits >>> 12) & 7;
    const csr = bits >>> 20;
    const rd = (bits >>> 7) & 31;
    const rs1 = (bits >>> 15) & 31;
    const target = csr === ABI.CSR_SCOUNTEREN ? { slot: ABI.CSR_SLOT_SCOUNTEREN, mask: MASK32 }
      : csr === ABI.CSR_SENVCFG ? { slot: ABI.CSR_SLOT_SENVCFG, mask: 1n } // FIOM only
        : null;
    if ((bits & 0x7f) !== 0x73 || (funct3 & 3) === 0 || !target) {
      core.exports.reflect(BigInt(ABI.CAUSE_ILLEGAL_INSTRUCTION), BigInt(bits >>> 0));
      return;
    }
    const kind = funct3 & 3; // 1 rw, 2 rs, 3 rc
    const src = funct3 >= 5 ? BigInt(rs1) : core.x(rs1);
    const slot = ABI.HART_CSR + target.slot;
    const old = core.u64(slot);
    // csrrs/csrrc with rs1 (or uimm) = 0 do not write.
    if (kind === 1 || rs1 !== 0) {
      const v = kind === 1 ? src : kind === 2 ? old | src : old & ~src;
      core.setU64(slot, v & target.mask);
    }
    core.setX(rd, old);
    this.retire(len);
  }

  // The instruction at pc completed: step past it and count it.
  private retire(len: number): void {
    const core = this.m.core;
    core.setU64(ABI.HART_PC, core.pc + BigInt(len));
    core.setU64(ABI.HART_INSTRET, core.instret + 1n);
  }

  // ---- SbiGuest: the work, on this guest's vCPUs ----
  hartState(hart: number): HartState { return this.m.stopped[hart] ? 'stopped' : 'started'; }

  startHart(hart: number, startAddr: bigint, opaque: bigint): void {
    this.onHart(hart, () => this.m.core.exports.resetVcpu(BigInt(hart), startAddr, opaque));
    this.m.stopped[hart] = false;
    this.m.poke();
  }

  stopHart(hart: number): void { this.m.stopped[hart] = true; }

  suspendHart(hart: number, type: number, resumeAddr: bigint, opaque: bigint): void {
    // Both default suspends wait like wfi: for an interrupt pending and enabled in sie.
    if (type !== SBI_HSM_SUSPEND_RET_DEFAULT) {
      const sie = this.m.hartView(hart).getBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_MIE - ABI.HART_BASE, true);
      this.onHart(hart, () => this.m.core.exports.resetVcpu(BigInt(hart), resumeAddr, opaque));
      this.resumed = true;
      // resetVcpu cleared sie; the wake-up condition is the one before the suspend.
      this.m.hartView(hart).setBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_MIE - ABI.HART_BASE, sie, true);
    }
    this.m.setWaiting(hart);
  }

  setTimer(hart: number, stimeValue: bigint): void {
    const v = this.m.hartView(hart);
    v.setBigUint64(ABI.HART_MTIMECMP - ABI.HART_BASE, stimeValue, true);
    const hw = ABI.HART_MIP_HW - ABI.HART_BASE;
    v.setBigUint64(hw, v.getBigUint64(hw, true) & ~(1n << BigInt(ABI.IRQ_S_TIMER)), true);
  }

  sendIpi(harts: number[]): void {
    const off = ABI.HART_CSR + ABI.CSR_SLOT_MIP_SW - ABI.HART_BASE;
    for (const h of harts) {
      const v = this.m.hartView(h);
      v.setBigUint64(off, v.getBigUint64(off, true) | (1n << BigInt(ABI.IRQ_S_SOFT)), true);
    }
    this.m.poke();
  }

  clearIpi(hart: number): boolean {
    const off = ABI.HART_CSR + ABI.CSR_SLOT_MIP_SW - ABI.HART_BASE;
    const v = this.m.hartView(hart);
    const old = v.getBigUint64(off, true);
    v.setBigUint64(off, old & ~(1n << BigInt(ABI.IRQ_S_SOFT)), true);
    return (old & (1n << BigInt(ABI.IRQ_S_SOFT))) !== 0n;
  }

  remoteFence(kind: FenceKind, _harts: number[], _start: bigint, _size: bigint): void {
    // fence.i: decoded instructions already follow every store. sfence.vma: the guest's harts
    // share its shadow sets, so emptying them serves every target hart at once.
    if (kind !== 'fence.i') this.m.core.exports.flushTlb();
  }

  reset(type: ResetType, reason: number): void {
    if (type === 'shutdown') this.m.setResult({ reason: 'poweroff', exitCode: reason === 0 ? 0 : 1 });
    else this.m.setResult({ reason: 'reset', exitCode: 0 });
  }

  consoleWrite(bytes: Uint8Array): number {
    this.m.console(bytes.slice());
    return bytes.length;
  }

  consoleRead(max: number): Uint8Array { return this.m.takeInput(max); }

  // Through the guest's frame map: pages the guest never touched read as zeros, paged-out ones
  // come back; a page that cannot be had throws (the hypervisor stops the guest).
  readGuestMemory(gpa: bigint, len: number): Uint8Array | null {
    const off = this.ramOffset(gpa, len);
    return off === null ? null : this.m.readRam(off, len);
  }

  writeGuestMemory(gpa: bigint, data: Uint8Array): boolean {
    const off = this.ramOffset(gpa, data.length);
    if (off === null) return false;
    this.m.writeRam(off, data);
    return true;
  }

  // STA: the hart's steal-time record; it starts at zero and shows the steal so far.
  setStealShmem(hart: number, gpa: bigint | null): void {
    this.m.stealShmem[hart] = gpa;
    if (gpa === null) return;
    this.m.writeRam(Number(gpa - BigInt(VIRT_MEM_BASE)), new Uint8Array(64));
    this.m.publishSteal(hart);
  }

  // The legacy calls pass hart masks by virtual address: translate as the calling hart's
  // S-mode loads would (the caller's state is the one in the core during its exit).
  readGuestVirtual(hart: number, va: bigint, len: number): Uint8Array | null {
    if (hart !== this.m.activeHart || len < 1 || len > 8) return null;
    const first = this.translateLoad(BigInt.asUintN(64, va));
    const last = this.translateLoad(BigInt.asUintN(64, va + BigInt(len - 1)));
    const fault = (1n << 64n) - 1n;
    if (first === fault || last === fault) return null;
    if (last - first === BigInt(len - 1)) return this.readGuestMemory(first, len);
    const out = new Uint8Array(len); // the mask straddles two pages
    for (let i = 0; i < len; i++) {
      const pa = this.translateLoad(BigInt.asUintN(64, va + BigInt(i)));
      const b = pa === fault ? null : this.readGuestMemory(pa, 1);
      if (!b) return null;
      out[i] = b[0];
    }
    return out;
  }

  // The core's walk of the guest's tables for an S-mode load at va. A page-table page without
  // a frame (the core answers all ones but one and names it in EXIT_ADDR) is brought in and the
  // walk asked again; a walk touches at most four table pages.
  private translateLoad(va: bigint): bigint {
    const core = this.m.core;
    for (let tries = 0; ; tries++) {
      const pa = core.exports.translateLoad(va);
      if (pa !== (1n << 64n) - 2n) return pa;
      if (tries === 4) return (1n << 64n) - 1n;
      const gpa = core.u64(ABI.EXIT_ADDR);
      const off = this.ramOffset(gpa, 1);
      if (off === null || !this.m.guestRam.fault(off, false)) throw new Error(`guest memory: ${this.m.guestRam.error ?? 'page table outside RAM'}`);
    }
  }

  private ramOffset(gpa: bigint, len: number): number | null {
    const off = gpa - BigInt(VIRT_MEM_BASE);
    if (off < 0n || len < 0 || off + BigInt(len) > BigInt(this.m.memSize)) return null;
    return Number(off);
  }

  // Runs fn with hart h's state in the core, then puts the caller's back.
  private onHart(h: number, fn: () => void): void {
    const caller = this.m.activeHart;
    this.m.switchTo(h);
    fn();
    this.m.switchTo(caller);
  }
}
