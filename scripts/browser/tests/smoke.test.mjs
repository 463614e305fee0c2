// Smoke test of the browser stage: a desk user signs in through the login page in Arabic and in
// English, on a phone and on a desktop, and lands in the app's workspace in their language.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, USERS, WIDTHS, launch, newPage, screenshot, signIn } from "../lib.mjs";

const WORKSPACE_TITLE = { ar: "علاقات المستفيدين", en: "Beneficiary Relations" };
const CARD_TITLE = { ar: "المستفيدون", en: "Beneficiaries" };

let browser;
before(async () => {
	browser = await launch();
});
after(async () => {
	await browser?.close();
});

for (const lang of ["ar", "en"]) {
	for (const width of WIDTHS) {
		test(`desk sign-in in ${lang} at ${width} px`, async () => {
			assert.ok(USERS[lang], `no browser user for ${lang} (AMASS_BROWSER_USERS)`);
			const page = await newPage(browser, { width, lang });
			try {
				await signIn(page, USERS[lang]);
				await page.goto(`${BASE_URL}/app/beneficiary-relations`, { waitUntil: "domcontentloaded" });
				await page.waitForFunction(() => window.frappe?.boot && document.querySelector(".page-head .title-text"));
				await page.waitForFunction(
					(title) => document.querySelector(".page-head .title-text")?.textContent.includes(title),
					WORKSPACE_TITLE[lang],
					{ timeout: 15000 },
				);
				// The workspace's cards render after the page: wait for the registry's card in the language.
				await page.waitForFunction(
					(title) => [...document.querySelectorAll(".widget-title")].some((el) => el.textContent.trim() === title),
					CARD_TITLE[lang],
					{ timeout: 15000 },
				);
				const seen = await page.evaluate(() => ({
					lang: frappe.boot.lang,
					direction: getComputedStyle(document.body).direction,
					overflow: document.documentElement.scrollWidth - window.innerWidth,
				}));
				await page.waitForTimeout(500);
				await screenshot(page, `smoke-desk-${lang}-${width}`);
				assert.equal(seen.lang, lang);
				assert.equal(seen.direction, lang === "ar" ? "rtl" : "ltr");
				assert.ok(seen.overflow <= 1, `the page is ${seen.overflow} px wider than the ${width} px screen`);
				assert.deepEqual(page.uncaughtErrors, []);
			} finally {
				await page.context().close();
			}
		});
	}
}
