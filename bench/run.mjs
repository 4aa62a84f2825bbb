#!/usr/bin/env node
// The rvisor benchmark harness: runs every benchmark on rvisor and on QEMU,
// checks that both compute the same result, and prints/records the timings.
//
//   node bench/run.mjs [--only NAME[,NAME...]] [--repeat N] [--no-qemu]
//                      [--no-rvisor] [--icount] [--timeout SECONDS] [--verbose]
//
// Plain Node ESM, no build step. See bench/README.md.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const QEMU = 'qemu-system-riscv64';

/** The `time` CSR ticks at 10 MHz on the virt machine, in QEMU and in rvisor. */
const TIMEBASE_HZ = 10_000_000;

// ---------------------------------------------------------------------------
// Emulators. `command(launch)` returns [file, args]; `launch` comes from the
// benchmark (kernel path plus optional extra arguments per emulator).
// The rvisor command lives here and only here.

const EMULATORS = {
  rvisor: {
    label: 'rvisor',
    cli: process.env.RVISOR_CLI ?? path.join(ROOT, 'dist', 'cli.js'),
    /** Returns why this emulator cannot run at all, or null. */
    unavailable() {
      return existsSync(this.cli) ? null : `no ${path.relative(ROOT, this.cli)} (npm run build)`;
    },
    command: ({ kernel, extraArgs = [] }) => [
      process.execPath,
      [EMULATORS.rvisor.cli, 'run', '--bios', 'none', '--jit', 'off', ...extraArgs, '--kernel', kernel],
    ],
  },
  // The same CLI with compiled code (src/jit/), measured in the same run as the interpreter.
  jit: {
    label: 'rvisor JIT',
    unavailable() { return EMULATORS.rvisor.unavailable(); },
    command: ({ kernel, extraArgs = [] }) => [
      process.execPath,
      [EMULATORS.rvisor.cli, 'run', '--bios', 'none', '--jit', 'on', '--stats', ...extraArgs, '--kernel', kernel],
    ],
    // --stats' JIT line: what compiling cost (time in the translator and V8, wasm bytes live).
    jitFigures(stderr) {
      const m = /jit: (\d+) regions compiled in ([\d.]+) ms \(translator ([\d.]+) ms\)(?: and [\d.]+ ms on the JIT's thread \(\d+ of them\))?, (\d+) KiB of code; ([\d.]+) % of instructions compiled/.exec(stderr);
      return m ? { regions: Number(m[1]), compileMs: Number(m[2]), translateMs: Number(m[3]), codeKiB: Number(m[4]), compiledShare: Number(m[5]) / 100 } : undefined;
    },
  },
  qemu: {
    label: 'QEMU',
    // QEMU 7.2 only counts instructions in instret under -icount; without it
    // rdinstret returns host CPU ticks (cpu_get_host_ticks(), the TSC on x86).
    instretIsCount: ({ icount }) => Boolean(icount),
    command: ({ kernel, extraArgs = [], icount = false }) => [
      QEMU,
      ['-machine', 'virt', '-bios', 'none', '-m', '128M', '-nographic',
        ...(icount ? ['-icount', 'shift=0'] : []), ...extraArgs, '-kernel', kernel],
    ],
  },
};

// ---------------------------------------------------------------------------
// Measurements: turn one finished run into { seconds, instret?, checksum? }
// or throw an Error whose message is the short failure reason.

/**
 * The bench programs print
 *   BENCH name=<name> ticks=<n> instret=<n> checksum=<hex>
 * measured inside the guest around the timed kernel (rdtime/rdinstret), so
 * emulator start-up and ELF loading are excluded.
 */
function benchLine(name) {
  return (run) => {
    checkExit(run);
    const line = run.stdout.split(/\r?\n/).find((l) => l.startsWith(`BENCH name=${name} `));
    if (!line) throw new Error(`no BENCH line${lastLine(run.stdout) ? ` (last output: ${lastLine(run.stdout)})` : ''}`);
    const f = Object.fromEntries(line.slice(6).trim().split(/\s+/).map((kv) => kv.split('=')));
    const ticks = Number(f.ticks);
    if (!Number.isFinite(ticks) || f.checksum === undefined || f.instret === undefined) {
      throw new Error(`malformed BENCH line: ${line}`);
    }
    return { seconds: ticks / TIMEBASE_HZ, ticks, instret: Number(f.instret), checksum: f.checksum };
  };
}

/** Host wall-clock time from process start until `until` matched (boot benchmarks). */
// eslint-disable-next-line no-unused-vars
function wallUntil() {
  return (run) => {
    if (run.matchedAt === undefined) {
      checkExit(run);
      throw new Error('marker never appeared');
    }
    return { seconds: run.matchedAt };
  };
}

function checkExit(run) {
  if (run.spawnError) throw new Error(run.spawnError);
  if (run.timedOut) throw new Error(`timed out after ${run.wallSeconds.toFixed(0)} s`);
  const trap = run.stdout.split(/\r?\n/).find((l) => /^(TRAP|FAIL) /.test(l));
  if (trap) throw new Error(trap.trim());
  if (run.code !== 0) {
    const why = run.signal ? `signal ${run.signal}` : `exit ${run.code}`;
    const detail = errorLine(run.stderr) || lastLine(run.stdout);
    throw new Error(detail ? `${why}: ${detail}` : why);
  }
}

function lastLine(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? '';
}

function errorLine(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? '';
}

// ---------------------------------------------------------------------------
// Benchmark definitions. Add groups here; each entry needs
//   group, name, launch (kernel + optional extraArgs per emulator),
//   measure(run) and optionally until (RegExp: stop the emulator once the
//   output matches), timeout (seconds), icount (instruction count can be
//   taken from a `qemu -icount shift=0` run, whose instret is exact).

const PROGRAMS = ['crc', 'list', 'matmul', 'sha256', 'sort', 'state', 'mix'];
// Floating-point programs (RV64GC, F and D instructions), same BENCH protocol.
const FP_PROGRAMS = ['nbody', 'fmatmul', 'integrate'];

const benchProgram = (group) => (name) => ({
  group,
  name,
  launch: { kernel: path.join(ROOT, 'bench', 'programs', `${name}.elf`) },
  measure: benchLine(name),
  icount: true,
});

const BENCHMARKS = [
  ...PROGRAMS.map(benchProgram('programs')),
  ...FP_PROGRAMS.map(benchProgram('fp')),
  // e.g. a later Linux boot benchmark:
  // { group: 'linux', name: 'linux-boot',
  //   launch: { kernel: ..., extraArgs: { rvisor: [...], qemu: [...] } },
  //   until: /login:/, measure: wallUntil(), timeout: 600 },
];

// ---------------------------------------------------------------------------
// Running

function runOnce(emulatorId, bench, { timeoutSeconds, icount = false, verbose = false }) {
  const launch = {
    kernel: bench.launch.kernel,
    extraArgs: bench.launch.extraArgs?.[emulatorId] ?? [],
    icount,
  };
  const [file, args] = EMULATORS[emulatorId].command(launch);
  const timeout = (bench.timeout ?? timeoutSeconds) * 1000;
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
    const run = { command: [file, ...args].join(' '), stdout: '', stderr: '', code: null, signal: null };
    let child;
    try {
      child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ ...run, spawnError: err.message, wallSeconds: 0 });
      return;
    }
    const timer = setTimeout(() => {
      run.timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      run.stdout += d;
      if (verbose) process.stderr.write(d);
      if (bench.until && run.matchedAt === undefined && bench.until.test(run.stdout)) {
        run.matchedAt = elapsed();
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d) => {
      run.stderr += d;
      if (verbose) process.stderr.write(d);
    });
    child.on('error', (err) => {
      run.spawnError = err.code === 'ENOENT' ? `${file} not found` : err.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = run.matchedAt !== undefined ? null : signal;
      if (run.matchedAt !== undefined) run.code = 0;
      run.wallSeconds = elapsed();
      resolve(run);
    });
  });
}

