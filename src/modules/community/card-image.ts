import { Hono } from 'hono';
import sharp from 'sharp';
import type { AppEnv } from '../../platform/http';

/**
 * The picture an article's OGP card shows when the article has no photo: 1200 × 630 (the size SNS
 * cards use), drawn once from shapes and Latin letters so that no font is needed, and kept.
 */
const cardSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
  <rect width="1200" height="630" fill="#f4efe6"/>
  <rect x="0" y="540" width="1200" height="90" fill="#1f5f4a"/>
  <circle cx="930" cy="270" r="170" fill="#e3a23b"/>
  <circle cx="760" cy="330" r="110" fill="#c8553d"/>
  <text x="80" y="300" font-family="sans-serif" font-size="120" font-weight="700" fill="#1f5f4a">Tsunagu</text>
  <text x="84" y="380" font-family="sans-serif" font-size="44" fill="#333">shop articles</text>
</svg>`;

let card: Promise<Buffer> | undefined;

export function cardImageRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/articles/card.png', async (c) => {
    card ??= sharp(Buffer.from(cardSvg)).png().toBuffer();
    c.header('content-type', 'image/png');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(new Uint8Array(await card));
  });
  return app;
}
