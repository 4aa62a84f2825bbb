// A file to load into guest RAM, read where it is placed. A loader that only copies a file (a
// Linux Image, an initrd, raw firmware) has it read straight into the guest's RAM: no copy of
// the whole file in between. On these machines the first touch of fresh memory is what a load
// costs (about 3.5 ms a MiB), so reading Debian's 31 MiB kernel and 11 MiB initrd into a buffer
// first took 90-120 ms of a 3.6 s boot, and the buffers raised the boot's peak RSS while they
// lived. A loader that parses (ELF) takes all the bytes. No file system here: the front end
// makes the source (src/cli/input-file.ts), and a Uint8Array is one too (bytesSource).
export interface ImageSource {
  readonly size: number; // bytes
  readonly head: Uint8Array; // the first HEAD_BYTES (or all of a smaller file): what format checks read
  // Fills dst with the file's bytes from offset pos (throws if the file can no longer give them).
  readInto(dst: Uint8Array, pos: number): void;
  readonly bytes?: Uint8Array; // all of it, when it is in memory already (bytesSource)
}

export const HEAD_BYTES = 64 * 1024; // as much as the raw-binary checks read (kernel-image.ts)

export function bytesSource(bytes: Uint8Array): ImageSource {
  return {
    size: bytes.length,
    bytes,
    head: bytes.subarray(0, HEAD_BYTES),
    readInto: (dst, pos) => dst.set(bytes.subarray(pos, pos + dst.length)),
  };
}

export const toSource = (input: Uint8Array | ImageSource): ImageSource => (input instanceof Uint8Array ? bytesSource(input) : input);

// The whole file: the caller's own array if it gave one (a copy of a kernel per guest, made for
// nothing, held the density bench's RSS 100-150 MiB higher for ten guests).
export function allBytes(source: ImageSource): Uint8Array {
  if (source.bytes) return source.bytes;
  const bytes = new Uint8Array(source.size);
  source.readInto(bytes, 0);
  return bytes;
}
