import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot } from './support/browser';
import { choose, journeyEnvironment, publishNow, signIn, signOut, visit } from './support/journey';

describe('library: author, review, approve, publish and find an SOP', () => {
  const environment = journeyEnvironment();

  it('takes a new SOP from a template through review and signature to publication, and an agent finds it in three words', async () => {
    const { server, browser } = environment;
    const author = server.account('Quality manager');
    const reviewer = server.account('Senior agent');
    const agent = server.accounts.filter((account) => account.role === 'Agent')[0]!;
    const page = await newPage(browser);

    // The author starts from a template.
    await signIn(page, server.url, author);
    await visit(page, 'Library', 'library');
    await expect.poll(() => page.getByRole('row', { name: /HH-REF-001/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'library');

    // A library longer than a page loads fifty SOPs at a time, in key order.
    const { csrfToken } = await (await page.request.get(`${server.url}/api/v1/me`)).json();
    for (let number = 100; number < 145; number++) {
      const created = await page.request.post(`${server.url}/api/v1/sops`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { key: `HH-ARC-${number}`, title: `Archived procedure ${number}`, category: 'Archive' },
      });
      expect(created.status()).toBe(201);
    }
    await page.reload();
    const listed = page.getByRole('table', { name: 'Standard operating procedures' }).getByRole('row');
    const counter = page.getByRole('status').filter({ hasText: /SOPs/ });
    await expect.poll(() => counter.innerText()).toMatch(/^Showing 50 of \d+ SOPs, in key order\.$/);
    const total = Number(/of (\d+) SOPs/.exec(await counter.innerText())![1]);
    expect(total).toBeGreaterThan(50);
    expect(await listed.count()).toBe(1 + 50);
    expect(await page.getByRole('row', { name: /HH-REF-001/ }).count()).toBe(0);
    await screenshot(page, 'library-first-page');
    await page.getByRole('button', { name: `Show ${total - 50} more` }).click();
    await expect.poll(() => counter.innerText()).toBe(`${total} SOPs in the library.`);
    expect(await listed.count()).toBe(1 + total);
    expect(await page.getByRole('row', { name: /HH-REF-001/ }).count()).toBe(1);
    await expectAccessible(page, 'library, every page loaded');
    await page.getByRole('button', { name: 'New SOP' }).click();
    const create = page.getByRole('dialog', { name: 'New SOP' });
    await create.getByLabel(/^Key/).fill('HH-LOY-101');
    await create.getByLabel(/^Title/).fill('Replace a lost loyalty card');
    await create.getByLabel(/^Category/).fill('Loyalty');
    await expectAccessible(page, 'new SOP dialog');
    await create.getByRole('button', { name: 'Create SOP' }).click();

    // The editor: reword the first step and add one; autosave keeps it.
    await page.waitForURL(/\/edit$/);
    // The template's prompts are to be replaced: until they are, the checks say so.
    await page.getByText('Purpose still holds the template’s prompt', { exact: false }).first().waitFor();
    await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('A customer who lost their card keeps their points and gets a new card within a week.');
    await page.getByRole('textbox', { name: 'Scope', exact: true }).fill('Lost, stolen and damaged loyalty cards, on every channel. Gift cards are out of scope.');
    await expect.poll(() => page.getByText('Purpose still holds the template’s prompt', { exact: false }).count()).toBe(0);
    const first = page.getByRole('textbox', { name: 'Instruction of step 1', exact: true });
    await first.fill('Ask for the loyalty card number or the email on the account.');
    await page.getByRole('button', { name: 'Add step', exact: true }).click();
    const added = page.getByRole('textbox', { name: 'Instruction of step 4', exact: true });
    await added.fill('Tell the customer when the new card will arrive.');
    // The step points to another SOP, found by a word of its title.
    await page.getByRole('button', { name: 'Show details of step 4' }).click();
    const reference = page.getByRole('combobox', { name: 'Refers to SOP' });
    await reference.fill('refund');
    await page.getByRole('option', { name: /^HH-REF-001 / }).click();
    await expect.poll(() => reference.inputValue()).toMatch(/^HH-REF-001 /);
    // And the first step to another, by its key.
    await page.getByRole('button', { name: 'Show details of step 1' }).click();
    const firstReference = page.getByRole('combobox', { name: 'Refers to SOP' }).first();
    await firstReference.fill('HH-CMP');
    await page.getByRole('option', { name: /^HH-CMP-001 / }).click();
    await expect.poll(() => firstReference.inputValue()).toMatch(/^HH-CMP-001 /);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Saved|Saving|Unsaved/ }).first().innerText(), { timeout: 15_000 }).toMatch(/Saved/);
    await expectAccessible(page, 'editor');
    await screenshot(page, 'editor');
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Instruction of step 1', exact: true }).inputValue()).toBe('Ask for the loyalty card number or the email on the account.');
    await page.getByRole('link', { name: 'Done editing' }).click();

    // Submit for review, naming a subject expert.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const submit = page.getByRole('dialog', { name: 'Submit for expert review' });
    // A person's option names them, then their roles.
    await choose(page, submit, /^Reviewers/, /^Maria Rossi/);
    await submit.getByRole('button', { name: 'Submit for review' }).click();
    await submit.waitFor({ state: 'hidden' });
    const sopUrl = page.url();
    await signOut(page, 'Jordan Lee');

    // The reviewer finishes the review.
    await signIn(page, server.url, reviewer, new URL(sopUrl).pathname);
    await screenshot(page, 'reviewer');
    await page.getByRole('button', { name: 'Finish my review' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Finish my review' }).count()).toBe(0);
    await signOut(page, 'Maria Rossi');

    // The approver signs with their password, and publishes.
    await signIn(page, server.url, author, new URL(sopUrl).pathname);
    await page.getByRole('button', { name: 'Approve and sign' }).click();
    const sign = page.getByRole('dialog', { name: 'Sign version 1.0' });
    await sign.getByLabel(/^Your password/).fill('a wrong password');
    await sign.getByRole('button', { name: 'Sign' }).click();
    await sign.getByRole('alert').waitFor();
    await sign.getByLabel(/^Your password/).fill(author.password);
    await sign.getByRole('button', { name: 'Sign' }).click();
    await sign.waitFor({ state: 'hidden' });
    await publishNow(page);
    await expectAccessible(page, 'published SOP');
    await screenshot(page, 'published');

    // A good SOP becomes a template the organisation's authors can start from.
    await page.getByRole('button', { name: 'Save as template' }).click();
    const saveTemplate = page.getByRole('dialog', { name: /Save HH-LOY-101 version 1.0 as a template/ });
    await saveTemplate.getByLabel(/^Template name/).fill('Loyalty card procedure');
    await saveTemplate.getByRole('button', { name: 'Save the template' }).click();
    await saveTemplate.waitFor({ state: 'hidden' });
    const templates = await (await page.request.get(`${server.url}/api/v1/sop-templates`)).json();
    expect(templates.items.map((template: { name: string }) => template.name)).toContain('Loyalty card procedure');
    await signOut(page, 'Jordan Lee');

    // An agent on a call types three words and opens it; it reads three ways.
    await signIn(page, server.url, agent);
    await visit(page, 'Library', 'library as an agent');
    expect(await page.getByRole('button', { name: 'New SOP' }).count()).toBe(0);
    const search = page.getByRole('searchbox', { name: 'Search the procedures' });
    const results = page.getByRole('list', { name: 'Search results' });
    // A word the manual does not use still leaves the SOPs with the others, and says so.
    await search.fill('lost loyalty card quokka');
    await page.getByRole('status').getByText(/^No procedure has every word of “lost loyalty card quokka”\. \d+ procedures? with some of them/).waitFor();
    await expect.poll(() => results.getByRole('link').first().innerText()).toMatch(/HH-LOY-101/);
    await search.fill('lost loyalty card');
    await page.getByRole('status').getByText(/^\d+ procedures? found, best match first$/).waitFor();
    await expect.poll(() => results.getByRole('link').first().innerText()).toMatch(/HH-LOY-101/);
    await expectAccessible(page, 'search results');
    await screenshot(page, 'search');
    // The SOPs its steps refer to are looked up together, in one request.
    const keyLookups: string[] = [];
    page.on('request', (request) => {
      const keys = new URL(request.url()).searchParams.get('keys');
      if (request.url().includes('/api/v1/sops?') && keys) keyLookups.push(keys);
    });
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Replace a lost loyalty card/ }).waitFor();
    await page.getByText('Tell the customer when the new card will arrive.').first().waitFor();
    await page.getByRole('link', { name: /^HH-REF-001 / }).first().waitFor();
    await page.getByRole('link', { name: /^HH-CMP-001 / }).first().waitFor();
    expect(keyLookups.map((keys) => keys.split(',').sort())).toEqual([['HH-CMP-001', 'HH-REF-001']]);
    await screenshot(page, 'sop-as-agent');
    for (const view of ['Outline', 'Flowchart']) {
      await page.getByRole('tab', { name: view }).click();
      await expectAccessible(page, `SOP, ${view.toLowerCase()} view`);
    }
    await page.getByRole('img', { name: /^Flowchart of .*Replace a lost loyalty card/ }).waitFor();
    const svgUrl = await page.getByRole('link', { name: 'Download SVG' }).getAttribute('href');
    // The drawing is a data: URL (the page's CSP allows images from data:, not fetches).
    const [header, body] = svgUrl!.split(',', 2) as [string, string];
    const svg = header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('card will arrive.');
    await screenshot(page, 'flowchart');

    // A mistyped address, and one whose SOP does not exist: "Not found", not a validation message.
    for (const address of ['/library/serach', '/library/01900000-0000-7000-8000-000000000000']) {
      await page.goto(`${server.url}${address}`);
      const alert = page.getByRole('alert').filter({ hasText: 'Not found' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('The link may be mistyped or out of date');
      expect(await alert.innerText()).not.toContain('params.');
    }
    await expectAccessible(page, 'not found');
    await screenshot(page, 'not-found');
  });
});
