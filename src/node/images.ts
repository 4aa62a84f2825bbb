// Guest images from Debian: a Linux kernel, a busybox initramfs, OpenSBI and U-Boot, fetched on
// first need and cached (by default in ~/.cache/rvisor/guests).
//
//   trixie, riscv64:  linux-image-6.12.*-riscv64 (the newest, behind the meta package
//                     linux-image-riscv64) and busybox-static
//   bookworm, all:    opensbi (1.1) and u-boot-qemu (the qemu-riscv64 M-mode and S-mode builds)
//
// Packages come through a private apt configuration (its own sources, lists and cache under the
// cache folder; the system's apt setup is only read), with the mirror and keyring taken from the
// system's own apt sources at run time: `apt-get update`, `apt-get download`, `dpkg -x`. apt checks
// the signed index and each package's SHA-256; the manifest (guests/manifest.json) records every
// package version and the SHA-256 of every file handed out, and each call verifies them. A lock
// folder keeps concurrent processes (parallel test files) from building the cache twice.
//
// Debian's kernel has the 8250 UART built in but virtio_mmio, virtio_blk, virtio_net, virtio-rng
// and ext4 are modules (.ko.xz). The package ships no modules.dep (depmod makes it when the
// package is installed), so the first run reads every module's .modinfo (depends=, softdep=,
// alias=) and writes modules.dep, modules.alias and modules.softdep in depmod's format beside
// the modules. The initramfs carries busybox, the modules it loads (decompressed) and an /init
// that mounts proc, sysfs and devtmpfs, insmods them in dependency order, prints
// INITRAMFS_READY_MARKER and starts a shell on the console (ttyS0: the kernel has no SBI
// console). It is an uncompressed cpio: unpacking gzip in an emulator costs far more than the
// extra bytes.
//
// Needs Debian's apt-get, apt-cache and dpkg, and xz (xz-utils) for the modules.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
  chmodSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { CpioWriter } from '../loader/cpio';

// ---------------------------------------------------------------------------------------------
// What is fetched

export const KERNEL_SUITE = 'trixie';
export const FIRMWARE_SUITE = 'bookworm';
const KERNEL_META = 'linux-image-riscv64';
/** linux-image-6.12.<n>+deb<m>-riscv64 (not the -dbg or -unsigned variants) */
const KERNEL_PACKAGE = /^linux-image-6\.12\.\d+[^\s]*-riscv64$/;

/** The modules the default initramfs loads (their dependencies come along). */
export const INITRAMFS_MODULES = ['virtio_mmio', 'virtio_blk', 'virtio_net', 'virtio_rng', 'ext4', 'virtio_balloon'] as const;
/** Modules /init loads only when a virtio device of this id (sysfs' `device` file) is there. */
const VIRTIO_DEVICE_MODULES: Record<string, string> = { virtio_balloon: '0x0005' };

/** The line /init prints just before it starts the shell. */
export const INITRAMFS_READY_MARKER = 'rvisor: initramfs ready';

/** Bumped whenever the layout of the cache or of the initramfs changes: rebuilds what depends on it. */
const CACHE_FORMAT = 1;

export interface GuestImages {
  /** the kernel's RISC-V `Image` (Debian's /boot/vmlinux-*, which is the uncompressed Image) */
  kernel: string;
  /** the busybox initramfs, an uncompressed newc cpio */
  initrd: string;
  opensbi: { fw_dynamic_bin: string; fw_dynamic_elf: string; fw_jump_bin: string; fw_jump_elf: string };
  /** U-Boot for QEMU virt: `mmode` is the M-mode firmware (u-boot.bin, at 0x8000_0000), `smode` the S-mode build for OpenSBI (0x8020_0000); the *Elf fields are the same as ELF */
  uboot: { mmode: string; smode: string; mmodeElf: string; smodeElf: string };
  /** the kernel's lib/modules/<release> folder: every .ko.xz of the package, modules.dep/.alias/.softdep, and the initramfs's modules decompressed (.ko) */
  modulesDir: string;
  /** `uname -r` of the kernel, e.g. 6.12.117+deb13-riscv64 */
  kernelRelease: string;
  /** the Debian packages the files came from */
  packages: Record<PackageRole, PackageRecord>;
  /** the folder everything is cached in */
  cacheDir: string;
}

export type PackageRole = 'kernel' | 'busybox' | 'opensbi' | 'uboot';

export interface PackageRecord {
  package: string;
  version: string;
  architecture: string;
  suite: string;
  /** SHA-256 of the .deb, as the signed index lists it (apt-get checked it) */
  sha256: string;
  size: number;
}

export interface EnsureGuestImagesOptions {
  /** the cache folder (default: $RVISOR_CACHE_DIR, else $XDG_CACHE_HOME/rvisor, else ~/.cache/rvisor) */
  cacheDir?: string;
  /** where the progress lines go (default: stderr) */
  log?: (line: string) => void;
}

export class GuestImagesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestImagesError';
  }
}

export function defaultCacheDir(): string {
  if (process.env.RVISOR_CACHE_DIR) return process.env.RVISOR_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'rvisor');
}

// ---------------------------------------------------------------------------------------------
// Cache layout (relative to <cache>/guests) and manifest

const F = {
  image: 'kernel/Image',
  config: 'kernel/config',
  modules: 'kernel/modules',
  modulesDep: 'kernel/modules/modules.dep',
  modulesAlias: 'kernel/modules/modules.alias',
  modulesSoftdep: 'kernel/modules/modules.softdep',
  busybox: 'busybox/busybox',
  initrd: 'initrd.cpio',
  opensbi: (f: string) => `opensbi/${f}`,
  uboot: (build: string, f: string) => `u-boot/${build}/${f}`,
} as const;

const OPENSBI_FILES = ['fw_dynamic.bin', 'fw_dynamic.elf', 'fw_jump.bin', 'fw_jump.elf'];
const UBOOT_BUILDS = ['qemu-riscv64', 'qemu-riscv64_smode'];
const UBOOT_FILES = ['u-boot.bin', 'uboot.elf'];

