import { useMemo } from 'react';
import QRCode from 'qrcode';

/** A QR code drawn as SVG from the library's module matrix (no canvas, no HTML strings, no network). */
export function QrCode({ text, label, size = 240 }: { text: string; label: string; size?: number }) {
  const { count, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { count: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg className="room-qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${count} ${count}`} shapeRendering="crispEdges">
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** What the QR code carries: the hub's address, the join code, and its certificate fingerprint (so a scanning device can pin it). */
export function joinLink(address: string, code: string, fingerprint: string): string {
  const url = new URL(address);
  return `kite-join://${url.host}?code=${code}&fp=${fingerprint.replace(/:/g, '').toLowerCase()}`;
}
