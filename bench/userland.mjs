// In-guest userland compute (issue 12): Debian trixie's riscv64 7-Zip and sysbench, run at the
// shell of Debian's kernel + rvisor's busybox initramfs with the packages appended
// (src/node/images/userland.ts), with fixed work, on rvisor with the JIT, rvisor --jit off and
// qemu-system-riscv64 -machine virt, same kernel, initrd and command line, one hart each.
// Reports the figures the programs print (7-Zip's MIPS ratings, sysbench's events/s and total
// time) and the host's wall time of each command, with ratios to QEMU.
//
//   node bench/userland.mjs [--quick] [--repeat N] [--only 7zip,sysbench] [--emulators jit,interp,qemu]
//                          [--tic N] [--events N] [--verbose]
//
// --repeat N boots each emulator N times, alternating, and keeps each command's best wall time
// (load on a shared machine comes and goes). --quick is a small run for checking the harness.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const QUICK = args.includes('--quick');
const VERBOSE = args.includes('--verbose');
const REPEAT = Number(opt('--repeat', '1'));
const ONLY = opt('--only', '7zip,sysbench').split(',');
const MEM = '512M';
// Fixed work. 7-Zip runs max(1, 2^tic / commands per pass) passes each way, counted in its own
// model of instructions, never timed (7-Zip's Bench.cpp: GetNumIterations); -md22 keeps to the
// one 4 MiB dictionary row (by default the sizes depend on the guest's RAM). A compression pass
// is several G of those commands and a decompression pass a tenth of that, so -mtic=32 is about
// one pass and ten.
// Before that 7-Zip probes the CPU's speed, 4 G loop iterations, fixed too (see parse7zip).
// sysbench with --events N --time=0 stops after N events, not after a time.
const TIC = Number(opt('--tic', QUICK ? '26' : '32'));
const EVENTS = Number(opt('--events', QUICK ? '200' : '10000'));
const COMMANDS = [
  { name: '7zip', cmd: `7z b -mmt1 -md22 -mtic=${TIC}` },
  { name: 'sysbench', cmd: `sysbench cpu --threads=1 --events=${EVENTS} --time=0 run` },
].filter((c) => ONLY.includes(c.name));
const APPEND = 'console=ttyS0 rvisor.modules=none';
const MARKER = 'rvisor: initramfs ready';

const bundle = await esbuild.build({ entryPoints: [path.join(ROOT, 'src/node/images/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'error' });
const images = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].contents).toString('base64')}`);
let img;
try {
  img = await images.ensureUserland(['7zip', 'sysbench']);
} catch (e) {
  console.error(e instanceof images.GuestImagesError ? e.message : e);
  process.exit(1);
}
const version = (p) => img.packages.find((r) => r.package === p)?.version;

// RVISOR_CLI=path/to/cli.js runs another build (e.g. a copy of dist/, so that a rebuild in a
// shared tree during a long run does not change what is measured)
const CLI = process.env.RVISOR_CLI ?? path.join(ROOT, 'dist/cli.js');
// rvisor's figures for the whole session (boot and commands): instructions, MIPS, the JIT's share
const STATS = path.join(mkdtempSync(path.join(tmpdir(), 'rvisor-userland-')), 'stats.json');
const rvisorArgv = (jit) => [CLI, 'run', '--kernel', img.kernel, '--initrd', img.initrd, '--mem', MEM, '--append', APPEND, '--jit', jit, '--stats-json', STATS];
const EMULATORS = {
  jit: { label: 'rvisor JIT', cmd: process.execPath, argv: rvisorArgv('on'), stats: true },
  interp: { label: 'rvisor --jit off', cmd: process.execPath, argv: rvisorArgv('off'), stats: true },
  qemu: { label: 'QEMU', cmd: 'qemu-system-riscv64', argv: ['-machine', 'virt', '-m', MEM, '-smp', '1', '-nographic', '-kernel', img.kernel, '-initrd', img.initrd, '-append', APPEND] },
};
const RUN = opt('--emulators', 'jit,interp,qemu').split(',').filter((k) => EMULATORS[k]);

// One boot: waits for the shell, runs each command between markers (timing it from the host),
// powers off. Resolves with { boot, results: { name: { wall, out, status } }, stats, versions }
// (stats: rvisor's --stats-json) or rejects with the reason.
function session(key) {
  const e = EMULATORS[key];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const sec = () => Number(process.hrtime.bigint() - t0) / 1e9;
    const child = spawn(e.cmd, e.argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let waiting = null; // { re, resolve }
    const check = () => {
      if (!waiting) return;
      const m = waiting.re.exec(out.slice(waiting.from));
      if (m) { const w = waiting; waiting = null; w.resolve(m); }
    };
    const waitFor = (re, from = 0) => new Promise((res) => { waiting = { re, from, resolve: res }; check(); });
    child.stdout.on('data', (d) => { const s = d.toString('latin1'); out += s; if (VERBOSE) process.stderr.write(s); check(); });
    child.stderr.on('data', (d) => { err += d.toString('latin1'); });
    const timeout = setTimeout(() => child.kill('SIGKILL'), (QUICK ? 600 : 1800) * 1000); // a hung guest
    let done = false;
    let resolveClosed;
    const closed = new Promise((r) => { resolveClosed = r; });
    child.on('close', (code) => {
      clearTimeout(timeout);
      if (done) resolveClosed(code);
      else reject(new Error(`${e.label} ended (exit ${code}) before the commands finished; last output: ${out.slice(-600)}${err ? `; stderr: ${err.slice(-300)}` : ''}`));
    });
    child.on('error', reject);
    (async () => {
      await waitFor(new RegExp(`${MARKER}[\\s\\S]*?/ # `));
      const boot = sec();
      const results = {};
      for (const c of COMMANDS) {
        const from = out.length;
        const tag = `T${Math.random().toString(36).slice(2, 8)}`;
        // the tag's halves are apart in the typed line, so the echo of the line never matches
        child.stdin.write(`echo ${tag}-"a"; ${c.cmd}; echo ${tag}-"b" $?\n`);
        await waitFor(new RegExp(`\\n${tag}-a\\r?\\n`), from);
        const start = sec();
        const m = await waitFor(new RegExp(`\\n${tag}-a\\r?\\n([\\s\\S]*?)\\n${tag}-b (\\d+)\\r?\\n`), from);
        results[c.name] = { wall: sec() - start, out: m[1], status: Number(m[2]) };
      }
      const vers = `echo V"1"; 7z | head -3; sysbench --version; echo V"2"\n`;
      const from = out.length;
      child.stdin.write(vers);
      const v = await waitFor(/\nV1\r?\n([\s\S]*?)\nV2\r?\n/, from);
      done = true;
      rmSync(STATS, { force: true });
      child.stdin.write('poweroff -f\n');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await closed;
      clearTimeout(killer);
      let stats;
      if (e.stats) { try { stats = JSON.parse(readFileSync(STATS, 'utf8')); } catch { /* none written */ } }
      resolve({ boot, results, stats, versions: v[1].trim().split(/\r?\n/).filter((l) => /7-Zip|sysbench/.test(l)) });
    })().catch(reject);
  });
}

