import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { expectAccessible, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * A fresh server (demo organisation, its own SQLite file) and Debian's Chromium for the journeys
 * of one file, started before them and stopped after. Read the fields inside the tests.
 */
export function journeyEnvironment(): { server: RunningServer; browser: Browser } {
  const environment = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [environment.server, environment.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await environment.browser?.close();
    await environment.server?.stop();
  });
  return environment;
}

/** Picks an option of a Mantine select or multi-select by its label, then closes the list. */
export async function choose(page: Page, scope: Locator, label: RegExp, option: string | RegExp): Promise<void> {
  await scope.getByLabel(label).click();
  await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).click();
  await scope.getByRole('heading').first().click();
}

/** Signs in through the sign-in form, as a person would, and waits for the app to load. */
export async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }, path = '/library'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { name: 'Sign in to sopdesk' }).waitFor();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

/** Signs out through the account menu. */
export async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Account menu for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to sopdesk' }).waitFor();
}

/** The names of the main navigation's links: what the signed-in person is offered. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
  return (await links.allInnerTexts()).map((text) => text.trim());
}

/** Waits for a page's heading, then runs axe on it. */
export async function visit(page: Page, heading: string | RegExp, label: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page, label);
  expect(await page.getByRole('heading', { level: 1 }).count(), `one h1 on ${label}`).toBe(1);
}

/** Signs the version shown with the approver's password (the signature dialog of version 1.0). */
export async function signVersion(page: Page, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Approve and sign' }).click();
  const sign = page.getByRole('dialog', { name: 'Sign version 1.0' });
  await sign.getByLabel(/^Your password/).fill(password);
  await sign.getByRole('button', { name: 'Sign' }).click();
  await sign.waitFor({ state: 'hidden' });
}

/** Publishes the signed version shown, effective now. */
export async function publishNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish version 1.0' });
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await publish.waitFor({ state: 'hidden' });
  await page.getByText('Published: this version is now in use.').waitFor();
}