interface FileRecord {
  sha256: string;
  size: number;
}

interface StepRecord {
  /** what the step's outputs were made from; a different recipe means: make them again */
  recipe: string;
  package?: PackageRecord;
  files: Record<string, FileRecord>;
  kernelRelease?: string;
}

interface Manifest {
  format: number;
  steps: Partial<Record<StepName, StepRecord>>;
}

type StepName = 'kernel' | 'modules-index' | 'busybox' | 'opensbi' | 'uboot' | 'initrd';

function readManifest(guests: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(guests, 'manifest.json'), 'utf8')) as Manifest;
    if (m && m.format === CACHE_FORMAT && typeof m.steps === 'object') return m;
  } catch {
    // missing or unreadable: start afresh
  }
  return { format: CACHE_FORMAT, steps: {} };
}

function writeManifest(guests: string, m: Manifest): void {
  writeAtomic(join(guests, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
}

function writeAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, data);
  if (mode !== undefined) chmodSync(tmp, mode);
  renameSync(tmp, path);
}

function sha256File(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

const sha256Text = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

function fileRecord(path: string): FileRecord {
  return { sha256: sha256File(path), size: statSync(path).size };
}

/** True when every file the step recorded is there with its size and SHA-256. */
function filesIntact(guests: string, rec: StepRecord | undefined): boolean {
  if (!rec || Object.keys(rec.files).length === 0) return false;
  for (const [rel, want] of Object.entries(rec.files)) {
    const p = join(guests, rel);
    try {
      if (statSync(p).size !== want.size) return false;
    } catch {
      return false;
    }
    if (sha256File(p) !== want.sha256) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The mirror: read from the system's apt sources

export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  /** Signed-By as written: a keyring path, fingerprints, or an inline key (several lines) */
  signedBy?: string;
}

/** The stanzas of a deb822 .sources file (disabled ones left out). */
export function parseDeb822Sources(text: string): AptSource[] {
  const out: AptSource[] = [];
  const stanzas = text.split(/\n[ \t]*\n/);
  for (const stanza of stanzas) {
    const fields = new Map<string, string>();
    let key: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^[ \t]/.test(line)) {
        if (key !== undefined && line.trim() !== '') fields.set(key, `${fields.get(key)}\n${line}`);
        continue;
      }
      const m = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
      if (!m) continue;
      key = m[1].toLowerCase();
      fields.set(key, m[2].trim());
    }
    if (!fields.has('uris') || (fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    const list = (k: string) => (fields.get(k) ?? '').split(/\s+/).filter(Boolean);
    out.push({ types: list('types'), uris: list('uris'), suites: list('suites'), components: list('components'), signedBy: fields.get('signed-by') });
  }
  return out;
}

/** The entries of a one-line-style sources.list. */
export function parseOneLineSources(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const opts = new Map((m[2] ?? '').trim().split(/\s+/).filter(Boolean).map((o) => o.split('=', 2) as [string, string]));
    out.push({ types: [m[1]], uris: [m[3]], suites: [m[4]], components: m[5].split(/\s+/).filter(Boolean), signedBy: opts.get('signed-by') });
  }
  return out;
}

export interface DebianMirror {
  uri: string;
  signedBy?: string;
}

/**
 * The Debian mirror of the system's apt sources: the first `deb` entry with the main component
 * and a release suite (not -security, -updates, -backports). $RVISOR_DEBIAN_MIRROR overrides it.
 */
export function hostDebianMirror(etcApt = '/etc/apt'): DebianMirror {
  const override = process.env.RVISOR_DEBIAN_MIRROR;
  if (!override) return systemDebianMirror(etcApt);
  try {
    return { uri: override, signedBy: systemDebianMirror(etcApt).signedBy }; // the system's keyring, if any
  } catch {
    return { uri: override };
  }
}

function systemDebianMirror(etcApt: string): DebianMirror {
  const sources: AptSource[] = [];
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const main = read(join(etcApt, 'sources.list'));
  if (main) sources.push(...parseOneLineSources(main));
  let parts: string[] = [];
  try {
    parts = readdirSync(join(etcApt, 'sources.list.d')).sort();
  } catch {
    // no such folder
  }
  for (const f of parts) {
    const text = read(join(etcApt, 'sources.list.d', f));
    if (text === undefined) continue;
    if (f.endsWith('.sources')) sources.push(...parseDeb822Sources(text));
    else if (f.endsWith('.list')) sources.push(...parseOneLineSources(text));
  }
  const releaseSuite = (s: string) => !/[-/](security|updates|backports|proposed-updates|backports-sloppy)$/.test(s);
  for (const s of sources) {
    if (!s.types.includes('deb') || !s.components.includes('main') || !s.suites.some(releaseSuite)) continue;
    const uri = s.uris.find((u) => /^(https?|file|mirror\+https?):/.test(u));
    if (uri) return { uri, signedBy: s.signedBy };
  }
  throw new GuestImagesError(
    `no Debian mirror found in ${etcApt}/sources.list or ${etcApt}/sources.list.d/ (a "deb" entry with component main); set RVISOR_DEBIAN_MIRROR to a Debian mirror's URI`,
  );
}

// ---------------------------------------------------------------------------------------------
// Running tools

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GuestImagesError(`cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The lines of apt's output worth showing when it failed. */
function aptErrors(r: RunResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim());
  for (const re of [/^(E:|W: Failed to fetch)/, /^(W:|Err:)/, /./]) {
    const hits = lines.filter((l) => re.test(l) && !/index files failed to download/.test(l));
    if (hits.length) return hits.slice(0, 3).join(' | ');
  }
  return `exit status ${r.code}`;
}

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, cmd))) return true;
  }
  return false;
}

function requireTools(): void {
  const missing = [
    ['apt-get', 'apt'],
    ['apt-cache', 'apt'],
    ['dpkg', 'dpkg'],
    ['xz', 'xz-utils'],
  ].filter(([c]) => !onPath(c));
  if (missing.length) {
    throw new GuestImagesError(
      `the guest images are made with Debian's tools, and ${missing.map(([c]) => c).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (Debian packages: ${[...new Set(missing.map(([, p]) => p))].join(' ')})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The private apt configuration

class PrivateApt {
  private updated = false;
  private readonly opts: string[];

  constructor(
    private readonly dir: string,
    private readonly mirror: DebianMirror,
    private readonly log: (line: string) => void,
  ) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    this.opts = [
      ['Dir::Etc::SourceList', join(dir, 'sources.list')],
      ['Dir::Etc::SourceParts', join(dir, 'sources.list.d')],
      ['Dir::Etc::Preferences', '/dev/null'],
      ['Dir::Etc::PreferencesParts', '/dev/null'],
      ['Dir::State::Lists', join(dir, 'lists')],
      ['Dir::State::Status', '/dev/null'],
      ['Dir::Cache', join(dir, 'cache')],
      ['APT::Architecture', 'riscv64'],
      ['APT::Architectures', 'riscv64,all'],
      ['Acquire::Languages', 'none'],
      ['Acquire::Retries', '3'],
      // as root, apt would drop to the _apt user, who cannot write into a private folder in a home
      ...(isRoot ? [['APT::Sandbox::User', 'root']] : []),
    ].flatMap(([k, v]) => ['-o', `${k}=${v}`]);
  }

  private writeSources(): void {
    for (const d of ['sources.list.d', 'lists/partial', 'cache/archives/partial']) mkdirSync(join(this.dir, d), { recursive: true });
    writeFileSync(join(this.dir, 'sources.list'), '# rvisor: see sources.list.d/rvisor.sources\n');
    const signed = this.mirror.signedBy ? `Signed-By: ${this.mirror.signedBy}\n` : '';
    const stanza = (suite: string, arch: string) =>
      `Types: deb\nURIs: ${this.mirror.uri}\nSuites: ${suite}\nComponents: main\nArchitectures: ${arch}\n${signed}`;
    writeFileSync(
      join(this.dir, 'sources.list.d', 'rvisor.sources'),
      `# Written by rvisor (src/node/images.ts) from the system's apt sources; used only through\n# rvisor's private apt configuration.\n${stanza(KERNEL_SUITE, 'riscv64')}\n${stanza(FIRMWARE_SUITE, 'all')}`,
    );
  }

  /** apt-get update of the private lists (once per process run of ensureGuestImages). */
  async update(): Promise<void> {
    if (this.updated) return;
    this.writeSources();
    this.log(`rvisor: reading Debian's package index (${KERNEL_SUITE} riscv64, ${FIRMWARE_SUITE} all) … (first run only)`);
    const r = await run('apt-get', [...this.opts, '-q', 'update']);
    // apt-get update exits 0 even when a source failed; a W:/E: about our sources is a failure
    if (r.code !== 0 || /^(E:|W: Failed to fetch|Err:)/m.test(`${r.stdout}\n${r.stderr}`)) {
      throw new GuestImagesError(`apt-get update of rvisor's private package lists failed (mirror ${this.mirror.uri}): ${aptErrors(r)}`);
    }
    this.updated = true;
  }

  async cache(args: string[]): Promise<string> {
    const r = await run('apt-cache', [...this.opts, ...args]);
    if (r.code !== 0) throw new GuestImagesError(`apt-cache ${args.join(' ')} failed: ${aptErrors(r)}`);
    return r.stdout;
  }

  /** The index record of `spec` (a name, name=version or name/suite). */
  async show(spec: string): Promise<Record<string, string>> {
    const text = await this.cache(['show', '--no-all-versions', spec]);
    const rec: Record<string, string> = {};
    let key = '';
    for (const line of text.split('\n')) {
      if (line === '') {
        if (Object.keys(rec).length) break;
        continue;
      }
      if (/^\s/.test(line)) {
        if (key) rec[key] += '\n' + line.trim();
        continue;
      }
      const i = line.indexOf(':');
      if (i > 0) {
        key = line.slice(0, i);
        rec[key] = line.slice(i + 1).trim();
      }
    }
    if (!rec.Package || !rec.Version) throw new GuestImagesError(`the package index has no ${spec}`);
    return rec;
  }

  /** Downloads `spec` into `into` (an empty folder); returns the .deb and its record. */
  async download(spec: string, suite: string, into: string): Promise<{ deb: string; record: PackageRecord }> {
    await this.update();
    const info = await this.show(spec);
    const size = Number(info.Size);
    this.log(`rvisor: downloading ${info.Package} ${info.Version} (${(size / 1e6).toFixed(1)} MB) … (first run only)`);
    const r = await run('apt-get', [...this.opts, '-q', 'download', `${info.Package}=${info.Version}`], into);
    const debs = readdirSync(into).filter((f) => f.endsWith('.deb'));
    if (r.code !== 0 || debs.length !== 1) throw new GuestImagesError(`apt-get download ${info.Package}=${info.Version} failed: ${aptErrors(r)}`);
    const deb = join(into, debs[0]);
    const sha256 = sha256File(deb);
    if (info.SHA256 && sha256 !== info.SHA256) throw new GuestImagesError(`${debs[0]}: SHA-256 ${sha256} differs from the index's ${info.SHA256}`);
    return { deb, record: { package: info.Package, version: info.Version, architecture: info.Architecture ?? '', suite, sha256, size: statSync(deb).size } };
  }
}

/** linux-image-6.12.N+debM-riscv64: the meta package's dependency, else the newest such name. */
async function resolveKernelPackage(apt: PrivateApt): Promise<string> {
  await apt.update();
  try {
    const meta = await apt.show(KERNEL_META);
    for (const alt of (meta.Depends ?? '').split(/[,|]/)) {
      const name = alt.trim().split(/\s/)[0];
      if (KERNEL_PACKAGE.test(name)) return name;
    }
  } catch {
    // no meta package: look at the names
  }
  const names = (await apt.cache(['pkgnames', 'linux-image-6.12.'])).split('\n').filter((n) => KERNEL_PACKAGE.test(n));
  const sublevel = (n: string) => Number(/^linux-image-6\.12\.(\d+)/.exec(n)?.[1] ?? -1);
  names.sort((a, b) => sublevel(b) - sublevel(a) || (a < b ? 1 : -1));
  if (!names.length) throw new GuestImagesError(`Debian ${KERNEL_SUITE} (riscv64) lists no linux-image-6.12.*-riscv64 package`);
  return names[0];
}

async function extractDeb(deb: string, into: string): Promise<void> {
  const r = await run('dpkg', ['-x', deb, into]);
  if (r.code !== 0) throw new GuestImagesError(`dpkg -x ${basename(deb)} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`);
}

function firstExisting(root: string, candidates: string[], what: string): string {
  for (const c of candidates) if (existsSync(join(root, c))) return join(root, c);
  throw new GuestImagesError(`the package has no ${what} (looked for ${candidates.join(', ')})`);
}

// ---------------------------------------------------------------------------------------------
// Kernel modules: .modinfo, xz, modules.dep

export interface ModuleInfo {
  /** the module's name (name=, else the file name with - as _) */
  name: string;
  /** its path relative to lib/modules/<release>, e.g. kernel/fs/ext4/ext4.ko.xz */
  path: string;
  depends: string[];
  softdepPre: string[];
  softdepPost: string[];
  aliases: string[];
}

/** The key=value strings of a module's .modinfo section (ELF64 little-endian relocatable). */
export function readModinfo(elf: Uint8Array): [string, string][] {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  if (elf.length < 64 || dv.getUint32(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) throw new GuestImagesError('not an ELF64 little-endian file');
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  if (shoff + shnum * shentsize > elf.length || shstrndx >= shnum) throw new GuestImagesError('section headers out of the file');
  const sec = (i: number) => {
    const at = shoff + i * shentsize;
    return { name: dv.getUint32(at, true), offset: Number(dv.getBigUint64(at + 0x18, true)), size: Number(dv.getBigUint64(at + 0x20, true)) };
  };
  const strtab = sec(shstrndx);
  const dec = new TextDecoder();
  const cstr = (at: number) => {
    let end = at;
    while (end < elf.length && elf[end] !== 0) end++;
    return dec.decode(elf.subarray(at, end));
  };
  for (let i = 0; i < shnum; i++) {
    const s = sec(i);
    if (cstr(strtab.offset + s.name) !== '.modinfo') continue;
    if (s.offset + s.size > elf.length) throw new GuestImagesError('.modinfo out of the file');
    return dec
      .decode(elf.subarray(s.offset, s.offset + s.size))
      .split('\0')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]);
  }
  return [];
}

