// Shared by the browser tests: Debian's chromium through playwright-core, the served test site,
// a sign-in through the real login page, and screenshots to .test-output/browser/.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.AMASS_BROWSER_BASE_URL || "http://127.0.0.1:18123";
export const PASSWORD = process.env.AMASS_BROWSER_PASSWORD || "admin";
export const USERS = JSON.parse(process.env.AMASS_BROWSER_USERS || "{}");
export const OUT_DIR = process.env.AMASS_BROWSER_OUT || new URL("../../.test-output/browser/", import.meta.url).pathname;
export const WIDTHS = [390, 1280];

mkdirSync(OUT_DIR, { recursive: true });

export function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		// As root, without a sandbox; and no calls home, which this machine's closed network refuses.
		args: [
			"--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
		],
	});
}

// A phone (390 px) or a desktop (1280 px) in the given language; `storageState` (from
// context.storageState()) carries a session signed in elsewhere.
export async function newPage(browser, { width, lang, storageState }) {
	const context = await browser.newContext({
		viewport: { width, height: width < 600 ? 844 : 900 },
		locale: lang === "ar" ? "ar-SA" : "en-US",
		isMobile: width < 600,
		hasTouch: width < 600,
		...(storageState ? { storageState } : {}),
	});
	const page = await context.newPage();
	page.uncaughtErrors = [];
	page.on("pageerror", (error) => page.uncaughtErrors.push(String(error)));
	return page;
}

// Signs in through the login page as a person would: type, press the button, land in the desk.
export async function signIn(page, user, password = PASSWORD) {
	await page.goto(`${BASE_URL}/login`, { waitUntil: "domcontentloaded" });
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await Promise.all([
		page.waitForURL(/\/app(\/|$)/, { timeout: 30000 }),
		page.click(".btn-login"),
	]);
}

export async function screenshot(page, name, { fullPage = false } = {}) {
	const file = `${OUT_DIR}${name}.png`;
	await page.screenshot({ path: file, fullPage });
	return file;
}
