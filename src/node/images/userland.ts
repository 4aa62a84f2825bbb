// Debian userland programs for the busybox guest (issue 12's in-guest benchmarks): a list of
// trixie riscv64 packages, their whole Depends/Pre-Depends closure (glibc too: the busybox
// initramfs is static busybox with nothing else), unpacked into one newc cpio, and an initramfs
// that is the busybox one followed by that cpio (the kernel unpacks concatenated newc archives
// in order). Cached in <cache>/userland under a name that hashes the package versions; a small
// manifest per requested package list lets a cached image be used without running apt at all.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CpioWriter, readCpio } from '../../loader/cpio';
import { hostDebianMirror } from './apt-sources';
import { fileRecord, filesIntact, sha256Text, writeAtomic, type StepRecord } from './cache';
import { extractDeb } from './deb';
import { GuestImagesError } from './error';
import { defaultCacheDir, ensureGuestImages, FIRMWARE_SUITE, KERNEL_SUITE, type EnsureGuestImagesOptions } from './index';
import { withLock } from './lock';
import { PrivateApt, type PackageRecord } from './private-apt';
import { requireTools } from './tools';

export interface UserlandImages {
  /** the busybox initramfs followed by the packages' cpio: pass it as the initrd */
  initrd: string;
  /** Debian's kernel Image (the same as ensureGuestImages' kernel) */
  kernel: string;
  /** every package unpacked, dependencies included, in the order they were resolved */
  packages: PackageRecord[];
}

/** Bumped when the layout of the userland cpio changes. */
const USERLAND_FORMAT = 1;

// Files no program reads at run time: leaving them out keeps the initramfs (guest RAM) small.
const SKIP = /^usr\/share\/(doc|man|info|lintian|locale|bug)(\/|$)/;

interface Manifest extends StepRecord {
  packages: PackageRecord[];
}

