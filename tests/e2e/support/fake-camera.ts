import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): a QR code of the
 * given text, black on white, in the middle of a 640×480 picture, as YUV4MPEG2 (the format Chromium
 * reads without a codec). The picture is drawn here from the code's modules, so the test needs no
 * image tool; Chromium plays the frames in a loop, as a phone held still in front of a ticket.
 */
export async function writeQrVideo(path: string, text: string): Promise<void> {
  const width = 640;
  const height = 480;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 8;
  // four modules of white around the code, as the standard asks
  const side = (modules.size + 8) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++) {
    for (let x = 0; x < modules.size * scale; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) {
        luma[(top + 4 * scale + y) * width + left + 4 * scale + x] = 16;
      }
    }
  }
  // no colour: both chroma planes at their middle value, each a quarter of the picture
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, frame, frame, frame]));
}
