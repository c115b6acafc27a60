// Search in the reader's language, in a real browser, on the Open Source Guides corpus built as
// a multilingual hub: a French, an Arabic and a Japanese query typed into the header's box find
// the right guide in that language, the interface speaks the page's language, and the search
// page widens to every language on request.
// Usage: node search-languages.mjs SITE_DIR
import { serve, launch, check, settled } from "./harness.mjs";

const site = await serve(process.argv[2]);
const { browser, page, problems } = await launch(site.url);
try {
  const cases = [
    ["fr", "lancer un projet", "/fr/starting-a-project/", /résultat/],
    ["ar", "مدونة السلوك", "/ar/code-of-conduct/", /النتائج/],
    ["ja", "行動規範", "/ja/code-of-conduct/", /\d/],
  ];
  for (const [lang, query, guide, status] of cases) {
    await page.goto(`${site.url}/${lang}/`);
    check((await page.getAttribute("html", "lang")) === lang, `/${lang}/ is in ${lang}`);
    const input = page.locator("#site-search-q");
    await input.click();
    await input.pressSequentially(query, { delay: 30 });
    await page.waitForSelector("#search-results .search-list li a");
    await settled(page);
    const urls = await page.locator("#search-results .search-list li:not(.search-more) a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    check(urls[0].startsWith(guide), `${lang}: "${query}" finds ${guide} first (got ${urls[0]})`);
    check(urls.every((u) => u.startsWith(`/${lang}/`)), `${lang}: results stay in the reader's language`);
    const said = await page.locator("#search-results [role=status]").innerText();
    check(status.test(said), `${lang}: the result count is announced in the page's language: "${said}"`);
  }
  check((await page.getAttribute("html", "dir")) === "ltr", "Japanese pages are left to right");
  await page.goto(`${site.url}/ar/`);
  check((await page.getAttribute("html", "dir")) === "rtl", "Arabic pages are right to left");

  // The French search page searches French; "every language" widens it.
  await page.goto(`${site.url}/fr/search/?q=${encodeURIComponent("行動規範")}`);
  await page.waitForSelector("#search-results [role=status]:not(:empty)");
  const language = page.locator("select[data-facet=lang]");
  await language.waitFor();
  const french = await language.locator("option[value=fr]").innerText();
  check(french.startsWith("Français"), `the language filter names languages in their own words ("${french}")`);
  await language.selectOption("*");
  await page.waitForSelector("#search-results .search-list li a");
  const first = await page.locator("#search-results .search-list li a").first().evaluate((a) => new URL(a.href).pathname);
  check(first.startsWith("/ja/"), `"all languages" finds the Japanese guide from the French search page (${first})`);

  // The corpus links images it does not contain; anything else is a problem.
  const real = problems.filter((p) => !/\/assets\/images\//.test(p));
  check(real.length === 0, `no console errors or failed requests${real.length ? ": " + real.join("; ") : ""}`);
} finally {
  await browser.close();
  await site.close();
}
