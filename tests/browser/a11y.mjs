// Reader experience in a real browser, over every page type of the example hub:
// - axe-core finds no WCAG 2.2 AA violation, in the light and in the dark colour scheme;
// - one h1, no skipped heading level, landmarks, a working skip link, alt on every image,
//   a visible focus ring, motion only when the reader has not asked for less;
// - no console error, no failed request, no request leaving the site;
// - with JavaScript turned off, navigation, listings and topic, region and type pages work;
// - printing shows the article alone, with link addresses and the citation;
// - offline reading (when the hub enables it): save a guide, go offline, read it again.
// Usage: node a11y.mjs SITE_DIR
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launchBrowser, watch, axe, check } from "./harness.mjs";

const root = process.argv[2];
const site = await serve(root);
const base = site.url;

// One page of every type. The 404 page is reached through an address that does not exist.
const PAGES = [
  ["home", "/"],
  ["section list", "/guides/"],
  ["event list", "/events/"],
  ["member list", "/members/"],
  ["guide", "/guides/handwashing-stations/"],
  ["story", "/stories/kisumu-chlorine-dispensers/"],
  ["report", "/reports/rural-water-functionality-2025/"],
  ["webinar", "/webinars/chlorination-at-scale/"],
  ["event", "/events/practice-exchange-2027/"],
  ["member", "/members/grace-wanjiru/"],
  ["article", "/articles/recharge-and-village-wells/"],
  ["presentation", "/presentations/sustaining-odf-beyond-year-two/"],
  ["roundtable", "/roundtables/who-pays-for-rural-water-maintenance/"],
  ["about", "/about/"],
  ["topic list", "/topics/"],
  ["topic term", "/topics/water-quality/"],
  ["region term", "/regions/east-africa/"],
  ["author term", "/authors/grace-wanjiru/"],
  ["404", "/no-such-page/"],
  ["search", "/search/?q=water"],
];
const offline = existsSync(join(root, "sw.js"));
if (offline) PAGES.push(["offline", "/offline/"]);

const browser = await launchBrowser();
const failures = [];
function expect(condition, message) {
  if (condition) console.log(`ok - ${message}`);
  else { console.log(`FAIL - ${message}`); failures.push(message); }
}

/** Loads a page; a missing page's own 404 is expected, nothing else may fail. */
async function visit(page, path, problems) {
  const before = problems.length;
  const response = await page.goto(base + path, { waitUntil: "load" });
  if (path === "/no-such-page/") {
    expect(response.status() === 404, "a missing address answers 404 with the 404 page");
    // Drop the expected 404 of the document itself (and Chromium's console line about it).
    const expected = problems.splice(before).filter((p) => !p.includes("/no-such-page/") && !p.includes("404 (Not Found)"));
    problems.push(...expected);
  }
  if (path.startsWith("/search/?q=")) await page.waitForSelector("#search-results .search-list li");
}

/** Structure axe-core leaves to best-practice rules: checked here for every page. */
async function structure(page) {
  return page.evaluate(() => {
    const out = [];
    const h1 = document.querySelectorAll("h1").length;
    if (h1 !== 1) out.push(`${h1} h1 elements`);
    let last = 0;
    for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
      const level = +h.tagName[1];
      if (last && level > last + 1) out.push(`heading level skips from h${last} to h${level} at "${h.textContent.trim().slice(0, 40)}"`);
      last = level;
    }
    for (const [sel, name] of [["header.site-header", "banner"], ["main#main", "main"], ["footer.site-footer", "contentinfo"], ["nav.site-menu", "navigation"]]) {
      if (document.querySelectorAll(sel).length !== 1) out.push(`landmark ${name} (${sel}) missing or repeated`);
    }
    const first = document.querySelector("a[href], button, input, select, textarea");
    if (!first || !first.classList.contains("skip-link") || first.getAttribute("href") !== "#main") out.push("the first focusable element is not the skip link to #main");
    for (const img of document.querySelectorAll("img")) {
      if (!img.hasAttribute("alt")) out.push(`image without alt: ${img.src}`);
    }
    if (!document.documentElement.lang) out.push("no lang on <html>");
    return out;
  });
}

