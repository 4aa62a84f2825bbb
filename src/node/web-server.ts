// `rvisor serve`: the web page (dist/web) and the cached Debian guest images over HTTP, on the
// loopback interface unless told otherwise. Only GET and HEAD of known files; images are
// streamed with their Content-Length so the page can show download progress.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

export interface ServedImages { kernel: string; initrd: string; kernelRelease: string }

export interface WebServerOptions {
  port?: number; // default 8080; 0 picks a free one
  host?: string; // default 127.0.0.1 (loopback only)
  webDir?: string; // default: the dist/web next to this bundle
  images: ServedImages;
  /** The kernel command line and memory the page boots Linux with. */
  append?: string;
  memSize?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.wasm': 'application/wasm', '.json': 'application/json',
};

/** The built page: dist/web beside the bundle, or the source tree's dist/web. */
export function findWebDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const d of [join(here, 'web'), join(here, '../../dist/web'), join(here, '../dist/web')]) {
    if (existsSync(join(d, 'index.html'))) return d;
  }
  throw new Error('dist/web is missing; run `npm run build` first');
}

export async function serveWeb(opts: WebServerOptions): Promise<{ server: Server; url: string }> {
  const web = opts.webDir ?? findWebDir();
  const manifest = JSON.stringify({
    kernel: { url: 'images/kernel', size: statSync(opts.images.kernel).size },
    initrd: { url: 'images/initrd', size: statSync(opts.images.initrd).size },
    kernelRelease: opts.images.kernelRelease,
    append: opts.append ?? 'console=ttyS0 rvisor.modules=none',
    memSize: opts.memSize ?? 256 << 20,
  });
  const file = (path: string): string | null => {
    if (path === '/images/kernel') return opts.images.kernel;
    if (path === '/images/initrd') return opts.images.initrd;
    const p = normalize(join(web, decodeURIComponent(path === '/' ? '/index.html' : path)));
    if (!p.startsWith(web + sep)) return null;
    return existsSync(p) && statSync(p).isFile() ? p : null;
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { allow: 'GET, HEAD' }).end(); return; }
    const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (path === '/images/manifest.json') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.json'], 'content-length': Buffer.byteLength(manifest) });
      res.end(req.method === 'HEAD' ? undefined : manifest);
      return;
    }
    let p: string | null = null;
    try { p = file(path); } catch { p = null; }
    if (!p) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'); return; }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(p)] ?? 'application/octet-stream', 'content-length': statSync(p).size });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(p).on('error', () => res.destroy()).pipe(res);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(opts.port ?? 8080, host, ok); });
  const a = server.address() as AddressInfo;
  return { server, url: `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/` };
}
