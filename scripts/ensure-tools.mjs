#!/usr/bin/env node
// Makes sure the external tools that rvisor's tests and benchmarks use are installed, and
// installs the missing ones from Debian's packages (first run only). Silent when all is there.
//
//   node scripts/ensure-tools.mjs            check, install what is missing
//   node scripts/ensure-tools.mjs --dry-run  say what would be installed, change nothing
//
// Plain Node ESM, no dependencies. Exit status 0 when every tool is present afterwards, 1 when
// not (with one line naming the command to run by hand).

import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** tool (a command on PATH) → the Debian package that provides it */
const TOOLS = [
  ['qemu-system-riscv64', 'qemu-system-misc'],
  ['riscv64-unknown-elf-objdump', 'binutils-riscv64-unknown-elf'],
  ['riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'],
  ['dtc', 'device-tree-compiler'],
  ['chromium', 'chromium'],
  ['xz', 'xz-utils'], // decompresses the kernel's .ko.xz modules for the initramfs
  ['cpio', 'cpio'], // an independent reader for the initramfs test
  ['mke2fs', 'e2fsprogs'], // builds the ext4 disk of the Linux test
  ['apt-get', 'apt'], // fetches Debian's riscv64 guest packages
  ['dpkg-deb', 'dpkg'],
  ['gdb-multiarch', 'gdb-multiarch'], // the gdb stub's test drives Debian's gdb
];

const dryRun = process.argv.includes('--dry-run');

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return true;
    } catch {
      // not here
    }
  }
  return false;
}

const missing = () => TOOLS.filter(([tool]) => !onPath(tool));
const packagesOf = (list) => [...new Set(list.map(([, pkg]) => pkg))];

const todo = missing();
if (todo.length === 0) process.exit(0);

const pkgs = packagesOf(todo);
const tools = todo.map(([tool]) => tool).join(', ');
const aptArgs = ['install', '-y', '-q', '--no-install-recommends', ...pkgs];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const haveApt = onPath('apt-get');
const haveSudo = onPath('sudo');
const manual = `${isRoot ? '' : 'sudo '}apt-get update && ${isRoot ? '' : 'sudo '}apt-get ${aptArgs.join(' ')}`;

function giveUp(why) {
  console.error(`rvisor: ${why}; missing ${tools}. Install them with: ${manual}`);
  process.exit(1);
}

if (!haveApt) giveUp('apt-get not found (not a Debian-like system)');
if (!isRoot && !haveSudo) giveUp('not root and sudo not found');

// As root run apt-get directly; otherwise through sudo (non-interactive when there is no terminal).
function apt(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const full = ['-o', 'DPkg::Lock::Timeout=300', ...args];
  const [cmd, argv] = isRoot
    ? ['apt-get', full]
    : ['sudo', [...(process.stdin.isTTY ? [] : ['-n']), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...full]];
  // stdin stays the terminal so that sudo can ask for a password; apt's chatter is kept for errors
  const r = spawnSync(cmd, argv, { env, stdio: ['inherit', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 << 20 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const tail = (out) =>
  out
    .trim()
    .split('\n')
    .filter((l) => /^(E:|W:|sudo:|Error)/.test(l))
    .slice(-3)
    .join(' | ');

if (dryRun) {
  console.log(`rvisor: would install ${pkgs.join(' ')} (for ${tools}) with: ${manual}`);
  process.exit(0);
}

console.log(`rvisor: installing ${pkgs.join(', ')} … (first run only)`);
let r = apt(aptArgs);
// A missing or stale package index: fetch it and try again.
if (!r.ok && /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found|no longer available/i.test(r.out)) {
  console.log('rvisor: updating the package index (apt-get update) … (first run only)');
  const u = apt(['update', '-q']);
  if (!u.ok) giveUp(`apt-get update failed (${tail(u.out) || 'see its output'})`);
  console.log(`rvisor: installing ${pkgs.join(', ')} … (first run only)`);
  r = apt(aptArgs);
}
if (!r.ok) giveUp(`installation failed (${tail(r.out) || 'apt-get exited with an error'})`);

const still = missing();
if (still.length) {
  console.error(`rvisor: ${still.map(([t]) => t).join(', ')} still missing after installing ${pkgs.join(' ')}; install them with: ${manual}`);
  process.exit(1);
}
