import { readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with ES-style types: its function is both the module and its `default`.
const jsQR = jsQRModule.default;

/**
 * Every QR code in a PNG of a printed page. jsQR reads one code per image and
 * is confused by several, so the page is read through a band a little taller
 * than one code, moved down a few pixels at a time: every code lies whole in
 * some band with no other code whole beside it (slips are stacked, one code each).
 */
export function decodeAllQr(file: string, bandPx: number, stepPx: number): Set<string> {
  const png = PNG.sync.read(readFileSync(file));
  const rowBytes = png.width * 4;
  const found = new Set<string>();
  for (let top = 0; top < png.height; top += stepPx) {
    const rows = Math.min(bandPx, png.height - top);
    const band = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset + top * rowBytes, rows * rowBytes);
    const code = jsQR(band, png.width, rows, { inversionAttempts: 'dontInvert' });
    // A band that cuts a code may read as an empty code; a real slip's code is never empty.
    if (code && code.data !== '') found.add(code.data);
    if (rows < bandPx) break;
  }
  return found;
}
