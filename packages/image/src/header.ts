/** Image container formats this package decodes, recognised by their magic bytes (never the file name). */
export type ImageFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format named by the first bytes of `bytes`, or undefined when it is neither PNG nor JPEG. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/**
 * Width and height read from the header alone, so a huge image can be refused before any pixel
 * memory is allocated. Throws (without the file name; callers add it) when the header is cut short.
 */
export function headerSize(bytes: Uint8Array, format: ImageFormat): { width: number; height: number } {
  return format === 'png' ? pngSize(bytes) : jpegSize(bytes);
}

function pngSize(b: Uint8Array): { width: number; height: number } {
  // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4).
  if (b.length < 24 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') {
    throw new Error('truncated PNG header (no IHDR chunk)');
  }
  return { width: u32(b, 16), height: u32(b, 20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } {
  // Walk the marker segments up to the first start-of-frame, which holds the dimensions.
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) throw new Error(`corrupt JPEG: expected a marker at byte ${i}`);
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) break;
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame
    i += 2 + length;
  }
  throw new Error('truncated JPEG header (no start-of-frame marker)');
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}
