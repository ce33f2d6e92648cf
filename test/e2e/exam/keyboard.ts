/** Keyboard-only helpers: reach an element with Tab / Shift+Tab, never with a click or focus(). */
import type { Locator, Page } from 'playwright-core';

/** Presses Tab (or Shift+Tab when the target comes earlier in the page) until `target` has focus. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  await target.waitFor({ state: 'visible' });
  for (let presses = 0; presses <= max; presses++) {
    const where = await target.evaluate((el) => {
      const active = document.activeElement;
      if (el === active) return 'here';
      if (!active || active === document.body) return 'after';
      // DOCUMENT_POSITION_FOLLOWING (4): the target comes after the focused element.
      return active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
    });
    if (where === 'here') return;
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab in ${max} presses: is it keyboard-focusable?`);
}

export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}
