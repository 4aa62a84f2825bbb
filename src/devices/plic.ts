// SiFive / RISC-V PLIC (Platform-Level Interrupt Controller) as on QEMU's virt machine at
// 0xc00_0000 (size 0x60_0000, 96 sources of which 1…95 exist; source 0 means "no interrupt").
// Register map (RISC-V PLIC spec 1.0.0, all registers 32 bits):
//   0x00_0000 + 4s            priority of source s (3 bits, 0 = never interrupts)
//   0x00_1000 + 4w            pending bits of sources 32w…32w+31 (read-only)
//   0x00_2000 + 0x80c + 4w    enable bits of context c
//   0x20_0000 + 0x1000c       priority threshold of context c (3 bits)
//   0x20_0004 + 0x1000c       claim (read) / complete (write) of context c
// Context 2h is hart h's M mode (MEIP), 2h+1 its S mode (SEIP), as QEMU's virt numbers them.
// Inputs are level-triggered: the gateway turns a high level into one request (pending bit)
// and forwards the next only after the handler completed, so a device holding its line high
// interrupts once per claim/complete round, not continuously.
import type { IrqLine, MmioDevice } from './device';

const PRIORITY = 0x0;
const PENDING = 0x1000;
const ENABLE = 0x2000;
const ENABLE_STRIDE = 0x80;
const CONTEXT = 0x20_0000;
const CONTEXT_STRIDE = 0x1000;
const PRIORITY_MASK = 7; // QEMU virt: 3 priority bits, 1 (lowest) … 7 (highest)

export type PlicMode = 'M' | 'S';

export interface PlicState {
  priority: number[]; level: boolean[]; pending: boolean[]; claimed: boolean[];
  enable: number[][]; threshold: number[];
}

export class Plic implements MmioDevice {
  readonly name = 'plic';
  private readonly contexts: number;
  private readonly words: number; // 32-bit words of pending/enable bits
  private priority: Uint8Array;
  private level: Uint8Array; // input line as the device drives it
  private pending: Uint8Array; // gateway forwarded a request, not yet claimed
  private claimed: Uint8Array; // claimed and not yet completed: the gateway holds further requests
  private enable: Uint32Array[]; // per context
  private threshold: Uint8Array;
  private line: Uint8Array; // last level given to setExternal, per context

  constructor(
    readonly harts: number,
    private readonly setExternal: (hart: number, mode: PlicMode, level: boolean) => void,
    readonly sources = 96,
  ) {
    if (!Number.isInteger(sources) || sources < 2 || sources > 1024) throw new RangeError(`PLIC: ${sources} sources (2…1024)`);
    this.contexts = 2 * harts;
    this.words = Math.ceil(sources / 32);
    this.priority = new Uint8Array(sources);
    this.level = new Uint8Array(sources);
    this.pending = new Uint8Array(sources);
    this.claimed = new Uint8Array(sources);
    this.enable = Array.from({ length: this.contexts }, () => new Uint32Array(this.words));
    this.threshold = new Uint8Array(this.contexts);
    this.line = new Uint8Array(this.contexts);
  }

  // The input line of source 1…sources-1, for a device's interrupt output.
  irq(source: number): IrqLine {
    if (!Number.isInteger(source) || source < 1 || source >= this.sources) throw new RangeError(`PLIC source ${source} does not exist (1…${this.sources - 1})`);
    return (level: boolean) => this.setLevel(source, level);
  }

  private setLevel(s: number, level: boolean): void {
    this.level[s] = level ? 1 : 0;
    // A request is forwarded while the line is high unless one is already pending or in service.
    if (level && !this.pending[s] && !this.claimed[s]) {
      this.pending[s] = 1;
      this.update();
    }
  }

