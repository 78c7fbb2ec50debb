import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Step } from '../common/procedure/model';
import { expectAccessible, newPage, screenshot } from './support/browser';
import { journeyEnvironment, signIn } from './support/journey';
import type { RunningServer } from './support/server';

const instruction = (page: Page, number: string) => page.getByRole('textbox', { name: `Instruction of step ${number}`, exact: true });
const handle = (page: Page, number: string) => page.getByRole('button', { name: `Drag to move step ${number}`, exact: true });

/** The instructions of a list of steps, top to bottom, as the editor shows them. */
async function instructions(list: Locator): Promise<string[]> {
  const boxes = list.locator(':scope > li > div textarea');
  return boxes.evaluateAll((elements) => elements.map((element) => (element as HTMLTextAreaElement).value));
}

/**
 * Drags a step by its handle, the way a hand does: press, move in small steps, and let go once the
 * editor says where the step would land (`lands`, the live announcement). A hand watches the
 * steps make room before it lets go; on a busy machine the last moves' re-render can lag, so the
 * pointer creeps on a few pixels at a time until the announcement comes.
 */
async function dragStep(page: Page, number: string, onto: Locator, below: boolean, lands: RegExp): Promise<void> {
  const from = (await handle(page, number).boundingBox())!;
  const to = (await onto.boundingBox())!;
  const x = from.x + from.width / 2;
  const startY = from.y + from.height / 2;
  const targetY = below ? to.y + to.height * 0.75 : to.y + to.height * 0.25;
  await page.mouse.move(x, startY);
  await page.mouse.down();
  for (let move = 1; move <= 20; move++) await page.mouse.move(x, startY + ((targetY - startY) * move) / 20);
  const announced = () => page.getByRole('status').filter({ hasText: lands }).count();
  for (let creep = 1; creep <= 10 && (await announced()) === 0; creep++) {
    await page.waitForTimeout(100);
    await page.mouse.move(x, targetY + (below ? 4 : -4) * creep);
  }
  expect(await announced(), `the editor announces ${lands}`).toBe(1);
  await page.mouse.up();
}

async function waitForSave(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: /Saved|Saving|Unsaved/ }).first().innerText(), { timeout: 15_000 }).toMatch(/Saved/);
}

/** Signs in as the quality manager and creates an SOP from the default template; the page ends in its editor. */
async function openNewDraft(page: Page, server: RunningServer, key: string, title: string): Promise<void> {
  await signIn(page, server.url, server.account('Quality manager'));
  await page.getByRole('button', { name: 'New SOP' }).click();
  const create = page.getByRole('dialog', { name: 'New SOP' });
  await create.getByLabel(/^Key/).fill(key);
  await create.getByLabel(/^Title/).fill(title);
  await create.getByLabel(/^Category/).fill('Returns');
  await create.getByRole('button', { name: 'Create SOP' }).click();
  await page.waitForURL(/\/edit$/);
}

/** The procedure of the draft being edited, as the server has it once the editor has saved. */
async function savedProcedure(page: Page, server: RunningServer): Promise<Step[]> {
  await waitForSave(page);
  const sopId = new URL(page.url()).pathname.split('/')[2]!;
  const sop = await (await page.request.get(`${server.url}/api/v1/sops/${sopId}`)).json();
  const draftId = sop.versions.find((version: { status: string }) => version.status === 'draft').id;
  const draft = await (await page.request.get(`${server.url}/api/v1/sops/${sopId}/versions/${draftId}`)).json();
  return draft.content.procedure as Step[];
}

