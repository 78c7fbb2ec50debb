import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot } from './support/browser';
import { choose, journeyEnvironment, navigationLinks, signIn, signOut, visit } from './support/journey';

describe('foundation: people, access and the audit trail', () => {
  const environment = journeyEnvironment();

  it('an administrator adds an agent, the agent sets a password and sees only what the role allows, and the audit trail shows and verifies it', async () => {
    const { server, browser } = environment;
    const admin = server.account('Administrator');
    const page = await newPage(browser);

    // A visitor who is not signed in is sent to sign in, and comes back to the page asked for.
    await page.goto(`${server.url}/people`);
    await visit(page, 'Sign in to sopdesk', 'sign-in');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel(/^Password/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/email or password/i);
    await screenshot(page, 'sign-in-refused');
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visit(page, 'People', 'people');
    expect(page.url()).toMatch(/\/people$/);
    expect(await navigationLinks(page)).toEqual(expect.arrayContaining(['Library', 'People', 'Teams', 'Roles', 'Audit trail', 'Settings']));
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(6);
    await screenshot(page, 'people');

    // Add a person with the Agent role.
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel(/^Name/).fill('Casey Nguyen');
    await dialog.getByLabel(/^Email/).fill('casey.nguyen@harbourhill.example');
    await choose(page, dialog, /^Roles/, 'Agent');
    await expectAccessible(page, 'add-person dialog');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    const added = page.getByRole('dialog', { name: 'Casey Nguyen has been added' });
    const link = (await added.getByTestId('set-password-link').innerText()).trim();
    expect(link).toMatch(/\/reset-password#token=/);
    await screenshot(page, 'person-added');
    await added.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Casey Nguyen/ }).count()).toBe(1);
    await signOut(page, 'Alex Morgan');

    // The new agent sets a password with the one-time link and signs in.
    await page.goto(link);
    await visit(page, 'Set your password', 'set-password');
    await page.getByText('Hello Casey Nguyen').waitFor();
    await page.getByLabel(/^New password/).fill('tidal lantern copper 93 meadow');
    await page.getByLabel(/^Repeat the new password/).fill('tidal lantern copper 93 meadow');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set').waitFor();
    await signIn(page, server.url, { email: 'casey.nguyen@harbourhill.example', password: 'tidal lantern copper 93 meadow' });
    await visit(page, /Library|Procedures/, 'library as an agent');
    const agentLinks = await navigationLinks(page);
    expect(agentLinks).toEqual(expect.arrayContaining(['Library', 'Cases', 'Training']));
    for (const hidden of ['People', 'Teams', 'Roles', 'Audit trail', 'Settings']) expect(agentLinks).not.toContain(hidden);
    await screenshot(page, 'agent-library');

    // Typing an administration address directly shows no data, and says why.
    await page.goto(`${server.url}/people`);
    await visit(page, 'People', 'people as an agent');
    await page.getByText('You do not have access to this page').waitFor();
    expect(await page.getByRole('row').count()).toBe(0);
    await page.goto(`${server.url}/audit`);
    await page.getByText('You do not have access to this page').waitFor();

    // The agent's own profile works: a personal API token is shown once.
    await page.goto(`${server.url}/profile`);
    await visit(page, 'Profile and security', 'profile');
    await page.getByLabel('Token name').fill('Reporting script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-api-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(30);
    const me = await page.request.get(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect((await me.json()).person.name).toBe('Casey Nguyen');
    await page.getByRole('button', { name: 'Revoke token Reporting script' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('You have no API tokens.').waitFor();
    const revoked = await page.request.get(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status()).toBe(401);
    await screenshot(page, 'profile');
    await signOut(page, 'Casey Nguyen');

    // The administrator sees what happened in the audit trail, and verifies the chain.
    await signIn(page, server.url, admin, '/audit');
    await visit(page, 'Audit trail', 'audit trail');
    await expect.poll(() => page.getByRole('row', { name: /person\.created/ }).count()).toBeGreaterThan(0);
    // Streams read as what they are about: the demo manual's SOPs by their keys.
    await expect.poll(() => page.getByRole('link', { name: /^sop: HH-[A-Z]+-\d{3}$/ }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('The chain is intact').waitFor();
    expect(await page.getByText(/Intact: \d+ events in \d+ streams checked/).count()).toBe(1);
    await expectAccessible(page, 'audit trail, verified');
    await screenshot(page, 'audit-verified');

    // A checkpoint downloaded now, and chosen again, finds nothing missing.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download checkpoint' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sopdesk-audit-checkpoint-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
    const checkpointFile = path.join(os.tmpdir(), `e2e-${download.suggestedFilename()}`);
    await download.saveAs(checkpointFile);
    await page.getByText(`Saved ${download.suggestedFilename()}`).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Verify against a checkpoint…' }).click()]);
    await chooser.setFiles(checkpointFile);
    await page.getByText('Nothing is missing since the checkpoint').waitFor();
    expect(await page.getByText('The chain is intact').count()).toBe(1);
    fs.rmSync(checkpointFile, { force: true });
    await expectAccessible(page, 'audit trail, verified against a checkpoint');
    await screenshot(page, 'audit-checkpoint-verified');
  });

  it('an administrator renames the organisation, rewords and retires a governed action, and the editor no longer offers it for new steps', async () => {
    const { server, browser } = environment;
    const admin = server.account('Administrator');
    const page = await newPage(browser);
    await signIn(page, server.url, admin, '/settings');
    await visit(page, 'Settings', 'settings');

    // The name heads every page; an empty one is refused where it was typed.
    const name = page.getByRole('textbox', { name: 'Name' });
    const saveName = page.getByRole('button', { name: 'Save name' });
    expect(await saveName.isDisabled()).toBe(true);
    await name.fill('  ');
    await saveName.click();
    await page.getByText('must not be empty').waitFor();
    await name.fill('Harbour & Hill Outfitters Ltd');
    await saveName.click();
    await page.getByText('The organisation is now called “Harbour & Hill Outfitters Ltd”.').waitFor();
    await page.getByRole('banner').getByText('Harbour & Hill Outfitters Ltd', { exact: true }).waitFor();
    expect(await saveName.isDisabled()).toBe(true);
    await expectAccessible(page, 'settings, organisation renamed');
    await page.getByRole('button', { name: 'Edit governed action Fee waiver' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit governed action “Fee waiver”' });
    await edit.getByText('fee-waiver', { exact: true }).waitFor();
    await edit.getByLabel(/^Label/).fill('Late fee waiver');
    await edit.getByRole('checkbox', { name: 'Retired' }).check();
    await expectAccessible(page, 'edit governed action dialog');
    await edit.getByRole('button', { name: 'Save action' }).click();
    await edit.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Late fee waiver/ });
    await row.getByText('Retired', { exact: true }).waitFor();
    expect(await row.getByText('fee-waiver', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'settings, an action retired');
    await screenshot(page, 'settings-governed-actions');

    // A new step is offered the actions still in use, not the retired one.
    await page.goto(`${server.url}/library`);
    await page.getByRole('button', { name: 'New SOP' }).click();
    const create = page.getByRole('dialog', { name: 'New SOP' });
    await create.getByLabel(/^Key/).fill('HH-FEE-001');
    await create.getByLabel(/^Title/).fill('Waive a late fee');
    await create.getByLabel(/^Category/).fill('Payments');
    await create.getByRole('button', { name: 'Create SOP' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('button', { name: 'Show details of step 1' }).click();
    await page.getByRole('combobox', { name: 'Governed action' }).first().click();
    await page.getByRole('option', { name: 'Refund', exact: true }).waitFor();
    const offered = await page.getByRole('option').allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining(['Account credit', 'Goodwill gesture', 'Refund', 'Replacement']));
    expect(offered.filter((option) => /fee waiver/i.test(option))).toEqual([]);
  });

  it('loads each page’s code when it is first opened, keeps it cached for good, and offers a reload when it cannot be fetched', async () => {
    const { server, browser } = environment;
    const admin = server.account('Administrator');
    const page = await newPage(browser);
    const fetchedScripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') fetchedScripts.push(new URL(request.url()).pathname);
    });
    await signIn(page, server.url, admin, '/library');
    await visit(page, /Library|Procedures/, 'library');
    // The audit trail's code has not been asked for: nothing led there yet.
    expect(fetchedScripts.some((script) => /\/assets\/audit-page-[\w-]+\.js$/.test(script))).toBe(false);

    // The page is checked on every visit; its hashed files may be kept for good.
    const shell = await page.request.get(`${server.url}/library`, { headers: { accept: 'text/html' } });
    expect(shell.headers()['cache-control']).toBe('no-cache');
    const entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(await shell.text())?.[1];
    expect(entry).toBeDefined();
    const asset = await page.request.get(`${server.url}${entry}`);
    expect(asset.status()).toBe(200);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

    // The audit trail's code cannot be fetched (as after an upgrade that removed it): the router
    // reloads once by itself, then the page says so and offers a reload that works once it can.
    const blockAuditCode = (route: import('playwright-core').Route) => route.abort('failed');
    await page.route(/\/assets\/audit-page-[\w-]+\.js$/, blockAuditCode);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit trail' }).click();
    await visit(page, 'This page could not be opened', 'a page whose code could not be fetched');
    await page.getByText(/sopdesk may have been updated since this tab was opened/).waitFor();
    await screenshot(page, 'page-code-not-fetched');
    await page.unroute(/\/assets\/audit-page-[\w-]+\.js$/, blockAuditCode);
    await page.getByRole('button', { name: 'Reload the page' }).click();
    await visit(page, 'Audit trail', 'audit trail after a reload');
    expect(page.url()).toMatch(/\/audit$/);
    expect(fetchedScripts.some((script) => /\/assets\/audit-page-[\w-]+\.js$/.test(script))).toBe(true);
  });
});
