import type { Track } from '../../shared/telemetry';

export const TELEMETRY_FORMATS = ['json', 'csv', 'geojson'] as const;
export type TelemetryFormat = (typeof TELEMETRY_FORMATS)[number];

const CSV_COLUMNS = ['t', 'time', 'lat', 'lon', 'height', 'altitude', 'distance', 'speed', 'verticalSpeed', 'iso', 'shutter', 'fnum', 'ev', 'focalLength'] as const;

/** A parsed track as text for people and other tools: JSON (everything), CSV (one row a block), GeoJSON (the path). */
export function formatTrack(track: Track, format: TelemetryFormat): string {
  if (format === 'json') return JSON.stringify(track, null, 2);
  if (format === 'csv') {
    const rows = track.points.map((p) => {
      const flat: Record<string, unknown> = { ...p, ...p.camera };
      return CSV_COLUMNS.map((c) => csvCell(flat[c])).join(',');
    });
    return [CSV_COLUMNS.join(','), ...rows].join('\n');
  }
  const located = track.points.filter((p) => p.lat !== undefined && p.lon !== undefined);
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { family: track.family, duration: track.duration, maxHeight: track.maxHeight, maxDistance: track.maxDistance, times: located.map((p) => p.t) },
        // GeoJSON positions are [longitude, latitude, height].
        geometry: { type: 'LineString', coordinates: located.map((p) => [p.lon, p.lat, p.height ?? 0]) },
      },
      ...(track.home ? [{ type: 'Feature', properties: { name: 'home' }, geometry: { type: 'Point', coordinates: [track.home.lon, track.home.lat] } }] : []),
    ],
  });
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