/** The packages, their dependency closure from Debian trixie riscv64, as one initramfs with busybox; downloads on first use. */
export async function ensureUserland(names: string[], options: EnsureGuestImagesOptions = {}): Promise<UserlandImages> {
  const base = await ensureGuestImages(options);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = join(cacheDir, 'userland');
  const request = [...new Set(names)].sort();
  // the combined initrd depends on the busybox one too
  const baseSha = fileRecord(base.initrd).sha256;
  const manifestPath = join(dir, `${request.join('+').replace(/[^A-Za-z0-9.+-]/g, '_')}.json`);
  const cached = (): UserlandImages | undefined => {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (m.recipe.startsWith(`${USERLAND_FORMAT}:${baseSha}:`) && filesIntact(dir, m)) {
        return { initrd: join(dir, Object.keys(m.files)[0]), kernel: base.kernel, packages: m.packages };
      }
    } catch {
      // none, or unreadable: build it
    }
    return undefined;
  };
  const hit = cached();
  if (hit) return hit;
  mkdirSync(dir, { recursive: true });
  return withLock(dir, log, async () => {
    const again = cached(); // another process may have built it meanwhile
    if (again) return again;
    const tmp = join(dir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(tmp);
    try {
      requireTools();
      // the same suites as ensureGuestImages: apt-get update rewrites the shared lists to match them
      const apt = new PrivateApt(join(cacheDir, 'apt'), hostDebianMirror(), log, [{ suite: KERNEL_SUITE, arch: 'riscv64' }, { suite: FIRMWARE_SUITE, arch: 'all' }]);
      await apt.update();
      const closure = await resolveClosure(apt, request);
      const versions = sha256Text(closure.map((p) => `${p.name}=${p.version}`).join('\n'));
      const recipe = `${USERLAND_FORMAT}:${baseSha}:${versions}`;
      const root = join(tmp, 'root');
      const packages: PackageRecord[] = [];
      for (const p of closure) {
        const dl = join(tmp, `deb-${p.name}`);
        mkdirSync(dl);
        const { deb, record } = await apt.download(`${p.name}=${p.version}`, KERNEL_SUITE, dl);
        await extractDeb(deb, root);
        rmSync(dl, { recursive: true });
        packages.push(record);
      }
      log(`rvisor: making the userland initramfs (${packages.length} packages) … (first run only)`);
      const baseBytes = readFileSync(base.initrd);
      const extra = userlandCpio(root, new Set(readCpio(baseBytes).map((e) => e.name)));
      const rel = `initrd-${sha256Text(recipe).slice(0, 16)}.cpio`;
      writeAtomic(join(dir, rel), Buffer.concat([baseBytes, extra]));
      const m: Manifest = { recipe, files: { [rel]: fileRecord(join(dir, rel)) }, packages };
      writeAtomic(manifestPath, JSON.stringify(m, null, 2) + '\n');
      return { initrd: join(dir, rel), kernel: base.kernel, packages };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new GuestImagesError(`rvisor: cannot prepare the userland packages ${request.join(', ')}: ${msg.replace(/^rvisor: /, '')}`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

interface IndexRecord {
  name: string;
  version: string;
  depends: string[][];
}

/** Parses apt-cache show output (several records) into name, version and dependency groups. */
function parseRecords(text: string): IndexRecord[] {
  const out: IndexRecord[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const field = (k: string) => new RegExp(`^${k}: *(.*)$`, 'm').exec(block)?.[1]?.trim();
    const name = field('Package');
    const version = field('Version');
    if (!name || !version) continue;
    const groups = [field('Pre-Depends'), field('Depends')]
      .filter((s): s is string => !!s)
      .flatMap((s) => s.split(','))
      // "a (>= 1) | b:any" → [a, b]; the index's candidate is what we take, whatever the version bound
      .map((g) => g.split('|').map((alt) => alt.trim().split(/[\s(:]/)[0]).filter(Boolean));
    out.push({ name, version, depends: groups });
  }
  return out;
}

/**
 * Breadth-first over Pre-Depends and Depends, one apt-cache call per level. Of `a | b` the first
 * alternative the index has as a real package is taken (a virtual one has no record of its own).
 */
async function resolveClosure(apt: PrivateApt, roots: string[]): Promise<{ name: string; version: string }[]> {
  const known = new Map<string, IndexRecord>();
  const absent = new Set<string>();
  const lookup = async (names: string[]) => {
    const want = [...new Set(names)].filter((n) => !known.has(n) && !absent.has(n));
    if (!want.length) return;
    // apt-cache show skips names it does not know, so absence is what is missing; it fails only
    // when it knows none of them
    let text = '';
    try {
      text = await apt.cache(['show', '--no-all-versions', ...want.map((n) => `${n}/${KERNEL_SUITE}`)]);
    } catch (e) {
      if (!/No packages found/.test(String(e))) throw e;
    }
    for (const r of parseRecords(text)) known.set(r.name, r);
    for (const n of want) if (!known.has(n)) absent.add(n);
  };
  await lookup(roots);
  const missing = roots.filter((n) => absent.has(n));
  if (missing.length) throw new GuestImagesError(`Debian ${KERNEL_SUITE} (riscv64) has no package ${missing.join(', ')}`);
  const order: string[] = [];
  let level = roots;
  while (level.length) {
    order.push(...level);
    const groups = level.flatMap((n) => known.get(n)!.depends);
    await lookup(groups.flat());
    const next = new Set<string>();
    for (const g of groups) {
      const pick = g.find((n) => known.has(n));
      if (!pick) throw new GuestImagesError(`no package in Debian ${KERNEL_SUITE} (riscv64) satisfies the dependency ${g.join(' | ')}`);
      if (!order.includes(pick)) next.add(pick);
    }
    level = [...next];
  }
  return order.map((n) => ({ name: n, version: known.get(n)!.version }));
}

/**
 * The unpacked packages as a newc archive to follow the busybox one. Debian trixie is /usr-merged
 * (/lib is a symlink to usr/lib there) but the busybox initramfs has real /bin, /sbin and /lib
 * folders, which the kernel will not replace by symlinks; so whatever a package has under /lib
 * etc. moves to /usr, and each entry of usr/lib (usr/bin, …) gets a symlink in /lib (/bin, …)
 * unless the busybox archive has that name: the ELF interpreter path
 * /lib/ld-linux-riscv64-lp64d.so.1 and ld.so's /lib/riscv64-linux-gnu then resolve.
 */
function userlandCpio(root: string, baseNames: Set<string>): Uint8Array {
  const cpio = new CpioWriter();
  const merged = ['bin', 'sbin', 'lib', 'lib64'];
  for (const top of merged) {
    const from = join(root, top);
    if (!existsSync(from) || lstatSync(from).isSymbolicLink()) continue;
    mkdirSync(join(root, 'usr', top), { recursive: true });
    for (const e of readdirSync(from)) renameSync(join(from, e), join(root, 'usr', top, e));
    rmSync(from, { recursive: true });
  }
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel)).sort()) {
      const r = rel ? `${rel}/${e}` : e;
      if (SKIP.test(r) || (!rel && merged.includes(e))) continue;
      const p = join(root, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) cpio.symlink(r, readlinkSync(p));
      else if (st.isDirectory()) {
        if (!baseNames.has(r)) cpio.dir(r, st.mode & 0o7777);
        walk(r);
      } else if (st.isFile()) cpio.file(r, readFileSync(p), st.mode & 0o7777);
    }
  };
  walk('');
  for (const top of merged) {
    const usr = join(root, 'usr', top);
    if (!existsSync(usr) || !statSync(usr).isDirectory()) continue;
    for (const e of readdirSync(usr).sort()) if (!baseNames.has(`${top}/${e}`)) cpio.symlink(`${top}/${e}`, `../usr/${top}/${e}`);
  }
  return cpio.finish();
}
