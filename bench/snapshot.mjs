// Snapshot benchmark: a 256 MiB trap-mode Linux guest (Debian's kernel, rvisor's busybox
// initramfs, rvisor.modules=none) booted to its shell; the snapshot's size and save time; then
// the time from starting `rvisor run --restore FILE` to a usable shell (a command typed at once
// answers) against the time from starting `rvisor run --kernel ...` to the answer of the same
// command typed at its prompt.
//
//   node bench/snapshot.mjs [--repeat N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const REPEAT = Number(args[args.indexOf('--repeat') + 1] ?? 1) || 1;
const { createMachine } = await import(path.join(ROOT, 'dist/index.js'));
const paths = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'roms/images.mjs'), '--print-paths'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout);
const APPEND = 'console=ttyS0 rvisor.modules=none';
const dir = mkdtempSync(path.join(tmpdir(), 'rvisor-bench-snap-'));

// Starts the CLI, types a command at once, and resolves with the seconds until it answers.
function untilAnswer(argv, atPrompt) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'run', ...argv], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let answered = null;
    let typed = false;
    const type = () => { typed = true; child.stdin.write('echo ready-$((40+2))\n'); };
    if (!atPrompt) type(); // a restored shell already printed its prompt: type at once
    child.stdout.on('data', (d) => {
      out += d.toString('latin1');
      if (!typed && /\/ # /.test(out)) type();
      if (answered === null && out.includes('ready-42')) {
        answered = Number(process.hrtime.bigint() - t0) / 1e9;
        child.stdin.write('poweroff -f\n');
      }
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', () => {
      clearTimeout(kill);
      if (answered === null) reject(new Error(`no answer; last output: ${out.slice(-400)}`));
      else resolve(answered);
    });
  });
}

const results = [];
for (let r = 0; r < REPEAT; r++) {
  // Boot in-process to the prompt, then snapshot.
  let out = '';
  const m = await createMachine({ memSize: 256 << 20, mode: 'trap', bootargs: APPEND, virtio: [{ kind: 'rng' }], console: (b) => { out += Buffer.from(b).toString('latin1'); } });
  m.loadKernel(readFileSync(paths.kernel), 'Image');
  m.loadInitrd(readFileSync(paths.initrd), 'initrd');
  m.reset();
  const running = m.run();
  while (!/\/ # /.test(out)) await new Promise((res) => setTimeout(res, 20));
  const s0 = performance.now();
  const snap = await m.snapshot();
  const saveS = (performance.now() - s0) / 1000;
  m.stop();
  await running;
  const file = path.join(dir, 'linux.rvsnap');
  writeFileSync(file, snap);
  const restoreS = await untilAnswer(['--restore', file], false);
  const bootS = await untilAnswer(['--kernel', paths.kernel, '--initrd', paths.initrd, '--mem', '256M', '--rng', '--append', APPEND], true);
  results.push({ sizeMiB: snap.length / 2 ** 20, saveS, restoreS, bootS });
  console.log(`run ${r + 1}: snapshot ${(snap.length / 2 ** 20).toFixed(1)} MiB saved in ${saveS.toFixed(2)} s; ` +
    `restore to a usable shell ${restoreS.toFixed(2)} s; full boot to the same ${bootS.toFixed(2)} s (${(bootS / restoreS).toFixed(1)}x)`);
}
const best = (k) => Math.min(...results.map((x) => x[k]));
console.log(`best of ${REPEAT}: size ${best('sizeMiB').toFixed(1)} MiB, save ${best('saveS').toFixed(2)} s, restore ${best('restoreS').toFixed(2)} s, boot ${best('bootS').toFixed(2)} s`);
rmSync(dir, { recursive: true, force: true });
