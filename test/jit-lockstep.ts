// Lockstep JIT vs interpreter: the same guest in two machines (same core build, --icount so
// time follows instructions), one with the JIT and one without, advanced one core.run() at a
// time; after every run() the architectural state (x and f registers, pc, privilege, instret,
// CSR slots) must be identical, because compiled code stops at exactly the instruction the
// interpreter would (interp.ts run()'s budget rule). On a difference, `pinpoint` replays both
// machines to the run() before it and narrows the budget until the first instruction whose
// effect differs.
import { readFileSync } from 'node:fs';
import * as ABI from '../assembly/abi';
import { Machine, type MachineConfig } from '../src/machine/machine';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));

export interface Guest {
  setup: (m: Machine) => void; // load images
  cfg?: Partial<MachineConfig>;
  wholePage?: boolean; // regions as the CLI makes them (one function per page: jit.ts wholePage)
}

export async function makeMachine(g: Guest, jit: boolean, samples = 2): Promise<Machine> {
  const m = await Machine.create(wasm, { memSize: 128 << 20, icount: 0, console: () => {}, jit, jitSamples: samples, ...g.cfg });
  m.core.jit.wholePage = g.wholePage ?? false;
  g.setup(m);
  return m;
}

// The architectural state of the loaded hart, as a list of [name, value] for diffs.
export function archState(m: Machine): [string, bigint][] {
  const c = m.core;
  const out: [string, bigint][] = [['pc', c.pc], ['priv', BigInt(c.priv)], ['instret', c.instret]];
  for (let i = 1; i < 32; i++) out.push([`x${i}`, c.x(i)]);
  for (let i = 0; i < 32; i++) out.push([`f${i}`, c.u64(ABI.HART_F + i * 8)]);
  for (let o = 0; o < 0xc0; o += 8) out.push([`csr+${o.toString(16)}`, c.u64(ABI.HART_CSR + o)]);
  out.push(['reservation', c.u64(ABI.HART_RESERVATION)]);
  return out;
}

export function diffState(a: Machine, b: Machine): string | null {
  const sa = archState(a), sb = archState(b);
  const d = sa.filter(([, v], i) => v !== sb[i][1]).map(([k, v], i) => `${k}: ${v.toString(16)} vs ${sb[sa.findIndex(([kk]) => kk === k)][1].toString(16)}`);
  void d;
  const diffs: string[] = [];
  for (let i = 0; i < sa.length; i++) if (sa[i][1] !== sb[i][1]) diffs.push(`${sa[i][0]} ${sa[i][1].toString(16)} (interp) vs ${sb[i][1].toString(16)} (jit)`);
  return diffs.length ? diffs.join(', ') : null;
}

// One core.run() (one round of Machine.step); false once the machine is done.
function stepOnce(m: Machine): boolean { return m.step(0) !== 'done'; }

// jitError: the JIT's last translation or validation failure (a translator bug), if any.
export interface LockstepResult { steps: number; instret: bigint; diverged: string | null; share: number; jitError: string | null }

export async function lockstep(g: Guest, maxSteps: number, samples = 2): Promise<LockstepResult> {
  const a = await makeMachine(g, false), b = await makeMachine(g, true, samples);
  let steps = 0;
  for (; steps < maxSteps; steps++) {
    const ra = stepOnce(a), rb = stepOnce(b);
    const d = diffState(a, b);
    if (d) return { steps, instret: a.core.instret, diverged: `after run() ${steps + 1}: ${d}`, share: b.stats().jit?.share ?? 0, jitError: b.core.jit.lastError };
    if (!ra || !rb) break;
  }
  // A region that failed to translate or validate runs interpreted, so the states agree: a
  // translator bug all the same.
  const jitError = b.core.jit.lastError;
  return { steps, instret: a.core.instret, diverged: jitError ? `translator: ${jitError}` : null, share: b.stats().jit?.share ?? 0, jitError };
}

// Narrows a divergence found after run() number `run` (1-based) down to one guest instruction.
// Both machines are made again (the same guest, so --icount replays exactly) and advanced to
// the run() before; then the budget of that last run() is bisected (compiled code stops where
// the interpreter would at any budget, so the smallest budget whose states differ ends the first
// stretch of compiled code that went wrong); from the last agreeing state the interpreter steps
// one instruction at a time to where the compiled code stopped, and the instruction reported is
// the earliest of the last writers of the registers that differ (the wrong one, unless its
// value was overwritten since; then the first that used it).
// `prepare(b)` is applied to each new JIT machine (a planted bug, say) before it runs.
export interface Pinpoint { pc: bigint; insn: number; registers: string[] }

export async function pinpoint(g: Guest, run: number, samples = 2, prepare: (b: Machine) => void = () => {}): Promise<Pinpoint | null> {
  const fresh = async () => {
    const a = await makeMachine(g, false), b = await makeMachine(g, true, samples);
    prepare(b);
    for (let i = 1; i < run; i++) { stepOnce(a); stepOnce(b); }
    return [a, b] as const;
  };
  let lo = 0, hi = 1 << 18; // a budget that agrees / one that differs (hi: run()'s own)
  {
    const [a, b] = await fresh();
    a.core.exports.run(hi); b.core.exports.run(hi);
    if (!diffState(a, b)) return null;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const [a, b] = await fresh();
    a.core.exports.run(mid); b.core.exports.run(mid);
    if (diffState(a, b)) hi = mid; else lo = mid;
  }
  // The interpreter from where the last agreeing budget stopped; the JIT with the first one
  // that differs (stopping at the first taken jump after it).
  const [a, b] = await fresh();
  if (lo > 0) a.core.exports.run(lo);
  b.core.exports.run(hi);
  const target = b.core.instret;
  const lastWriter = new Map<number, { pc: bigint; n: number }>();
  for (let n = 0; a.core.instret < target && n < 1 << 20; n++) {
    const pc = a.core.pc;
    const before = Array.from({ length: 32 }, (_, r) => a.core.x(r));
    a.stepHart(0);
    for (let r = 1; r < 32; r++) if (a.core.x(r) !== before[r]) lastWriter.set(r, { pc, n });
  }
  const differing: number[] = [];
  for (let r = 1; r < 32; r++) if (a.core.x(r) !== b.core.x(r)) differing.push(r);
  const writers = differing.map((r) => lastWriter.get(r)).filter((w) => w !== undefined);
  if (writers.length === 0) return null;
  const first = writers.reduce((x, y) => (y.n < x.n ? y : x));
  const off = Number(first.pc - 0x8000_0000n);
  const bytes = a.readRam(off, 4);
  const insn = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  return { pc: first.pc, insn: (insn & 3) === 3 ? insn : insn & 0xffff, registers: differing.map((r) => `x${r}`) };
}
