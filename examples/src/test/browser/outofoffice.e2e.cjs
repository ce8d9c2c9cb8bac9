// End-to-end test of the My Tasks page in headless Chromium, second part: after Ginger set her out-of-office rule
// (first part) the host created an access request for her; it must be in Cyd's list, with the reason in its history,
// and an admin sees everyone's rules and ends Ginger's. Run by MyTasksBrowserTest with BASE, CYD_TOKEN, ADA_TOKEN,
// SHOTS and CHROMIUM in the environment.
'use strict';
const { env, step, signedIn, statusOf, run } = require('./browser.cjs');

run('Out of office browser test', async (browser) => {
  const cyd = await signedIn(browser, env('CYD_TOKEN'));
  await cyd.getByRole('link', { name: 'Approve GitHub admin for Fred', exact: true }).click();
  await cyd.getByRole('heading', { name: 'Approve GitHub admin for Fred — Pending' }).waitFor();
  await cyd.locator('#fields dd', { hasText: 'Cyd.Charisse' }).waitFor();
  await cyd.locator('#history li', {
    hasText: 'reassigned from Ginger.Rogers to Cyd.Charisse by an out-of-office rule (Access Requests; Ginger.Rogers is away)',
  }).waitFor();
  await cyd.screenshot({ path: env('SHOTS') + '/reassigned.png', fullPage: true });
  step('an access request created for Ginger arrived in Cyd\'s list, its history saying why');

  const ada = await signedIn(browser, env('ADA_TOKEN'));
  const status = statusOf(ada);
  await ada.getByRole('link', { name: 'Out of office' }).click();
  await ada.getByText('Rules (2)').waitFor();
  const rule = (who) => ada.locator('#ooo-rules tr', { has: ada.locator('td[data-label="Absent"]', { hasText: who }) });
  await rule('Fred.Astaire').locator('td[data-label="Work"]', { hasText: 'Manual Tasks' }).waitFor();
  await rule('Ginger.Rogers').locator('td[data-label="Goes to"]', { hasText: 'Cyd.Charisse' }).waitFor();
  step('an admin sees everyone\'s rules');
  await ada.getByRole('button', { name: "End Ginger.Rogers's rule for Access Requests" }).click();
  await status("Ended Ginger.Rogers's rule for Access Requests.");
  await ada.getByText('Rules (1)').waitFor();
  await ada.getByLabel('Absent person (name or id)').fill('fred');
  await ada.getByLabel('Work', { exact: true }).selectOption({ label: 'Manual Tasks' });
  await ada.getByLabel('Delegate (name or id)').fill('ginger');
  await ada.getByRole('button', { name: 'Save rule' }).click();
  await status('Saved: Manual Tasks for Fred.Astaire now goes to Ginger.Rogers until the rule is ended');
  await rule('Fred.Astaire').locator('td[data-label="Goes to"]', { hasText: 'Ginger.Rogers' }).waitFor();
  await rule('Fred.Astaire').locator('td[data-label="Last changed"]', { hasText: 'by Ada.Admin' }).waitFor();
  step('an admin ends one person\'s rule and replaces another\'s');
});
