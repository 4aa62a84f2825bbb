// Differential test against Debian's qemu-system-riscv64: seeded random valid instruction
// streams over RV64 I, M, A, F, D, C, Zba/Zbb/Zbc/Zbs and CSR traffic (test/support/randprog.ts) run on QEMU
// and on rvisor; the per-block records (x and f registers, fcsr), the final registers, CSRs and
// the scratch memory are compared. On a mismatch the test reruns the program in diagnosis
// variants (memory hashed at every checkpoint, then a checkpoint before every instruction of the
// first differing block) and reports the seed, the block, the first differing instruction and
// the differing x/f registers and fcsr (test/support/differ.ts). test/diff-qemu-hot.test.ts does
// the same with programs that loop, so that they run compiled by the JIT.
//
// Seeds: npm test runs every seed of DIFF_SEEDS (test/support/seeds.ts), one test per seed;
// `npm run explore` tries fresh ones.
//
// Environment:
//   RVISOR_DIFF_SEED=0x1234abcd  run this seed (or a comma-separated list) instead of DIFF_SEEDS
//   RVISOR_EXPLORE=1             run one fresh random seed instead of DIFF_SEEDS
//   RVISOR_DIFF_INSNS=500000     guaranteed executed random instructions per seed (default 500k)
//   RVISOR_DIFF_PROGRAM=2        run only program #2 of the run
//   RVISOR_DIFF_FP=0.13          share of non-branch items that are F/D items (0: none; part of
//                                a replay when set)
//   RVISOR_DIFF_CMD="... {elf}"  command that runs rvisor (default: node dist/cli.js run ...)
//   RVISOR_DIFF_KEEP=1           keep the generated sources and ELFs (the path is printed)
//   RVISOR_DIFF_VERBOSE=1        print the self-check's sample mismatch reports

import { describe, expect, it } from 'vitest';
import { DIFF_SEEDS, chooseSeeds } from './support/seeds';
import { BuildDir, buildElf, disassemble } from './support/guest-build';
import { Differ, hex32, pool } from './support/differ';
import { BITMANIP_IMM, BITMANIP_REG, BITMANIP_UNARY, FP_SHARE, type GenOptions, type Perturbation, generate, itemText, programSeed } from './support/randprog';
import { qemu, rvisor, rvisorCommand, rvisorMissing } from './support/run-emulators';

const SEEDS = chooseSeeds({ name: 'diff-qemu', env: 'RVISOR_DIFF_SEED', list: DIFF_SEEDS, hex: true });
const TOTAL_INSNS = Number(process.env.RVISOR_DIFF_INSNS ?? 500_000); // per seed
const PER_PROGRAM = 250_000;
const ONLY_PROGRAM = process.env.RVISOR_DIFF_PROGRAM !== undefined ? Number(process.env.RVISOR_DIFF_PROGRAM) : undefined;
const FP = process.env.RVISOR_DIFF_FP !== undefined ? Number(process.env.RVISOR_DIFF_FP) : FP_SHARE;
if (!(FP >= 0 && FP <= 1)) throw new Error(`bad RVISOR_DIFF_FP ${process.env.RVISOR_DIFF_FP}`);
/** With fewer F/D items the self-check does not insist on every FP encoding and perturbation. */
const CHECK_FP = FP >= 0.05;
const CONCURRENCY = 2;

const REPLAY_FP = process.env.RVISOR_DIFF_FP !== undefined ? ` RVISOR_DIFF_FP=${process.env.RVISOR_DIFF_FP}` : '';
console.log(`[diff-qemu] seeds ${SEEDS.map(hex32).join(', ')}, ${TOTAL_INSNS} instructions each, F/D share ${FP}`);

// ---------------------------------------------------------------------------------------------

