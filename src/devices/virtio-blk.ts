// virtio-blk (virtio 1.x section 5.2), device ID 2, one request queue. A request is a chain:
// a 16-byte device-readable header {type u32, reserved u32, sector u64}, the data (readable
// for OUT, writable for IN and GET_ID) and a final device-writable status byte.
// Served: IN, OUT, FLUSH and GET_ID; anything else answers UNSUPP. Requests outside the disk,
// data lengths that are not whole sectors, writes to a read-only disk and backend failures
// answer IOERR; a chain without a readable header or a writable status byte is a driver error
// (DEVICE_NEEDS_RESET), as in QEMU.
import type { BlockBackend } from './block-backend';
import type { VirtioDevice, VirtioHost } from './virtio-mmio';
import { DEFAULT_QUEUE_SIZE } from './virtio-mmio';
import { VirtioError, type Chain } from './virtqueue';

export const VIRTIO_BLK_F_SEG_MAX = 2;
export const VIRTIO_BLK_F_RO = 5;
export const VIRTIO_BLK_F_BLK_SIZE = 6;
export const VIRTIO_BLK_F_FLUSH = 9;

export const VIRTIO_BLK_T_IN = 0;
export const VIRTIO_BLK_T_OUT = 1;
export const VIRTIO_BLK_T_FLUSH = 4;
export const VIRTIO_BLK_T_GET_ID = 8;

export const VIRTIO_BLK_S_OK = 0;
export const VIRTIO_BLK_S_IOERR = 1;
export const VIRTIO_BLK_S_UNSUPP = 2;

export const VIRTIO_BLK_ID_BYTES = 20;
const SECTOR = 512;
const HEADER = 16;
const CHUNK = 64 * 1024; // data moves through a buffer of at most this size

export interface VirtioBlkOptions {
  serial?: string; // answer to GET_ID (at most 20 bytes are sent); QEMU's default is empty
  queueSize?: number; // the transport's QueueNumMax, to derive seg_max as QEMU does (size - 2)
}

export class VirtioBlk implements VirtioDevice {
  readonly name = 'virtio-blk';
  readonly deviceId = 2;
  readonly queueCount = 1;
  readonly features: bigint;
  readonly config = new Uint8Array(64);
  private host: VirtioHost | null = null;
  private readonly id: Uint8Array;
  private readonly sectors: number;

  constructor(private readonly backend: BlockBackend, opts: VirtioBlkOptions = {}) {
    this.sectors = Math.floor(backend.size / SECTOR);
    this.id = new Uint8Array(VIRTIO_BLK_ID_BYTES);
    this.id.set(new TextEncoder().encode(opts.serial ?? '').subarray(0, VIRTIO_BLK_ID_BYTES));
    let f = (1n << BigInt(VIRTIO_BLK_F_SEG_MAX)) | (1n << BigInt(VIRTIO_BLK_F_BLK_SIZE)) | (1n << BigInt(VIRTIO_BLK_F_FLUSH));
    if (backend.readonly) f |= 1n << BigInt(VIRTIO_BLK_F_RO);
    this.features = f;
    // struct virtio_blk_config: capacity @0 (512-byte sectors), seg_max @12, blk_size @20
    const dv = new DataView(this.config.buffer);
    dv.setBigUint64(0, BigInt(this.sectors), true);
    dv.setUint32(12, Math.max(1, (opts.queueSize ?? DEFAULT_QUEUE_SIZE) - 2), true);
    dv.setUint32(20, SECTOR, true);
  }

  attach(host: VirtioHost): void { this.host = host; }
  reset(): void {}

  notify(queue: number): void {
    const vq = this.host?.queue(queue);
    if (!vq) return;
    for (let c = vq.pop(); c; c = vq.pop()) vq.push(c, this.serve(c));
  }

  // Serves one request and returns the number of bytes the used ring reports as written.
  private serve(c: Chain): number {
    if (c.readableLength < HEADER) throw new VirtioError(`request without a ${HEADER}-byte device-readable header (${c.readableLength} readable bytes)`);
    if (c.writableLength < 1) throw new VirtioError('request without a device-writable status byte');
    const hdr = new DataView(c.read(0, HEADER).buffer);
    const type = hdr.getUint32(0, true);
    const sector = hdr.getUint32(8, true) + hdr.getUint32(12, true) * 2 ** 32;
    const statusAt = c.writableLength - 1;
    let status = VIRTIO_BLK_S_OK;
    switch (type) {
      case VIRTIO_BLK_T_IN: {
        const len = statusAt;
        if (!this.inRange(sector, len)) { status = VIRTIO_BLK_S_IOERR; break; }
        const buf = new Uint8Array(Math.min(CHUNK, len));
        for (let at = 0; at < len && status === VIRTIO_BLK_S_OK; at += CHUNK) {
          const piece = buf.subarray(0, Math.min(CHUNK, len - at));
          if (!this.backendOk(() => this.backend.read(sector * SECTOR + at, piece))) status = VIRTIO_BLK_S_IOERR;
          else c.write(at, piece);
        }
        break;
      }
      case VIRTIO_BLK_T_OUT: {
        const len = c.readableLength - HEADER;
        if (this.backend.readonly || !this.inRange(sector, len)) { status = VIRTIO_BLK_S_IOERR; break; }
        c.readChunks(HEADER, (piece, at) => {
          if (status === VIRTIO_BLK_S_OK && !this.backendOk(() => this.backend.write(sector * SECTOR + at, piece))) status = VIRTIO_BLK_S_IOERR;
        });
        break;
      }
      case VIRTIO_BLK_T_FLUSH:
        if (!this.backendOk(() => this.backend.flush())) status = VIRTIO_BLK_S_IOERR;
        break;
      case VIRTIO_BLK_T_GET_ID:
        c.write(0, this.id.subarray(0, Math.min(VIRTIO_BLK_ID_BYTES, statusAt)));
        break;
      default:
        status = VIRTIO_BLK_S_UNSUPP;
    }
    c.write(statusAt, Uint8Array.of(status));
    return c.writableLength;
  }

  // Whole sectors, inside the disk.
  private inRange(sector: number, len: number): boolean {
    return len % SECTOR === 0 && Number.isSafeInteger(sector) && sector + len / SECTOR <= this.sectors;
  }

  // Runs a backend call; its failure is the guest's I/O error, not a driver error.
  private backendOk(fn: () => void): boolean {
    try { fn(); return true; } catch { return false; }
  }
}
