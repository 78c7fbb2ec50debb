/**
 * Issue 3, performance: the flowchart of a 200-step procedure (decisions, branches that rejoin or
 * end, referrals, records, substeps) lays out and renders in the browser without freezing the
 * page. Debian's Chromium (playwright-core) opens the SOP page of the built web app served by the
 * bench server; from a click on the Flowchart tab until the drawing is decoded and shown, the time
 * is measured, and the longest main-thread task (PerformanceObserver 'longtask') is the figure,
 * target < 200 ms. Baseline in the same run: the same page's Numbered list tab.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateLargeProcedure } from '../common/procedure/flowchart-fixtures';
import { defineBenchmark } from './harness';
import { onCleanup } from './lifecycle';
import { median } from './report';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WEB_INDEX = path.resolve(import.meta.dirname, '../web/dist/index.html');
const STEPS = 200;

type Timing = { ms: number; longestTaskMs: number };

/** The page's window with the long tasks the init script collects. */
type BenchWindow = Window & { benchLongTasks: number[] };

/** Clicks a tab and waits, frame by frame, until `ready` holds in the page; the long tasks in between are collected. */
async function clickTab(page: Page, name: string, ready: () => boolean): Promise<Timing> {
  await page.getByRole('tab', { name: 'Outline' }).click();
  await page.getByRole('tab', { name: 'Outline', selected: true }).waitFor();
  await page.waitForTimeout(300);
  await page.evaluate(() => ((window as unknown as BenchWindow).benchLongTasks = []));
  const started = Date.now();
  await page.getByRole('tab', { name }).click();
  await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 60_000 });
  const ms = Date.now() - started;
  // Long tasks are reported after they end; give the observer a frame or two.
  await page.waitForTimeout(100);
  const tasks = await page.evaluate(() => (window as unknown as BenchWindow).benchLongTasks);
  return { ms, longestTaskMs: Math.max(0, ...tasks) };
}

function flowchartShown(): boolean {
  const image = document.querySelector<HTMLImageElement>('img[alt^="Flowchart of"]');
  return Boolean(image && image.complete && image.naturalWidth > 0);
}

function listShown(): boolean {
  const panel = document.querySelector('[role="tabpanel"]');
  const tab = document.querySelector('[role="tab"][aria-selected="true"]');
  return Boolean(panel && tab?.textContent?.includes('Numbered list') && panel.querySelectorAll('li').length >= 100);
}

export default defineBenchmark({
  name: 'flowchart-render',
  description: 'Flowchart tab of a 200-step SOP in Chromium: time to the drawing and the longest main-thread task, against the Numbered list tab',
  async run(ctx) {
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!fs.existsSync(WEB_INDEX) || !fs.existsSync(executablePath)) {
      ctx.note(`flowchart-render: skipped — ${fs.existsSync(WEB_INDEX) ? `no Chromium at ${executablePath}` : 'web/dist is missing; run `npm run build` first'}`);
      return;
    }
    const server = await ctx.startServer({ serveWeb: true });
    const session = await server.signInAdmin();
    const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${server.url}${url}`, { method, headers: body ? session.writeHeaders : session.readHeaders, body: body ? JSON.stringify(body) : undefined });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const sop = await api<{ id: string; versions: { id: string }[] }>('POST', '/api/v1/sops', {
      key: 'CS-BIG-200',
      title: 'Resolve a complex delivery claim',
      category: 'Deliveries',
      channels: ['phone'],
      audience: ['Agent'],
      reviewIntervalMonths: 12,
    });
    const versionId = sop.versions[0]!.id;
    const version = await api<{ revision: number; content: Record<string, unknown> }>('GET', `/api/v1/sops/${sop.id}/versions/${versionId}`);
    const procedure = generateLargeProcedure(STEPS, 42);
    await api('PUT', `/api/v1/sops/${sop.id}/versions/${versionId}/content`, { revision: version.revision, content: { ...version.content, procedure } });

    const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
    const closeBrowser = onCleanup('chromium', () => browser.close());
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const [name, value] = session.readHeaders.cookie!.split('=', 2) as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      await context.addInitScript(() => {
        (window as unknown as BenchWindow).benchLongTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) (window as unknown as BenchWindow).benchLongTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/library/${sop.id}?view=outline`);
      await page.getByRole('tab', { name: 'Flowchart' }).waitFor({ timeout: 30_000 });

      const lists: Timing[] = [];
      const charts: Timing[] = [];
      for (let round = 1; round <= ctx.options.rounds; round++) {
        const list = await clickTab(page, 'Numbered list', listShown);
        const chart = await clickTab(page, 'Flowchart', flowchartShown);
        lists.push(list);
        charts.push(chart);
        ctx.note(`flowchart-render round ${round}: Numbered list ${list.ms} ms (longest task ${list.longestTaskMs.toFixed(0)} ms), Flowchart ${chart.ms} ms (longest task ${chart.longestTaskMs.toFixed(0)} ms)`);
      }
      const shapes = /\d+ shapes/.exec(await page.getByText(/\d+ shapes\./).innerText())?.[0] ?? '? shapes';
      const chartMs = median(charts.map((timing) => timing.ms));
      const listMs = median(lists.map((timing) => timing.ms));
      ctx.note(`flowchart-render: ${STEPS} steps (${shapes}); click to drawing ${chartMs.toFixed(0)} ms, Numbered list ${listMs.toFixed(0)} ms, ratio ${(chartMs / listMs).toFixed(1)}× (medians over rounds)`);
      ctx.note(`flowchart-render: longest task on the Numbered list tab ${median(lists.map((timing) => timing.longestTaskMs)).toFixed(0)} ms`);
      ctx.figure({ name: 'flowchart-render-longest-task', value: median(charts.map((timing) => timing.longestTaskMs)), unit: 'ms', target: { op: '<', value: 200 }, digits: 0 });
    } finally {
      await closeBrowser();
    }
  },
});