/** Runs a benchmark `repeat` times on one emulator; keeps the fastest run. */
async function measureOn(emulatorId, bench, opts) {
  if (!existsSync(bench.launch.kernel)) {
    return { ok: false, error: `missing ${path.relative(ROOT, bench.launch.kernel)} (run bench/build.sh)` };
  }
  const unavailable = EMULATORS[emulatorId].unavailable?.();
  if (unavailable) return { ok: false, error: unavailable };
  const runs = [];
  for (let i = 0; i < opts.repeat; i++) {
    const run = await runOnce(emulatorId, bench, opts);
    try {
      const m = bench.measure(run);
      if (m.instret !== undefined && EMULATORS[emulatorId].instretIsCount?.(opts) === false) {
        m.instretHostTicks = m.instret; // not an instruction count: keep it out of the way
        delete m.instret;
      }
      runs.push({ ...m, wallSeconds: run.wallSeconds, ...(EMULATORS[emulatorId].jitFigures ? { jit: EMULATORS[emulatorId].jitFigures(run.stderr) } : {}) });
    } catch (err) {
      const output = `${run.stdout}${run.stderr ? `\n[stderr]\n${run.stderr}` : ''}`;
      return { ok: false, error: err.message, command: run.command, outputTail: output.slice(-2000), runs };
    }
  }
  const checksums = new Set(runs.map((r) => r.checksum));
  if (checksums.size > 1) {
    return { ok: false, error: `checksum differs between runs: ${[...checksums].join(' ')}`, runs };
  }
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ok: true, seconds: best.seconds, instret: best.instret, checksum: best.checksum, wallSeconds: best.wallSeconds, jit: best.jit, runs };
}