/** Module names treat - and _ alike; the kernel and depmod use _. */
export const normalizeModuleName = (n: string): string => n.replace(/-/g, '_');

export function moduleInfo(path: string, modinfo: [string, string][]): ModuleInfo {
  const get = (k: string) => modinfo.filter(([key]) => key === k).map(([, v]) => v);
  const fileName = normalizeModuleName(basename(path).replace(/\.ko(\.xz)?$/, ''));
  const info: ModuleInfo = {
    name: get('name')[0] ?? fileName,
    path,
    depends: get('depends').flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean),
    softdepPre: [],
    softdepPost: [],
    aliases: get('alias'),
  };
  for (const sd of get('softdep')) {
    let into: string[] | undefined;
    for (const word of sd.split(/\s+/).filter(Boolean)) {
      if (word === 'pre:') into = info.softdepPre;
      else if (word === 'post:') into = info.softdepPost;
      else into?.push(word);
    }
  }
  return info;
}

/** Lengths of the decompressed files, from `xz --robot --list`. */
async function xzSizes(cwd: string, files: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500);
    const r = await run('xz', ['--robot', '--list', '--', ...chunk], cwd);
    if (r.code !== 0) throw new GuestImagesError(`xz --list failed: ${r.stderr.trim().split('\n')[0]}`);
    let name = '';
    for (const line of r.stdout.split('\n')) {
      const f = line.split('\t');
      if (f[0] === 'name') name = f[1];
      else if (f[0] === 'file') sizes.set(name, Number(f[4]));
    }
  }
  for (const f of files) if (!sizes.has(f)) throw new GuestImagesError(`xz --list did not describe ${f}`);
  return sizes;
}

