// Snapshots in Node compress with zlib itself (level 1) instead of CompressionStream: the same
// zlib (RFC 1950) stream a browser's DecompressionStream reads, made about twice as fast
// (measured on a booted Linux guest's 59 MB of RAM pages: deflate 0.69 s at level 1 against
// 1.64 s through CompressionStream, inflate 0.53 s against 1.21 s). Importing this file
// installs it.
import { deflateSync, inflateSync } from 'node:zlib';
import { setSnapshotCodec, concat } from '../machine/snapshot';

setSnapshotCodec({
  deflate: async (chunks) => deflateSync(concat([...chunks]), { level: 1 }),
  inflate: async (data) => {
    const out = inflateSync(data);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
});
