// Browser against Node on the same images: the page served by `rvisor serve`, in headless
// Chromium (Debian's), boots Debian's kernel with the busybox initramfs (256 MiB, trap mode,
// rvisor.modules=none) in its worker; the same machine boots in Node through the library.
// Reported: seconds from the start of the machine to the shell prompt, and MIPS (instructions
// retired up to the prompt over those seconds; the page's figures record instructions every
// second, so its count is the first record after the prompt, less a second's worth).
//
//   node bench/web.mjs [--repeat N]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const REPEAT = Number(args[args.indexOf('--repeat') + 1] ?? 1) || 1;
const paths = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'roms/images.mjs'), '--print-paths'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout);
const { createMachine } = await import(path.join(ROOT, 'dist/index.js'));

async function nodeBoot() {
  let out = '';
  const m = await createMachine({ memSize: 256 << 20, mode: 'trap', bootargs: 'console=ttyS0 rvisor.modules=none', virtio: [{ kind: 'rng' }], console: (b) => { out += Buffer.from(b).toString('latin1'); } });
  m.loadKernel(readFileSync(paths.kernel), 'Image');
  m.loadInitrd(readFileSync(paths.initrd), 'initrd');
  m.reset();
  const t0 = performance.now();
  const running = m.run();
  while (!/\/ # /.test(out)) await new Promise((r) => setTimeout(r, 20));
  const s = (performance.now() - t0) / 1000;
  const instret = Number(m.stats().instret);
  m.stop();
  await running;
  return { s, mips: instret / s / 1e6 };
}

const server = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => { let o = ''; server.stdout.on('data', (b) => { o += b; const m = /(http:\/\/\S+\/)/.exec(o); if (m) resolve(m[1]); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function browserBoot() {
  const page = await browser.newPage();
  await page.goto(url);
  const tabs = () => page.evaluate(() => window.rvisorPage.tabs());
  // the machine starts when the worker says so (after the images are downloaded)
  while ((await tabs())[0]?.state !== 'running') await new Promise((r) => setTimeout(r, 20));
  const t0 = Date.now();
  while (!(await page.evaluate(() => window.rvisorPage.screen(0))).includes('/ # ')) await new Promise((r) => setTimeout(r, 20));
  const s = (Date.now() - t0) / 1000;
  const n = (await tabs())[0].figures;
  while ((await tabs())[0].figures === n) await new Promise((r) => setTimeout(r, 20));
  const f = (await tabs())[0].last;
  await page.close();
  return { s, mips: (f.instret - f.mips * 1e6) / s / 1e6 };
}

const rows = [];
for (let r = 0; r < REPEAT; r++) {
  const b = await browserBoot();
  const n = await nodeBoot();
  rows.push({ b, n });
  console.log(`run ${r + 1}: Chromium ${b.s.toFixed(2)} s to the prompt, ${b.mips.toFixed(0)} MIPS; Node ${n.s.toFixed(2)} s, ${n.mips.toFixed(0)} MIPS; browser/Node time ${(b.s / n.s).toFixed(2)}x`);
}
await browser.close();
server.kill();
