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
// One file per concern in this folder: apt-sources.ts (the mirror), private-apt.ts (apt-get
// download through a private configuration), deb.ts (unpacking), kernel-modules.ts and
// module-scan.ts (the module index), initramfs.ts (/init and the cpio), cache.ts and lock.ts
// (manifest, hashes, the lock folder); this file says what is fetched and runs the steps.
//
// Needs Debian's apt-get, apt-cache and dpkg, and xz (xz-utils) for the modules.

import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { hostDebianMirror } from './apt-sources';
import { CACHE_FORMAT, fileRecord, filesIntact, readManifest, sha256Text, writeAtomic, writeManifest, type FileRecord, type Manifest, type StepName, type StepRecord } from './cache';
import { extractDeb, firstExisting } from './deb';
import { GuestImagesError } from './error';
import { initScript, makeInitramfs, INITRAMFS_READY_MARKER, type InitramfsModule } from './initramfs';
import { depmodFiles, moduleLoadOrder, parseModuleIndex } from './kernel-modules';
import { withLock } from './lock';
import { scanModules, xzEach } from './module-scan';
import { PrivateApt, type PackageRecord } from './private-apt';
import { requireTools } from './tools';

export { GuestImagesError } from './error';
export { parseDeb822Sources, parseOneLineSources, hostDebianMirror, type AptSource, type DebianMirror } from './apt-sources';
export type { PackageRecord } from './private-apt';
export {
  readModinfo, normalizeModuleName, moduleInfo, depmodFiles, parseModuleIndex, moduleLoadOrder,
  type ModuleInfo, type ModuleIndex,
} from './kernel-modules';
export { INITRAMFS_READY_MARKER, initScript, makeInitramfs, type InitramfsModule, type ModuleGroup } from './initramfs';
export { ensureUserland, type UserlandImages } from './userland';

// ---------------------------------------------------------------------------------------------
// What is fetched

export const KERNEL_SUITE = 'trixie';
export const FIRMWARE_SUITE = 'bookworm';
const KERNEL_META = 'linux-image-riscv64';
/** linux-image-6.12.<n>+deb<m>-riscv64 (not the -dbg or -unsigned variants) */
const KERNEL_PACKAGE = /^linux-image-6\.12\.\d+[^\s]*-riscv64$/;

/** The modules the default initramfs loads (their dependencies come along). */
export const INITRAMFS_MODULES = ['virtio_mmio', 'virtio_blk', 'virtio_net', 'virtio_rng', 'ext4', 'virtio_balloon'] as const;

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

export interface EnsureGuestImagesOptions {
  /** the cache folder (default: $RVISOR_CACHE_DIR, else $XDG_CACHE_HOME/rvisor, else ~/.cache/rvisor) */
  cacheDir?: string;
  /** where the progress lines go (default: stderr) */
  log?: (line: string) => void;
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
      apt ??= new PrivateApt(join(cacheDir, 'apt'), hostDebianMirror(), log, [{ suite: KERNEL_SUITE, arch: 'riscv64' }, { suite: FIRMWARE_SUITE, arch: 'all' }]);
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
