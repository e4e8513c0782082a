/**
 * Names from a link are looked up as own properties only (issue 11 §1): `sel=dev.constructor` and
 * the other Object.prototype members name no device, on a built-in or a custom link, opened on
 * load or by hashchange. The app shows "does not exist", keeps working, and throws nothing.
 */
import { encodeFragment } from '../src/url/encode';
import { lectureScenario } from '../src/url/sample';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors } from './pages/ShareTools';

const NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'isPrototypeOf',
];

const custom = encodeFragment({
  source: { kind: 'custom', scenario: lectureScenario(12) },
  step: 3,
});
if (!custom.ok) throw new Error(custom.error);

const LINKS = [
  { kind: 'built-in', base: '#v=1&s=migrate-and-fault-back&t=3' },
  { kind: 'custom', base: custom.fragment },
];

for (const link of LINKS) {
  test(`${link.kind} link: sel=dev.<Object.prototype member> on load and by hashchange`, async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    for (const name of NAMES) {
      const fragment = `${link.base}&sel=dev.${name}`;
      await page.goto('about:blank');
      await app.load(`/${fragment}`);
      await app.transport.expectStep(3);
      // A name the decoder reads as a device is shown as missing; one it refuses selects nothing.
      await expect(app.inspector, name).toContainText(
        /does not exist at this step|Select a PTE, a page frame or a device/,
      );
      await expect(page.getByTestId('view-failed'), name).toHaveCount(0);
      await app.transport.key('ArrowRight');
      await app.transport.expectStep(4);
      expect(errors, name).toEqual([]);
    }
    // By hashchange, from a working app.
    await app.load(`/${link.base}`);
    for (const name of NAMES) {
      await page.evaluate(
        (h) => {
          location.hash = h;
        },
        `${link.base.replace('t=3', 't=2')}&sel=dev.${name}`,
      );
      await expect(app.inspector, name).toContainText(
        /does not exist at this step|Select a PTE, a page frame or a device/,
      );
      await expect(page.getByTestId('view-failed'), name).toHaveCount(0);
      await expect(app.transport.stepCount).toBeVisible();
      expect(errors, name).toEqual([]);
      await page.evaluate((h) => {
        location.hash = h;
      }, link.base);
    }
  });
}
