// Satisfaction surveys from their link, in a real browser, without signing in: on a phone (390 px), one
// answered named in Arabic, one anonymously in English, one with JavaScript off; a used, an expired and
// a forged link each get a clear page; the named answer shows on the request's timeline in the desk.
//
// scripts/test.sh prepares the world (tests/browser_setup.py's prepare_survey: delivered requests
// invited by the real dispatch) and passes it as AMASS_BROWSER_SURVEY.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, PASSWORD, launch, newPage, screenshot, signIn } from "../lib.mjs";

const SKIP = process.env.AMASS_BROWSER_SURVEY === undefined && "AMASS_BROWSER_SURVEY is not set (scripts/test.sh sets it)";
let world;
let browser;

before(async () => {
	if (SKIP) return;
	world = JSON.parse(process.env.AMASS_BROWSER_SURVEY || "null");
	assert.ok(world?.named, `prepare_survey gave no world (${process.env.AMASS_BROWSER_SURVEY})`);
	browser = await launch();
});
after(async () => browser?.close());

async function survey(token, { lang = "en", javaScript = true, width = 390 } = {}) {
	const page = await newPage(browser, { width, lang });
	if (!javaScript) {
		await page.context().close();
		const context = await browser.newContext({ viewport: { width, height: 844 }, javaScriptEnabled: false });
		const plain = await context.newPage();
		const response = await plain.goto(`${BASE_URL}/survey/${token}`, { waitUntil: "domcontentloaded" });
		assert.equal(response.status(), 200);
		return plain;
	}
	const errors = [];
	page.on("pageerror", (e) => errors.push(e.message));
	page.errors = errors;
	const response = await page.goto(`${BASE_URL}/survey/${token}`, { waitUntil: "domcontentloaded" });
	assert.equal(response.status(), 200, `the survey page answered ${response.status()}`);
	await page.waitForSelector(".amass-survey");
	return page;
}

async function noOverflow(page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
}

async function send(page) {
	await Promise.all([page.waitForNavigation({ waitUntil: "domcontentloaded" }), page.click(".amass-survey button[type=submit]")]);
	await page.waitForSelector(".amass-survey");
}

test("answered named, in Arabic, on a phone", { skip: SKIP, timeout: 120000 }, async () => {
	const page = await survey(world.named, { lang: "ar" });
	assert.equal(await page.getAttribute(".amass-survey", "dir"), "rtl");
	assert.match(await page.textContent("h1"), /كيف كانت خدمتنا/);
	assert.ok(await page.isChecked('input[name="anonymous"]'), "anonymous is ticked by default");
	await noOverflow(page);
	await screenshot(page, "survey-ar-390", { fullPage: true });
	// Sent without the overall rating: refused beside it, in Arabic, nothing kept.
	await send(page);
	assert.match(await page.textContent('[data-question="overall"] .amass-field-error'), /أجب عن هذا السؤال/);
	await page.click('[data-question="overall"] .amass-choice:has(input[value="4"])');
	await page.fill("#comment", "شكراً على حسن التعامل");
	await page.uncheck('input[name="anonymous"]');
	await send(page);
	assert.match(await page.textContent(".amass-survey"), /أُضيفت إلى طلبك/);
	await screenshot(page, "survey-ar-390-thanks");
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test("answered anonymously, in English", { skip: SKIP, timeout: 120000 }, async () => {
	const page = await survey(world.anonymous, { lang: "en" });
	assert.equal(await page.getAttribute(".amass-survey", "dir"), "ltr");
	await noOverflow(page);
	await screenshot(page, "survey-en-390", { fullPage: true });
	await page.click('[data-question="overall"] .amass-choice:has(input[value="5"])');
	const yesNo = page.locator('.amass-question:has(input[value="Yes"]) .amass-choice:has(input[value="Yes"])');
	if (await yesNo.count()) await yesNo.first().click();
	await send(page);
	assert.match(await page.textContent(".amass-survey"), /kept without your name/);
	await screenshot(page, "survey-en-390-thanks");
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test("answered with JavaScript off: the form is a plain POST", { skip: SKIP, timeout: 120000 }, async () => {
	const page = await survey(world.nojs, { javaScript: false });
	await page.check('[data-question="overall"] input[value="3"]');
	await Promise.all([page.waitForNavigation(), page.click(".amass-survey button[type=submit]")]);
	assert.match(await page.textContent(".amass-survey"), /حُفظت دون اسمك|kept without your name/);
	await page.context().close();
});

test("a used, an expired and a forged link get a clear page", { skip: SKIP, timeout: 120000 }, async () => {
	const cases = [
		[world.named, /أُجيب هذا الاستبيان من قبل/, "survey-used-ar"],
		[world.expired, /has expired/, "survey-expired-en"],
		[`${world.anonymous.slice(0, -3)}xyz`, /not valid|غير صالح/, "survey-forged"],
	];
	for (const [token, words, shot] of cases) {
		const page = await survey(token, { lang: "en" });
		assert.match(await page.textContent("h1"), words, shot);
		await noOverflow(page);
		await screenshot(page, shot);
		await page.context().close();
	}
});

test("the named answer shows on the request's timeline", { skip: SKIP, timeout: 120000 }, async () => {
	const page = await newPage(browser, { width: 1280, lang: "ar" });
	await signIn(page, world.officer, PASSWORD);
	await page.goto(`${BASE_URL}/app/support-request/${world.requests.named}`, { waitUntil: "domcontentloaded" });
	await page.waitForSelector(".new-timeline", { timeout: 30000 });
	await page.waitForFunction(() => /استبيان الرضا/.test(document.querySelector(".new-timeline")?.textContent || ""), null, { timeout: 30000 });
	await page.locator(".new-timeline").scrollIntoViewIfNeeded();
	await screenshot(page, "survey-on-the-request-ar");
	await page.context().close();
});
