// rvisor's private apt configuration: its own sources, lists and cache under the cache folder
// (the system's apt setup is only read), for downloading riscv64 and all-architecture packages
// with apt-get download. apt checks the signed index and each package's SHA-256.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DebianMirror } from './apt-sources';
import { sha256File } from './cache';
import { GuestImagesError } from './error';
import { aptErrors, run } from './tools';

export interface PackageRecord {
  package: string;
  version: string;
  architecture: string;
  suite: string;
  /** SHA-256 of the .deb, as the signed index lists it (apt-get checked it) */
  sha256: string;
  size: number;
}

/** A suite the private sources list, and the architecture taken from it. */
export interface AptSuite {
  suite: string;
  arch: string;
}

export class PrivateApt {
  private updated = false;
  private readonly opts: string[];

  constructor(
    private readonly dir: string,
    private readonly mirror: DebianMirror,
    private readonly log: (line: string) => void,
    private readonly suites: AptSuite[],
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
      `# Written by rvisor (src/node/images/private-apt.ts) from the system's apt sources; used only through\n# rvisor's private apt configuration.\n${this.suites.map((s) => stanza(s.suite, s.arch)).join('\n')}`,
    );
  }

  /** apt-get update of the private lists (once per process run of ensureGuestImages). */
  async update(): Promise<void> {
    if (this.updated) return;
    this.writeSources();
    this.log(`rvisor: reading Debian's package index (${this.suites.map((s) => `${s.suite} ${s.arch}`).join(', ')}) … (first run only)`);
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
