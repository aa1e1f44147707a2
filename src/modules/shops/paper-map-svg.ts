import { escapeAttribute } from '../../platform/ui/chart';
import type { ShopCategory } from './schema';

// The paper map's map: an SVG drawn on the server (no tiles: they do not print reliably and their
// terms rarely allow print runs of thousands), the shops as numbered circles coloured by category,
// the stations of the plan's areas as labelled squares, a north arrow. A sketch of where things are,
// which the page says; every shop's address is in the legend.

export interface MapPin {
  number: number;
  name: string;
  category: ShopCategory;
  latitude: number;
  longitude: number;
}

export interface MapLandmark {
  name: string;
  latitude: number;
  longitude: number;
}

/** Colours with white numbers at AA contrast (4.5:1 or more). */
export const categoryColours: Record<ShopCategory, string> = {
  food: '#a3161a',
  retail: '#0b5a7a',
  service: '#1d6b34',
};

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The SVG of a paper map: `width` wide, as tall as the shops' extent asks (between half and the
 * full width), with a margin around so that no number is cut. Landmarks outside the shops' extent
 * (a little enlarged) are left out.
 */
export function paperMapSvg(
  pins: MapPin[],
  landmarks: MapLandmark[],
  options: { width: number; label: string },
): string {
  const { width } = options;
  const placed = pins.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  const lats = placed.map((p) => p.latitude);
  const lngs = placed.map((p) => p.longitude);
  const pad = 0.004;
  let south = Math.min(...lats, 90) - pad;
  let north = Math.max(...lats, -90) + pad;
  let west = Math.min(...lngs, 180) - pad;
  let east = Math.max(...lngs, -180) + pad;
  if (placed.length === 0) {
    [south, north, west, east] = [0, 1, 0, 1];
  }
  const kept = landmarks.filter(
    (l) => l.latitude >= south && l.latitude <= north && l.longitude >= west && l.longitude <= east,
  );
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * squeeze;
  const spanY = north - south;
  const margin = 36;
  const inner = width - margin * 2;
  const height = Math.round(Math.min(Math.max((inner * spanY) / spanX, width * 0.5), width) + margin * 2);
  const scale = Math.min(inner / spanX, (height - margin * 2) / spanY);
  const offsetX = margin + (inner - spanX * scale) / 2;
  const offsetY = margin + (height - margin * 2 - spanY * scale) / 2;
  const x = (lng: number) => offsetX + (lng - west) * squeeze * scale;
  const y = (lat: number) => offsetY + (north - lat) * scale;
  const parts: string[] = [];
  parts.push(
    `<rect x="1" y="1" width="${width - 2}" height="${height - 2}" fill="#ffffff" stroke="#4a5360" stroke-width="2"/>`,
  );
  for (const l of kept) {
    const lx = x(l.longitude);
    const ly = y(l.latitude);
    parts.push(
      `<g class="paper-map-station"><rect x="${(lx - 7).toFixed(1)}" y="${(ly - 7).toFixed(1)}" width="14" height="14" fill="#1b1f24"/>` +
        `<text x="${(lx + 11).toFixed(1)}" y="${(ly + 22).toFixed(1)}" font-size="15" fill="#1b1f24">${escapeText(l.name)}</text></g>`,
    );
  }
  for (const p of placed) {
    const px = x(p.longitude).toFixed(1);
    const py = y(p.latitude).toFixed(1);
    parts.push(
      `<g class="paper-map-pin" data-number="${p.number}"><title>${escapeText(`${p.number} ${p.name}`)}</title>` +
        `<circle cx="${px}" cy="${py}" r="14" fill="${categoryColours[p.category]}" stroke="#ffffff" stroke-width="2"/>` +
        `<text x="${px}" y="${py}" dy="5" text-anchor="middle" font-size="14" font-weight="700" fill="#ffffff">${p.number}</text></g>`,
    );
  }
  // north arrow, top right
  parts.push(
    `<g class="paper-map-north"><path d="M ${width - 30} 52 L ${width - 22} 30 L ${width - 14} 52 Z" fill="#1b1f24"/>` +
      `<text x="${width - 22}" y="70" text-anchor="middle" font-size="14" fill="#1b1f24">N</text></g>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="paper-map-svg" role="img" aria-label="${escapeAttribute(options.label)}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`
  );
}
