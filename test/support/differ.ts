// The comparison of two emulators (or of a program and a deliberately wrong copy of it) on
// generated programs, and the diagnosis of a mismatch down to the first differing instruction:
// shared by test/diff-qemu.test.ts and test/diff-qemu-hot.test.ts.

import { buildElf, disassembleAround } from './guest-build';
import { FCSR_WORD, type GenOptions, type Program, generate, itemText, traceId } from './randprog';
import {
  type Emulator,
  type Parsed,
  type RunResult,
  type Stream,
  firstDifference,
  firstStreamDifference,
  hex64,
  parseSignature,
  recordDiff,
  recordWordName,
  recordWordOf,
} from './run-emulators';

export const hex32 = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');

/** One side of a comparison: an emulator, and optionally a deliberately wrong program. */
export interface Side {
  emu: Emulator;
  label: string;
  perturb?: GenOptions['perturb'];
}

export interface PairRun {
  prog: Program;
  elfA: string;
  elfB: string;
  ra: RunResult;
  rb: RunResult;
  pa: Parsed;
  pb: Parsed;
}

/** Unique file names across all Differs (they share a build directory and run concurrently). */
let buildCounter = 0;

export class Differ {
  constructor(
    private dir: string,
    private a: Side,
    private b: Side,
    private context: string,
  ) {}

  /** Generate, build (once, or twice when a side perturbs) and run on both sides. */
  async run(opts: GenOptions): Promise<PairRun> {
    const id = buildCounter++;
    const prog = generate(opts);
    const [elfA, elfB] = await Promise.all([
      buildElf(this.dir, `p${id}a`, this.a.perturb ? generate({ ...opts, perturb: this.a.perturb }).asm : prog.asm),
      this.b.perturb ? buildElf(this.dir, `p${id}b`, generate({ ...opts, perturb: this.b.perturb }).asm) : undefined,
    ]);
    const [ra, rb] = await Promise.all([this.a.emu.run(elfA), this.b.emu.run(elfB ?? elfA)]);
    return { prog, elfA, elfB: elfB ?? elfA, ra, rb, pa: parseSignature(ra), pb: parseSignature(rb) };
  }

  /** Compare one program; returns a report of the first mismatch, or undefined. */
  async check(opts: GenOptions): Promise<{ report?: string; run: PairRun }> {
    const run = await this.run(opts);
    if (run.pa.ok && run.pb.ok && !firstDifference(run.pa.sig, run.pb.sig)) return { run };
    return { report: await this.diagnose(opts, run), run };
  }

  private head(prog: Program): string {
    return `differential mismatch ${this.a.label} vs ${this.b.label}\n  ${this.context}, program seed ${hex32(prog.seed)}`;
  }

  /** Error lines of the failed sides of a run (with the instructions around a trap). */
  private async failures(run: PairRun, what = ''): Promise<string[]> {
    const lines: string[] = [];
    for (const [p, elf, label] of [
      [run.pa, run.elfA, this.a.label],
      [run.pb, run.elfB, this.b.label],
    ] as const) {
      if (p.ok) continue;
      lines.push(`  ${what}${label}: ` + p.error.replace(/\n/g, '\n    '));
      if (p.trap) {
        lines.push('  instructions around mepc:');
        const dis = await disassembleAround(elf, p.trap.mepc).catch((e: Error) => e.message);
        lines.push(...dis.split('\n').map((l) => '    ' + l));
      }
    }
    return lines;
  }

