/**
 * A byte array whose memory can be moved to another thread: small Buffers share Node's pool, and
 * transferring the pool would take it from every other Buffer, so those are copied first.
 */
export function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes as Uint8Array<ArrayBuffer>;
  }
  return new Uint8Array(bytes);
}
