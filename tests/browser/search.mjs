// Search in a real browser: type a query, see results, filter by type, open a result.
// Usage: node search.mjs SITE_DIR
import { serve, launch, check, settled } from "./harness.mjs";

const site = await serve(process.argv[2]);
const { browser, page, problems } = await launch(site.url);
try {
  await page.goto(site.url + "/");
  const input = page.locator("#site-search-q");
  await input.click();
  await input.pressSequentially("chlorine", { delay: 40 });
  await page.waitForSelector("#search-results .search-list li a");
  await settled(page);
  const first = await page.locator("#search-results .search-list li").first().innerText();
  check(/chlor/i.test(first), `results appear as you type (first: ${first.split("\n")[0]})`);
  check((await page.locator("#search-results mark").count()) > 0, "matches are highlighted in the snippets");
  const status = await page.locator("#search-results [role=status]").innerText();
  check(/\d+ results?/.test(status), `the result count is announced to screen readers: "${status}"`);

  await input.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest(".search-list") !== null);
  check(focused, "ArrowDown moves focus from the box to the first result");
  await page.keyboard.press("Escape");
  check(await page.evaluate(() => document.activeElement.id === "site-search-q"), "Escape returns to the search box");

  await page.goto(site.url + "/search/?q=water");
  await page.waitForSelector("#search-results .search-list li");
  const before = await page.locator("#search-results .search-list li").count();
  check(before > 1, `the search page reads ?q= and lists ${before} results`);
  const select = page.locator("select[data-facet=type]");
  await select.waitFor();
  const story = await select.locator("option").evaluateAll((os) => (os.find((o) => o.textContent.startsWith("Stories")) || {}).value);
  check(story !== undefined, "the type filter offers Stories with a count");
  await select.selectOption(story);
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results .search-list li .meta")].every((m) => m.textContent.startsWith("Story")));
  const after = await page.locator("#search-results .search-list li").count();
  check(after >= 1 && after < before, `filtering by type narrows ${before} results to ${after} stories`);

  const link = page.locator("#search-results .search-list li a").first();
  const title = (await link.locator(".search-title").innerText()).split(" › ")[0];
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/search/")), link.click()]);
  check((await page.locator("h1").innerText()) === title, `opening a result goes to "${title}"`);

  await page.goto(site.url + "/search/");
  check((await page.locator("#search-page form[role=search]").count()) === 1, "the search page has a form that works without JavaScript");
  check(problems.length === 0, `no console errors, failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
} finally {
  await browser.close();
  await site.close();
}
