// Renders assets/icon.svg to the PNG icons electron-builder packages, through headless Chromium:
//   node assets/render-icons.mjs
// Writes icon.png (512x512, macOS and Windows; electron-builder converts it) and icons/NxN.png (Linux).
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = fileURLToPath(new URL('.', import.meta.url));
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(`${dir}icons`, { recursive: true });
  for (const size of [512, 256]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    const targets = size === 512 ? [`${dir}icon.png`, `${dir}icons/512x512.png`] : [`${dir}icons/256x256.png`];
    for (const path of targets) await page.screenshot({ path, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
