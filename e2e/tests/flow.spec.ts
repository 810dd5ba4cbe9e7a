// The whole life of a request in the browser, against the real API and seeded demo data:
// a requester asks for a laptop, her unit manager approves it, a technician works it to
// resolution, and the requester confirms and closes it.
import { test, expect, type Locator, type Page } from '@playwright/test';

import { DEMO_PASSWORD as PASSWORD, signIn, signOut } from './session';

const EMMA = 'emma.clarke@riverside-hospital.example';
const PRIYA = 'priya.shah@riverside-hospital.example';
const TOM = 'tom.becker@riverside-hospital.example';

/** A date three weeks ahead, as `<input type="date">` wants it (YYYY-MM-DD). */
function futureDate(): string {
  const d = new Date(Date.now() + 21 * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

/** The status badge in the ticket header. */
function headerStatus(page: Page): Locator {
  return page.locator('.ticket-head .status');
}

/** Clicks a transition button and waits for the header to show the new status. */
async function move(page: Page, button: string, status: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(headerStatus(page)).toHaveText(status);
}

/** Fills every visible, still empty required field of the form with a plausible value. */
async function fillRequired(form: Locator): Promise<void> {
  const fields = form.locator('[required], [aria-required="true"]');
  const count = await fields.count();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible())) continue;
    const tag = await field.evaluate((el) => el.tagName.toLowerCase());
    const type = (await field.getAttribute('type')) ?? '';
    if (tag === 'select') {
      await field.selectOption({ index: 1 });
    } else if (type === 'checkbox') {
      const name = await field.getAttribute('name');
      const ticked = await form.locator(`input[type="checkbox"][name="${name}"]:checked`).count();
      if (ticked === 0) await field.check();
    } else if ((await field.inputValue()) !== '') {
      continue;
    } else if (type === 'date') {
      await field.fill(futureDate());
    } else if (type === 'number') {
      await field.fill('1');
    } else if (type === 'email') {
      await field.fill('someone@riverside-hospital.example');
    } else {
      await field.fill('Needed for the new starter on the ward');
    }
  }
}

test('a laptop request goes from catalog to approval, fulfilment and closure', async ({ page }) => {
  // (1) Emma asks for a new laptop.
  await signIn(page, EMMA, /\/catalog$/);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Catalog',
    'My requests',
  ]);
  await expect(page.getByRole('heading', { name: 'Hardware', exact: true })).toBeVisible();
  const laptopCard = page.getByRole('link').filter({ has: page.getByRole('heading', { name: 'New laptop', exact: true }) });
  await expect(laptopCard.getByText('Needs approval')).toBeVisible();
  await laptopCard.click();
  await expect(page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New laptop');
  await expect(page.getByLabel('Title')).toHaveValue('New laptop');

  const form = page.locator('form.request-form');
  const firstRequired = form.locator('.schema-fields [aria-required="true"]').first();
  await expect(firstRequired).toBeVisible();
  const firstId = await firstRequired.getAttribute('id');
  const firstLabel = (await form.locator(`label[for="${firstId}"]`).innerText()).replace('*', '').trim();

  // Submitting with the required fields empty is stopped in the browser, field by field.
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(form.locator(`#${firstId}-error`)).toHaveText(`${firstLabel} is required`);
  await expect(firstRequired).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Needed by is required')).toBeVisible();
  await expect(page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);

  await fillRequired(form);
  await expect(form.locator(`#${firstId}-error`)).toBeHidden();
  await page.getByLabel('Justification').fill('My current laptop no longer starts.');
  await page.getByRole('button', { name: 'Submit request' }).click();

  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('New laptop');
  const number = /#(\d+)/.exec(await heading.innerText())?.[1];
  expect(number, 'the heading shows the ticket number').toBeTruthy();
  await expect(headerStatus(page)).toHaveText('Pending approval');
  await expect(headerStatus(page)).toHaveClass(/status-pending_approval/);
  await expect(page.getByRole('region', { name: 'Approvals' })).toContainText('Priya Shah');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Filed as Pending approval');
  await expect(page.getByText('My current laptop no longer starts.')).toBeVisible();
  // A requester cannot work her own ticket.
  await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  const ticketUrl = page.url();

  // While it waits for approval she may still edit it (PUT with If-Match).
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Priority').selectOption({ label: 'High' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page.locator('.ticket-head .priority')).toHaveText('High');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Priority: Medium → High');

  // The session survives a reload (silent refresh with the httpOnly cookie).
  await page.reload();
  await expect(heading).toContainText(`#${number}`);
  await signOut(page);

  // Signed out, a ticket address leads to the sign-in page, and signing in returns to it.
  await page.goto(ticketUrl);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('E-mail').fill(PRIYA);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(ticketUrl);
  await expect(heading).toContainText(`#${number}`);

  // (2) Priya, Emma's unit manager, approves it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  const card = page.getByRole('article', { name: new RegExp(`#${number}\\b`) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Emma Clarke');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(`You approved #${number}.`)).toBeVisible();
  await expect(card).toHaveCount(0);
  await signOut(page);

  // (3) Tom, on the service desk, finds it in the queue and works it.
  await signIn(page, TOM, /\/queue$/);
  await page.getByLabel('Search').fill(String(number));
  await page.getByLabel('Search').press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
  await expect(row.locator('.status')).toHaveText('Open');
  await row.getByRole('link', { name: `#${number}`, exact: true }).click();
  await expect(heading).toContainText(`#${number}`);
  await expect(headerStatus(page)).toHaveText('Open');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Pending approval → Open');

  await move(page, 'Assign to me', 'Assigned');
  await expect(page.getByRole('region', { name: 'Details', exact: true })).toContainText('Tom Becker');
  await move(page, 'Start work', 'In progress');

  await page.getByLabel('Add a comment').fill('Your laptop is ready to collect at the IT desk.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByRole('region', { name: /Comments/ })).toContainText('ready to collect');
  await page.getByLabel('Add a comment').fill('Asset RRH-104233 issued from stock.');
  await page.getByLabel('Internal note (staff only)').check();
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByRole('region', { name: /Comments/ })).toContainText('Asset RRH-104233');

  await page.getByLabel('Note', { exact: true }).fill('Standard laptop imaged and handed over.');
  await move(page, 'Resolve', 'Resolved');
  await expect(page.getByText(`#${number} is now resolved.`)).toBeVisible();
  await signOut(page);

  // (4) Emma confirms from "My requests" and closes it.
  await signIn(page, EMMA, /\/catalog$/);
  await page.getByRole('link', { name: 'My requests' }).click();
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  const mine = page.getByRole('row').filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
  await expect(mine.locator('.status')).toHaveText('Resolved');
  await mine.getByRole('link', { name: `#${number}`, exact: true }).click();
  await expect(headerStatus(page)).toHaveText('Resolved');

  const comments = page.getByRole('region', { name: /Comments/ });
  await expect(comments).toContainText('ready to collect');
  await expect(comments).not.toContainText('Asset RRH-104233');

  await expect(page.getByRole('button', { name: 'Reopen', exact: true })).toBeVisible();
  await move(page, 'Close', 'Closed');
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toHaveCount(0);

  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Approval step 1: approved');
  await expect(history).toContainText('Open → Assigned');
  await expect(history).toContainText('Assigned → In progress');
  await expect(history).toContainText('In progress → Resolved');
  await expect(history).toContainText('Resolved → Closed');
  await expect(history).toContainText('Standard laptop imaged and handed over.');
});