  /** Narrow a mismatch (or a failure of one side) down to the first differing instruction. */
  private async diagnose(opts: GenOptions, first: PairRun): Promise<string> {
    const prog = first.prog;
    const out = [this.head(prog), ...(await this.failures(first))];
    const sa = stream(first.pa);
    const sb = stream(first.pb);
    let r: number | undefined;
    if (first.pa.ok && first.pb.ok) {
      const d0 = firstDifference(first.pa.sig, first.pb.sig)!;
      if (d0.kind === 'record') r = d0.index;
      else if (d0.kind === 'csr') out.push(`  registers of every block agree, final CSRs differ: ${d0.diffs.map((c) => `${c.name} ${hex64(c.a)} vs ${hex64(c.b)}`).join(', ')}`);
      else out.push(`  registers of every block agree, scratch memory differs at offsets ${d0.offsets.slice(0, 16).join(', ')}${d0.offsets.length > 16 ? ', ...' : ''}`);
    } else {
      r = firstStreamDifference(sa, sb);
      if (r === undefined && first.pa.ok !== first.pb.ok) r = Math.min(sa.records.length, sb.records.length);
      if (r === undefined) {
        out.push('  both sides fail the same way: a harness or generator problem, not an emulator difference');
        return out.join('\n');
      }
    }
    if (r !== undefined) out.push(`  first differing checkpoint record: ${r} (${r ? `after block ${r - 1}` : 'the initial state'})`);

    // 1. The same program with a hash of the scratch memory in every record finds the first
    //    block whose registers or memory differ (only data changes, the code is identical).
    const mh = await this.run({ ...opts, memHash: true });
    let block: number | undefined;
    const rm = firstStreamDifference(stream(mh.pa), stream(mh.pb));
    if (rm !== undefined) block = rm - 1;
    else if (r !== undefined) block = r - 1;
    if (block === undefined) {
      out.push('  could not attribute the difference to a block');
      return out.join('\n');
    }
    if (block < 0) {
      out.push('  the initial state (after the prologue: CSR and register initialisation) differs');
      block = 0;
    }
    if (block >= prog.blocks.length) {
      out.push(`  all ${prog.blocks.length} blocks ran alike; the difference is in the epilogue`);
      return out.join('\n');
    }
    out.push(`  first differing block: ${block}`);

    // 2. Trace the block: a checkpoint before every item, full records printed. A hot block
    //    records every item of every iteration, too many to print in full: a run with hashes
    //    finds the first differing record first, and only it and the one before are printed.
    let traceOpts: GenOptions = { ...opts, memHash: true, traceBlock: block, fullFrom: block };
    if (opts.hot) {
      const hr = await this.run({ ...opts, memHash: true, traceBlock: block });
      const k = firstStreamDifference(stream(hr.pa), stream(hr.pb));
      traceOpts = k === undefined ? { ...traceOpts, fullEnd: block + 2 } : { ...traceOpts, fullFrom: Math.max(block, k - 1), fullEnd: k + 1 };
    }
    const tr = await this.run(traceOpts);
    const fa = stream(tr.pa).full;
    const fb = stream(tr.pb).full;
    const itemOf = (rec: bigint[] | undefined): number | undefined =>
      rec && rec[0] >= BigInt(traceId(0)) ? Number(rec[0] - BigInt(traceId(0))) : undefined;
    let culprit: number | undefined;
    let found = false;
    for (let k = Math.min(...fa.keys(), ...fb.keys(), traceOpts.fullFrom!); fa.has(k) || fb.has(k); k++) {
      const A = fa.get(k);
      const B = fb.get(k);
      if (A && B && A.every((w, j) => w === B[j])) continue;
      found = true;
      const prev = fa.get(k - 1) ?? fb.get(k - 1);
      culprit = itemOf(prev);
      if (k === block) out.push(`  the state before block ${block} already differs in the trace run (record ${k})`);
      else if (culprit === undefined) out.push(`  the records differ at the start of block ${block} (record ${k})`);
      else {
        out.push(`  first differing instruction: block ${block} item ${culprit}: ${itemText(prog.blocks[block].items[culprit])}`);
        // tp counts a hot block's iterations down (randprog.ts: the loop counter)
        if (opts.hot && prev) out.push(`  in iteration ${opts.hot.iterations - Number(prev[4]) + 1} of ${opts.hot.iterations} of the block's loop`);
      }
      if (!A || !B) out.push(`  ${A ? this.b.label : this.a.label} stopped in it (no record ${k}; ${describeId((A ?? B)![0], block)} on ${A ? this.a.label : this.b.label})`);
      else if (A[0] !== B[0]) out.push(`  control flow differs after it: next checkpoint ${describeId(A[0], block)} (${this.a.label}) vs ${describeId(B[0], block)} (${this.b.label})`);
      if (A && B) {
        out.push(`  differing state after it (${this.a.label} vs ${this.b.label}):`);
        for (const l of recordDiff(A, B)) out.push('    ' + l);
      }
      if (culprit !== undefined && prev) {
        // the x and f registers the item names (and fcsr for F/D items: frm, accrued flags)
        const item = prog.blocks[block].items[culprit];
        const used = new Set<number>();
        for (const m of itemText(item).matchAll(/\b([a-z][a-z0-9]+)\b/g)) {
          const w = recordWordOf(m[1]);
          if (w !== undefined) used.add(w);
        }
        if (item.kind.startsWith('fp.')) used.add(FCSR_WORD);
        if (used.size) out.push(`  its operands before it: ${[...used].map((w) => `${recordWordName(w)}=${hex64(prev[w])}`).join(' ')}`);
      }
      break;
    }
    if (!found) out.push(`  the per-instruction trace of block ${block} does not reproduce the difference (its code addresses moved)`);
    out.push(...(await this.failures(tr, 'trace run, ')));
    out.push(`  block ${block}:`);
    prog.blocks[block].items.forEach((it, i) => out.push(`  ${i === culprit ? '>>' : '  '} ${String(i).padStart(2)}: ${itemText(it)}`));
    return out.join('\n');
  }
}

export const stream = (p: Parsed): Stream => (p.ok ? p.sig : p.partial);

function describeId(id: bigint, block: number): string {
  if (id >= 0x8000_0000n) return `before item ${id - 0x8000_0000n}`;
  return id === BigInt(block + 1) ? 'end of block' : `id ${id}`;
}

/** Runs `tasks` at most `n` at a time; the results in task order. */
export async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}