// 7-Zip prints, for the one dictionary row, compress and decompress "Speed Usage R/U Rating"
// and then Avr: and Tot: lines; the ratings are MIPS (its own LZMA instruction-count model).
function parse7zip(text) {
  const nums = (line) => (line ?? '').replace(/\|/g, ' ').trim().split(/\s+/).slice(1).map(Number);
  const avr = nums(/^Avr:.*$/m.exec(text)?.[0]);
  const tot = nums(/^Tot:.*$/m.exec(text)?.[0]);
  if (avr.length < 8 || tot.length < 3) throw new Error(`no Avr:/Tot: lines from 7z b; output: ${text.slice(-600)}`);
  // A step of the CPU-frequency probe that takes >= 16 s makes 7-Zip size the work by time
  // ("(Cmplx)") instead of -mtic, and then the runs no longer do the same work.
  const cmplx = /\(Cmplx\)/.test(text);
  if (cmplx) process.stderr.write('userland: 7-Zip printed (Cmplx): its work was sized by time, not by -mtic\n');
  const freq = /1T CPU Freq \(MHz\):([\d\s-]+)/.exec(text)?.[1].trim().split(/\s+/).map(Number);
  return { compressMips: avr[3], decompressMips: avr[7], totalMips: tot[2], cpuFreqProbeMHz: freq, sizedByTime: cmplx };
}

function parseSysbench(text) {
  const num = (re) => { const m = re.exec(text); return m ? Number(m[1]) : NaN; };
  const r = { eventsPerSec: num(/events per second:\s+([\d.]+)/), totalTime: num(/total time:\s+([\d.]+)s/), events: num(/total number of events:\s+(\d+)/) };
  if (!(r.events === EVENTS) || !Number.isFinite(r.totalTime)) throw new Error(`sysbench did not report ${EVENTS} events; output: ${text.slice(-600)}`);
  return r;
}

