/** Photos are made smaller in the browser before upload: less data on site Wi-Fi, and no EXIF (GPS). */

export type PreparedImage = { blob: Blob; filename: string; resized: boolean };

const ENCODINGS = [
  { type: 'image/webp', ext: 'webp' },
  { type: 'image/jpeg', ext: 'jpg' },
] as const;

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'photo';
}

async function encode(bitmap: ImageBitmap, width: number, height: number, type: string, quality: number) {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type, quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), type, quality),
  );
}

/**
 * Scale an image so its longest side is at most `maxSide` px and re-encode it as WebP (JPEG
 * where the browser cannot write WebP). Returns the original file if it cannot be decoded.
 */
export async function downsizeImage(
  file: File,
  { maxSide = 1600, quality = 0.85 }: { maxSide?: number; quality?: number } = {},
): Promise<PreparedImage> {
  const original = { blob: file, filename: file.name, resized: false };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return original;
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    for (const { type, ext } of ENCODINGS) {
      const blob = await encode(bitmap, width, height, type, quality);
      // Browsers that cannot write a type silently write PNG instead: try the next type.
      if (blob.type === type) return { blob, filename: `${baseName(file.name)}.${ext}`, resized: true };
    }
    return original;
  } catch {
    return original;
  } finally {
    bitmap.close();
  }
}