/** Decompresses `files` (relative to cwd) with one `xz -dc` per 500 and hands each to `each`. */
async function xzEach(cwd: string, files: string[], each: (file: string, data: Uint8Array) => void): Promise<void> {
  const sizes = await xzSizes(cwd, files);
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('xz', ['-dc', '--', ...chunk], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let k = 0;
      let parts: Buffer[] = [];
      let have = 0;
      let failed: Error | undefined;
      const err: Buffer[] = [];
      const drain = () => {
        while (k < chunk.length && have >= sizes.get(chunk[k])!) {
          const need = sizes.get(chunk[k])!;
          const all = parts.length === 1 ? parts[0] : Buffer.concat(parts);
          try {
            each(chunk[k], all.subarray(0, need));
          } catch (e) {
            failed ??= new GuestImagesError(`${chunk[k]}: ${(e as Error).message}`);
          }
          parts = need < all.length ? [all.subarray(need)] : [];
          have -= need;
          k++;
        }
      };
      child.stdout.on('data', (b: Buffer) => {
        parts.push(b);
        have += b.length;
        drain();
      });
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => reject(new GuestImagesError(`cannot run xz: ${e.message}`)));
      child.on('close', (code) => {
        drain();
        if (failed) reject(failed);
        else if (code !== 0 || k !== chunk.length || have !== 0) reject(new GuestImagesError(`xz -dc failed: ${Buffer.concat(err).toString().trim().split('\n')[0] || `exit status ${code}`}`));
        else resolve();
      });
    });
  }
}

function listModules(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listModules(dir, p));
    else if (/\.ko(\.xz)?$/.test(e.name) && !(e.name.endsWith('.ko') && existsSync(join(dir, `${p}.xz`)))) out.push(p);
  }
  return out.sort();
}

