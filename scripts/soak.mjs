#!/usr/bin/env node
// The soak run: several Linux guests under one rvisor keep writing files to their own ext4
// disks, syncing, reading back and checksumming them, appending synced lines to a log and
// pinging each other over the virtual switch, while the run reboots guests (`reboot -f`) and
// kills the whole rvisor process (SIGKILL, then starts it again on the same images) at moments
// drawn from a seeded generator. Every file a guest reported as synced (its checksum printed
// after `sync` returned) must read back identically, from the guest after every boot and from
// the host at the end (debugfs), every synced log line must be there, a file deleted and synced
// must stay deleted, and every image must pass `e2fsck -fn`. A second rvisor asking for a
// running guest's disk (as a writer or a reader) must be refused.
//
//   npm run soak [-- --minutes N --guests N --seed S --mem SIZE --keep --selftest]
//
// --selftest also proves the checker can see a loss: after a clean verdict it overwrites a
// block of one synced file in a copy of a disk and checks the copy, which must be reported.
// Prints the seed first, a line per event, then a summary and a last line `soak: {json}`; exits
// 0 when nothing was lost, 1 on any loss, 3 when the run itself broke (a guest that did not boot
// in time, an rvisor that ended by itself, a panic). --minutes counts from the first start; the
// run then waits for pending events and shuts the guests down cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
const PROMPT = /\/ # /;
const BOOT_MS = 40 * 60_000; // a boot on a loaded 2-core machine with several guests (niced) is slow
const CMD_MS = 10 * 60_000;

// ---- options ----
function options(argv) {
  const o = { minutes: 60, guests: 4, seed: null, mem: '128M', keep: false, selftest: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--minutes') o.minutes = Number(v());
    else if (a === '--guests') o.guests = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--mem') o.mem = v();
    else if (a === '--keep') o.keep = true;
    else if (a === '--selftest') o.selftest = true;
    else usage(`unknown option ${a}`);
  }
  if (!(o.minutes > 0)) usage('--minutes must be above 0');
  if (!Number.isInteger(o.guests) || o.guests < 1 || o.guests > 8) usage('--guests must be 1 to 8');
  if (o.seed === null) o.seed = Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(o.seed) || o.seed < 0) usage('--seed must be a whole number');
  return o;
}
function usage(why) {
  process.stderr.write(`soak: ${why}\nusage: npm run soak [-- --minutes N --guests N --seed S --mem SIZE --keep]\n`);
  process.exit(2);
}

// ---- a seeded generator (mulberry32) for every random choice of the run ----
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// ---- the guest's side: a shell loop kept on the disk itself (busybox ash) ----
// Lines it prints (all start with @@):  C sha size name (written and synced), R sha name (read
// back after dropping the page cache), D name / X name (deleting / deleted and synced),
// L boot line (appended to log-bBOOT and synced), P ok|fail (ping), S (stopped).
const LOOP_SH = `#!/bin/sh
# rvisor soak workload (scripts/soak.mjs): soak.sh BOOT PEER SEED
B=$1; PEER=$2; RANDOM=$3
cd /mnt/soak || exit 1
n=0
while [ ! -e /tmp/soak.stop ]; do
  n=$((n+1)); f=b$B-$n
  size=$(( (RANDOM % 64 + 1) * 2048 ))
  head -c $size /dev/urandom > $f && sync && s=$(sha256sum $f) && echo "@@C \${s%% *} $size $f"
  line="b$B-$n-$RANDOM$RANDOM"
  echo "$line" >> log-b$B && sync && echo "@@L $B $line"
  if [ $n -gt 4 ] && [ $((n % 3)) -eq 0 ]; then
    old=b$B-$((n-4))
    echo 3 > /proc/sys/vm/drop_caches
    if [ -e $old ]; then s=$(sha256sum $old) && echo "@@R \${s%% *} $old"; fi
  fi
  if [ $n -gt 16 ]; then
    old=b$B-$((n-16))
    echo "@@D $old"; rm -f $old && sync && echo "@@X $old"
  fi
  if [ $((n % 5)) -eq 0 ]; then
    if ping -c 1 -W 5 $PEER > /dev/null 2>&1; then echo "@@P ok"; else echo "@@P fail"; fi
  fi
done
echo "@@S"
`;

