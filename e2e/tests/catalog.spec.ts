// The service catalog in the browser, against the real API and seeded demo data: an
// admin builds a new service item from scratch in the catalog editor (a select, a text
// field shown and required only for one of its options, a required date, and an
// approval step); a requester finds it by search, sees the conditional field appear,
// is stopped by its field error, fixes it and files the request, which then waits for
// approval.
import { test, expect, type Page } from '@playwright/test';

import { signIn, signOut } from './session';

const ALEX = 'alex.morgan@riverside-hospital.example';
const EMMA = 'emma.clarke@riverside-hospital.example';

/** A date three weeks ahead, as `<input type="date">` wants it (YYYY-MM-DD). */
function futureDate(): string {
  return new Date(Date.now() + 21 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Adds one field with the field editor; `setup` fills what is particular to it. */
async function addField(page: Page, label: string, type: string, setup?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Add field', exact: true }).click();
  const editor = page.locator('form.field-editor');
  await expect(editor).toBeVisible();
  await editor.getByRole('textbox', { name: 'Label', exact: true }).fill(label);
  await editor.getByLabel('Type', { exact: true }).selectOption({ label: type });
  await editor.getByLabel('Required', { exact: true }).check();
  if (setup) await setup();
  await editor.getByRole('button', { name: 'Add field', exact: true }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Fields' })).toContainText(label);
}

test('an admin builds an item with a conditional field and an approval step; a requester files it', async ({ page }) => {
  const name = `Loan device ${Date.now()}`;

  // (1) Alex creates the item in the catalog editor.
  await signIn(page, ALEX, /\/queue$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog editor' }).click();
  await expect(page).toHaveURL(/\/admin\/catalog$/);
  await expect(page.getByRole('list', { name: 'Category tree' })).toContainText('Hardware');
  await page.getByRole('link', { name: 'New service item' }).click();
  await expect(page).toHaveURL(/\/admin\/catalog\/items\/new$/);

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByLabel('Description (Markdown)').fill('Borrow a **device** for a while. <b>Not bold</b>');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByLabel('Description preview');
  await expect(preview.locator('strong')).toHaveText('device');
  await expect(preview).toContainText('<b>Not bold</b>');
  await page.getByRole('button', { name: 'Edit text' }).click();
  await page.getByLabel('Category').selectOption({ label: 'Hardware' });
  await page.getByLabel('First response target (minutes)').fill('60');
  await page.getByLabel('Keywords').fill('loan, borrow');
  await page.getByLabel('Requires approval').check();
  await page.getByRole('button', { name: 'Add approval step' }).click();
  await page.getByLabel('Approver role of step 1').selectOption({ label: 'Manager' });
  await page.getByLabel('Unit scope of step 1').selectOption({ label: "Requester's unit" });
  await expect(page.getByLabel('Required (step 1)')).toBeChecked();
  await page.getByRole('button', { name: 'Create service item' }).click();

  await expect(page).toHaveURL(/\/admin\/catalog\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Request form' })).toBeVisible();
  await expect(page.getByText('No fields yet')).toBeVisible();

  // (2) The form: a select, a conditional text field and a date.
  await addField(page, 'Device type', 'Select (one)', async () => {
    await page.locator('form.field-editor').getByLabel('Options (one per line)').fill('laptop\nphone\nother');
  });
  await addField(page, 'Other device', 'Text', async () => {
    const editor = page.locator('form.field-editor');
    await editor.getByLabel('Show only when').selectOption({ label: 'Device type' });
    await editor.getByLabel('is', { exact: true }).selectOption('other');
  });
  await addField(page, 'Needed by', 'Date');
  await expect(page.getByRole('list', { name: 'Fields' })).toContainText('shown when Device type is other');
  await expect(page.getByText('The schema is valid.')).toBeVisible();

  // The live preview hides the conditional field until its condition holds.
  const livePreview = page.locator('.preview-pane');
  await expect(livePreview.getByLabel('Device type')).toBeVisible();
  await expect(livePreview.getByLabel('Other device')).toBeHidden();
  await livePreview.getByLabel('Device type').selectOption('other');
  await expect(livePreview.getByLabel('Other device')).toBeVisible();
  await page.getByRole('button', { name: 'Check sample submission' }).click();
  await expect(livePreview.locator('.sample-result')).toContainText('Other device is required');

  await page.getByRole('button', { name: 'Save form as new version' }).click();
  await expect(page.getByText('The form was saved as version 2.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Form versions' }).getByRole('row')).toHaveCount(3);
  await signOut(page);

  // (3) Emma finds it by search and files it.
  await signIn(page, EMMA, /\/catalog$/);
  await page.getByLabel('Search the catalog').fill(name);
  await page.getByLabel('Search the catalog').press('Enter');
  await expect(page).toHaveURL(/\/catalog\?q=/);
  const hit = page.getByRole('link').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('.page-head .markdown strong')).toHaveText('device');

  const form = page.locator('form.request-form');
  await expect(form.getByLabel('Other device')).toBeHidden();
  await form.getByLabel('Device type').selectOption('other');
  const other = form.getByLabel('Other device');
  await expect(other).toBeVisible();
  await form.getByLabel('Needed by').fill(futureDate());

  await page.getByRole('button', { name: 'Submit request' }).click();
  // The message is the one the field names in aria-describedby, so it is read with it.
  const described = (await other.getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId, 'the field names its message').toBeTruthy();
  const otherError = page.locator(`[id="${errorId}"]`);
  await expect(otherError).toContainText('Other device is required');
  await expect(other).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);

  await other.fill('Label printer');
  await expect(otherError).toBeHidden();
  await page.getByRole('button', { name: 'Submit request' }).click();

  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.locator('.ticket-head .status')).toHaveText('Pending approval');
  await expect(page.getByText('Label printer')).toBeVisible();
});

// The category controls follow the grant table the API enforces: a manager (a service
// owner) edits their department's items but not the category tree, so the tree shows
// them no Add, Edit or Delete; an admin sees all three.
test('a manager sees the category tree without the controls only admins may use', async ({ page }) => {
  await signIn(page, 'priya.shah@riverside-hospital.example', /\/approvals$/);
  await page.goto('/admin/catalog');
  const tree = page.getByRole('list', { name: 'Category tree' });
  await expect(tree).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add category' })).toHaveCount(0);
  await expect(tree.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(tree.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/catalog-manager.png', fullPage: true });
  await signOut(page);
  await signIn(page, ALEX, /\/queue$/);
  await page.goto('/admin/catalog');
  await expect(page.getByRole('button', { name: 'Add category' })).toBeVisible();
  await expect(tree.getByRole('button', { name: /^Edit / }).first()).toBeVisible();
});