/** Reads the .modinfo of every module under `modulesDir` (two xz processes at once). */
async function scanModules(modulesDir: string): Promise<ModuleInfo[]> {
  const files = listModules(modulesDir).filter((f) => f.startsWith('kernel/'));
  const xz = files.filter((f) => f.endsWith('.xz'));
  const infos = new Map<string, ModuleInfo>();
  for (const f of files.filter((f) => !f.endsWith('.xz'))) infos.set(f, moduleInfo(f, readModinfo(readFileSync(join(modulesDir, f)))));
  const half = Math.ceil(xz.length / 2);
  await Promise.all(
    [xz.slice(0, half), xz.slice(half)].map((part) => xzEach(modulesDir, part, (f, data) => infos.set(f, moduleInfo(f, readModinfo(data))))),
  );
  return files.map((f) => infos.get(f)!);
}

/** modules.dep, modules.alias and modules.softdep as depmod writes them. */
export function depmodFiles(modules: ModuleInfo[], order: string[] = []): { dep: string; alias: string; softdep: string } {
  const byName = new Map(modules.map((m) => [normalizeModuleName(m.name), m]));
  const rank = new Map(order.map((p, i) => [p.replace(/\.xz$/, ''), i]));
  const sorted = [...modules].sort((a, b) => {
    const ra = rank.get(a.path.replace(/\.xz$/, '')) ?? Infinity;
    const rb = rank.get(b.path.replace(/\.xz$/, '')) ?? Infinity;
    return ra - rb || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  });
  const closure = (m: ModuleInfo): ModuleInfo[] => {
    const seen = new Set<ModuleInfo>();
    const out: ModuleInfo[] = [];
    const visit = (x: ModuleInfo) => {
      for (const d of x.depends) {
        const dm = byName.get(normalizeModuleName(d));
        if (dm && !seen.has(dm)) {
          seen.add(dm);
          visit(dm);
          out.push(dm); // dependencies before what needs them
        }
      }
    };
    visit(m);
    return out.reverse(); // modprobe loads the list from its end
  };
  const dep = sorted.map((m) => `${m.path}:${closure(m).map((d) => ` ${d.path}`).join('')}\n`).join('');
  const alias =
    '# Aliases extracted from modules themselves.\n' +
    sorted.flatMap((m) => m.aliases.map((a) => `alias ${a} ${normalizeModuleName(m.name)}\n`)).join('');
  const softdep =
    '# Soft dependencies extracted from modules themselves.\n' +
    sorted
      .filter((m) => m.softdepPre.length || m.softdepPost.length)
      .map((m) => `softdep ${normalizeModuleName(m.name)}${m.softdepPre.length ? ` pre: ${m.softdepPre.join(' ')}` : ''}${m.softdepPost.length ? ` post: ${m.softdepPost.join(' ')}` : ''}\n`)
      .join('');
  return { dep, alias, softdep };
}

/** What modules.dep, modules.alias, modules.softdep and modules.builtin say, for load planning. */
export interface ModuleIndex {
  /** module name → its path and the paths of its dependencies in modules.dep's order */
  modules: Map<string, { path: string; deps: string[] }>;
  aliases: { pattern: string; module: string }[];
  softdeps: Map<string, { pre: string[]; post: string[] }>;
  builtin: Set<string>;
}

const nameOfPath = (p: string) => normalizeModuleName(basename(p).replace(/\.ko(\.xz|\.zst|\.gz)?$/, ''));

export function parseModuleIndex(files: { dep: string; alias?: string; softdep?: string; builtin?: string }): ModuleIndex {
  const index: ModuleIndex = { modules: new Map(), aliases: [], softdeps: new Map(), builtin: new Set() };
  for (const line of files.dep.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const path = line.slice(0, i).trim();
    index.modules.set(nameOfPath(path), { path, deps: line.slice(i + 1).split(/\s+/).filter(Boolean) });
  }
  for (const line of (files.alias ?? '').split('\n')) {
    const m = /^alias\s+(\S+)\s+(\S+)/.exec(line);
    if (m) index.aliases.push({ pattern: m[1], module: normalizeModuleName(m[2]) });
  }
  for (const line of (files.softdep ?? '').split('\n')) {
    const m = /^softdep\s+(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const sd = { pre: [] as string[], post: [] as string[] };
    let into: string[] | undefined;
    for (const w of m[2].split(/\s+/).filter(Boolean)) {
      if (w === 'pre:') into = sd.pre;
      else if (w === 'post:') into = sd.post;
      else into?.push(w);
    }
    index.softdeps.set(normalizeModuleName(m[1]), sd);
  }
  for (const line of (files.builtin ?? '').split('\n')) if (line.trim()) index.builtin.add(nameOfPath(line.trim()));
  return index;
}

/** fnmatch-style match of a module alias pattern (*, ?, [...]). */
function aliasMatches(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(name);
}

/**
 * The module files to insmod, in order, for `names` (module names or aliases), as modprobe
 * would: each module's soft "pre:" dependencies, its modules.dep dependencies (from the end of
 * the list), itself, then its "post:" dependencies. Built-in modules are skipped; a name that is
 * neither a module, an alias nor built in throws.
 */
export function moduleLoadOrder(index: ModuleIndex, names: readonly string[]): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const byPath = new Map([...index.modules.values()].map((m) => [m.path, m]));
  const resolve = (name: string, optional: boolean): string[] => {
    const n = normalizeModuleName(name);
    if (index.modules.has(n)) return [n];
    if (index.builtin.has(n)) return [];
    const hits = index.aliases.filter((a) => aliasMatches(normalizeModuleName(a.pattern), n)).map((a) => a.module);
    if (hits.length) return [...new Set(hits)].filter((h) => index.modules.has(h));
    if (optional) return [];
    throw new GuestImagesError(`no kernel module or alias named ${name}`);
  };
  const load = (name: string, stack: string[]) => {
    if (done.has(name) || stack.includes(name)) return;
    const m = index.modules.get(name)!;
    const sd = index.softdeps.get(name);
    for (const pre of sd?.pre ?? []) for (const x of resolve(pre, true)) load(x, [...stack, name]);
    for (const dep of [...m.deps].reverse()) {
      const dn = nameOfPath(dep);
      if (!done.has(dn)) {
        if (byPath.has(dep) || index.modules.has(dn)) load(dn, [...stack, name]);
      }
    }
    if (!done.has(name)) {
      done.add(name);
      order.push(m.path);
    }
    for (const post of sd?.post ?? []) for (const x of resolve(post, true)) load(x, [...stack, name]);
  };
  for (const n of names) for (const x of resolve(n, false)) load(x, []);
  return order;
}

