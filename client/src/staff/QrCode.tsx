import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as inline SVG, drawn from the maintained `qrcode` library's
 * module matrix (no HTML string is injected): one path of unit squares, a
 * quiet zone of four modules as the standard asks, crisp edges so printers
 * and phone cameras see sharp modules. Error correction M: a slip may be
 * creased or smudged.
 */
export function QrCode({ text, label, size = '38mm' }: { text: string; label: string; size?: string }) {
  const { path, extent } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    // One rectangle per horizontal run of dark modules: fewer seams where a printer or rasteriser meets two squares.
    const runs: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        const start = col;
        while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
        runs.push(`M${start + QUIET} ${row + QUIET}h${col - start + 1}v1h-${col - start + 1}z`);
      }
    }
    return { path: runs.join(''), extent: modules.size + 2 * QUIET };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${extent} ${extent}`} width={size} height={size} shapeRendering="crispEdges">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

const QUIET = 4;
