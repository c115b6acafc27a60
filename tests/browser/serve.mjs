// Live reload in a real browser: a tab reloads by itself after an edit, shows an overlay when a
// save breaks the build, and clears it when the file is fixed.
// Usage: node serve.mjs PRAXIS_BINARY HUB_DIR
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, check } from "./harness.mjs";

const [praxis, hub] = process.argv.slice(2);
const server = spawn(praxis, ["--root", hub, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise((ok, fail) => {
  server.stdout.on("data", (d) => { const m = String(d).match(/http:\/\/[^ ]+\//); if (m) ok(m[0]); });
  server.on("exit", () => fail(new Error("praxis serve exited")));
});
const { browser, page, problems } = await launch(url.replace(/\/$/, ""));
const guide = join(hub, "content/guides/a.md");
try {
  await page.goto(url + "guides/a/");
  check((await page.locator("main").innerText()).includes("First version."), "the page is served");
  await page.waitForTimeout(300);

  const reloaded = page.waitForEvent("load", { timeout: 20000 });
  writeFileSync(guide, "---\ntitle: Guide A\n---\nSecond version.\n");
  await reloaded;
  check((await page.locator("main").innerText()).includes("Second version."), "the tab reloads by itself after an edit");

  writeFileSync(guide, "---\ntitle: [broken\n---\nThird.\n");
  await page.waitForSelector("#praxis-error-overlay", { timeout: 20000 });
  const overlay = await page.locator("#praxis-error-overlay").innerText();
  check(overlay.includes("content/guides/a.md:") && overlay.includes("invalid-yaml"), `a broken save shows file, line and code over the page: ${overlay.split("\n").slice(2, 4).join(" ")}`);

  const fixed = page.waitForEvent("load", { timeout: 20000 });
  writeFileSync(guide, "---\ntitle: Guide A\n---\nFixed version.\n");
  await fixed;
  check((await page.locator("#praxis-error-overlay").count()) === 0, "fixing the file clears the overlay");
  check((await page.locator("main").innerText()).includes("Fixed version."), "and shows the fixed page");
  check(problems.filter((p) => !p.includes("__praxis/events")).length === 0, `no console errors or failed requests${problems.length ? ": " + problems.join("; ") : ""}`);
} finally {
  await browser.close();
  server.kill();
}