// ---------------------------------------------------------------------------------------------
// The initramfs (no Node APIs below this line until the next section: it could run in a page)

export interface InitramfsModule {
  /** path relative to lib/modules/<release>, ending in .ko (decompressed) */
  path: string;
  data: Uint8Array;
}

/** A module asked for by name, with the files to insmod for it (its dependencies first). */
export interface ModuleGroup {
  name: string;
  /** paths relative to lib/modules/<release> */
  paths: string[];
}

/**
 * The /init script: mounts proc, sysfs and devtmpfs, insmods the groups' modules, prints
 * INITRAMFS_READY_MARKER and starts a shell on the console. `rvisor.modules=a,b` on the kernel
 * command line loads only the groups named (`rvisor.modules=none`: none), since loading modules
 * is the slow part of the boot (ext4 alone is about 1 G instructions).
 */
export function initScript(kernelRelease: string, groups: ModuleGroup[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cases = groups
    .map((g) => {
      const loads = g.paths.map((p) => `load ${q(p)}`).join('; ');
      const id = VIRTIO_DEVICE_MODULES[g.name];
      return id
        ? `case $want in *,${g.name},*) grep -qx ${id} /sys/bus/virtio/devices/*/device 2>/dev/null && { ${loads}; } ;; esac`
        : `case $want in *,${g.name},*) ${loads} ;; esac`;
    })
    .join('\n');
  return `#!/bin/busybox sh
# /init of rvisor's busybox initramfs (written by src/node/images.ts): mounts proc, sysfs and
# devtmpfs, loads kernel modules (all below, or those named by rvisor.modules=a,b|none on the
# kernel command line) and starts a shell on the console.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
want=,${groups.map((g) => g.name).join(',')},
read -r cmdline < /proc/cmdline
for a in $cmdline; do
	case $a in rvisor.modules=*) want=,\${a#rvisor.modules=}, ;; esac
done
loaded=' '
load() {
	case $loaded in *" $1 "*) return ;; esac
	loaded="$loaded$1 "
	insmod "$1" || echo "rvisor: insmod $1 failed"
}
cd /lib/modules/${q(kernelRelease)}
${cases}
cd /
echo "${INITRAMFS_READY_MARKER}"
exec setsid cttyhack sh
`;
}

/**
 * A busybox initramfs: /bin/busybox (its applets are linked by /init at boot), /init, /dev/console,
 * /etc/passwd, the given modules under /lib/modules/<release>/ with modules.dep (and, if given,
 * modules.alias and modules.softdep) for busybox's modprobe. Deterministic.
 */
export function makeInitramfs(parts: {
  busybox: Uint8Array;
  kernelRelease: string;
  modules: InitramfsModule[];
  /** what /init loads, in order (default: each module by itself, in the order of `modules`) */
  groups?: ModuleGroup[];
  modulesDep?: string;
  modulesAlias?: string;
  modulesSoftdep?: string;
  /** more files, e.g. { path: 'root/test.sh', data, mode: 0o755 } */
  extra?: { path: string; data: Uint8Array; mode?: number }[];
}): Uint8Array {
  const enc = new TextEncoder();
  const cpio = new CpioWriter();
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'proc', 'sys', 'dev', 'run', 'mnt', 'lib/modules']) cpio.dir(d);
  cpio.dir('root', 0o700).dir('tmp', 0o1777);
  cpio.device('dev/console', 0o600, 5, 1, 'c');
  cpio.file('bin/busybox', parts.busybox, 0o755);
  cpio.symlink('bin/sh', 'busybox');
  cpio.file('etc/passwd', enc.encode('root::0:0:root:/root:/bin/sh\n'));
  cpio.file('etc/group', enc.encode('root:x:0:\n'));
  const base = `lib/modules/${parts.kernelRelease}`;
  cpio.dir(base);
  for (const m of parts.modules) cpio.file(`${base}/${m.path}`, m.data);
  const included = new Set(parts.modules.map((m) => m.path));
  const keep = (text: string | undefined, f: (line: string) => boolean) =>
    (text ?? '')
      .split('\n')
      .filter((l) => l && (l.startsWith('#') || f(l)))
      .map((l) => `${l}\n`)
      .join('');
  const names = new Set(parts.modules.map((m) => nameOfPath(m.path)));
  // modules.dep names the files as they are in the initramfs (.ko)
  const dep = keep(parts.modulesDep?.replace(/\.ko\.xz\b/g, '.ko'), (l) => included.has(l.slice(0, l.indexOf(':'))));
  cpio.file(`${base}/modules.dep`, enc.encode(dep || parts.modules.map((m) => `${m.path}:\n`).join('')));
  if (parts.modulesAlias) cpio.file(`${base}/modules.alias`, enc.encode(keep(parts.modulesAlias, (l) => names.has(normalizeModuleName(l.split(/\s+/)[2] ?? '')))));
  if (parts.modulesSoftdep) cpio.file(`${base}/modules.softdep`, enc.encode(keep(parts.modulesSoftdep, (l) => names.has(normalizeModuleName(l.split(/\s+/)[1] ?? '')))));
  for (const x of parts.extra ?? []) cpio.file(x.path, x.data, x.mode ?? 0o644);
  cpio.file('init', enc.encode(initScript(parts.kernelRelease, parts.groups ?? parts.modules.map((m) => ({ name: nameOfPath(m.path), paths: [m.path] })))), 0o755);
  return cpio.finish();
}

