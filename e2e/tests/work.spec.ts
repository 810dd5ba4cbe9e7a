// What staff may do, as the browser shows it, against the real API and seeded demo
// data: the ticket page offers exactly the moves the API lists for the reader (none
// for a manager reading a ticket outside her queues, "Assign to me" for a technician
// in his), and an admin sees e-mail delivery among the background jobs.
import { test, expect, type APIRequestContext } from '@playwright/test';

import { DEMO_PASSWORD as PASSWORD, signIn, signOut } from './session';

const ALEX = 'alex.morgan@riverside-hospital.example';
const TOM = 'tom.becker@riverside-hospital.example';
const PRIYA = 'priya.shah@riverside-hospital.example';
const EMMA = 'emma.clarke@riverside-hospital.example';
const API = process.env.E2E_API_URL ?? 'http://127.0.0.1:18080';

/** A bearer token for `email`, from the API. */
async function token(request: APIRequestContext, email: string): Promise<string> {
  const r = await request.post(`${API}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
  expect(r.status()).toBe(200);
  return (await r.json()).data.accessToken;
}

type Detail = { ticket: { id: string; number: number }; allowedTransitions: string[]; editable: boolean };

/** The first open ticket `email` can read whose detail satisfies `wanted`. */
async function openTicket(request: APIRequestContext, email: string, wanted: (d: Detail) => boolean): Promise<Detail> {
  const auth = { Authorization: `Bearer ${await token(request, email)}` };
  const list = await request.get(`${API}/api/v1/tickets?status=open&limit=50`, { headers: auth });
  for (const t of (await list.json()).data) {
    const detail: Detail = (await (await request.get(`${API}/api/v1/tickets/${t.id}`, { headers: auth })).json()).data;
    if (wanted(detail)) return detail;
  }
  throw new Error(`no open ticket of ${email} fits`);
}

test('the ticket page offers exactly the moves the API lists for its reader', async ({ page, request }) => {
  // A manager reads the tickets of her units' people, but works only her queues.
  const outside = await openTicket(request, PRIYA, (d) => d.allowedTransitions.length === 0 && !d.editable);
  await signIn(page, PRIYA, /\/approvals$/);
  await page.goto(`/tickets/${outside.ticket.id}`);
  await expect(page.locator('.ticket-number')).toHaveText(`#${outside.ticket.number}`);
  await expect(page.getByRole('heading', { name: /^Comments/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Next step' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await signOut(page);

  // A technician in the ticket's queue: the moves and the edit the API lists.
  const mine = await openTicket(request, TOM, (d) => d.allowedTransitions.includes('assigned'));
  await signIn(page, TOM, /\/queue/);
  await page.goto(`/tickets/${mine.ticket.id}`);
  await expect(page.getByRole('heading', { name: 'Next step' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Assign to me' })).toBeVisible();
  const buttons = page.locator('section.actions .button-row').getByRole('button');
  await expect(buttons).toHaveCount(mine.allowedTransitions.length);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(mine.editable ? 1 : 0);
});

test('an admin sees e-mail delivery among the background jobs', async ({ page, request }) => {
  const asked = await request.post(`${API}/api/v1/auth/request-password-reset`, { data: { email: EMMA } });
  expect(asked.status()).toBe(202);
  await signIn(page, ALEX, /\/queue/);
  await page.goto('/admin/jobs');
  await expect(page.getByRole('heading', { name: 'Background jobs' })).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Done' });
  // The job runner delivers within a second or two; refresh until it shows.
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.locator('.mail-item').filter({ hasText: 'Send e-mail' }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const done = page.locator('.mail-item').filter({ hasText: 'Send e-mail' }).first();
  await expect(done.locator('.tag')).toHaveText('Done');
  await expect(done.getByRole('button', { name: 'Run again' })).toHaveCount(0);
});
