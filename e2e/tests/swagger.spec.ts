// Swagger UI, served by the API from vendored files (no network), shows every tag and
// lets an integrator sign in and authorise with the bearer token.
import { test, expect } from '@playwright/test';

const API = process.env.E2E_API_URL ?? 'http://127.0.0.1:18080';

test('Swagger UI documents the API and takes a bearer token', async ({ page, request }) => {
  await page.goto(`${API}/swagger-ui/`);
  await expect(page.getByRole('heading', { name: /Ferrodesk API/ })).toBeVisible();
  for (const tag of ['auth', 'me', 'catalog', 'tickets', 'approvals']) {
    await expect(page.locator(`#operations-tag-${tag}`)).toBeVisible();
  }
  await expect(page.getByText('/api/v1/tickets/{id}/transitions')).toBeVisible();

  const login = await request.post(`${API}/api/v1/auth/login`, {
    data: { email: 'tom.becker@riverside-hospital.example', password: 'ferrodesk-demo-2026' },
  });
  expect(login.ok()).toBeTruthy();
  const token: string = (await login.json()).data.accessToken;

  await page.getByRole('button', { name: 'Authorize' }).first().click();
  const dialog = page.locator('.modal-ux');
  await dialog.locator('input[type="text"]').fill(token);
  await dialog.locator('button.authorize').click(); // its accessible name is "Apply credentials"
  await expect(dialog.getByText('Logout', { exact: true })).toBeVisible();
  await dialog.getByText('Close', { exact: true }).click();

  // An authorised "Try it out" of GET /api/v1/me answers with Tom's profile.
  await page.locator('#operations-me-get_me').click();
  await page.getByRole('button', { name: 'Try it out' }).click();
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect(page.locator('#operations-me-get_me .live-responses-table')).toContainText('tom.becker@riverside-hospital.example');
});