// ---------------------------------------------------------------------------------------------
// The lock

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withLock<T>(dir: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  const owner = join(lock, 'owner');
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, `${process.pid} ${hostname()}\n`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // held: by a process that is gone (same host), or for too long, means stale
    let stale = false;
    try {
      const [pid, host] = readFileSync(owner, 'utf8').trim().split(' ');
      stale = host === hostname() && !alive(Number(pid));
    } catch {
      try {
        stale = Date.now() - statSync(lock).mtimeMs > 120_000; // made but never claimed
      } catch {
        continue; // just released
      }
    }
    if (stale) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!said) log(`rvisor: waiting for another process that is preparing the guest images in ${dir} …`);
    said = true;
    if (Date.now() - started > 30 * 60_000) throw new GuestImagesError(`gave up waiting for the lock ${lock} after 30 minutes; remove it if no rvisor process is running`);
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// ensureGuestImages

function pathsOf(guests: string, m: Manifest, cacheDir: string): GuestImages {
  const p = (rel: string) => join(guests, rel);
  const pkg = (role: StepName) => m.steps[role]!.package!;
  return {
    kernel: p(F.image),
    initrd: p(F.initrd),
    opensbi: {
      fw_dynamic_bin: p(F.opensbi('fw_dynamic.bin')),
      fw_dynamic_elf: p(F.opensbi('fw_dynamic.elf')),
      fw_jump_bin: p(F.opensbi('fw_jump.bin')),
      fw_jump_elf: p(F.opensbi('fw_jump.elf')),
    },
    uboot: {
      mmode: p(F.uboot('qemu-riscv64', 'u-boot.bin')),
      smode: p(F.uboot('qemu-riscv64_smode', 'u-boot.bin')),
      mmodeElf: p(F.uboot('qemu-riscv64', 'uboot.elf')),
      smodeElf: p(F.uboot('qemu-riscv64_smode', 'uboot.elf')),
    },
    modulesDir: p(F.modules),
    kernelRelease: m.steps.kernel!.kernelRelease!,
    packages: { kernel: pkg('kernel'), busybox: pkg('busybox'), opensbi: pkg('opensbi'), uboot: pkg('uboot') },
    cacheDir,
  };
}

/** The recipe each step's outputs must have been made with, given the records of earlier steps. */
function recipeOf(step: StepName, m: Manifest): string | undefined {
  const s = m.steps;
  switch (step) {
    case 'kernel':
    case 'busybox':
    case 'opensbi':
    case 'uboot':
      return `${step}@${CACHE_FORMAT}`;
    case 'modules-index':
      return s.kernel?.package ? `index@${CACHE_FORMAT}:${s.kernel.package.sha256}` : undefined;
    case 'initrd':
      if (!s.kernel?.package || !s.busybox?.package || !s['modules-index']) return undefined;
      return `initrd@${CACHE_FORMAT}:${sha256Text(
        [s.kernel.package.sha256, s.busybox.package.sha256, s['modules-index'].recipe, INITRAMFS_MODULES.join(','), initScript('R', [{ name: 'N', paths: ['M'] }])].join('\n'),
      )}`;
  }
}

const STEPS: StepName[] = ['kernel', 'modules-index', 'busybox', 'opensbi', 'uboot', 'initrd'];

function stepValid(guests: string, m: Manifest, step: StepName): boolean {
  const rec = m.steps[step];
  return !!rec && rec.recipe === recipeOf(step, m) && filesIntact(guests, rec) && (step !== 'kernel' || existsSync(join(guests, F.modules, 'kernel')));
}

/**
 * Makes sure the guest images are in the cache (downloading and building what is missing or
 * damaged, one progress line per step on stderr) and returns their paths.
 */
