// National Semiconductor 16550A UART, as QEMU's virt machine has at 0x1000_0000 (serial_mm,
// regshift 0). Registers by offset (DLAB = LCR bit 7 selects the divisor latch at 0 and 1):
// 0 RBR/THR/DLL, 1 IER/DLM, 2 IIR/FCR, 3 LCR, 4 MCR, 5 LSR, 6 MSR, 7 SCR.
import type { IrqLine, MmioDevice } from './device';

const LSR_DR = 0x01; // data ready
const LSR_THRE = 0x20; // transmit holding register empty
const LSR_TEMT = 0x40; // transmitter empty
const IER_RDI = 0x01; // receive data interrupt
const IER_THRI = 0x02; // transmit holding register empty interrupt
const IIR_NONE = 0x01;
const IIR_THRI = 0x02;
const IIR_RDI = 0x04;
const IIR_FIFO = 0xc0; // FIFOs enabled
const RX_FIFO_MAX = 4096;

export interface UartState { ier: number; lcr: number; mcr: number; scr: number; dll: number; dlm: number; fcr: number; rx: number[]; thrIpending: boolean }

export class Uart16550 implements MmioDevice {
  readonly name = 'uart16550';
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scr = 0;
  private dll = 0x0c;
  private dlm = 0;
  private fcr = 0;
  private rx: number[] = [];
  private thrIpending = false; // THR-empty interrupt raised and not yet acknowledged

  constructor(private readonly output: (byte: number) => void, private readonly irq: IrqLine = () => {}) {}

  // Bytes typed by the user; dropped beyond the FIFO bound so a flood cannot exhaust memory.
  receive(bytes: Uint8Array): void {
    for (const b of bytes) if (this.rx.length < RX_FIFO_MAX) this.rx.push(b);
    this.update();
  }

  get rxPending(): number { return this.rx.length; }

  // Up to `max` received bytes taken past the registers (the SBI console's getchar shares the
  // one input stream with the UART).
  take(max: number): Uint8Array {
    const out = Uint8Array.from(this.rx.splice(0, max));
    this.update();
    return out;
  }

  read(offset: number, _size: number): number {
    const dlab = (this.lcr & 0x80) !== 0;
    switch (offset) {
      case 0: {
        if (dlab) return this.dll;
        const b = this.rx.length ? this.rx.shift()! : 0;
        this.update();
        return b;
      }
      case 1: return dlab ? this.dlm : this.ier;
      case 2: {
        const iir = this.iir();
        if ((iir & 0x0f) === IIR_THRI) { this.thrIpending = false; this.update(); } // reading IIR acks THRI
        return iir | ((this.fcr & 1) ? IIR_FIFO : 0);
      }
      case 3: return this.lcr;
      case 4: return this.mcr;
      case 5: return (this.rx.length ? LSR_DR : 0) | LSR_THRE | LSR_TEMT;
      case 6: // loopback wires OUT2→DCD, OUT1→RI, DTR→DSR, RTS→CTS; otherwise DCD, DSR, CTS are up
        return (this.mcr & 0x10) ? ((this.mcr & 0x0c) << 4) | ((this.mcr & 0x02) << 3) | ((this.mcr & 0x01) << 5) : 0xb0;
      case 7: return this.scr;
      default: return 0;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    const dlab = (this.lcr & 0x80) !== 0;
    switch (offset) {
      case 0:
        if (dlab) { this.dll = v; return; }
        if (this.mcr & 0x10) this.receive(Uint8Array.of(v)); // loopback
        else this.output(v);
        this.thrIpending = true; // the byte left at once, so THR is empty again
        this.update();
        return;
      case 1:
        if (dlab) { this.dlm = v; return; }
        if ((v & IER_THRI) && !(this.ier & IER_THRI)) this.thrIpending = true;
        this.ier = v & 0x0f;
        this.update();
        return;
      case 2:
        this.fcr = v & 0xc9;
        if (v & 0x02) this.rx = []; // clear receive FIFO
        this.update();
        return;
      case 3: this.lcr = v; return;
      case 4: this.mcr = v & 0x1f; return;
      case 7: this.scr = v; return;
      default: return; // LSR and MSR are read-only
    }
  }

  private iir(): number {
    if ((this.ier & IER_RDI) && this.rx.length) return IIR_RDI;
    if ((this.ier & IER_THRI) && this.thrIpending) return IIR_THRI;
    return IIR_NONE;
  }

  private update(): void { this.irq(this.iir() !== IIR_NONE); }

  saveState(): UartState {
    const { ier, lcr, mcr, scr, dll, dlm, fcr, thrIpending } = this;
    return { ier, lcr, mcr, scr, dll, dlm, fcr, rx: [...this.rx], thrIpending };
  }

  loadState(s: unknown): void {
    Object.assign(this, s as UartState);
    this.rx = [...(s as UartState).rx];
    this.update();
  }
}