// ---------------------------------------------------------------------------
// Reporting

function machineInfo() {
  const qemu = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    qemu: qemu.status === 0 ? qemu.stdout.split('\n')[0].trim() : null,
    rvisorCommit: git.status === 0 ? git.stdout.trim() : null,
  };
}

/**
 * Aggregate figures per group: MIPS = sum of instructions / sum of seconds
 * over the benchmarks with an instruction count that succeeded on that
 * emulator; `both` = rvisor/QEMU time ratio over those that succeeded on both.
 */
function groupSummary(results) {
  const order = [...new Set(results.map((r) => r.group))];
  return order.map((group) => {
    const rs = results.filter((r) => r.group === group && r.instructions);
    const agg = (id) => {
      const ok = rs.filter((r) => r[id]?.ok);
      const instructions = ok.reduce((a, r) => a + r.instructions, 0);
      const seconds = ok.reduce((a, r) => a + r[id].seconds, 0);
      return { count: ok.length, instructions, seconds, mips: seconds ? instructions / seconds / 1e6 : undefined };
    };
    const both = rs.filter((r) => r.rvisor?.ok && r.qemu?.ok);
    const ratio = both.length
      ? both.reduce((a, r) => a + r.rvisor.seconds, 0) / both.reduce((a, r) => a + r.qemu.seconds, 0)
      : undefined;
    const bj = rs.filter((r) => r.jit?.ok && r.qemu?.ok);
    const jitRatio = bj.length ? bj.reduce((a, r) => a + r.jit.seconds, 0) / bj.reduce((a, r) => a + r.qemu.seconds, 0) : undefined;
    return { group, programs: results.filter((r) => r.group === group).length, rvisor: agg('rvisor'), jit: agg('jit'), qemu: agg('qemu'), both: ratio, jitBoth: jitRatio };
  });
}

const fmtSeconds = (s) => (s === undefined ? '-' : s < 10 ? s.toFixed(3) : s.toFixed(1));
const fmtMips = (instructions, s) => (instructions && s ? (instructions / s / 1e6).toFixed(0) : '-');
const fmtCount = (n) => (n === undefined ? '?' : `${(n / 1e6).toFixed(1)} M`);

function cell(side, skipped) {
  if (skipped) return 'skipped';
  if (!side.ok) {
    const msg = side.error.replace(/\b(Error|error): /g, '');
    return `failed (${msg.length > 40 ? `${msg.slice(0, 39)}…` : msg})`;
  }
  return fmtSeconds(side.seconds);
}

function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------------------

const HELP = `usage: node bench/run.mjs [options]

  --only NAME[,NAME]  run only these benchmarks (or groups): ${BENCHMARKS.map((b) => b.name).join(', ')}
  --repeat N          run each benchmark N times per emulator, keep the fastest (default 1)
  --no-qemu           do not run QEMU
  --no-rvisor         do not run rvisor
  --no-jit            run rvisor with its interpreter only (no --jit on column)
  --icount            also count instructions with 'qemu -icount shift=0' when rvisor
                      succeeded (done anyway when rvisor gives no count)
  --timeout SECONDS   per-run timeout (default 300)
  --verbose           echo the emulators' output to stderr
  --list              list the benchmarks and exit

environment: RVISOR_CLI=path   use another rvisor CLI script instead of dist/cli.js`;