  read(offset: number, size: number): number {
    if (size !== 4 || offset & 3) return 0; // the PLIC has 32-bit registers only
    if (offset < PENDING) {
      const s = offset >> 2;
      return s < this.sources ? this.priority[s] : 0;
    }
    if (offset < ENABLE) {
      const w = (offset - PENDING) >> 2;
      return w < this.words ? this.bits(this.pending, w) : 0;
    }
    if (offset < CONTEXT) {
      const c = Math.floor((offset - ENABLE) / ENABLE_STRIDE);
      const w = ((offset - ENABLE) % ENABLE_STRIDE) >> 2;
      return c < this.contexts && w < this.words ? this.enable[c][w] : 0;
    }
    const c = Math.floor((offset - CONTEXT) / CONTEXT_STRIDE);
    if (c >= this.contexts) return 0;
    switch ((offset - CONTEXT) % CONTEXT_STRIDE) {
      case 0: return this.threshold[c];
      case 4: return this.claim(c);
      default: return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 4 || offset & 3) return;
    if (offset < PENDING) {
      const s = offset >> 2;
      if (s > 0 && s < this.sources) { this.priority[s] = value & PRIORITY_MASK; this.update(); }
      return;
    }
    if (offset < ENABLE) return; // pending bits are read-only
    if (offset < CONTEXT) {
      const c = Math.floor((offset - ENABLE) / ENABLE_STRIDE);
      const w = ((offset - ENABLE) % ENABLE_STRIDE) >> 2;
      if (c >= this.contexts || w >= this.words) return;
      let v = value >>> 0;
      if (w === 0) v &= ~1; // source 0 does not exist
      const top = this.sources - 32 * w; // bits of sources that exist in this word
      if (top < 32) v &= (1 << top) - 1;
      this.enable[c][w] = v >>> 0;
      this.update();
      return;
    }
    const c = Math.floor((offset - CONTEXT) / CONTEXT_STRIDE);
    if (c >= this.contexts) return;
    switch ((offset - CONTEXT) % CONTEXT_STRIDE) {
      case 0: this.threshold[c] = value & PRIORITY_MASK; this.update(); return;
      case 4: this.complete(c, value >>> 0); return;
      default: return;
    }
  }

  // The highest-priority pending source enabled for context c above its threshold (ties go to
  // the lowest id), or 0. Claiming clears the pending bit; the gateway then waits for complete.
  private best(c: number): number {
    let best = 0;
    let bestPrio = this.threshold[c];
    const en = this.enable[c];
    for (let s = 1; s < this.sources; s++) {
      if (this.pending[s] && this.priority[s] > bestPrio && (en[s >> 5] >>> (s & 31)) & 1) {
        best = s;
        bestPrio = this.priority[s];
      }
    }
    return best;
  }

  private claim(c: number): number {
    const s = this.best(c);
    if (s) {
      this.pending[s] = 0;
      this.claimed[s] = 1;
      this.update();
    }
    return s;
  }

  // Completion re-arms the source's gateway. As the spec says, an id that is not enabled for
  // the completing context is ignored (Linux enables a masked source around its EOI for this).
  private complete(c: number, s: number): void {
    if (s < 1 || s >= this.sources || !((this.enable[c][s >> 5] >>> (s & 31)) & 1)) return;
    if (!this.claimed[s]) return;
    this.claimed[s] = 0;
    if (this.level[s]) this.pending[s] = 1; // still high: the next request follows at once
    this.update();
  }

  private bits(a: Uint8Array, w: number): number {
    let v = 0;
    for (let i = 0; i < 32; i++) if (a[32 * w + i]) v |= 1 << i;
    return v >>> 0;
  }

  // Recomputes every context's external interrupt line and reports the ones that changed.
  private update(): void {
    for (let c = 0; c < this.contexts; c++) {
      const on = this.best(c) !== 0 ? 1 : 0;
      if (on !== this.line[c]) {
        this.line[c] = on;
        this.setExternal(c >> 1, c & 1 ? 'S' : 'M', on === 1);
      }
    }
  }

  saveState(): PlicState {
    return {
      priority: [...this.priority], level: [...this.level].map(Boolean), pending: [...this.pending].map(Boolean),
      claimed: [...this.claimed].map(Boolean), enable: this.enable.map((e) => [...e]), threshold: [...this.threshold],
    };
  }

  loadState(state: unknown): void {
    const s = state as PlicState;
    this.priority = Uint8Array.from(s.priority);
    this.level = Uint8Array.from(s.level, Number);
    this.pending = Uint8Array.from(s.pending, Number);
    this.claimed = Uint8Array.from(s.claimed, Number);
    this.enable = s.enable.map((e) => Uint32Array.from(e));
    this.threshold = Uint8Array.from(s.threshold);
    // Tell the harts the restored levels, whatever they were told before.
    for (let c = 0; c < this.contexts; c++) {
      const on = this.best(c) !== 0;
      this.line[c] = on ? 1 : 0;
      this.setExternal(c >> 1, c & 1 ? 'S' : 'M', on);
    }
  }
}