// ---- a guest's console socket, as `rvisor console` reads it ----
class Console {
  constructor(path) { this.path = path; this.output = ''; this.mark = 0; this.closed = false; this.partial = ''; this.onLine = null; }

  async open(ms) {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        this.sock = await new Promise((resolve, reject) => {
          const s = connect(this.path);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no console at ${this.path}: ${e.message}`);
        await sleep(200);
      }
    }
    this.sock.on('data', (b) => {
      const text = b.toString('latin1');
      this.output += text;
      this.partial += text;
      const lines = this.partial.split('\n');
      this.partial = lines.pop();
      for (const l of lines) this.onLine?.(l.replace(/\r$/, ''));
      if (this.output.length > 1 << 20) { // keep memory bounded over an hour
        const cut = this.output.length - (1 << 19);
        this.output = this.output.slice(cut);
        this.mark = Math.max(0, this.mark - cut);
      }
    });
    this.sock.on('close', () => { this.closed = true; });
    this.sock.on('error', () => {});
  }

  async waitFor(re, ms, alive = () => true) {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(this.output.slice(this.mark));
      if (m) { this.mark += m.index + m[0].length; return m; }
      if (this.closed || !alive()) throw new Gone();
      if (Date.now() > deadline) throw new Error(`waited ${Math.round(ms / 1000)} s for ${re}; last output:\n${this.output.slice(-1500)}`);
      await sleep(50);
    }
  }

  send(line) { if (!this.closed) this.sock.write(line + '\n'); }

  // Runs a command and returns its output (between two markers the echo cannot match).
  async sh(cmd, alive, ms = CMD_MS) {
    const tag = `M${Math.random().toString(36).slice(2, 8)}`;
    this.send(`echo ${tag}-a; ${cmd}; echo ${tag}-b`);
    await this.waitFor(new RegExp(`\\n${tag}-a\\r?\\n`), ms, alive);
    return (await this.waitFor(new RegExp(`([\\s\\S]*?)\\n?${tag}-b\\r?\\n`), ms, alive))[1];
  }

  close() { this.sock?.destroy(); this.closed = true; }
}
class Gone extends Error { constructor() { super('the console went away'); } }

// ---- the run ----
export async function soak(o) {
  const log = (s) => process.stdout.write(`soak: ${s}\n`);
  const random = rng(o.seed);
  log(`seed ${o.seed} (rerun with --seed ${o.seed}), ${o.guests} guests, ${o.minutes} min, ${o.mem} each`);
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build');
  const work = mkdtempSync(join(tmpdir(), 'rvisor-soak-'));
  const runDir = join(work, 'run');
  mkdirSync(runDir);
  const env = { ...process.env, RVISOR_RUN_DIR: runDir };
  const ip = (i) => `10.0.2.${20 + i}`;
  const guests = Array.from({ length: o.guests }, (_, i) => ({
    i, name: `g${i}`, img: join(work, `g${i}.img`), boots: 0,
    files: new Map(), // name -> { sha, size, deleting }
    gone: new Set(), // deleted and synced
    logs: new Map(), // boot -> synced lines
    state: 'down', con: null,
  }));
  const stats = {
    seed: o.seed, guests: o.guests, minutes: 0, sessions: 0, kills: 0, reboots: 0, boots: 0,
    filesWritten: 0, bytesWritten: 0, logLines: 0, readBacks: 0, bytesVerifiedInGuest: 0,
    bytesVerifiedOnHost: 0, filesVerifiedOnHost: 0, logLinesVerified: 0, pingsOk: 0, pingsFailed: 0,
    secondWriterRefused: null, fsck: {}, losses: [], errors: [],
  };
  const loss = (g, what) => { stats.losses.push(`${g.name}: ${what}`); log(`LOSS ${g.name}: ${what}`); };

  // Each disk: ext4 with the workload script on it.
  for (const g of guests) {
    const root = join(work, `${g.name}-root`);
    mkdirSync(join(root, 'soak'), { recursive: true });
    writeFileSync(join(root, 'soak.sh'), LOOP_SH);
    const r = spawnSync('mke2fs', ['-q', '-F', '-t', 'ext4', '-d', root, g.img, '64M'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mke2fs: ${r.stderr}`);
  }
  const config = join(work, 'guests.json');
  writeFileSync(config, JSON.stringify({
    quantumMs: 10,
    guests: guests.map((g) => ({
      name: g.name, kernel: 'debian', initrd: 'debian', mem: o.mem, net: true, console: 'socket', drives: [`file=${g.img},format=raw`],
      // cryptomgr.notests: the kernel's crypto self-tests are a third of a boot's instructions
      // (3.55 G -> 2.42 G; loading ext4.ko is another 1 G), and this run boots often.
      append: 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,virtio_net,ext4 cryptomgr.notests',
    })),
  }));

  // Events: process kills and guest reboots at seeded moments over the run (at least one of
  // each), each fired once its target is at work, after a further seeded moment.
  const ms = o.minutes * 60_000;
  const kills = Math.max(1, Math.round(o.minutes / 6));
  const reboots = Math.max(1, Math.round(o.minutes / 3));
  const events = [
    ...Array.from({ length: kills }, () => ({ kind: 'kill', at: random() * ms })),
    ...Array.from({ length: reboots }, () => ({ kind: 'reboot', at: random() * ms, guest: Math.floor(random() * o.guests) })),
  ].sort((a, b) => a.at - b.at);
  for (const e of events) e.extra = 1000 + random() * 8000;
  log(`events: ${events.map((e) => `${e.kind}${e.kind === 'reboot' ? ` g${e.guest}` : ''} at ${Math.round(e.at / 1000)} s`).join(', ')}`);

  // A guest's output line from the workload.
  const onLine = (g) => (line) => {
    const at = line.indexOf('@@');
    if (at < 0) return;
    const l = line.slice(at);
    let m;
    if ((m = /^@@C ([0-9a-f]{64}) (\d+) (b\d+-\d+)$/.exec(l))) {
      g.files.set(m[3], { sha: m[1], size: Number(m[2]), deleting: false });
      stats.filesWritten++;
      stats.bytesWritten += Number(m[2]);
    } else if ((m = /^@@R ([0-9a-f]{64}) (b\d+-\d+)$/.exec(l))) {
      const f = g.files.get(m[2]);
      if (!f) return;
      stats.readBacks++;
      if (f.sha !== m[1]) loss(g, `${m[2]} read back with another checksum`);
      else stats.bytesVerifiedInGuest += f.size;
    } else if ((m = /^@@L (\d+) (b\d+-\d+-\d+)$/.exec(l))) {
      const b = Number(m[1]);
      if (!g.logs.has(b)) g.logs.set(b, []);
      g.logs.get(b).push(m[2]);
      stats.logLines++;
    } else if ((m = /^@@D (b\d+-\d+)$/.exec(l))) {
      const f = g.files.get(m[1]);
      if (f) f.deleting = true;
    } else if ((m = /^@@X (b\d+-\d+)$/.exec(l))) {
      g.files.delete(m[1]);
      g.gone.add(m[1]);
    } else if (l === '@@P ok') stats.pingsOk++;
    else if (l === '@@P fail') stats.pingsFailed++;
    else if (l === '@@S') g.stopped = true;
  };

  // What must be on a guest's disk: synced files (or, while being deleted, absent), the synced
  // prefix of each boot's log, and no file deleted after a sync. Checked by `check(name, text)`.
  const expected = (g) => ({
    files: [...g.files.entries()],
    logs: [...g.logs.entries()].map(([b, lines]) => ({ name: `log-b${b}`, lines: lines.length, sha: sha256(lines.map((x) => x + '\n').join('')) })),
  });

  // The guest just booted: mount (replaying the journal), check everything, start the loop.
  async function bootGuest(g, session, readySeen) {
    const alive = () => session.alive;
    if (!readySeen) await g.con.waitFor(/rvisor: initramfs ready/, BOOT_MS, alive);
    await g.con.waitFor(PROMPT, BOOT_MS, alive);
    g.boots++;
    stats.boots++;
    const up = await g.con.sh(`dmesg -n 1; ip link set eth0 up && ip addr add ${ip(g.i)}/24 dev eth0 && mount -t ext4 /dev/vda /mnt && cd /mnt/soak && echo UP-$((6*7))`, alive);
    if (!/UP-42/.test(up)) throw new Error(`${g.name}: could not mount its disk:\n${up}`);
    await verifyInGuest(g, alive, 'boot');
    // Keep the disk from filling: drop all but the newest 40 synced files.
    const names = [...g.files.keys()];
    if (names.length > 40) {
      const old = names.slice(0, names.length - 40);
      for (const n of old) g.files.get(n).deleting = true;
      const out = await g.con.sh(`rm -f ${old.join(' ')} && sync && echo RM-$((1+1))`, alive);
      if (/RM-2/.test(out)) for (const n of old) { g.files.delete(n); g.gone.add(n); }
    }
    const b = g.boots * 1000 + g.i; // unique per guest and boot
    g.stopped = false;
    g.con.send(`rm -f /tmp/soak.stop; sh /mnt/soak.sh ${b} ${ip((g.i + 1) % o.guests)} ${Math.floor(random() * 32768)} &`);
    g.state = 'working';
  }

  async function verifyInGuest(g, alive, when) {
    const e = expected(g);
    // Commands well under the tty's 4095-character line.
    const cmds = ['echo 3 > /proc/sys/vm/drop_caches'];
    for (let k = 0; k < e.files.length; k += 30) cmds.push(`sha256sum ${e.files.slice(k, k + 30).map(([n]) => n).join(' ')} 2>&1`);
    for (let k = 0; k < e.logs.length; k += 12) cmds.push(e.logs.slice(k, k + 12).map((l) => `echo "LOG ${l.name} $(head -n ${l.lines} ${l.name} | sha256sum)"`).join('; '));
    const gone = [...g.gone].slice(-60); // the newest deletions (older ones were checked before)
    for (let k = 0; k < gone.length; k += 30) cmds.push(`for f in ${gone.slice(k, k + 30).join(' ')}; do [ -e $f ] && echo "BACK $f"; done; true`);
    let out = '';
    for (const c of cmds) out += await g.con.sh(c, alive) + '\n';
    const sums = new Map([...out.matchAll(/^([0-9a-f]{64}) {2}(b\d+-\d+)\r?$/gm)].map((m) => [m[2], m[1]]));
    for (const [name, f] of e.files) {
      const got = sums.get(name);
      if (got === f.sha) { stats.bytesVerifiedInGuest += f.size; continue; }
      if (f.deleting && !got) { g.files.delete(name); continue; } // deleted before its deletion was confirmed
      loss(g, `${name} (${f.size} bytes, synced) ${got ? 'has another checksum' : 'is missing'} at ${when}`);
      g.files.delete(name); // reported once
    }
    for (const l of e.logs) {
      const m = new RegExp(`^LOG ${l.name} ([0-9a-f]{64})`, 'm').exec(out);
      if (m?.[1] === l.sha) stats.logLinesVerified += l.lines;
      else loss(g, `${l.name}: its ${l.lines} synced lines are not all there at ${when}`);
    }
    for (const m of out.matchAll(/^BACK (b\d+-\d+)/gm)) loss(g, `${m[1]} was deleted and synced, yet is back at ${when}`);
  }

  // One rvisor process with every guest; ends by itself only when all guests power off.
  let session = null;
  async function startSession() {
    stats.sessions++;
    const proc = spawn(process.execPath, [CLI, 'run', '--config', config], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const s = { proc, alive: true, stderr: '', exit: null, booting: [] };
    s.exited = new Promise((resolve) => proc.on('exit', (code, signal) => { s.alive = false; s.exit = { code, signal }; resolve(s.exit); }));
    proc.stdout.on('data', () => {});
    proc.stderr.on('data', (b) => {
      s.stderr += b.toString();
      for (const m of b.toString().matchAll(/rvisor: guest (\S+): (the kernel panicked.*|the hypervisor stopped.*)/g)) stats.errors.push(`${m[1]}: ${m[2]}`);
    });
    proc.stdin.on('error', () => {});
    session = s;
    for (const g of guests) {
      g.state = 'booting';
      g.con?.close();
      g.con = new Console(join(runDir, `${g.name}.sock`));
    }
    await Promise.all(guests.map(async (g) => {
      await g.con.open(120_000);
      g.con.onLine = onLine(g);
    }));
    s.booting = guests.map((g) => life(g, s));
    return s;
  }

  // A guest's life within one session: boot, work; boot again after each reboot.
  async function life(g, s) {
    try {
      for (let readySeen = false; ; readySeen = true) {
        await bootGuest(g, s, readySeen);
        // Working until a reboot (ours) makes it boot again, or the session ends.
        await g.con.waitFor(/rvisor: initramfs ready/, 365 * 24 * 3_600_000, () => s.alive && g.state !== 'stopping');
        if (g.state === 'working') throw new Error('rebooted by itself');
      }
    } catch (e) {
      if (e instanceof Gone) return;
      stats.errors.push(`${g.name}: ${e.message}`);
      log(`ERROR ${g.name}: ${e.message}`);
      s.proc.kill('SIGKILL');
    }
  }

  const t0 = Date.now();
  const allWorking = () => guests.every((g) => g.state === 'working');
  async function until(ok, what) {
    while (!ok()) {
      if (stats.errors.length) throw new Error(stats.errors[0]);
      if (!session.alive) throw new Error(`rvisor ended by itself (${JSON.stringify(session.exit)}) ${what}:\n${session.stderr.slice(-1500)}`);
      await sleep(100);
    }
  }

  // Interrupted (Ctrl-C, a test's timeout): take the guests' rvisor down too.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => { session?.proc.kill('SIGKILL'); log(`${sig}: stopped; images kept in ${work}`); process.exit(3); });
  }
  let outcome = 'ok';
  try {
    await startSession();
    let checkedSecondWriter = false;
    for (const e of events) {
      while (Date.now() - t0 < e.at) await sleep(Math.min(1000, e.at - (Date.now() - t0)));
      const target = e.kind === 'kill' ? allWorking : () => guests[e.guest].state === 'working';
      await until(target, `while waiting to ${e.kind}`);
      if (!checkedSecondWriter) { checkedSecondWriter = true; secondWriter(); }
      await sleep(e.extra);
      await until(target, `while waiting to ${e.kind}`);
      const secs = Math.round((Date.now() - t0) / 1000);
      if (e.kind === 'kill') {
        log(`${secs} s: SIGKILL rvisor (pid ${session.proc.pid}) with every guest at work; starting it again on the same disks`);
        stats.kills++;
        session.proc.kill('SIGKILL');
        await session.exited;
        await startSession();
      } else {
        const g = guests[e.guest];
        log(`${secs} s: reboot -f in ${g.name}`);
        stats.reboots++;
        g.state = 'booting';
        g.con.send('reboot -f');
      }
    }
    while (Date.now() - t0 < ms) await sleep(Math.min(1000, ms - (Date.now() - t0)));
    await until(allWorking, 'before the end');
    if (!checkedSecondWriter) secondWriter();
    // The end: stop every loop, check every disk from inside, unmount, power off.
    log(`${Math.round((Date.now() - t0) / 1000)} s: stopping the workloads`);
    const alive = () => session.alive;
    for (const g of guests) { g.state = 'stopping'; g.con.send('touch /tmp/soak.stop'); }
    await Promise.all(guests.map(async (g) => {
      await g.con.waitFor(/@@S/, CMD_MS, alive);
      await g.con.sh('sync; echo synced', alive);
      await verifyInGuest(g, alive, 'the end');
      const out = await g.con.sh('cd / && umount /mnt && echo UMOUNT-$((2+3))', alive);
      if (!/UMOUNT-5/.test(out)) throw new Error(`${g.name}: umount failed:\n${out}`);
      g.con.send('poweroff -f');
    }));
    const exit = await Promise.race([session.exited, sleep(120_000).then(() => null)]);
    if (!exit || exit.code !== 0) throw new Error(`rvisor did not end cleanly after every guest powered off: ${JSON.stringify(exit)}\n${session.stderr.slice(-1500)}`);
    for (const g of guests) g.con.close();
    // The host's own look at every image.
    for (const g of guests) hostCheck(g, g.img, (what) => loss(g, what));
    if (o.selftest && !stats.losses.length) selftest();
  } catch (e) {
    outcome = 'broken';
    stats.errors.push(e.message);
    log(`ERROR: ${e.message}`);
    session?.proc.kill('SIGKILL');
    for (const g of guests) g.con?.close();
  }
  stats.minutes = Math.round((Date.now() - t0) / 600) / 100;
  if (stats.secondWriterRefused === false) stats.losses.push('a second rvisor was given a disk in use');
  if (stats.losses.length) outcome = 'loss';
  else if (stats.errors.length) outcome = 'broken';

  function secondWriter() {
    // Another rvisor asking for g0's disk, as a writer and as a reader: both must be refused.
    const img = guests[0].img;
    const tries = [`file=${img}`, `file=${img},snapshot=on`].map((d) => spawnSync(process.execPath,
      [CLI, 'run', '--kernel', 'debian', '--drive', d, '--timeout', '60'], { cwd: work, env, encoding: 'utf8', timeout: 120_000 }));
    stats.secondWriterRefused = tries.every((r) => r.status === 2 && /in use: rvisor pid \d+ is writing to it/.test(r.stderr));
    log(`a second rvisor on g0's disk: ${stats.secondWriterRefused ? 'refused' : `NOT refused (${tries.map((r) => `${r.status} ${r.stderr.trim()}`).join('; ')})`}`);
  }

  // e2fsck and debugfs on a disk image: every synced byte the guest reported must be there.
  function hostCheck(g, img, loss) {
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    if (img === g.img) stats.fsck[g.name] = fsck.status;
    if (fsck.status !== 0) loss(`e2fsck -fn exits ${fsck.status}:\n${fsck.stdout}${fsck.stderr}`);
    const out = join(work, `${g.name}-out`);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const dump = spawnSync('debugfs', ['-R', `rdump /soak ${out}`, img], { encoding: 'utf8' });
    if (dump.status !== 0) { loss(`debugfs cannot read the image: ${dump.stderr}`); return; }
    const counted = img === g.img;
    const e = expected(g);
    for (const [name, f] of e.files) {
      const p = join(out, 'soak', name);
      if (!existsSync(p)) { if (!f.deleting) loss(`${name} is missing on the host's reading of the image`); continue; }
      const data = readFileSync(p);
      if (sha256(data) !== f.sha) loss(`${name} differs on the host's reading of the image`);
      else if (counted) { stats.bytesVerifiedOnHost += data.length; stats.filesVerifiedOnHost++; }
    }
    for (const l of e.logs) {
      const p = join(out, 'soak', l.name);
      const text = existsSync(p) ? readFileSync(p, 'latin1') : '';
      const prefix = text.split('\n').slice(0, l.lines).map((x) => x + '\n').join('');
      if (sha256(prefix) !== l.sha) loss(`${l.name}: synced lines differ on the host's reading`);
    }
    for (const name of g.gone) if (existsSync(join(out, 'soak', name))) loss(`${name} was deleted and synced, yet is on the image`);
    rmSync(out, { recursive: true, force: true });
  }

  // The checker must see a loss: one block of a synced file overwritten in a copy of g0's disk.
  function selftest() {
    const g = guests[0];
    const name = [...g.files.keys()].pop();
    const copy = join(work, 'selftest.img');
    writeFileSync(copy, readFileSync(g.img));
    const bmap = spawnSync('debugfs', ['-R', `bmap /soak/${name} 0`, copy], { encoding: 'utf8' });
    const block = Number(bmap.stdout.trim());
    const bsize = Number(/Block size:\s+(\d+)/.exec(spawnSync('dumpe2fs', ['-h', copy], { encoding: 'utf8' }).stdout)?.[1]);
    const seen = [];
    if (name && block > 0 && bsize > 0) {
      const bytes = readFileSync(copy);
      for (let k = 0; k < 16; k++) bytes[block * bsize + k] ^= 0xff;
      writeFileSync(copy, bytes);
      hostCheck(g, copy, (what) => seen.push(what));
    }
    stats.selftest = seen.length === 1 && seen[0].includes(name) ? 'detected' : `MISSED (${name}, block ${block}: ${seen.join('; ') || 'nothing reported'})`;
    log(`selftest: a flipped block in ${name} on a copy of ${g.name}'s disk was ${stats.selftest}`);
    if (stats.selftest !== 'detected') stats.errors.push('the checker missed a planted loss');
    rmSync(copy, { force: true });
  }

  const verdict = outcome === 'ok' ? 'PASS: nothing lost' : outcome === 'loss' ? `FAIL: ${stats.losses.length} loss(es)` : 'BROKEN: the run did not finish';
  log(`${verdict}`);
  log(`${stats.guests} guests, ${stats.minutes} min, ${stats.sessions} rvisor starts (${stats.kills} SIGKILLs), ${stats.reboots} guest reboots, ${stats.boots} boots`);
  log(`${stats.filesWritten} files (${(stats.bytesWritten / 2 ** 20).toFixed(1)} MiB) and ${stats.logLines} log lines written and synced; ` +
    `read back in the guests: ${(stats.bytesVerifiedInGuest / 2 ** 20).toFixed(1)} MiB; on the host at the end: ${stats.filesVerifiedOnHost} files, ` +
    `${(stats.bytesVerifiedOnHost / 2 ** 20).toFixed(1)} MiB, ${stats.logLinesVerified} log line checks`);
  log(`pings ${stats.pingsOk} ok, ${stats.pingsFailed} failed; e2fsck -fn: ${Object.entries(stats.fsck).map(([k, v]) => `${k} ${v}`).join(', ') || 'not run'}; ` +
    `second rvisor on a disk in use: ${stats.secondWriterRefused === null ? 'not tried' : stats.secondWriterRefused ? 'refused' : 'NOT refused'}`);
  if (outcome === 'ok' && !o.keep) rmSync(work, { recursive: true, force: true });
  else log(`images and logs kept in ${work}`);
  process.stdout.write(`soak: ${JSON.stringify({ outcome, ...stats })}\n`);
  return outcome === 'ok' ? 0 : outcome === 'loss' ? 1 : 3;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  soak(options(process.argv.slice(2))).then((code) => process.exit(code), (e) => {
    process.stderr.write(`soak: ${e.stack ?? e}\n`);
    process.exit(3);
  });
}