try {
  // ---- Every page type, light and dark: axe, structure, clean network.
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 390, height: 844 } });
    const problems = watch(context, base, []);
    const page = await context.newPage();
    watch(page, base, problems);
    for (const [name, path] of PAGES) {
      await visit(page, path, problems);
      const violations = await axe(page);
      expect(violations.length === 0, `${name} (${path}, ${scheme}): no WCAG 2.2 AA violation${violations.length ? ":\n  " + violations.join("\n  ") : ""}`);
      if (scheme === "light") {
        const wrong = await structure(page);
        expect(wrong.length === 0, `${name}: one h1, heading order, landmarks, skip link, alt text${wrong.length ? ": " + wrong.join("; ") : ""}`);
      }
    }
    expect(problems.length === 0, `${scheme}: no console errors, failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
    await context.close();
  }

  // ---- Every other page of the site, once (light scheme): axe, structure, clean network.
  {
    const seen = new Set(PAGES.map(([, path]) => path));
    const all = [];
    const walk = (dir, prefix) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (entry.name === "index.html") all.push(prefix);
      }
    };
    walk(root, "/");
    const context = await browser.newContext();
    const problems = watch(context, base, []);
    const page = await context.newPage();
    let checked = 0;
    for (const path of all.sort()) {
      if (seen.has(path)) continue;
      const html = readFileSync(join(root, path, "index.html"), "utf8");
      if (html.includes('http-equiv="refresh"')) continue; // alias redirects
      await visit(page, path, problems);
      const wrong = (await axe(page)).concat(await structure(page));
      expect(wrong.length === 0, `${path}: no violation${wrong.length ? ":\n  " + wrong.join("\n  ") : ""}`);
      checked++;
    }
    expect(checked > 50, `${checked} more pages checked`);
    expect(problems.length === 0, `all pages: no console errors, failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
    await context.close();
  }

  // ---- Keyboard: the skip link appears on focus and moves focus to the main content; the
  // focus ring is visible; every control is reachable.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + "/guides/handwashing-stations/");
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
      return { cls: a.className, top: r.top, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(skip.cls === "skip-link" && skip.top >= 0, `Tab first reaches the skip link, which becomes visible (top ${skip.top}px)`);
    expect(skip.outline !== "none" && skip.width >= 2, `the focused element has a visible focus ring (${skip.outline} ${skip.width}px)`);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement.id === "main"), "Enter on the skip link moves focus to the main content");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => document.activeElement.closest("main") !== null);
    expect(next, "the next Tab stays in the main content");
    await context.close();
  }

  // ---- Nothing moves while a page loads (sizes of images reserved, the save button's space
  // kept until it appears): no layout shift on a phone-sized screen.
  {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const path of ["/", "/guides/", "/guides/handwashing-stations/", "/reports/rural-water-functionality-2025/"]) {
      await page.goto(base + path, { waitUntil: "load" });
      await page.waitForTimeout(500);
      const shift = await page.evaluate(() => new Promise((done) => {
        let total = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
          .observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(total), 100);
      }));
      expect(shift === 0, `${path}: no layout shift while loading (${shift.toFixed(4)})`);
    }
    await context.close();
  }

  // ---- Motion: smooth scrolling only for readers who have not asked for reduced motion.
  for (const [motion, want] of [["no-preference", "smooth"], ["reduce", "auto"]]) {
    const context = await browser.newContext({ reducedMotion: motion });
    const page = await context.newPage();
    await page.goto(base + "/guides/handwashing-stations/");
    const got = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    expect(got === want, `prefers-reduced-motion: ${motion} gives scroll-behavior ${got}`);
    await context.close();
  }

  // ---- Without JavaScript: navigation, listings, topic, region and type pages all work.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const problems = watch(context, base, []);
    const page = await context.newPage();
    await page.goto(base + "/");
    const menu = await page.locator("nav.site-menu a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    expect(menu.length >= 5, `the main menu has ${menu.length} links`);
    for (const [label, href] of menu) {
      await page.goto(base + href);
      const h1 = await page.locator("h1").innerText();
      expect(h1.length > 0, `no JS: menu link "${label}" opens a page titled "${h1}"`);
    }
    // Type listings: each has items that link to pages.
    for (const path of ["/guides/", "/stories/", "/reports/", "/webinars/", "/events/", "/members/"]) {
      await page.goto(base + path);
      const cards = await page.locator("main .card h2 a, main .card h3 a").count();
      expect(cards > 0, `no JS: the ${path} listing shows ${cards} items`);
    }
    // Topic list → topic → an item; region list → region → an item.
    for (const taxonomy of ["topics", "regions"]) {
      await page.goto(base + `/${taxonomy}/`);
      const term = page.locator("main .term-list a").first();
      const name = await term.innerText();
      await Promise.all([page.waitForURL((u) => u.pathname !== `/${taxonomy}/`), term.click()]);
      expect((await page.locator("h1").innerText()) === name, `no JS: the ${taxonomy} list opens "${name}"`);
      const item = page.locator("main .card a").first();
      const title = await item.innerText();
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith(`/${taxonomy}/`)), item.click()]);
      expect((await page.locator("h1").innerText()) === title, `no JS: the ${name} page opens "${title}"`);
    }
    // The home page's latest items and topics are plain links.
    await page.goto(base + "/");
    const home = await page.locator("main section.group a, main .chips a").count();
    expect(home > 10, `no JS: the home page links ${home} latest items and topics`);
    // Pagination and the search form degrade to links and a form that submits.
    await page.goto(base + "/search/?q=water");
    expect(await page.locator("#search-page form[role=search] input[name=q]").count() === 1, "no JS: the search page has a form");
    expect(await page.locator("#search-page a[href='/guides/']").count() === 1, "no JS: the search page offers browsing by section");
    // Offline reading needs JavaScript: its button stays hidden.
    if (offline) {
      await page.goto(base + "/guides/handwashing-stations/");
      expect(!(await page.locator(".save-offline").isVisible()), "no JS: the save-for-offline button stays hidden");
    }
    expect(problems.length === 0, `no JS: no failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
    await context.close();
  }

  // ---- Print: the article alone, link addresses shown, the citation kept.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + "/reports/rural-water-functionality-2025/");
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const shown = (sel) => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== "none"; };
      const after = (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el, "::after").content : ""; };
      return {
        nav: shown("nav.site-menu"), search: shown(".site-search"), footer: shown(".site-footer"), related: shown(".related"),
        cite: shown(".cite"), h1: shown("h1"), content: shown(".content"), permalink: shown(".print-only"),
        internal: after(".content a[href^='/']") || after(".downloads a[href^='/']"),
        color: getComputedStyle(document.body).color, bg: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(!printed.nav && !printed.search && !printed.footer && !printed.related, "print: menu, search, footer and related links are left out");
    expect(printed.cite && printed.h1 && printed.content && printed.permalink, "print: title, text, the page's address and the citation block are kept");
    expect(/https?:\/\//.test(printed.internal), `print: links within the site show their full address (${printed.internal})`);
    expect(printed.color === "rgb(0, 0, 0)" && printed.bg === "rgb(255, 255, 255)", "print: black text on white, whatever the screen scheme");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length > 1000, `print: the report prints to a ${pdf.length}-byte PDF`);
    await page.goto(base + "/library/reading-list/");
    const external = await page.evaluate(() => getComputedStyle(document.querySelector(".content a[href^='http']"), "::after").content);
    expect(/\(https?:\/\/[^ ]+\)/.test(external), `print: links to other sites show their address (${external})`);
    await context.close();
  }

  // ---- Offline reading: save a guide, visit a story, lose the connection, read both again.
  if (offline) {
    const context = await browser.newContext();
    const problems = watch(context, base, []);
    const page = await context.newPage();
    await page.goto(base + "/guides/handwashing-stations/");
    await page.evaluate(() => navigator.serviceWorker.ready);
    const button = page.locator("button[data-offline-save]");
    await button.waitFor({ state: "visible" });
    expect((await button.getAttribute("aria-pressed")) === "false", "the guide offers “Save for offline reading”, not yet pressed");
    await button.click();
    await page.waitForFunction(() => document.querySelector("button[data-offline-save]").getAttribute("aria-pressed") === "true");
    const status = await page.locator(".save-offline [role=status]").innerText();
    expect(/Saved/.test(status), `saving is announced: "${status}"`);
    expect((await axe(page)).length === 0, "the pressed save button has no accessibility violation");
    await page.goto(base + "/reports/rural-water-functionality-2025/");
    expect(await page.locator("button[data-offline-save]").isVisible(), "reports have the save button too");
    // The service worker controls pages once it is active: the next visit is kept.
    await page.goto(base + "/stories/kisumu-chlorine-dispensers/");
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto(base + "/stories/kisumu-chlorine-dispensers/");
    await page.waitForTimeout(300);
    const before = problems.length;

    // Chromium's offline emulation does not reach service workers: the server drops
    // connections too, as a lost network would.
    await context.setOffline(true);
    site.setOffline(true);
    await page.goto(base + "/guides/handwashing-stations/");
    expect((await page.locator("h1").innerText()).startsWith("Building and maintaining"), "offline: the saved guide opens");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderBottomStyle === "solid"), "offline: with its stylesheet");
    await page.goto(base + "/stories/kisumu-chlorine-dispensers/");
    expect((await page.locator("h1").innerText()).startsWith("Chlorine dispensers"), "offline: a visited story opens");
    await page.goto(base + "/offline/");
    await page.waitForSelector("#offline-saved li a");
    const saved = await page.locator("#offline-saved li a").allInnerTexts();
    const visited = await page.locator("#offline-visited li a").allInnerTexts();
    expect(saved.some((t) => t.startsWith("Building and maintaining")), `offline: the offline page lists the saved guide (${saved.join(", ")})`);
    expect(visited.some((t) => t.startsWith("Chlorine dispensers")), `offline: and the visited story (${visited.length} visited)`);
    await page.goto(base + "/webinars/financing-household-sanitation/");
    expect(await page.locator("#offline-missing").isVisible(), "offline: a page never visited shows the offline page, which says so");
    problems.splice(before);
    await context.setOffline(false);
    site.setOffline(false);

    await page.goto(base + "/offline/");
    await page.waitForSelector("#offline-saved li button");
    const savedBefore = await page.locator("#offline-saved li").count();
    await page.locator("#offline-saved li button").first().click();
    await page.waitForFunction(() => !document.querySelector("#offline-saved-empty").hidden, null, { timeout: 5000 }).catch(() => {});
    const savedAfter = await page.locator("#offline-saved li").count();
    const cached = await page.evaluate(async () => (await (await caches.open("praxis-saved")).keys()).filter((k) => k.url.endsWith("/guides/handwashing-stations/")).length);
    expect(savedBefore === 1 && savedAfter === 0 && cached === 0, `a saved page can be removed from the offline page (${savedBefore} → ${savedAfter}, ${cached} left in the cache)`);
    expect(problems.length === 0, `offline reading: no console errors, failed or external requests while online${problems.length ? ": " + problems.join("; ") : ""}`);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
check(failures.length === 0, `reader experience: ${failures.length} failure(s)${failures.length ? ":\n" + failures.join("\n") : ""}`);