/** Every instruction the mix must contain (objdump -M no-aliases names, without .aq/.rl; c.nop shows as c.addi). */
const REQUIRED_MNEMONICS = [
  ...'lui auipc jal jalr beq bne blt bge bltu bgeu lb lh lw ld lbu lhu lwu sb sh sw sd addi slti sltiu xori ori andi'.split(' '),
  ...'slli srli srai add sub sll slt sltu xor srl sra or and addiw slliw srliw sraiw addw subw sllw srlw sraw'.split(' '),
  ...'fence fence.i fence.tso csrrw csrrs csrrc csrrwi csrrsi csrrci'.split(' '),
  ...'mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw'.split(' '),
  ...BITMANIP_REG, ...BITMANIP_UNARY, ...BITMANIP_IMM,
  ...['lr', 'sc', 'amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu'].flatMap((m) => [`${m}.w`, `${m}.d`]),
  ...'c.addi4spn c.lw c.ld c.sw c.sd c.addi c.addiw c.li c.addi16sp c.lui c.srli c.srai c.andi c.sub c.xor c.or c.and'.split(' '),
  ...'c.subw c.addw c.j c.beqz c.bnez c.slli c.lwsp c.ldsp c.jr c.mv c.jalr c.add c.swsp c.sdsp'.split(' '),
];
/** The F and D instructions (fcvt.d.s/fcvt.d.w/fcvt.d.wu with rm != 0 disassemble as .4byte). */
const REQUIRED_FP_MNEMONICS = [
  ...'fadd fsub fmul fdiv fsqrt fmin fmax fsgnj fsgnjn fsgnjx fmadd fmsub fnmadd fnmsub'.split(' ').flatMap((m) => [`${m}.s`, `${m}.d`]),
  ...'fcvt.w fcvt.wu fcvt.l fcvt.lu feq flt fle fclass'.split(' ').flatMap((m) => [`${m}.s`, `${m}.d`]),
  ...'fcvt.s.w fcvt.s.wu fcvt.s.l fcvt.s.lu fcvt.d.w fcvt.d.wu fcvt.d.l fcvt.d.lu fcvt.s.d fcvt.d.s'.split(' '),
  ...'fmv.x.w fmv.w.x fmv.x.d fmv.d.x flw fsw fld fsd c.fld c.fsd c.fldsp c.fsdsp'.split(' '),
];

// ---------------------------------------------------------------------------------------------