export async function ensureGuestImages(options: EnsureGuestImagesOptions = {}): Promise<GuestImages> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const guests = join(cacheDir, 'guests');
  const quick = readManifest(guests);
  if (STEPS.every((s) => stepValid(guests, quick, s))) return pathsOf(guests, quick, cacheDir);

  mkdirSync(guests, { recursive: true });
  return withLock(guests, log, async () => {
    const m = readManifest(guests); // another process may have done it meanwhile
    for (const e of readdirSync(guests)) if (e.startsWith('.tmp-')) rmSync(join(guests, e), { recursive: true, force: true });
    let apt: PrivateApt | undefined;
    const getApt = () => {
      requireTools();
      apt ??= new PrivateApt(join(cacheDir, 'apt'), hostDebianMirror(), log);
      return apt;
    };
    const fail = (e: unknown): never => {
      const msg = e instanceof Error ? e.message : String(e);
      throw new GuestImagesError(`rvisor: cannot prepare the guest images in ${guests}: ${msg.replace(/^rvisor: /, '')}`);
    };
    for (const step of STEPS) {
      if (stepValid(guests, m, step)) continue;
      const tmp = join(guests, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
      mkdirSync(tmp);
      try {
        m.steps[step] = await runStep(step, { guests, tmp, m, apt: getApt, log });
        m.steps[step]!.recipe = recipeOf(step, m)!;
        writeManifest(guests, m);
      } catch (e) {
        fail(e);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    return pathsOf(guests, m, cacheDir);
  });
}

interface StepContext {
  guests: string;
  tmp: string;
  m: Manifest;
  apt: () => PrivateApt;
  log: (line: string) => void;
}

/** Moves `from` (a file or folder in the tmp folder) to `rel` in the cache, replacing what is there. */
function install(ctx: StepContext, from: string, rel: string): void {
  const to = join(ctx.guests, rel);
  mkdirSync(dirname(to), { recursive: true });
  if (existsSync(to)) renameSync(to, join(ctx.tmp, `old-${randomBytes(4).toString('hex')}`));
  renameSync(from, to);
}

function record(ctx: StepContext, rels: string[], extra: Partial<StepRecord> = {}): StepRecord {
  const files: Record<string, FileRecord> = {};
  for (const r of rels) files[r] = fileRecord(join(ctx.guests, r));
  return { recipe: '', files, ...extra };
}

async function runStep(step: StepName, ctx: StepContext): Promise<StepRecord> {
  const { tmp } = ctx;
  const dl = join(tmp, 'deb');
  const x = join(tmp, 'x');
  mkdirSync(dl);
  switch (step) {
    case 'kernel': {
      const apt = ctx.apt();
      const name = await resolveKernelPackage(apt);
      const { deb, record: pkg } = await apt.download(name, KERNEL_SUITE, dl);
      await extractDeb(deb, x);
      rmSync(deb);
      const modRoot = firstExisting(x, ['usr/lib/modules', 'lib/modules'], 'lib/modules folder');
      const releases = readdirSync(modRoot);
      if (releases.length !== 1) throw new GuestImagesError(`${name} has ${releases.length} module folders, expected one`);
      const release = releases[0];
      const out = join(tmp, 'kernel');
      mkdirSync(out);
      renameSync(firstExisting(x, [`boot/vmlinux-${release}`, `boot/vmlinuz-${release}`], 'kernel image'), join(out, 'Image'));
      renameSync(firstExisting(x, [`boot/config-${release}`], 'kernel config'), join(out, 'config'));
      renameSync(join(modRoot, release), join(out, 'modules'));
      install(ctx, out, 'kernel');
      return record(ctx, [F.image, F.config, `${F.modules}/modules.order`], { package: pkg, kernelRelease: release });
    }
    case 'modules-index': {
      ctx.log('rvisor: reading the kernel modules (.modinfo) to make modules.dep … (first run only)');
      requireTools();
      const dir = join(ctx.guests, F.modules);
      const modules = await scanModules(dir);
      let order: string[] = [];
      try {
        order = readFileSync(join(dir, 'modules.order'), 'utf8').split('\n').filter(Boolean);
      } catch {
        // no order file: alphabetical
      }
      const files = depmodFiles(modules, order);
      writeAtomic(join(ctx.guests, F.modulesDep), files.dep);
      writeAtomic(join(ctx.guests, F.modulesAlias), files.alias);
      writeAtomic(join(ctx.guests, F.modulesSoftdep), files.softdep);
      return record(ctx, [F.modulesDep, F.modulesAlias, F.modulesSoftdep]);
    }
    case 'busybox': {
      const { deb, record: pkg } = await ctx.apt().download('busybox-static', KERNEL_SUITE, dl);
      await extractDeb(deb, x);
      mkdirSync(join(tmp, 'busybox'));
      renameSync(firstExisting(x, ['usr/bin/busybox', 'bin/busybox'], 'busybox'), join(tmp, 'busybox/busybox'));
      install(ctx, join(tmp, 'busybox'), 'busybox');
      return record(ctx, [F.busybox], { package: pkg });
    }
    case 'opensbi': {
      const { deb, record: pkg } = await ctx.apt().download(`opensbi/${FIRMWARE_SUITE}`, FIRMWARE_SUITE, dl);
      await extractDeb(deb, x);
      const src = firstExisting(x, ['usr/lib/riscv64-linux-gnu/opensbi/generic'], 'OpenSBI generic platform folder');
      mkdirSync(join(tmp, 'opensbi'));
      for (const f of OPENSBI_FILES) copyFileSync(join(src, f), join(tmp, 'opensbi', f));
      install(ctx, join(tmp, 'opensbi'), 'opensbi');
      return record(ctx, OPENSBI_FILES.map(F.opensbi), { package: pkg });
    }
    case 'uboot': {
      const { deb, record: pkg } = await ctx.apt().download(`u-boot-qemu/${FIRMWARE_SUITE}`, FIRMWARE_SUITE, dl);
      await extractDeb(deb, x);
      const rels: string[] = [];
      for (const b of UBOOT_BUILDS) {
        const src = firstExisting(x, [`usr/lib/u-boot/${b}`], `U-Boot build ${b}`);
        mkdirSync(join(tmp, 'u-boot', b), { recursive: true });
        for (const f of UBOOT_FILES) {
          copyFileSync(join(src, f), join(tmp, 'u-boot', b, f));
          rels.push(F.uboot(b, f));
        }
      }
      install(ctx, join(tmp, 'u-boot'), 'u-boot');
      return record(ctx, rels, { package: pkg });
    }
    case 'initrd': {
      requireTools();
      const m = ctx.m;
      const release = m.steps.kernel!.kernelRelease!;
      ctx.log(`rvisor: making the initramfs (busybox, ${INITRAMFS_MODULES.join(', ')} and what they need) … (first run only)`);
      const dir = join(ctx.guests, F.modules);
      const text = (f: string) => {
        try {
          return readFileSync(join(dir, f), 'utf8');
        } catch {
          return '';
        }
      };
      const files = { dep: text('modules.dep'), alias: text('modules.alias'), softdep: text('modules.softdep'), builtin: text('modules.builtin') };
      const index = parseModuleIndex(files);
      const order = moduleLoadOrder(index, INITRAMFS_MODULES);
      const groups = INITRAMFS_MODULES.map((name) => ({ name, paths: moduleLoadOrder(index, [name]).map((p) => p.replace(/\.xz$/, '')) }));
      // decompress them next to their .ko.xz, and into the initramfs
      const data = new Map<string, Uint8Array>();
      const xzs = order.filter((p) => p.endsWith('.xz'));
      await xzEach(dir, xzs, (f, bytes) => data.set(f, new Uint8Array(bytes)));
      for (const p of order.filter((p) => !p.endsWith('.xz'))) data.set(p, readFileSync(join(dir, p)));
      const mods: InitramfsModule[] = order.map((p) => ({ path: p.replace(/\.xz$/, ''), data: data.get(p)! }));
      for (const mod of mods) writeAtomic(join(dir, mod.path), mod.data);
      const image = makeInitramfs({
        busybox: readFileSync(join(ctx.guests, F.busybox)),
        kernelRelease: release,
        modules: mods,
        groups,
        modulesDep: files.dep,
        modulesAlias: files.alias,
        modulesSoftdep: files.softdep,
      });
      writeAtomic(join(ctx.guests, F.initrd), image);
      return record(ctx, [F.initrd]);
    }
  }
}
