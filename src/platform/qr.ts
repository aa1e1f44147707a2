import QRCode from 'qrcode';
import { escapeAttribute } from './ui/chart';

// 'M' restores about 15% of a damaged or smudged code: enough for a phone screen or a printout
const errorCorrectionLevel = 'M';

/**
 * A QR code as SVG to put into a page: paths with presentation attributes only (the CSP allows no
 * inline styles), sized by the stylesheet, named for screen readers by `label`.
 */
export async function qrCodeSvg(content: string, label: string): Promise<string> {
  const svg = await QRCode.toString(content, { type: 'svg', errorCorrectionLevel, margin: 4 });
  return svg
    .trim()
    .replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" class="qr-code" `);
}

/** The same QR code as a PNG, for a mail (an SVG is not shown by most mail programs). */
export function qrCodePng(content: string): Promise<Buffer> {
  return QRCode.toBuffer(content, { type: 'png', errorCorrectionLevel, margin: 4, scale: 8 });
}
