import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot } from './support/browser';
import { journeyEnvironment, signIn, visit } from './support/journey';

describe('review cadence: an owner sees their reviews due and records one', () => {
  const environment = journeyEnvironment();

  /** Time passes: the demo manual was published today, so its reviews fall due only months from now. */
  function setNextReviewDue(key: string, daysFromToday: number): void {
    const database = new SQLite(path.join(environment.server.dataDir, 'sopdesk.db'));
    try {
      const due = new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
      const changed = database.prepare('update sops set next_review_due = ? where key = ?').run(due, key).changes;
      expect(changed, `SOP ${key}`).toBe(1);
    } finally {
      database.close();
    }
  }

  it('lists the owner’s overdue and due reviews, and “still correct” restarts the clock', async () => {
    const { server, browser } = environment;
    setNextReviewDue('HH-CHN-004', -10);
    setNextReviewDue('HH-DEL-001', 12);
    const owner = server.account('Quality manager');
    const page = await newPage(browser);
    await signIn(page, server.url, owner, '/library');
    await visit(page, 'Library', 'library with reviews due');

    const reviews = page.getByRole('alert').filter({ hasText: 'Your periodic reviews' });
    await reviews.getByText('1 SOP you own is overdue for review, and 1 more is due within 30 days.', { exact: false }).waitFor();
    await screenshot(page, 'library-reviews-due');
    await reviews.getByRole('button', { name: 'Show overdue' }).click();
    await page.waitForURL(/owner=me/);
    expect(page.url()).toMatch(/review=overdue/);
    const table = page.getByRole('table', { name: 'Standard operating procedures' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    const row = table.getByRole('row', { name: /HH-CHN-004/ });
    await row.getByText('Overdue', { exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Jordan Lee' }).waitFor();
    await page.getByText('1 SOP matches these filters.').waitFor();
    await expectAccessible(page, 'library, my overdue reviews');

    // The review: still correct, with what was checked.
    await row.getByRole('link', { name: 'Respond to a customer on social media' }).click();
    await page.getByRole('heading', { level: 1, name: /Respond to a customer on social media/ }).waitFor();
    await page.getByRole('button', { name: 'Record periodic review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Periodic review of HH-CHN-004' });
    await dialog.getByRole('radio', { name: 'Still correct: restart the review clock' }).check();
    await dialog.getByLabel('Note').fill('Checked the reply times and escalation contacts with the social team.');
    await expectAccessible(page, 'periodic review dialog');
    await dialog.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Review recorded: the next review is due one interval from today.').waitFor();
    await page.getByText(/Jordan Lee: still correct \(Checked the reply times and escalation contacts with the social team\.\)/).waitFor();

    // Back in the library only the one due soon is left; the reviewed SOP is due in six months.
    await page.goto(`${server.url}/library`);
    await reviews.getByText('1 SOP you own is due for review within 30 days.', { exact: false }).waitFor();
    expect(await reviews.getByRole('button', { name: 'Show overdue' }).count()).toBe(0);
    const listed = (await (await page.request.get(`${server.url}/api/v1/sops?keys=HH-CHN-004`)).json()) as { items: Array<{ nextReviewDue: string }> };
    const nextReviewDue = listed.items[0]!.nextReviewDue;
    const daysAhead = (Date.parse(nextReviewDue) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(178);
    expect(daysAhead).toBeLessThan(186);
    const shown = new Date(`${nextReviewDue.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    const reviewed = page.getByRole('table', { name: 'Standard operating procedures' }).getByRole('row', { name: /HH-CHN-004/ });
    await reviewed.getByText(shown, { exact: false }).waitFor();
    expect(await reviewed.getByText('Overdue', { exact: true }).count()).toBe(0);
  });

  it('shows an agent who owns no SOP no reviews, and an empty “Me” filter', async () => {
    const { server, browser } = environment;
    const page = await newPage(browser);
    await signIn(page, server.url, server.account('Agent'), '/library?owner=me');
    await visit(page, 'Library', 'library, agent, owner me');
    await page.getByText('No SOP matches these filters').waitFor();
    expect(await page.getByText('Your periodic reviews').count()).toBe(0);
  });
});