describe('differential vs QEMU', () => {
  it('harness self-check: QEMU is deterministic and a perturbed program is caught and pinpointed', async () => {
    const dir = new BuildDir();
    try {
      const seed = programSeed(SEEDS[0], 1000);
      const opts: GenOptions = { seed, minInsns: 20_000, fpShare: FP };

      // The same seed gives the same program, and QEMU the same output twice.
      expect(generate(opts).asm).toBe(generate(opts).asm);
      // The encodings that must appear are counted in the disassembly of what was assembled: a
      // larger program of the same seed (built while QEMU runs), so that rare combinations
      // appear reliably.
      const same = new Differ(dir.path, { emu: qemu, label: 'qemu' }, { emu: qemu, label: 'qemu' }, `self-check seed ${hex32(seed)}`);
      const [ok, dis] = await Promise.all([
        same.check(opts),
        buildElf(dir.path, 'coverage', generate({ ...opts, minInsns: 80_000 }).asm).then((elf) => disassemble(elf, 'blk_0')),
      ]);
      expect(ok.report).toBeUndefined();
      expect(ok.run.ra.stdout).toBe(ok.run.rb.stdout);

      const seen = new Set<string>();
      for (const m of dis.matchAll(/^\s*[0-9a-f]+:\s+[0-9a-f]+\s+([a-z.0-9]+)/gm)) seen.add(m[1].replace(/\.(aq|rl|aqrl)$/, ''));
      const missingEncodings = [...REQUIRED_MNEMONICS, ...(CHECK_FP ? REQUIRED_FP_MNEMONICS : [])].filter((m) => !seen.has(m));
      expect(missingEncodings, 'instructions the generator never produced').toEqual([]);
      if (CHECK_FP) {
        // every static rounding mode and dyn (no suffix) on rounding instructions; every access
        // kind to every FP CSR
        const seenFp = new Set<string>();
        for (const m of dis.matchAll(/^\s*[0-9a-f]+:\s+[0-9a-f]+\s+(f(?:add|sub|mul|div|sqrt|madd|msub|nmadd|nmsub|cvt)\.[a-z.]+)\s+\S+?(,(rne|rtz|rdn|rup|rmm))?$/gm))
          if (m[3]) seenFp.add(m[3]);
          else if (!/^fcvt\.d\.(s|w|wu)$/.test(m[1])) seenFp.add('dyn'); // those three show no rm (rm = 0: RNE)
        for (const m of dis.matchAll(/^\s*[0-9a-f]+:\s+[0-9a-f]+\s+(csrr[wsc]i?)\s+\w+,(fflags|frm|fcsr),/gm)) seenFp.add(`${m[1]} ${m[2]}`);
        const wanted = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn', ...['fflags', 'frm', 'fcsr'].flatMap((c) => ['csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci'].map((o) => `${o} ${c}`))];
        expect(wanted.filter((w) => !seenFp.has(w)), 'rounding modes / FP CSR accesses the generator never produced').toEqual([]);
      }

      // A wrong register result (xor instead of another ALU operation) must be reported with its
      // block and item; so must a store to the wrong address (memory only) and a trap. All keep
      // the code layout, as an emulator bug would.
      const prog = ok.run.prog;
      // `edit` replaces one line of an item (of a single-line item unless `multi`: the first
      // line it accepts). The items are tried one at a time until a perturbation is detected,
      // or with `all` every candidate at once: then the reported item must be one of them.
      const tryPerturb = async (
        kind: string | string[],
        edit: (line: string) => string[] | undefined,
        { multi = false, all = false, fromBlock = Math.floor(prog.blocks.length / 2) } = {},
      ): Promise<{ report: string; block: number; item: number; text: string }> => {
        const kinds = typeof kind === 'string' ? [kind] : kind;
        const candidates: Perturbation[] = [];
        for (let b = fromBlock; b < prog.blocks.length; b++) {
          const items = prog.blocks[b].items;
          for (let i = 0; i < items.length; i++) {
            // 32-bit encodings only, so that the code layout does not move
            const it = items[i];
            if (!kinds.includes(it.kind) || (!multi && it.lines.length !== 1) || it.mode !== 'norvc') continue;
            const at = it.lines.findIndex((l) => edit(l) !== undefined);
            if (at < 0) continue;
            candidates.push({ block: b, item: i, lines: [...it.lines.slice(0, at), ...edit(it.lines[at])!, ...it.lines.slice(at + 1)] });
          }
        }
        for (const perturb of all ? [candidates] : candidates) {
          const differ = new Differ(dir.path, { emu: qemu, label: 'qemu' }, { emu: qemu, label: 'qemu-perturbed', perturb }, `self-check seed ${hex32(seed)}`);
          const r = await differ.check(opts);
          if (!r.report) continue;
          let { block, item } = Array.isArray(perturb) ? { block: -1, item: -1 } : perturb;
          if (Array.isArray(perturb)) {
            const m = /first differing instruction: block (\d+) item (\d+):/.exec(r.report);
            expect(m, r.report).not.toBeNull();
            [block, item] = [Number(m![1]), Number(m![2])];
            expect(perturb.some((p) => p.block === block && p.item === item), `reported item is not a perturbed one:\n${r.report}`).toBe(true);
          }
          return { report: r.report, block, item, text: itemText(prog.blocks[block].items[item]) };
        }
        throw new Error(`no ${kinds.join('/')} perturbation was detected (${candidates.length} candidates)`);
      };

      const alu = await tryPerturb('alu', (l) => {
        const m = /^(\w+) (\w+), (.*)$/.exec(l);
        if (!m || m[2] === 'zero') return undefined;
        return [`${m[1] === 'xor' ? 'or' : 'xor'} ${m[2]}, ${m[3]}`];
      });
      expect(alu.report).toContain(hex32(seed));
      expect(alu.report).toContain(`first differing block: ${alu.block}`);
      expect(alu.report).toContain(`first differing instruction: block ${alu.block} item ${alu.item}: ${alu.text}`);

      const store = await tryPerturb('store', (l) => {
        const m = /^(s[bhwd]) (\w+), (-?\d+)\(sp\)$/.exec(l);
        if (!m || Number(m[3]) + 16 > 2040) return undefined;
        return [`${m[1]} ${m[2]}, ${Number(m[3]) + 16}(sp)`];
      });
      expect(store.report).toContain(`first differing instruction: block ${store.block} item ${store.item}: ${store.text}`);
      expect(store.report).toContain('memhash:');

      // An instruction that traps on one side only (an emulator raising illegal instruction).
      const trap = await tryPerturb('alui', () => ['ecall']);
      expect(trap.report).toContain('the guest trapped');
      expect(trap.report).toContain(`first differing instruction: block ${trap.block} item ${trap.item}: ${trap.text}`);
      const reports = [alu.report, store.report, trap.report];

      if (CHECK_FP) {
        // A wrong rounding direction (rdn <-> rup: differs whenever the result is inexact) must
        // show as the f register it writes (with fcsr among its operands); a wrong frm write as
        // fcsr.
        const rm = await tryPerturb('fp.arith', (l) => {
          const m = /^(f(?:add|sub|mul|div)\.[sd] \w+, \w+, \w+), (rdn|rup)$/.exec(l);
          return m ? [`${m[1]}, ${m[2] === 'rdn' ? 'rup' : 'rdn'}`] : undefined;
        }, { all: true, fromBlock: 0 });
        const rd = /^\S+ (\w+),/.exec(rm.text)![1];
        expect(rm.report).toContain(`first differing instruction: block ${rm.block} item ${rm.item}: ${rm.text}`);
        expect(rm.report).toMatch(new RegExp(`\\n {4}${rd}: 0x[0-9a-f]{16} vs 0x[0-9a-f]{16}`));
        expect(rm.report).toMatch(/its operands before it: .*fcsr=0x/);

        const frm = await tryPerturb(
          ['fp.csr', 'fp.badfrm', 'fp.status'],
          (l) => {
            const m = /^csrrwi (\w+), frm, (\d+)$/.exec(l);
            const n = m ? Number(m[2]) : 0;
            return m && (n & 7) <= 4 ? [`csrrwi ${m[1]}, frm, ${(n & ~7) | (((n & 7) + 2) % 5)}`] : undefined;
          },
          { multi: true, all: true, fromBlock: 0 },
        );
        expect(frm.report).toContain(`first differing instruction: block ${frm.block} item ${frm.item}: ${frm.text}`);
        expect(frm.report).toMatch(/\n {4}fcsr: 0x[0-9a-f]{16} vs 0x[0-9a-f]{16}/);
        reports.push(rm.report, frm.report);
      }
      if (process.env.RVISOR_DIFF_VERBOSE) console.log(`[diff-qemu] self-check reports:\n${reports.join('\n\n')}`);
    } finally {
      dir.dispose();
    }
  }, 120_000);

  it.each(SEEDS.map((seed) => [hex32(seed), seed] as const))(`rvisor matches QEMU on at least ${TOTAL_INSNS} random instructions (seed %s)`, async (_, RUN_SEED) => {
    console.log(`[diff-qemu] seed ${hex32(RUN_SEED)} (replay with RVISOR_DIFF_SEED=${hex32(RUN_SEED)}${REPLAY_FP}), ${TOTAL_INSNS} instructions`);
    const missing = rvisorMissing();
    if (missing) throw new Error(`cannot run rvisor: ${missing}`);
    const dir = new BuildDir();
    const keep = !!process.env.RVISOR_DIFF_KEEP;
    if (keep) console.log(`[diff-qemu] keeping programs in ${dir.path}`);
    try {
      const nPrograms = Math.max(1, Math.ceil(TOTAL_INSNS / PER_PROGRAM));
      const perProgram = Math.ceil(TOTAL_INSNS / nPrograms);
      const indices = [...Array(nPrograms).keys()].filter((i) => ONLY_PROGRAM === undefined || i === ONLY_PROGRAM);
      const t0 = performance.now();
      let failed = false;
      const results = await pool(
        CONCURRENCY,
        indices.map((i) => async () => {
          const seed = programSeed(RUN_SEED, i);
          const differ = new Differ(
            dir.path,
            { emu: qemu, label: 'qemu' },
            { emu: rvisor, label: 'rvisor' },
            `replay: RVISOR_DIFF_SEED=${hex32(RUN_SEED)} RVISOR_DIFF_INSNS=${TOTAL_INSNS}${REPLAY_FP} RVISOR_DIFF_PROGRAM=${i} (program ${i} of ${nPrograms})`,
          );
          if (failed) return { i, skipped: true as const };
          const r = await differ.check({ seed, minInsns: perProgram, fpShare: FP });
          if (r.report) failed = true;
          return { i, skipped: false as const, report: r.report, prog: r.run.prog, qemuMs: r.run.ra.ms, rvisorMs: r.run.rb.ms };
        }),
      );
      let executed = 0;
      let generated = 0;
      let qemuMs = 0;
      let rvisorMs = 0;
      const reports: string[] = [];
      for (const r of results) {
        if (r.skipped) continue;
        if (r.report) reports.push(r.report);
        executed += r.prog.minExecuted;
        generated += r.prog.generated;
        qemuMs += r.qemuMs;
        rvisorMs += r.rvisorMs;
      }
      console.log(
        `[diff-qemu] ${indices.length} programs, ${generated} random instructions generated, >= ${executed} executed on each side; ` +
          `qemu ${(qemuMs / 1000).toFixed(1)} s, rvisor ${(rvisorMs / 1000).toFixed(1)} s (${rvisorCommand('{elf}').cmd}), wall ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      if (reports.length) throw new Error(reports.join('\n\n'));
      if (ONLY_PROGRAM === undefined) expect(executed).toBeGreaterThanOrEqual(TOTAL_INSNS);
    } finally {
      if (!keep) dir.dispose();
    }
  }, 900_000);
});
