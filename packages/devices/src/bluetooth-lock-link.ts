/// <reference types="web-bluetooth" />
// The lock link over Bluetooth Low Energy from a browser (Web Bluetooth, Chrome on Android): the
// same frames as over the WebSocket, written to the lock's control-point characteristic and
// answered as notifications, both cut to the ATT MTU (docs/protocol.md §12.3). Browser only;
// headless test browsers have no Bluetooth, so tests drive the WebSocket link, which differs from
// this one in the transport alone (both are a FramedLockLink).
import type { BluetoothLockLinkGatt } from '@portvakt/protocol';
import { chunkLockLinkFrame, LockLinkFrameAssembler, lockLinkGatt, minimumAttMtu } from '@portvakt/protocol';
import { FramedLockLink, type FramedLockLinkOptions, type FrameTransport } from './framed-lock-link';
import { LockLinkError } from './lock-link';

/** Frames over a connected GATT server: chunked writes out, reassembled notifications in. */
export class BluetoothFrameTransport implements FrameTransport {
  private readonly assembler = new LockLinkFrameAssembler();

  constructor(
    private readonly server: BluetoothRemoteGATTServer,
    private readonly controlPoint: BluetoothRemoteGATTCharacteristic,
    private readonly replies: BluetoothRemoteGATTCharacteristic,
    private readonly mtu: number,
  ) {}

  async send(frame: Uint8Array): Promise<void> {
    // With response: the lock acknowledges each chunk, so chunks arrive whole and in order.
    for (const chunk of chunkLockLinkFrame(frame, this.mtu))
      await this.controlPoint.writeValueWithResponse(chunk as Uint8Array<ArrayBuffer>);
  }

  listen(receive: (frame: Uint8Array) => void, closed: (error: LockLinkError) => void): void {
    this.replies.addEventListener('characteristicvaluechanged', (event) => {
      const value = (event.target as BluetoothRemoteGATTCharacteristic).value;
      if (!value) return;
      let frames: Uint8Array[];
      try {
        frames = this.assembler.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (error) {
        closed(new LockLinkError('malformed-reply', `unreadable notification: ${(error as Error).message}`));
        this.server.disconnect();
        return;
      }
      for (const frame of frames) receive(frame);
    });
    this.server.device.addEventListener('gattserverdisconnected', () =>
      closed(new LockLinkError('link-closed', 'Bluetooth disconnected')),
    );
  }

  async close(): Promise<void> {
    if (this.server.connected) this.server.disconnect();
  }
}

/** Asks the user to pick a lock nearby (needs a user gesture); locks advertise the lock-link service. */
export async function requestBluetoothLock(
  bluetooth: Bluetooth = navigator.bluetooth,
  gatt: BluetoothLockLinkGatt = lockLinkGatt,
): Promise<BluetoothDevice> {
  return bluetooth.requestDevice({ filters: [{ services: [gatt.service] }] });
}

export interface BluetoothLockLinkOptions extends FramedLockLinkOptions {
  /**
   * The ATT MTU to chunk to. Web Bluetooth does not tell the negotiated MTU, so the default is
   * BLE's minimum (23: 20-byte chunks), which every lock accepts.
   */
  mtu?: number;
  gatt?: BluetoothLockLinkGatt;
}

/** Connects to the lock's GATT server, subscribes to replies, and returns the link. */
export async function connectBluetoothLockLink(
  device: BluetoothDevice,
  options: BluetoothLockLinkOptions = {},
): Promise<FramedLockLink> {
  const gatt = options.gatt ?? lockLinkGatt;
  if (!device.gatt) throw new LockLinkError('link-closed', 'the device has no GATT server');
  try {
    const server = await device.gatt.connect();
    const service = await server.getPrimaryService(gatt.service);
    const controlPoint = await service.getCharacteristic(gatt.controlPoint);
    const replies = await service.getCharacteristic(gatt.replies);
    const transport = new BluetoothFrameTransport(
      server,
      controlPoint,
      replies,
      options.mtu ?? minimumAttMtu,
    );
    const link = new FramedLockLink(transport, options);
    await replies.startNotifications();
    return link;
  } catch (error) {
    if (error instanceof LockLinkError) throw error;
    throw new LockLinkError('link-closed', `Bluetooth: ${(error as Error).message}`);
  }
}