const PARSE = { '7zip': parse7zip, sysbench: parseSysbench };
const loadavgAtStart = loadavg();
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
const best = {};
const errors = {};
let versions = [];
for (let i = 0; i < REPEAT; i++) {
  for (const key of RUN) {
    if (errors[key]) continue;
    process.stderr.write(`userland: ${EMULATORS[key].label}, round ${i + 1}/${REPEAT} …\n`);
    try {
      const s = await session(key);
      versions = s.versions.length ? s.versions : versions;
      const b = (best[key] ??= { boot: s.boot, commands: {} });
      b.boot = Math.min(b.boot, s.boot);
      if (s.stats) (b.sessions ??= []).push({ instret: s.stats.instret, mips: s.stats.mips, peakRssMiB: s.stats.peakRssMiB, jit: s.stats.jit });
      for (const c of COMMANDS) {
        const r = s.results[c.name];
        if (r.status !== 0) throw new Error(`${c.cmd} exited with status ${r.status}: ${r.out.slice(-600)}`);
        const figures = { wall: r.wall, ...PARSE[c.name](r.out) };
        ((b.rounds ??= {})[c.name] ??= []).push(figures);
        const prev = b.commands[c.name];
        if (!prev || figures.wall < prev.wall) b.commands[c.name] = figures;
      }
    } catch (e) {
      errors[key] = e.message;
      process.stderr.write(`userland: ${EMULATORS[key].label} failed: ${e.message}\n`);
    }
  }
}

const q = best.qemu?.commands ?? {};
const ratio = (a, b) => (a && b ? a / b : null);
const fmt = (v, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(d));
console.log(`In-guest userland, Debian trixie riscv64 (7zip ${version('7zip')}, sysbench ${version('sysbench')}), ${MEM}, 1 hart, best of ${REPEAT}:`);
console.log(`  7-Zip:    ${COMMANDS.find((c) => c.name === '7zip')?.cmd ?? '-'}`);
console.log(`  sysbench: ${COMMANDS.find((c) => c.name === 'sysbench')?.cmd ?? '-'}`);
// "×QEMU" is always time on this emulator / time on QEMU (above 1: slower than QEMU); for 7-Zip's
// ratings (work per second) that is QEMU's rating / this one's.
const row = (cells, widths) => `  ${cells.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ')}`;
const tables = [
  ['7zip', ['emulator', 'wall s', 'compress MIPS', 'decompress MIPS', 'total MIPS', 'rating ×QEMU', 'wall ×QEMU'], [17, 7, 13, 15, 10, 12, 10],
    (z) => [fmt(z.wall, 1), z.compressMips, z.decompressMips, z.totalMips, fmt(ratio(q['7zip']?.totalMips, z.totalMips)), fmt(ratio(z.wall, q['7zip']?.wall))]],
  ['sysbench', ['emulator', 'wall s', 'total time s', 'events/s', 'time ×QEMU', 'wall ×QEMU'], [17, 7, 12, 9, 10, 10],
    (r) => [fmt(r.wall, 1), fmt(r.totalTime, 2), fmt(r.eventsPerSec, 1), fmt(ratio(r.totalTime, q.sysbench?.totalTime)), fmt(ratio(r.wall, q.sysbench?.wall))]],
];
for (const [name, head, widths, cells] of tables) {
  const c = COMMANDS.find((x) => x.name === name);
  if (!c) continue;
  console.log(`\n  ${c.cmd}`);
  console.log(row(head, widths));
  for (const key of RUN) {
    const r = best[key]?.commands[name];
    console.log(r ? row([EMULATORS[key].label, ...cells(r)], widths) : `  ${EMULATORS[key].label.padEnd(17)}  failed: ${errors[key]}`);
  }
}
console.log(`\n  boot to the shell, s: ${RUN.map((k) => `${EMULATORS[k].label} ${fmt(best[k]?.boot, 1)}`).join(', ')}`);
const jit = best.jit?.sessions?.at(-1)?.jit;
if (jit) console.log(`  JIT, last session (boot and both commands): ${jit.regions} regions, ${jit.compileMs} ms compiling, ${(jit.share * 100).toFixed(1)} % of instructions compiled, ${jit.unprofitable} dropped as unprofitable`);
const qemuVersion = spawnSync('qemu-system-riscv64', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0];
const result = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavgAtStart, loadavgAtEnd: loadavg(), node: process.version, qemu: qemuVersion,
    commitAtStart: commit, cli: CLI },
  options: { quick: QUICK, repeat: REPEAT, mem: MEM, append: APPEND },
  packages: img.packages,
  guestVersions: versions,
  commands: Object.fromEntries(COMMANDS.map((c) => [c.name, c.cmd])),
  emulators: Object.fromEntries(RUN.map((k) => [k, { command: [EMULATORS[k].cmd, ...EMULATORS[k].argv].join(' '), ...(best[k] ?? { error: errors[k] }) }])),
  ratiosToQemu: Object.fromEntries(RUN.filter((k) => k !== 'qemu').map((k) => [k, {
    '7zipWall': ratio(best[k]?.commands['7zip']?.wall, q['7zip']?.wall),
    '7zipTotalMips': ratio(best[k]?.commands['7zip']?.totalMips, q['7zip']?.totalMips),
    sysbenchTime: ratio(best[k]?.commands.sysbench?.totalTime, q.sysbench?.totalTime),
    sysbenchWall: ratio(best[k]?.commands.sysbench?.wall, q.sysbench?.wall),
  }])),
};
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/userland.json'), JSON.stringify(result, null, 2) + '\n');
if (Object.keys(errors).length) process.exit(1);
