import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot } from './support/browser';
import { choose, journeyEnvironment, publishNow, signIn, signOut, signVersion, visit } from './support/journey';

/** The count a "Show processes" option states, e.g. 4 for "Without a published SOP (4)". */
async function shownCount(page: Page, option: string): Promise<number> {
  const text = await page.getByRole('radiogroup', { name: 'Show processes' }).getByText(new RegExp(`^${option} \\(\\d+\\)$`)).innerText();
  return Number(/\((\d+)\)$/.exec(text)![1]);
}

/** A demo person's name, from their address (priya.shah@… is Priya Shah). */
const nameOf = (account: { email: string }) =>
  account.email
    .split('@')[0]!
    .split('.')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');

/** Rows of the processes table, less its header. */
const processRows = (page: Page) => page.getByRole('table', { name: 'Processes' }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') });

describe('register: from a process to a published SOP, through a staff trial', () => {
  const environment = journeyEnvironment();

  it('lists what lacks an SOP, writes one for a new process, runs a staff trial, and the register shows it published', async () => {
    const { server, browser } = environment;
    const named = (account: { email: string; password: string }) => ({ ...account, name: nameOf(account) });
    const lead = named(server.account('Quality manager'));
    const reviewer = named(server.account('Senior agent'));
    const [priya, tom] = server.accounts.filter((account) => account.role === 'Agent').map(named);
    const page = await newPage(browser);

    // The register says what still lacks a published SOP, and which entries look alike.
    await signIn(page, server.url, lead, '/register');
    await visit(page, 'Process register', 'process register');
    const uncovered = await shownCount(page, 'Without a published SOP');
    expect(uncovered).toBeGreaterThan(0);
    await page.getByRole('radiogroup', { name: 'Show processes' }).getByText(/^Without a published SOP/).click();
    await expect.poll(() => processRows(page).count()).toBe(uncovered);
    expect(page.url()).toMatch(/\?show=uncovered$/);
    expect(await processRows(page).filter({ has: page.getByText('Published', { exact: true }) }).count()).toBe(0);
    await page.getByRole('radiogroup', { name: 'Show processes' }).getByText(/^Likely duplicates/).click();
    await expect.poll(() => processRows(page).count()).toBe(await shownCount(page, 'Likely duplicates'));
    expect(await processRows(page).count()).toBeGreaterThanOrEqual(2);
    await page.getByText(/^Looks like “.+” \(\d+% alike\)$/).first().waitFor();
    await expectAccessible(page, 'register, likely duplicates');
    await screenshot(page, 'register-duplicates');

    // A new process, with what the staff said about it.
    await page.getByRole('radiogroup', { name: 'Show processes' }).getByText(/^All/).click();
    await page.getByRole('button', { name: 'Add process' }).click();
    const add = page.getByRole('dialog', { name: 'Add a process to the register' });
    await add.getByLabel(/^Name/).fill('Exchange an unwanted gift');
    await add.getByLabel(/^Description/).fill('Swap a gift the customer does not want for another item or a gift card.');
    await add.getByLabel(/^Category/).fill('Refunds and returns');
    await add.getByLabel(/^Notes/).fill('Store staff say gift receipts are often missing; they look the order up by the gift message.');
    await expectAccessible(page, 'add-process dialog');
    await add.getByRole('button', { name: 'Add process' }).click();
    await add.waitFor({ state: 'hidden' });
    const row = processRows(page).filter({ hasText: 'Exchange an unwanted gift' });
    await row.getByText('No SOP yet').waitFor();
    expect(await shownCount(page, 'Without a published SOP')).toBe(uncovered + 1);
    await row.getByRole('button', { name: 'Show all about Exchange an unwanted gift' }).click();
    await row.getByText(/they look the order up by the gift message/).waitFor();

    // An SOP for it, started from the register: the dialog comes filled in from the process.
    await row.getByRole('button', { name: 'Write an SOP for Exchange an unwanted gift' }).click();
    const create = page.getByRole('dialog', { name: 'New SOP' });
    expect(await create.getByLabel(/^Title/).inputValue()).toBe('Exchange an unwanted gift');
    expect(await create.getByLabel(/^Category/).inputValue()).toBe('Refunds and returns');
    await create.getByLabel(/^Key/).fill('hh-gft-001');
    expect(await create.getByLabel(/^Key/).inputValue()).toBe('HH-GFT-001');
    await create.getByRole('button', { name: 'Create SOP' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('A customer with an unwanted gift leaves with something they want, and the giver never learns of it.');
    await page.getByRole('textbox', { name: 'Scope', exact: true }).fill('Gifts bought from Harbour & Hill in the last 90 days, in store. Refunds to the giver are out of scope.');
    await page.getByRole('textbox', { name: 'Instruction of step 1', exact: true }).fill('Find the order from the gift receipt or the gift message.');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Saved|Saving|Unsaved/ }).first().innerText(), { timeout: 15_000 }).toMatch(/Saved/);
    await page.getByRole('link', { name: 'Done editing' }).click();
    const sopPath = new URL(page.url()).pathname;

    // Two agents who will use it try the draft first.
    await page.getByRole('button', { name: 'Start staff trial' }).click();
    const trial = page.getByRole('dialog', { name: 'Start a staff trial' });
    await choose(page, trial, /^Trial participants/, new RegExp(`^${priya!.name}`));
    await choose(page, trial, /^Trial participants/, new RegExp(`^${tom!.name}`));
    await expectAccessible(page, 'start-trial dialog');
    await trial.getByRole('button', { name: 'Start the trial' }).click();
    await trial.waitFor({ state: 'hidden' });
    await page.getByText(/Named staff are trying the draft/).waitFor();
    await signOut(page, lead.name);

    for (const [tester, comment] of [
      [priya!, 'Step 1: most gift orders are found faster by the recipient’s postcode.'],
      [tom!, 'Could we give cash instead of a gift card?'],
    ] as const) {
      await signIn(page, server.url, tester, sopPath);
      await page.getByRole('heading', { level: 1, name: /HH-GFT-001/ }).waitFor();
      const panel = page.getByRole('region', { name: 'Comments' });
      await choose(page, panel, /^Comment on/, /^1 Find the order/);
      await panel.getByLabel(/^Comment/).last().fill(comment);
      await panel.getByRole('button', { name: 'Add comment' }).click();
      await panel.getByRole('list', { name: 'Comments on this version' }).getByText(comment).waitFor();
      await expectAccessible(page, `draft in trial, as ${tester.name}`);
      await signOut(page, tester.name);
    }

    // The lead accepts one comment and declines the other, which needs a reason.
    await signIn(page, server.url, lead, sopPath);
    const comments = page.getByRole('list', { name: 'Comments on this version' });
    await comments.getByText('Could we give cash instead of a gift card?').waitFor();
    await screenshot(page, 'trial-comments');
    await comments.getByRole('button', { name: `Accept comment from ${priya!.name}` }).click();
    await comments.getByRole('button', { name: `Decline comment from ${tom!.name}` }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not record that' }).getByText(/say why the comment is declined/).waitFor();
    await expectAccessible(page, 'a decline without a reason, refused');
    await comments.getByRole('listitem').filter({ hasText: 'Could we give cash' }).getByLabel('Note').fill('Gifts are exchanged, never refunded in cash: see HH-REF-001.');
    await comments.getByRole('button', { name: `Decline comment from ${tom!.name}` }).click();
    await expect.poll(() => comments.getByRole('button', { name: /^(Accept|Decline) comment from/ }).count()).toBe(0);
    await comments.getByText('Gifts are exchanged, never refunded in cash: see HH-REF-001.').waitFor();
    await expectAccessible(page, 'trial comments resolved');

    // Then review, signature and publication, as for any SOP.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const submit = page.getByRole('dialog', { name: 'Submit for expert review' });
    await choose(page, submit, /^Reviewers/, new RegExp(`^${reviewer.name}`));
    await submit.getByRole('button', { name: 'Submit for review' }).click();
    await submit.waitFor({ state: 'hidden' });
    await signOut(page, lead.name);
    await signIn(page, server.url, reviewer, sopPath);
    await page.getByRole('button', { name: 'Finish my review' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Finish my review' }).count()).toBe(0);
    await signOut(page, reviewer.name);
    await signIn(page, server.url, lead, sopPath);
    await signVersion(page, lead.password);
    await publishNow(page);

    // The register shows the process covered, and the SOP it has.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Process register' }).click();
    await visit(page, 'Process register', 'process register after publication');
    const covered = processRows(page).filter({ hasText: 'Exchange an unwanted gift' });
    await covered.getByText('Published', { exact: true }).waitFor();
    await covered.getByRole('link', { name: 'HH-GFT-001 Exchange an unwanted gift' }).waitFor();
    expect(await shownCount(page, 'Without a published SOP')).toBe(uncovered);
    await screenshot(page, 'register-covered');
  });
});
