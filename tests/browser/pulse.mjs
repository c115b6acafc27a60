// The community pulse pages in a real browser: axe-core (WCAG 2.1 A and AA) finds nothing on
// the community page, the members directory, its facet pages, a profile and a page with a
// chart; every chart is an image with a name and a description; the facets filter the
// directory with JavaScript turned off.
// Usage: node pulse.mjs SITE_DIR
import { createRequire } from "node:module";
import { serve, launch, check } from "./harness.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

const site = await serve(process.argv[2]);
const { browser, page, problems } = await launch(site.url);
try {
  const pages = ["/community/", "/members/", "/members/expertise/", "/members/expertise/chlorination/",
    "/members/languages/english/", "/members/ana-lima/", "/guides/g1/"];
  for (const path of pages) {
    await page.goto(site.url + path);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const found = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    check(found.length === 0, `axe finds no WCAG A/AA violation on ${path}${found.length ? ": " + found.join("; ") : ""}`);
    const charts = await page.evaluate(() => [...document.querySelectorAll("svg")].map((svg) => {
      const ids = (svg.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
      const texts = ids.map((id) => (document.getElementById(id) || {}).textContent || "");
      const figure = svg.closest("figure");
      return { role: svg.getAttribute("role"), texts, table: !!(figure && figure.querySelector("table caption")) };
    }));
    for (const chart of charts) {
      check(chart.role === "img" && chart.texts.length === 2 && chart.texts.every((t) => t.trim().length > 0) && chart.table,
        `a chart on ${path} is an image named by its title and description, with its data table`);
    }
  }
  await page.goto(site.url + "/community/");
  check((await page.locator("svg[role=img]").count()) === 3, "the community page draws three charts");

  // Filtering without JavaScript: open a facet and follow a value.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await context.newPage();
  await nojs.goto(site.url + "/members/");
  await nojs.locator("summary", { hasText: "Expertise" }).click();
  await Promise.all([nojs.waitForURL(/\/members\/expertise\/chlorination\/$/), nojs.locator("a", { hasText: "chlorination" }).first().click()]);
  const listed = await nojs.locator("main article h2").allInnerTexts();
  check(JSON.stringify(listed) === JSON.stringify(["Ana Lima", "Bo Chen"]), `the chlorination page lists its members without JavaScript: ${listed.join(", ")}`);
  await context.close();

  check(problems.length === 0, `no console errors, failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
} finally {
  await browser.close();
  await site.close();
}
