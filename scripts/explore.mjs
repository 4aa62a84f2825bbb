#!/usr/bin/env node
// Runs rvisor's randomized tests with fresh random seeds until the time is up, and prints every
// seed that fails with the line to add to test/support/seeds.ts (`npm test` runs only the
// fixed seeds listed there, so it is the same every time; new seeds are explored here, on request).
//
//   npm run explore                              10 minutes, every randomized test in turn
//   npm run explore -- --minutes 60              longer
//   npm run explore -- --only diff-qemu,pager    some of them (names below)
//
// Each test runs in its own vitest process with its seed variable set (RVISOR_DIFF_SEED=…):
// the script draws the seeds, so a failure names its seed exactly. Cheap tests get several
// seeds per process (a comma-separated list; vitest's JSON report says which failed). No new
// run starts after the deadline; the one in progress finishes. Exit status 1 if any seed
// failed. Plain Node ESM, no dependencies; `npm run explore` builds rvisor first.

import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS_FILE = 'test/support/seeds.ts';

/**
 * The randomized tests: the variable that sets their seeds, their list in seeds.ts, how seeds
 * are written (32-bit hex or decimal below one million) and how many seeds one process runs.
 */
const TESTS = [
  { name: 'decoder', file: 'test/decoder.test.ts', env: 'RVISOR_DECODER_SEED', list: 'DECODER_SEEDS', hex: false, batch: 1 },
  { name: 'diff-qemu', file: 'test/diff-qemu.test.ts', env: 'RVISOR_DIFF_SEED', list: 'DIFF_SEEDS', hex: true, batch: 1 },
  { name: 'diff-qemu-hot', file: 'test/diff-qemu-hot.test.ts', env: 'RVISOR_DIFF_HOT_SEED', list: 'DIFF_HOT_SEEDS', hex: true, batch: 2 },
  { name: 'softfloat', file: 'test/softfloat.test.ts', env: 'RVISOR_SOFTFLOAT_SEED', list: 'SOFTFLOAT_SEEDS', hex: true, batch: 4 },
  { name: 'fuzz-core', file: 'test/fuzz-core.test.ts', env: 'RVISOR_FUZZ_SEED', list: 'FUZZ_CORE_SEEDS', hex: false, batch: 2 },
  { name: 'fuzz-hypervisor', file: 'test/fuzz-hypervisor.test.ts', env: 'RVISOR_FUZZ_SEED', list: 'FUZZ_HYPERVISOR_SEEDS', hex: false, batch: 2 },
  { name: 'pager', file: 'test/pager.test.ts', env: 'RVISOR_PAGER_SEED', list: 'PAGER_SEEDS', hex: false, batch: 8 },
];

