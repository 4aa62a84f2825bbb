// Finding the Debian mirror: read from the system's own apt sources (deb822 .sources files and
// one-line sources.list entries), never a host name written in the code.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GuestImagesError } from './error';

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

