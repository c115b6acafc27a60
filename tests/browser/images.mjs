// Responsive images in a real browser, on a phone-sized screen: the browser picks a resized
// copy, not the 2400 px original; the space is reserved before the image arrives; the image
// far down the page is only fetched when the reader scrolls to it.
// Usage: node images.mjs SITE_DIR
import { serve, launchBrowser, watch, check } from "./harness.mjs";

const site = await serve(process.argv[2]);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 700 }, deviceScaleFactor: 2 });
  const problems = watch(context, site.url, []);
  const page = await context.newPage();
  await page.goto(site.url + "/stories/field/", { waitUntil: "load" });
  const top = await page.evaluate(() => {
    const img = document.querySelector("img[alt='A repaired handpump']");
    return { src: img.currentSrc, width: img.getBoundingClientRect().width, natural: img.naturalWidth };
  });
  check(/top-960w\.jpg$/.test(top.src), `a 390 px screen at 2x gets the 960 px copy (${top.src})`);
  check(site.requests.includes("/stories/field/top-960w.jpg"), "and that is what it downloads");
  const requested = () => site.requests.filter((p) => p.includes("bottom"));
  check(!site.requests.includes("/stories/field/top.jpg"), "the original photo is not downloaded");
  check(requested().length === 0, `the image far down the page is not fetched yet (${requested().join(", ") || "none"})`);
  const reserved = await page.evaluate(() => {
    const img = document.querySelector("img[alt='A committee meeting']");
    const r = img.getBoundingClientRect();
    return { loading: img.loading, ratio: r.width / r.height, complete: img.complete && img.naturalWidth > 0 };
  });
  check(reserved.loading === "lazy" && Math.abs(reserved.ratio - 1.5) < 0.02, `its box already has the photo's 3:2 shape before it loads (${reserved.ratio.toFixed(3)})`);
  await page.locator("img[alt='A committee meeting']").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => { const i = document.querySelector("img[alt='A committee meeting']"); return i.complete && i.naturalWidth > 0; });
  check(requested().some((p) => /bottom-960w\.jpg$/.test(p)), `scrolling to it fetches its 960 px copy (${requested().join(", ")})`);
  const download = await page.locator("a.image-original").first().getAttribute("href");
  check(download === "/stories/field/top.jpg", "the original is offered as a download");
  check(problems.length === 0, `no console errors, failed or external requests${problems.length ? ": " + problems.join("; ") : ""}`);
} finally {
  await browser.close();
  await site.close();
}