const usage = 'usage: npm run explore [-- --minutes N] [--only NAME[,NAME…]]   (names: ' + TESTS.map((t) => t.name).join(', ') + ')';
let args;
try {
  args = parseArgs({ options: { minutes: { type: 'string', default: '10' }, only: { type: 'string' }, help: { type: 'boolean' } } }).values;
} catch (e) {
  console.error(`explore: ${e.message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const minutes = Number(args.minutes);
if (!(minutes > 0)) {
  console.error(`explore: --minutes ${args.minutes}: a positive number\n${usage}`);
  process.exit(2);
}
let tests = TESTS;
if (args.only) {
  const names = args.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !TESTS.some((t) => t.name === n));
  if (unknown.length) {
    console.error(`explore: unknown test ${unknown.join(', ')}\n${usage}`);
    process.exit(2);
  }
  tests = TESTS.filter((t) => names.includes(t.name));
}

// The lists named above must exist, or the printed advice would be wrong.
const seedsText = readFileSync(join(ROOT, SEEDS_FILE), 'utf8');
for (const t of tests) {
  if (!new RegExp(`export const ${t.list}\\b`).test(seedsText)) {
    console.error(`explore: ${SEEDS_FILE} has no ${t.list} (scripts/explore.mjs is out of date)`);
    process.exit(2);
  }
}

const fmt = (t, seed) => (t.hex ? '0x' + seed.toString(16).padStart(8, '0') : String(seed));
const fresh = (t) => (t.hex ? randomInt(0x1_0000_0000) : randomInt(1_000_000));
const today = new Date().toISOString().slice(0, 10);
const logDir = mkdtempSync(join(tmpdir(), 'rvisor-explore-'));
const start = Date.now();
const deadline = start + minutes * 60_000;
const clock = () => {
  const s = Math.round((Date.now() - start) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Runs one vitest process; resolves with its exit code, output and JSON report (if any). */
function runVitest(t, seeds, base) {
  const report = base + '.json';
  const env = { ...process.env, [t.env]: seeds.map((s) => fmt(t, s)).join(',') };
  delete env.RVISOR_EXPLORE;
  const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
  return new Promise((res) => {
    const child = spawn(process.execPath, [vitest, 'run', t.file, '--reporter=default', '--reporter=json', `--outputFile=${report}`], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => res({ code: -1, out: out + `\ncannot start vitest: ${e.message}`, json: null }));
    child.on('close', (code) => {
      let json = null;
      try {
        json = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        // no report: vitest failed before running tests
      }
      rmSync(report, { force: true });
      res({ code: code ?? -1, out, json });
    });
  });
}

/** The failed seeds of a run, each with its first failure line. */
function failedSeeds(t, seeds, r) {
  const failed = new Map();
  const tests = (r.json?.testResults ?? []).flatMap((f) => f.assertionResults ?? []);
  const message = (a) => (a.failureMessages?.[0] ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? a.title;
  for (const a of tests.filter((a) => a.status === 'failed')) {
    const m = /seed (0x[0-9a-f]+|\d+)/i.exec(a.fullName ?? a.title ?? '');
    const named = m ? seeds.find((s) => fmt(t, s) === m[1].toLowerCase() || String(s) === m[1]) : undefined;
    // A failure that names no seed (a harness self-check, a suite error) is charged to every
    // seed of the run; runs of such tests hold one seed.
    for (const s of named !== undefined ? [named] : seeds) if (!failed.has(s)) failed.set(s, message(a));
  }
  if (r.code !== 0 && failed.size === 0) {
    const line = r.out.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim()).find((l) => /error|fail/i.test(l)) ?? `vitest exit status ${r.code}`;
    for (const s of seeds) failed.set(s, line);
  }
  return failed;
}

console.log(`explore: fresh seeds for ${tests.map((t) => t.name).join(', ')} for ${minutes} min; logs in ${logDir}`);
const found = [];
const runs = Object.fromEntries(tests.map((t) => [t.name, 0]));
const brokenStreak = Object.fromEntries(tests.map((t) => [t.name, 0]));
let active = [...tests];
for (let i = 0; Date.now() < deadline && active.length; i++) {
  const t = active[i % active.length];
  const seeds = Array.from({ length: t.batch }, () => fresh(t));
  const label = `${t.name} ${t.env}=${seeds.map((s) => fmt(t, s)).join(',')}`;
  const base = join(logDir, `${t.name}-${fmt(t, seeds[0])}`);
  const t0 = Date.now();
  const r = await runVitest(t, seeds, base);
  runs[t.name] += seeds.length;
  const secs = Math.round((Date.now() - t0) / 1000);
  const failed = failedSeeds(t, seeds, r);
  if (failed.size === 0) {
    brokenStreak[t.name] = 0;
    console.log(`explore: [${clock()}] ${label}: pass (${secs} s)`);
    continue;
  }
  writeFileSync(base + '.log', r.out);
  console.log(`explore: [${clock()}] ${label}: FAIL (${secs} s), output in ${base}.log`);
  for (const [seed, why] of failed) {
    const s = fmt(t, seed);
    const note = why.replace(/\s+/g, ' ').slice(0, 100);
    found.push({ t, s, note, log: base + '.log' });
    console.log(`  seed ${s}: ${note}`);
    console.log(`    replay: ${t.env}=${s} npx vitest run ${t.file}`);
    console.log(`    add to ${t.list} in ${SEEDS_FILE}:`);
    console.log(`      ${s}, // ${today}: found by npm run explore: ${note}`);
  }
  // Every seed of three runs in a row failing says the test is broken, not the seeds.
  if (failed.size === seeds.length && ++brokenStreak[t.name] >= 3) {
    console.log(`explore: ${t.name} failed with every seed three runs in a row: a broken test or a missing tool, not a seed; not exploring it further`);
    active = active.filter((x) => x !== t);
  } else if (failed.size < seeds.length) {
    brokenStreak[t.name] = 0;
  }
}

console.log(`explore: done after ${clock()}: ${tests.map((t) => `${t.name} ${runs[t.name]} seeds`).join(', ')}`);
if (found.length === 0) {
  console.log('explore: no failing seed');
  rmSync(logDir, { recursive: true, force: true });
  process.exit(0);
}
console.log(`explore: ${found.length} failing seed(s); add each line to its list in ${SEEDS_FILE} once the bug is understood:`);
for (const f of found) console.log(`  ${f.t.list}: ${f.s}, // ${today}: found by npm run explore: ${f.note}`);
process.exit(1);
