import { crc32 } from 'node:zlib';

/*
 * A device file: an 8-byte magic, a format byte, a kind byte, two reserved bytes, the number of records
 * (u32), then records of `u32 length, u32 CRC-32, payload` (little-endian). The count, lengths and
 * checksums let a reader tell a whole file from one a sync tool has copied only in part (even cut at a
 * record boundary), or damaged, without trusting the file's size.
 */

const MAGIC = Buffer.from('PSHELFSY', 'latin1');
export const DEVICE_FILE_FORMAT = 1;
const HEADER_BYTES = 16;
const RECORD_HEADER_BYTES = 8;
/** One record larger than this is damage, not data: a whole library's snapshot is tens of MB. */
const MAX_RECORD_BYTES = 1 << 30;

export type DeviceFileKind = 'update' | 'snapshot';
const KIND_CODES: Record<DeviceFileKind, number> = { update: 1, snapshot: 2 };

export type DecodedDeviceFile =
  | { ok: true; kind: DeviceFileKind; records: Uint8Array[] }
  | { ok: false; problem: 'newer-format'; format: number }
  | { ok: false; problem: 'damaged'; reason: string; records: Uint8Array[] };

export function encodeDeviceFile(kind: DeviceFileKind, records: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(DEVICE_FILE_FORMAT, 8);
  header.writeUInt8(KIND_CODES[kind], 9);
  header.writeUInt32LE(records.length, 12);
  parts.push(header);
  for (const payload of records) {
    const recordHeader = Buffer.alloc(RECORD_HEADER_BYTES);
    recordHeader.writeUInt32LE(payload.length, 0);
    recordHeader.writeUInt32LE(crc32(payload), 4);
    parts.push(recordHeader, payload);
  }
  return Buffer.concat(parts);
}

function kindOf(code: number): DeviceFileKind | null {
  for (const [kind, value] of Object.entries(KIND_CODES) as [DeviceFileKind, number][]) if (value === code) return kind;
  return null;
}

/** The records of a device file; whole records before any damage are returned with the problem. */
export function decodeDeviceFile(bytes: Uint8Array): DecodedDeviceFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES) return { ok: false, problem: 'damaged', reason: 'incomplete header', records: [] };
  if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, problem: 'damaged', reason: 'not a Papershelf device file', records: [] };
  }
  const format = buffer.readUInt8(8);
  if (format > DEVICE_FILE_FORMAT) return { ok: false, problem: 'newer-format', format };
  const kind = kindOf(buffer.readUInt8(9));
  if (format < 1 || !kind) return { ok: false, problem: 'damaged', reason: 'unknown format or kind', records: [] };
  const expected = buffer.readUInt32LE(12);
  const records: Uint8Array[] = [];
  let offset = HEADER_BYTES;
  while (offset < buffer.length) {
    if (buffer.length - offset < RECORD_HEADER_BYTES) {
      return { ok: false, problem: 'damaged', reason: 'incomplete record header', records };
    }
    const length = buffer.readUInt32LE(offset);
    const checksum = buffer.readUInt32LE(offset + 4);
    const start = offset + RECORD_HEADER_BYTES;
    if (length > MAX_RECORD_BYTES || start + length > buffer.length) {
      return { ok: false, problem: 'damaged', reason: 'incomplete record (the file was cut short)', records };
    }
    const payload = buffer.subarray(start, start + length);
    if (crc32(payload) !== checksum) return { ok: false, problem: 'damaged', reason: 'checksum mismatch', records };
    records.push(new Uint8Array(payload));
    offset = start + length;
  }
  if (records.length !== expected || expected === 0) {
    return { ok: false, problem: 'damaged', reason: `${records.length} of ${expected} records`, records };
  }
  return { ok: true, kind, records };
}
