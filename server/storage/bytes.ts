/** A driver's Buffer as a plain Uint8Array over the same memory (what the stores hand out). */
export function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