describe('library: reorder the steps of a draft by drag', () => {
  const environment = journeyEnvironment();

  it('moves steps by pointer and by keyboard within their list, and the draft keeps the new order', async () => {
    const { server, browser } = environment;
    const page = await newPage(browser);
    await openNewDraft(page, server, 'HH-DRG-101', 'Exchange a faulty kettle');

    // Three steps, the second with two sub-steps.
    const texts = ['Greet the customer.', 'Check the receipt.', 'Offer an exchange.'];
    for (const [index, text] of texts.entries()) await instruction(page, String(index + 1)).fill(text);
    await page.getByRole('button', { name: 'Add a sub-step to step 2', exact: true }).click();
    await instruction(page, '2.1').fill('Read the date of purchase.');
    await page.getByRole('button', { name: 'Add a sub-step to step 2', exact: true }).click();
    await instruction(page, '2.2').fill('Read the serial number.');
    const procedure = page.getByRole('list', { name: 'Procedure steps' });
    expect((await instructions(procedure)).slice(0, 3)).toEqual(texts);
    await expectAccessible(page, 'editor with drag handles');
    await screenshot(page, 'step-drag-editor');

    // The first step, dragged below the third, goes last among the top-level steps.
    await dragStep(page, '1', instruction(page, '3'), true, /would become step 3, after “Offer an exchange\.”/);
    await expect.poll(() => instructions(procedure).then((order) => order.slice(0, 3))).toEqual(['Check the receipt.', 'Offer an exchange.', 'Greet the customer.']);
    // The step that moved up took its sub-steps with it.
    const substeps = page.getByRole('list', { name: 'Sub-steps of step 1' });
    expect(await instructions(substeps)).toEqual(['Read the date of purchase.', 'Read the serial number.']);

    // A sub-step moves among its siblings only.
    await dragStep(page, '1.2', instruction(page, '1.1'), false, /would become step 1\.1, before “Read the date of purchase\.”/);
    await expect.poll(() => instructions(substeps)).toEqual(['Read the serial number.', 'Read the date of purchase.']);

    // The keyboard: Space picks a step up, an arrow moves it, Space drops it; each is announced.
    // The long step (with its sub-steps) goes below the short one after it.
    const announced = (text: RegExp) => expect.poll(() => page.getByRole('status').filter({ hasText: text }).count()).toBe(1);
    await handle(page, '1').focus();
    await page.keyboard.press('Space');
    await announced(/^Picked up step 1, “Check the receipt\.”\.$/);
    await page.keyboard.press('ArrowDown');
    await announced(/^Step 1 would become step 2, after “Offer an exchange\.”\.$/);
    await page.keyboard.press('Space');
    await announced(/^Moved step 1, “Check the receipt\.”: it is now step 2\.$/);
    const finalOrder = ['Offer an exchange.', 'Check the receipt.', 'Greet the customer.'];
    await expect.poll(() => instructions(procedure).then((order) => order.slice(0, 3))).toEqual(finalOrder);
    // Focus stays on the handle of the step that moved, to move it again; Escape puts it back.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Drag to move step 2');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await announced(/^Step 2 would become step 3, after “Greet the customer\.”\.$/);
    await page.keyboard.press('Escape');
    await announced(/^Moving step 2 was cancelled; it stays where it was\.$/);
    expect((await instructions(procedure)).slice(0, 3)).toEqual(finalOrder);

    // Saved as any edit is: the server has the new order, and a reload shows it.
    const saved = await savedProcedure(page, server);
    expect(saved.slice(0, 3).map((step) => step.text)).toEqual(finalOrder);
    expect(saved[1]!.substeps!.map((step) => step.text)).toEqual(['Read the serial number.', 'Read the date of purchase.']);
    await page.reload();
    await expect.poll(() => instruction(page, '2.1').inputValue()).toBe('Read the serial number.');
    expect((await instructions(page.getByRole('list', { name: 'Procedure steps' }))).slice(0, 3)).toEqual(finalOrder);
  });

  it('moves a step, with its sub-steps, into a decision’s branch and back out with “Move to…”', async () => {
    const { server, browser } = environment;
    const page = await newPage(browser);
    await openNewDraft(page, server, 'HH-DRG-102', 'Handle a kettle returned as faulty');

    const texts = ['Test the kettle.', 'Check the receipt.', 'Is the kettle faulty?'];
    for (const [index, text] of texts.entries()) await instruction(page, String(index + 1)).fill(text);
    await page.getByRole('button', { name: 'Add a sub-step to step 1', exact: true }).click();
    await instruction(page, '1.1').fill('Fill it with water and switch it on.');
    await page.getByRole('button', { name: 'Show details of step 3' }).click();
    await page.getByRole('combobox', { name: 'Kind of step 3' }).click();
    await page.getByRole('option', { name: 'Decision', exact: true }).click();
    await page.getByRole('button', { name: 'Add step to “Yes”' }).waitFor();

    // Step 1 goes, with its sub-step, to the end of the "Yes" branch of the decision.
    await page.getByRole('button', { name: 'Move step 1 to another list…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move step 1' });
    await dialog.getByRole('combobox', { name: 'Move to' }).click();
    await expectAccessible(page, 'move a step dialog');
    await screenshot(page, 'step-move-dialog');
    await page.getByRole('option', { name: 'Branch “Yes” of step 3 “Is the kettle faulty?”, at the end' }).click();
    await dialog.getByRole('button', { name: 'Move step 1' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => instruction(page, '2.a.1').inputValue()).toBe('Test the kettle.');
    expect(await instruction(page, '2.a.1.1').inputValue()).toBe('Fill it with water and switch it on.');
    expect(await instruction(page, '1').inputValue()).toBe('Check the receipt.');
    // Focus follows the step to its new place.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Instruction of step 2.a.1');

    // And back out, to the end of the procedure.
    await page.getByRole('button', { name: 'Move step 2.a.1 to another list…' }).click();
    const back = page.getByRole('dialog', { name: 'Move step 2.a.1' });
    await back.getByRole('combobox', { name: 'Move to' }).click();
    await page.getByRole('option', { name: 'The procedure itself: a top-level step, at the end' }).click();
    await back.getByRole('button', { name: 'Move step 2.a.1' }).click();
    await expect.poll(() => instruction(page, '3').inputValue()).toBe('Test the kettle.');
    expect(await instruction(page, '3.1').inputValue()).toBe('Fill it with water and switch it on.');

    const saved = await savedProcedure(page, server);
    expect(saved.map((step) => step.text)).toEqual(['Check the receipt.', 'Is the kettle faulty?', 'Test the kettle.']);
    expect(saved[1]!.branches!.map((branch) => branch.steps.length)).toEqual([0, 0]);
    expect(saved[2]!.substeps!.map((step) => step.text)).toEqual(['Fill it with water and switch it on.']);
  });
});