async function main() {
  let opts;
  try {
    ({ values: opts } = parseArgs({
      options: {
        only: { type: 'string', multiple: true },
        repeat: { type: 'string', default: '1' },
        'no-qemu': { type: 'boolean', default: false },
        'no-jit': { type: 'boolean', default: false },
        'no-rvisor': { type: 'boolean', default: false },
        icount: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '300' },
        verbose: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    console.error(`${err.message}\n\n${HELP}`);
    return 2;
  }
  if (opts.help) {
    console.log(HELP);
    return 0;
  }
  if (opts.list) {
    for (const b of BENCHMARKS) console.log(`${b.group}\t${b.name}`);
    return 0;
  }
  const repeat = Number(opts.repeat);
  const timeoutSeconds = Number(opts.timeout);
  if (!Number.isInteger(repeat) || repeat < 1 || !(timeoutSeconds > 0)) {
    console.error('--repeat must be a positive integer and --timeout a positive number');
    return 2;
  }
  let selected = BENCHMARKS;
  if (opts.only) {
    const names = opts.only.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n || b.group === n));
    if (unknown.length) {
      console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      return 2;
    }
    selected = BENCHMARKS.filter((b) => names.includes(b.name) || names.includes(b.group));
  }
  const useRvisor = !opts['no-rvisor'];
  const useQemu = !opts['no-qemu'];
  const useJit = !opts['no-jit'];
  const runOpts = { repeat, timeoutSeconds, verbose: opts.verbose };

  const machine = machineInfo();
  if (useQemu && !machine.qemu) console.error(`warning: ${QEMU} not found; the QEMU column will fail`);
  console.log(`rvisor bench: ${machine.cpu} (${machine.cores} cores), node ${machine.node}, ${machine.qemu ?? 'no QEMU'}` +
    (repeat > 1 ? `, best of ${repeat}` : ''));

  const results = [];
  const notes = new Map(); // message -> names of the benchmarks it applies to
  const note = (name, message) => notes.set(message, [...(notes.get(message) ?? []), name]);
  let failed = false;
  for (const bench of selected) {
    const label = `${bench.group}/${bench.name}`;
    process.stderr.write(`${label}: `);
    const r = { group: bench.group, name: bench.name };
    if (useRvisor) {
      process.stderr.write('rvisor... ');
      r.rvisor = await measureOn('rvisor', bench, runOpts);
      if (useJit) {
        process.stderr.write('jit... ');
        r.jit = await measureOn('jit', bench, runOpts);
      }
    }
    if (useQemu) {
      process.stderr.write('qemu... ');
      r.qemu = await measureOn('qemu', bench, runOpts);
    }
    // The instruction count: rvisor counts exactly. QEMU's instret is only an
    // instruction count under -icount (otherwise it reads host ticks), so fall
    // back to (or cross-check with) one such run.
    if (r.rvisor?.ok && r.rvisor.instret !== undefined) {
      r.instructions = r.rvisor.instret;
      r.instructionsSource = 'rvisor';
    }
    if (bench.icount && useQemu && machine.qemu && (r.instructions === undefined || opts.icount)) {
      process.stderr.write('qemu -icount... ');
      const ic = await measureOn('qemu', bench, { ...runOpts, repeat: 1, icount: true });
      r.qemuIcount = ic.ok ? { ok: true, instret: ic.instret, checksum: ic.checksum } : { ok: false, error: ic.error };
      if (ic.ok && r.instructions === undefined) {
        r.instructions = ic.instret;
        r.instructionsSource = 'qemu-icount';
      } else if (ic.ok && ic.instret !== r.instructions) {
        note(bench.name, `rvisor counted ${r.instructions} instructions, qemu -icount ${ic.instret} (${ic.instret - r.instructions >= 0 ? '+' : ''}${ic.instret - r.instructions})`);
      }
      if (!ic.ok) note(bench.name, `qemu -icount failed: ${ic.error}`);
    }
    process.stderr.write('done\n');

    // Correctness: every emulator that ran must agree on the checksum.
    const sums = [r.rvisor, r.qemu, r.qemuIcount].filter((s) => s?.ok && s.checksum !== undefined).map((s) => s.checksum);
    r.checksum = sums[0];
    r.checksumsAgree = new Set(sums).size <= 1;
    if (!r.checksumsAgree) {
      failed = true;
      note(bench.name, `CHECKSUM MISMATCH rvisor=${r.rvisor?.checksum ?? '-'} qemu=${r.qemu?.checksum ?? '-'} qemu-icount=${r.qemuIcount?.checksum ?? '-'}`);
    }
    for (const [id, side] of [['rvisor', r.rvisor], ['qemu', r.qemu]]) {
      if (side && side.ok) side.mips = r.instructions ? r.instructions / side.seconds / 1e6 : undefined;
      if (side && !side.ok) {
        failed = true;
        note(bench.name, `${EMULATORS[id].label} failed: ${side.error}`);
      }
    }
    if (r.rvisor?.ok && r.qemu?.ok) r.ratio = r.rvisor.seconds / r.qemu.seconds;
    if (r.jit?.ok && r.qemu?.ok) r.jitRatio = r.jit.seconds / r.qemu.seconds;
    if (r.jit?.ok && r.rvisor?.ok && r.jit.checksum !== r.rvisor.checksum) { r.checksumsAgree = false; note(bench.name, 'CHECKSUM MISMATCH interpreter vs JIT'); }
    results.push(r);
  }

  const rows = [['program', 'instructions', 'rvisor s', 'rvisor MIPS', 'JIT s', 'JIT MIPS', 'QEMU s', 'QEMU MIPS', 'rvisor/QEMU', 'JIT/QEMU', 'compiled', 'compile ms', 'code KiB', 'checksum']];
  for (const r of results) {
    const count = fmtCount(r.instructions) + (r.instructionsSource === 'qemu-icount' ? '*' : '');
    rows.push([
      r.name,
      count,
      cell(r.rvisor ?? {}, !useRvisor),
      r.rvisor?.ok ? fmtMips(r.instructions, r.rvisor.seconds) : '-',
      cell(r.jit ?? {}, !useJit || !useRvisor),
      r.jit?.ok ? fmtMips(r.instructions, r.jit.seconds) : '-',
      cell(r.qemu ?? {}, !useQemu),
      r.qemu?.ok ? fmtMips(r.instructions, r.qemu.seconds) : '-',
      r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '-',
      r.jitRatio !== undefined ? `${r.jitRatio.toFixed(2)}x` : '-',
      r.jit?.jit ? `${(r.jit.jit.compiledShare * 100).toFixed(1)} %` : '-',
      r.jit?.jit ? r.jit.jit.compileMs.toFixed(0) : '-',
      r.jit?.jit ? String(r.jit.jit.codeKiB) : '-',
      !r.checksumsAgree ? 'MISMATCH'
        : r.checksum === undefined ? '-'
          : r.rvisor?.ok && r.qemu?.ok ? 'agree'
            : r.rvisor?.ok ? 'rvisor only'
              : 'QEMU only',
    ]);
  }
  console.log();
  printTable(rows);
  if (results.some((r) => r.instructionsSource === 'qemu-icount')) {
    console.log('* instruction count from qemu -icount shift=0 (rvisor gave none)');
  }

  // Per group: aggregate MIPS (all instructions / all seconds) over the
  // benchmarks of the group that succeeded on that emulator, e.g. integer vs FP.
  const groups = groupSummary(results);
  if (groups.some((g) => g.rvisor.count || g.qemu.count)) {
    console.log();
    const grows = [['group', 'programs', 'rvisor MIPS', 'JIT MIPS', 'QEMU MIPS', 'rvisor/QEMU', 'JIT/QEMU']];
    for (const g of groups) {
      const side = (x) => (x.count ? `${x.mips.toFixed(0)}${x.count < g.programs ? ` (${x.count}/${g.programs})` : ''}` : '-');
      grows.push([g.group, String(g.programs), side(g.rvisor), side(g.jit), side(g.qemu),
        g.rvisor.count && g.qemu.count && g.both ? `${g.both.toFixed(2)}x` : '-',
        g.jit.count && g.qemu.count && g.jitBoth ? `${g.jitBoth.toFixed(2)}x` : '-']);
    }
    printTable(grows);
  }
  if (notes.size) {
    console.log();
    for (const [message, names] of notes) console.log(`${names.join(', ')}: ${message}`);
  }

  const date = new Date();
  const report = {
    date: date.toISOString(),
    machine,
    options: { repeat, rvisor: useRvisor, qemu: useQemu, icount: opts.icount, timebaseHz: TIMEBASE_HZ },
    commands: {
      rvisor: EMULATORS.rvisor.command({ kernel: '<kernel>' }).flat().join(' ').replace(ROOT + path.sep, ''),
      jit: EMULATORS.jit.command({ kernel: '<kernel>' }).flat().join(' ').replace(ROOT + path.sep, ''),
      qemu: EMULATORS.qemu.command({ kernel: '<kernel>' }).flat().join(' '),
    },
    results,
    groups,
    notes: [...notes].map(([message, names]) => ({ benchmarks: names, message })),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = date.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  let file = path.join(RESULTS_DIR, `bench-${stamp}.json`);
  for (let n = 2; existsSync(file); n++) file = path.join(RESULTS_DIR, `bench-${stamp}-${n}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  console.log(`\nresults: ${path.relative(ROOT, file)} (and bench/results/latest.json)`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
