import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { type ParsedMail, simpleParser } from 'mailparser';
import { PNG } from 'pngjs';

/** Every .eml file of a folder, parsed as a mail program reads it, in file-name order. */
export async function readMailFolder(dir: string): Promise<(ParsedMail & { file: string })[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) =>
      Object.assign(await simpleParser(await readFile(join(dir, file)), { keepCidLinks: true }), { file }),
    ),
  );
}

/** A fresh folder for the folder transport's .eml files, removed by `remove`. */
export async function mailFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'tsunagu-mail-'));
  return {
    dir,
    read: () => readMailFolder(dir),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** What a phone's camera would read from a PNG image of a QR code; null when there is no code. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** A port on this machine on which nothing listens: a mail server that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
