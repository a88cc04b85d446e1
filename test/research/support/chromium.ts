// Opening a report page in a real Chromium (playwright-core) and checking that its charts are drawn.
import { chromium, type Browser } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What a page showed. */
export interface PageCheck {
  /** Charts the page says it drew. */
  charts: number;
  /** Per canvas: pixels that are not transparent. */
  inkedPixels: number[];
  /** Canvases by their `data-kind` (timeseries, sensitivity, refusals, parameter, …). */
  kinds: Record<string, number>;
  /**
   * Whether Chinese text renders as glyphs in the page's font stack: 不 and 愿 drawn in it are inked and differ
   * (with no CJK font both come out as the same empty box).
   */
  cjkRenders: boolean;
  /** Requests to anything but the file itself (an offline page makes none). */
  externalRequests: string[];
  errors: string[];
}

let browser: Browser | null = null;

/** Launches (once) the Chromium at $CHROMIUM_PATH or /usr/bin/chromium. */
export async function launch(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** Opens `file`, waits for the page's charts, counts inked pixels per canvas and saves a full-page screenshot. */
export async function checkPage(file: string, screenshot: string): Promise<PageCheck> {
  const page = await (await launch()).newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const externalRequests: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file://')) externalRequests.push(request.url());
  });
  try {
    await page.goto(`file://${file}`);
    // Page code as strings: this file is type-checked without the DOM library.
    await page.waitForFunction("document.body.dataset.ready === 'true'", null, { timeout: 20000 });
    const charts = Number(await page.evaluate('document.body.dataset.charts'));
    const inkedPixels = (await page.evaluate(`Array.from(document.querySelectorAll('canvas')).map((canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    })`)) as number[];
    const kinds = (await page.evaluate(`Array.from(document.querySelectorAll('canvas[data-kind]')).reduce((counts, canvas) => {
      counts[canvas.dataset.kind] = (counts[canvas.dataset.kind] || 0) + 1;
      return counts;
    }, {})`)) as Record<string, number>;
    const cjkRenders = (await page.evaluate(`(() => {
      const draw = (text) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64; canvas.height = 64;
        const ctx = canvas.getContext('2d');
        ctx.font = '40px ' + getComputedStyle(document.body).fontFamily;
        ctx.fillText(text, 8, 48);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3));
      };
      const a = draw('不');
      const b = draw('愿');
      return a.filter((v) => v > 0).length > 50 && a.some((v, i) => v !== b[i]);
    })()`)) as boolean;
    await page.screenshot({ path: screenshot, fullPage: true });
    return { charts, inkedPixels, kinds, cjkRenders, externalRequests, errors };
  } finally {
    await page.close();
  }
}
